// Contracts, subscription items and activities (DOMAIN §6): Kunden und Verträge → Verträge
// (tab "Abo verwalten") and Fakturierung → Leistungen.
import { channel, type Page } from './define';
import { chosenId, decimalString, idSchema, isoDateSchema, optionalText, pageInput, z } from './zod-de';
import { INTERVAL_UNITS, type IntervalUnit } from '../dates';
import { parseDecimal } from '../money';
import { PAYMENT_METHODS, type PaymentMethod } from './customers';

export const CONTRACT_STATUSES = ['FUTURE', 'ACTIVE', 'NOTICE_GIVEN', 'ENDED'] as const;
export type ContractStatusCode = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Readonly<Record<ContractStatusCode, string>> = {
  FUTURE: 'Zukünftig',
  ACTIVE: 'Aktiv',
  NOTICE_GIVEN: 'Gekündigt',
  ENDED: 'Beendet',
};
export const ACTIVITY_ORIGINS = ['SUBSCRIPTION', 'ONE_TIME', 'PRORATION'] as const;
export type ActivityOriginCode = (typeof ACTIVITY_ORIGINS)[number];
export const ACTIVITY_ORIGIN_LABELS: Readonly<Record<ActivityOriginCode, string>> = {
  SUBSCRIPTION: 'Abo',
  ONE_TIME: 'Einmalig',
  PRORATION: 'Anteilig',
};
export const TRIAL_OUTCOME_LABELS: Readonly<Record<'CONTINUE' | 'END', string>> = {
  CONTINUE: 'Vertrag läuft weiter',
  END: 'Vertrag endet',
};
export const ACTIVITY_STATE_LABELS: Readonly<Record<'OPEN' | 'BILLED' | 'VOIDED', string>> = {
  OPEN: 'Nein',
  BILLED: 'Ja',
  VOIDED: 'Storniert',
};

export interface IntervalDto {
  readonly count: number;
  readonly unit: IntervalUnit;
}

export interface SubscriptionItemDto {
  readonly id: number;
  readonly contractId: number;
  readonly articleId: number;
  readonly articleNumber: string;
  readonly articleName: string;
  readonly unit: string;
  /** Plain decimal strings. */
  readonly quantity: string;
  readonly priceOverride: string | null;
  readonly discount: string | null;
  readonly discountFrom: string | null;
  readonly discountUntil: string | null;
  readonly activeFrom: string;
  readonly activeUntil: string | null;
  readonly billFrom: string | null;
}

export interface ContractDto {
  readonly id: number;
  readonly number: string;
  readonly customerId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly projectId: number;
  readonly projectName: string;
  readonly currency: string;
  readonly startDate: string;
  readonly interval: IntervalDto;
  readonly billInAdvance: boolean;
  readonly trial: IntervalDto | null;
  readonly trialOutcome: 'CONTINUE' | 'END';
  readonly minimumTerm: IntervalDto | null;
  readonly renewal: IntervalDto | null;
  readonly notice: IntervalDto | null;
  readonly billedUntil: string | null;
  readonly endDate: string | null;
  readonly endReason: 'NOTICE' | 'TERMINATION' | null;
  readonly noticeReceivedOn: string | null;
  /** null = the customer's payment method. */
  readonly paymentMethod: PaymentMethod | null;
  readonly discount: string | null;
  readonly discountFrom: string | null;
  readonly discountUntil: string | null;
  readonly notes: string | null;
  readonly status: ContractStatusCode;
  /** The day the contract really ends (notice, termination, non-renewing term, trial), or null. */
  readonly effectiveEnd: string | null;
  readonly openActivities: number;
  readonly items: readonly SubscriptionItemDto[];
}

export interface ContractRow {
  readonly id: number;
  readonly number: string;
  readonly customerId: number;
  readonly customerName: string;
  readonly projectName: string;
  readonly startDate: string;
  readonly interval: IntervalDto;
  readonly status: ContractStatusCode;
  readonly effectiveEnd: string | null;
  readonly items: number;
}

export interface ActivityRow {
  readonly id: number;
  readonly contractId: number;
  readonly contractNumber: string;
  readonly customerId: number;
  readonly customerName: string;
  readonly itemId: number | null;
  readonly articleId: number;
  readonly articleNumber: string;
  readonly articleName: string;
  readonly origin: ActivityOriginCode;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly dueDate: string;
  readonly serviceDate: string;
  readonly quantity: string;
  /** 4 decimals. */
  readonly unitPrice: string;
  readonly discount: string;
  /** Line net, 2 decimals; for prorated activities it is not quantity × unit price. */
  readonly net: string;
  readonly currency: string;
  readonly description: string;
  readonly state: 'OPEN' | 'BILLED' | 'VOIDED';
  readonly invoiceId: number | null;
}

export interface ArticleOptionDto {
  readonly articleId: number;
  readonly number: string;
  readonly name: string;
  readonly kind: 'SUBSCRIPTION' | 'ONE_TIME';
  readonly unit: string;
  readonly allowed: boolean;
  /** Why the article is not offered (German), empty when allowed. */
  readonly reasons: readonly string[];
}

export interface GenerationResultDto {
  readonly date: string;
  readonly contracts: number;
  readonly created: number;
  readonly removed: number;
  readonly errors: readonly { readonly contractNumber: string; readonly message: string }[];
}

const intervalSchema = z.object({
  count: z
    .number({ error: 'Anzahl fehlt' })
    .int({ message: 'Anzahl als ganze Zahl angeben' })
    .min(1, { message: 'Anzahl muss mindestens 1 sein' })
    .max(1000, { message: 'Anzahl höchstens 1000' }),
  unit: z.enum(INTERVAL_UNITS as unknown as readonly [IntervalUnit, ...IntervalUnit[]], { error: 'Einheit: Tag, Woche, Monat oder Jahr' }),
});

const optionalDate = z
  .union([isoDateSchema, z.literal(''), z.null()])
  .optional()
  .transform((s) => (s === undefined || s === '' ? null : s));

/** A percentage 0–100 as a decimal string, or null. */
const percentSchema = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s))
  .refine((s) => s === null || parseDecimal(s) !== null, { message: 'Rabatt: keine gültige Zahl' })
  .transform((s) => (s === null ? null : (parseDecimal(s) ?? 0).toString()))
  .refine((s) => s === null || (parseDecimal(s)?.gte(0) === true && parseDecimal(s)?.lte(100) === true), {
    message: 'Rabatt muss zwischen 0 und 100 % liegen',
  });

const optionalPrice = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s))
  .refine((s) => s === null || parseDecimal(s) !== null, { message: 'Preis: keine gültige Zahl' })
  .transform((s) => (s === null ? null : (parseDecimal(s) ?? 0).toString()))
  .refine((s) => s === null || parseDecimal(s)?.gte(0) === true, { message: 'Der Preis darf nicht negativ sein' })
  .refine((s) => s === null || (parseDecimal(s)?.decimalPlaces() ?? 0) <= 4, { message: 'Preis: höchstens 4 Nachkommastellen' });

const windowCheck = (from: string | null, until: string | null) => from === null || until === null || from <= until;

export const contractFieldsSchema = z
  .object({
    customerId: chosenId('Kunde'),
    projectId: chosenId('Projekt'),
    currency: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => /^[A-Z]{3}$/.test(s), { message: 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)' })
      .default('EUR'),
    startDate: isoDateSchema,
    interval: intervalSchema,
    billInAdvance: z.boolean().default(true),
    trial: intervalSchema.nullable().default(null),
    trialOutcome: z.enum(['CONTINUE', 'END']).default('CONTINUE'),
    minimumTerm: intervalSchema.nullable().default(null),
    renewal: intervalSchema.nullable().default(null),
    notice: intervalSchema.nullable().default(null),
    billedUntil: optionalDate,
    paymentMethod: z.enum(PAYMENT_METHODS).nullable().default(null),
    discount: percentSchema,
    discountFrom: optionalDate,
    discountUntil: optionalDate,
    notes: optionalText(4000),
  })
  .superRefine((c, ctx) => {
    if (!windowCheck(c.discountFrom, c.discountUntil)) {
      ctx.addIssue({ code: 'custom', path: ['discountUntil'], message: 'Rabatt bis darf nicht vor Rabatt ab liegen' });
    }
    if (c.billedUntil !== null && c.billedUntil < c.startDate) {
      ctx.addIssue({ code: 'custom', path: ['billedUntil'], message: 'Abgerechnet bis darf nicht vor dem Vertragsbeginn liegen' });
    }
  });
export type ContractInput = z.input<typeof contractFieldsSchema>;
export type ContractFields = z.output<typeof contractFieldsSchema>;

export const itemFieldsSchema = z
  .object({
    articleId: chosenId('Artikel'),
    quantity: decimalString.refine((s) => parseDecimal(s)?.gt(0) === true, {
      message: 'Die Menge eines Abo-Artikels muss größer als 0 sein',
    }),
    priceOverride: optionalPrice,
    discount: percentSchema,
    discountFrom: optionalDate,
    discountUntil: optionalDate,
    activeFrom: isoDateSchema,
    activeUntil: optionalDate,
    billFrom: optionalDate,
  })
  .superRefine((i, ctx) => {
    if (i.activeUntil !== null && i.activeUntil < i.activeFrom) {
      ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: 'Aktiv bis darf nicht vor Aktiv ab liegen' });
    }
    if (!windowCheck(i.discountFrom, i.discountUntil)) {
      ctx.addIssue({ code: 'custom', path: ['discountUntil'], message: 'Rabatt bis darf nicht vor Rabatt ab liegen' });
    }
  });
export type ItemInput = z.input<typeof itemFieldsSchema>;
export type ItemFields = z.output<typeof itemFieldsSchema>;

export const oneTimeFieldsSchema = z.object({
  contractId: idSchema,
  articleId: chosenId('Artikel'),
  quantity: decimalString.refine((s) => !(parseDecimal(s)?.isZero() ?? true), { message: 'Menge darf nicht 0 sein' }),
  date: isoDateSchema,
  description: optionalText(500),
  /** Overrides the resolved catalog price. */
  unitPrice: optionalPrice,
});

export const activityListSchema = z.object({
  contractId: idSchema.optional(),
  contractNumber: z.string().trim().max(40).optional(),
  customerId: idSchema.optional(),
  origin: z.enum(ACTIVITY_ORIGINS).optional(),
  /** true = billed (BILLED or VOIDED), false = not yet billed (OPEN). */
  billed: z.boolean().optional(),
  /** Due date range, inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ...pageInput,
});

export const contractChannels = {
  'contracts.list': channel<Page<ContractRow>>()(
    z.object({ search: z.string().max(100).optional(), customerId: idSchema.optional(), ...pageInput }),
  ),
  'contracts.get': channel<ContractDto>()(z.object({ id: idSchema })),
  'contracts.create': channel<ContractDto>()(z.object({ contract: contractFieldsSchema })),
  'contracts.update': channel<ContractDto>()(z.object({ id: idSchema, contract: contractFieldsSchema })),
  /** Notice received on a date: the end date follows from terms and notice period. */
  'contracts.notice': channel<ContractDto>()(z.object({ id: idSchema, receivedOn: isoDateSchema })),
  /** Extraordinary termination: ends the contract on the given day, prorating the last period. */
  'contracts.terminate': channel<ContractDto>()(z.object({ id: idSchema, endDate: isoDateSchema })),
  'contracts.articleOptions': channel<readonly ArticleOptionDto[]>()(
    z.object({ contractId: idSchema, kind: z.enum(['SUBSCRIPTION', 'ONE_TIME']).default('SUBSCRIPTION') }),
  ),
  'contracts.addItem': channel<ContractDto>()(z.object({ contractId: idSchema, item: itemFieldsSchema })),
  'contracts.updateItem': channel<ContractDto>()(z.object({ itemId: idSchema, item: itemFieldsSchema })),
  /** Removes an item that has never been billed (with its open activities). */
  'contracts.deleteItem': channel<ContractDto>()(z.object({ itemId: idSchema })),
  /** Pausieren: ends the item the day before `from` and adds it again from the day after `until`. */
  'contracts.pauseItem': channel<ContractDto>()(
    z
      .object({ itemId: idSchema, from: isoDateSchema, until: isoDateSchema })
      .refine((p) => p.from <= p.until, { path: ['until'], message: 'Das Pausenende darf nicht vor dem Pausenbeginn liegen' }),
  ),
  /** Upgrade/Downgrade: ends the item the day before `date` and starts the new article/quantity/price on `date`. */
  'contracts.changeItem': channel<ContractDto>()(
    z.object({
      itemId: idSchema,
      date: isoDateSchema,
      articleId: chosenId('Artikel'),
      quantity: itemFieldsSchema.shape.quantity,
      priceOverride: optionalPrice,
      discount: percentSchema,
    }),
  ),
  'activities.list': channel<Page<ActivityRow>>()(activityListSchema),
  /** Leistungen erfassen: a one-time activity with its resolved (or overridden) price. */
  'activities.recordOneTime': channel<ActivityRow>()(oneTimeFieldsSchema),
  'activities.delete': channel<{ readonly deleted: number }>()(z.object({ id: idSchema })),
  'activities.generate': channel<GenerationResultDto>()(z.object({ date: isoDateSchema.optional() })),
  'activities.horizon': channel<{ readonly days: number }>()(z.object({})),
  'activities.setHorizon': channel<{ readonly days: number }>()(
    z.object({
      days: z
        .number({ error: 'Tage fehlen' })
        .int({ message: 'Vorlauf in ganzen Tagen angeben' })
        .min(0, { message: 'Vorlauf darf nicht negativ sein' })
        .max(366, { message: 'Vorlauf höchstens 366 Tage' }),
    }),
  ),
};
