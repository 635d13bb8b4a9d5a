import { channel, type Page } from './define';
import { bicText, idSchema, optionalText, pageInput, refineZip, z } from './zod-de';
import { isPlausibleVatId, isValidIban, normalizeIban, normalizeVatId } from '../validation';

export const CUSTOMER_KINDS = ['COMPANY', 'PERSON'] as const;
export const PAYMENT_METHODS = ['TRANSFER', 'DIRECT_DEBIT', 'CREDIT_CARD', 'PAYPAL'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  TRANSFER: 'Überweisung',
  DIRECT_DEBIT: 'Lastschrift',
  CREDIT_CARD: 'Kreditkarte',
  PAYPAL: 'PayPal',
};

export interface CustomerDto {
  readonly id: number;
  readonly number: string;
  readonly kind: (typeof CUSTOMER_KINDS)[number];
  readonly companyName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** Company name, else "Vorname Nachname". */
  readonly displayName: string;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly vatId: string | null;
  readonly language: 'de' | 'en';
  readonly paymentMethod: PaymentMethod;
  readonly paymentTermsDays: number;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly notes: string | null;
  readonly debitorAccount: string;
  readonly collectiveInvoicing: boolean;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type CustomerRow = Pick<
  CustomerDto,
  'id' | 'number' | 'displayName' | 'email' | 'zip' | 'city' | 'active'
>;

export const customerFieldsSchema = z
  .object({
    number: optionalText(30),
    kind: z.enum(CUSTOMER_KINDS).default('COMPANY'),
    companyName: optionalText(200),
    firstName: optionalText(100),
    lastName: optionalText(100),
    street: optionalText(200),
    zip: optionalText(20),
    city: optionalText(100),
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, { message: 'Land als ISO-Code mit zwei Buchstaben (z. B. DE)' })
      .default('DE'),
    email: optionalText(200).refine((s) => s === null || z.email().safeParse(s).success, {
      message: 'E-Mail-Adresse ist ungültig',
    }),
    phone: optionalText(50),
    vatId: optionalText(20)
      .transform((s) => (s === null ? null : normalizeVatId(s)))
      .refine((s) => s === null || isPlausibleVatId(s), {
        message: 'USt-IdNr. hat nicht die richtige Form (z. B. DE123456789)',
      }),
    language: z.enum(['de', 'en']).default('de'),
    paymentMethod: z.enum(PAYMENT_METHODS).default('TRANSFER'),
    paymentTermsDays: z
      .number({ error: 'Zahlungsziel in Tagen angeben' })
      .int({ message: 'Zahlungsziel in ganzen Tagen angeben' })
      .min(0, { message: 'Zahlungsziel darf nicht negativ sein' })
      .max(365, { message: 'Zahlungsziel höchstens 365 Tage' })
      .default(14),
    iban: optionalText(42)
      .transform((s) => (s === null ? null : normalizeIban(s)))
      .refine((s) => s === null || isValidIban(s), { message: 'IBAN ist ungültig (Prüfziffer stimmt nicht)' }),
    bic: bicText(),
    notes: optionalText(4000),
    debitorAccount: optionalText(9).refine((s) => s === null || /^\d{4,9}$/.test(s), {
      message: 'Debitorenkonto: 4 bis 9 Ziffern',
    }),
    collectiveInvoicing: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    refineZip(c, ctx);
    if (c.kind === 'COMPANY' && c.companyName === null) {
      ctx.addIssue({ code: 'custom', path: ['companyName'], message: 'Firma ist ein Pflichtfeld' });
    }
    if (c.kind === 'PERSON' && c.lastName === null) {
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Nachname ist ein Pflichtfeld' });
    }
  });
export type CustomerInput = z.input<typeof customerFieldsSchema>;
export type CustomerFields = z.output<typeof customerFieldsSchema>;

export const CUSTOMER_SORTS = ['number', 'name', 'city', 'email'] as const;

export interface AccountEntryDto {
  readonly id: number;
  readonly type: string;
  readonly entryDate: string;
  /** Signed decimal string: debit > 0 (the customer owes), credit < 0. */
  readonly amount: string;
  /** Running balance after this entry. */
  readonly balance: string;
  readonly text: string;
  readonly reference: string | null;
  readonly invoiceId: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface CustomerAccountDto {
  readonly id: number;
  readonly number: string;
  readonly customerId: number;
  /** Sum of all entries: > 0 the customer owes, < 0 credit (Guthaben). */
  readonly balance: string;
  readonly entries: readonly AccountEntryDto[];
}

export const customerChannels = {
  'customers.list': channel<Page<CustomerRow>>()(
    z.object({
      search: z.string().max(100).optional(),
      sort: z.enum(CUSTOMER_SORTS).default('name'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      includeInactive: z.boolean().default(false),
      ...pageInput,
    }),
  ),
  'customers.get': channel<CustomerDto>()(z.object({ id: idSchema })),
  'customers.create': channel<CustomerDto>()(z.object({ customer: customerFieldsSchema })),
  'customers.update': channel<CustomerDto>()(z.object({ id: idSchema, customer: customerFieldsSchema })),
  'customers.setActive': channel<CustomerDto>()(z.object({ id: idSchema, active: z.boolean() })),
  'customers.accounts': channel<readonly CustomerAccountDto[]>()(z.object({ customerId: idSchema })),
};
