// Billing runs, invoices, storno (DOMAIN §7). Money crosses as plain decimal strings.
import type { TaxTreatment } from './catalog';
import { channel, type Page } from './define';
import { idSchema, isoDateSchema, pageInput, z } from './zod-de';

/** The job that bills (scheduled, from Aufträge and from the Rechnungslauf page); its progress events carry this kind. */
export const BILLING_RUN_JOB = 'billing.run';

export const INVOICE_KINDS = ['INVOICE', 'CANCELLATION', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const INVOICE_KIND_LABELS: Readonly<Record<InvoiceKind, string>> = {
  INVOICE: 'Rechnung',
  CANCELLATION: 'Stornorechnung',
  CREDIT_NOTE: 'Gutschrift',
};
export const INVOICE_STATUSES = ['OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'] as const;
export type InvoiceStatusDto = (typeof INVOICE_STATUSES)[number];
export const INVOICE_STATUS_LABELS: Readonly<Record<InvoiceStatusDto, string>> = {
  OPEN: 'Offen',
  PARTIALLY_PAID: 'Teilweise bezahlt',
  PAID: 'Bezahlt',
  CANCELLED: 'Storniert',
};

/** The company as it was when the document was issued (§ 14 UStG). */
export interface IssuerSnapshotDto {
  readonly name: string;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly taxNumber: string | null;
  readonly vatId: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly bankName: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
}

/** The customer as it was when the document was issued. */
export interface RecipientSnapshotDto {
  readonly customerId: number;
  readonly customerNumber: string;
  readonly name: string;
  readonly contact: string | null;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly vatId: string | null;
  readonly email: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
}

export interface InvoiceLineDto {
  readonly position: number;
  readonly activityId: number | null;
  readonly contractId: number | null;
  readonly articleId: number | null;
  readonly description: string;
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  readonly discountPercent: string | null;
  readonly net: string;
  readonly taxRate: string;
  readonly taxGroupCode: string;
  readonly taxNote: string | null;
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly serviceDate: string | null;
}

export interface InvoiceTaxDto {
  readonly treatment: TaxTreatment;
  readonly rate: string;
  readonly net: string;
  readonly tax: string;
  readonly note: string | null;
}

export interface InvoiceAllocationDto {
  readonly entryId: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly date: string;
  readonly text: string;
  readonly amount: string;
}

export interface InvoiceRowDto {
  readonly id: number;
  readonly number: string;
  readonly kind: InvoiceKind;
  readonly customerId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly contractId: number | null;
  readonly issueDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
  readonly open: string;
  readonly status: InvoiceStatusDto;
}

export interface InvoiceDetailDto extends InvoiceRowDto {
  readonly projectId: number | null;
  readonly contractNumber: string | null;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly issuer: IssuerSnapshotDto;
  readonly recipient: RecipientSnapshotDto;
  readonly notes: readonly string[];
  readonly paymentMethod: string;
  readonly paymentTermsDays: number;
  readonly lines: readonly InvoiceLineDto[];
  readonly taxes: readonly InvoiceTaxDto[];
  /** Customer credit applied when issued ("abzüglich Guthaben"), positive. */
  readonly creditApplied: string;
  readonly amountDue: string;
  readonly refersTo: { readonly id: number; readonly number: string; readonly issueDate: string } | null;
  readonly cancelledBy: { readonly id: number; readonly number: string; readonly issueDate: string } | null;
  readonly allocations: readonly InvoiceAllocationDto[];
  readonly billingRunId: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface BillingRunErrorDto {
  /** 0 for a notice about the run itself (cancelled, stopped by an error), not about one contract. */
  readonly contractId: number;
  readonly contractNumber: string;
  readonly customerName: string;
  readonly reason: string;
}

export interface BillingRunDto {
  readonly id: number;
  readonly kind: 'RUN' | 'INTERIM' | 'REBILL';
  readonly runDate: string;
  readonly contractId: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly actor: string;
  readonly contractsSeen: number;
  readonly invoicesCreated: number;
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
  readonly errors: readonly BillingRunErrorDto[];
  readonly invoiceIds: readonly number[];
}

export interface BillingSettingsDto {
  /** "abzüglich Guthaben": apply the customer's credit to new invoices (default on). */
  readonly applyCredit: boolean;
}

export const INVOICE_SORTS = ['number', 'issueDate', 'customer', 'gross'] as const;

export const billingChannels = {
  /** Bills in the caller's process and answers with the report when done (CLI). */
  'billing.run': channel<BillingRunDto>()(z.object({ date: isoDateSchema })),
  /** Starts the billing job for the Stichtag in the background; progress arrives as job.progress events. */
  'billing.startRun': channel<{ readonly jobRunId: number }>()(z.object({ date: isoDateSchema })),
  /** The report of the run a finished billing job recorded; null while it runs or if it recorded none. */
  'billing.runOfJob': channel<BillingRunDto | null>()(z.object({ jobRunId: idSchema })),
  'billing.interim': channel<BillingRunDto>()(z.object({ contractId: idSchema, date: isoDateSchema.optional() })),
  'billing.settings': channel<BillingSettingsDto>()(z.object({})),
  'billing.saveSettings': channel<BillingSettingsDto>()(z.object({ applyCredit: z.boolean({ error: 'Bitte angeben, ob Guthaben verrechnet wird' }) })),
  'billing.runs': channel<Page<BillingRunDto>>()(z.object({ ...pageInput })),
  'billing.runGet': channel<BillingRunDto>()(z.object({ id: idSchema })),
  'invoices.list': channel<Page<InvoiceRowDto>>()(
    z.object({
      number: z.string().max(40).optional(),
      customerId: idSchema.optional(),
      customer: z.string().max(100).optional(),
      contractId: idSchema.optional(),
      billingRunId: idSchema.optional(),
      status: z.enum(INVOICE_STATUSES).optional(),
      kind: z.enum(INVOICE_KINDS).optional(),
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      sort: z.enum(INVOICE_SORTS).default('number'),
      direction: z.enum(['asc', 'desc']).default('desc'),
      ...pageInput,
    }),
  ),
  'invoices.get': channel<InvoiceDetailDto>()(z.object({ id: idSchema })),
  'invoices.cancel': channel<InvoiceDetailDto>()(z.object({ id: idSchema, date: isoDateSchema.optional() })),
  'invoices.cancelAndRebill': channel<{ readonly cancellation: InvoiceDetailDto; readonly run: BillingRunDto }>()(
    z.object({ id: idSchema, date: isoDateSchema.optional() }),
  ),
};
