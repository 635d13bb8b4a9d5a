// EntitySchemas of the billing tables. Writes go through prepared statements in service.ts
// (hot path, immutable rows); these mappings serve reading through TypeORM where convenient.
import { EntitySchema } from 'typeorm';
import type { TaxTreatment } from '../../shared/api/catalog';

const text = (name: string, nullable = true) => ({ type: 'text' as const, name, nullable });
const int = (name: string, nullable = false) => ({ type: 'integer' as const, name, nullable });

export interface BillingRunRecord {
  id: number;
  kind: 'RUN' | 'INTERIM' | 'REBILL';
  runDate: string;
  contractId: number | null;
  startedAt: string;
  finishedAt: string | null;
  actor: string;
  contractsSeen: number;
  invoicesCreated: number;
  netCents: number;
  taxCents: number;
  grossCents: number;
  errorsJson: string;
}

export const BillingRunEntity = new EntitySchema<BillingRunRecord>({
  name: 'BillingRun',
  tableName: 'billing_run',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    kind: text('kind', false),
    runDate: text('run_date', false),
    contractId: int('contract_id', true),
    startedAt: text('started_at', false),
    finishedAt: text('finished_at'),
    actor: text('actor', false),
    contractsSeen: int('contracts_seen'),
    invoicesCreated: int('invoices_created'),
    netCents: int('net_cents'),
    taxCents: int('tax_cents'),
    grossCents: int('gross_cents'),
    errorsJson: text('errors_json', false),
  },
});

export interface InvoiceRecord {
  id: number;
  number: string;
  kind: 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE';
  customerId: number;
  contractId: number | null;
  projectId: number | null;
  billingRunId: number | null;
  currency: string;
  issueDate: string;
  dueDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  cancelsInvoiceId: number | null;
  issuerJson: string;
  recipientJson: string;
  notesJson: string;
  paymentMethod: string;
  paymentTermsDays: number;
  netCents: number;
  taxCents: number;
  grossCents: number;
  creditAppliedCents: number;
  createdBy: string;
  createdAt: string;
}

export const InvoiceEntity = new EntitySchema<InvoiceRecord>({
  name: 'Invoice',
  tableName: 'invoice',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: text('number', false),
    kind: text('kind', false),
    customerId: int('customer_id'),
    contractId: int('contract_id', true),
    projectId: int('project_id', true),
    billingRunId: int('billing_run_id', true),
    currency: text('currency', false),
    issueDate: text('issue_date', false),
    dueDate: text('due_date'),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    cancelsInvoiceId: int('cancels_invoice_id', true),
    issuerJson: text('issuer_json', false),
    recipientJson: text('recipient_json', false),
    notesJson: text('notes_json', false),
    paymentMethod: text('payment_method', false),
    paymentTermsDays: int('payment_terms_days'),
    netCents: int('net_cents'),
    taxCents: int('tax_cents'),
    grossCents: int('gross_cents'),
    creditAppliedCents: int('credit_applied_cents'),
    createdBy: text('created_by', false),
    createdAt: text('created_at', false),
  },
});

export interface InvoiceLineRecord {
  id: number;
  invoiceId: number;
  position: number;
  activityId: number | null;
  contractId: number | null;
  articleId: number | null;
  description: string;
  quantity: string;
  unit: string;
  unitPriceUnits: number;
  discount: string | null;
  netCents: number;
  taxRate: string;
  taxGroupId: number | null;
  taxGroupCode: string;
  taxTreatment: TaxTreatment;
  taxNote: string | null;
  accountSkr03: string | null;
  accountSkr04: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  serviceDate: string | null;
}

export const InvoiceLineEntity = new EntitySchema<InvoiceLineRecord>({
  name: 'InvoiceLine',
  tableName: 'invoice_line',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    invoiceId: int('invoice_id'),
    position: int('position'),
    activityId: int('activity_id', true),
    contractId: int('contract_id', true),
    articleId: int('article_id', true),
    description: text('description', false),
    quantity: text('quantity', false),
    unit: text('unit', false),
    unitPriceUnits: int('unit_price_units'),
    discount: text('discount'),
    netCents: int('net_cents'),
    taxRate: text('tax_rate', false),
    taxGroupId: int('tax_group_id', true),
    taxGroupCode: text('tax_group_code', false),
    taxTreatment: text('tax_treatment', false),
    taxNote: text('tax_note'),
    accountSkr03: text('account_skr03'),
    accountSkr04: text('account_skr04'),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    serviceDate: text('service_date'),
  },
});

export interface InvoiceTaxRecord {
  id: number;
  invoiceId: number;
  treatment: TaxTreatment;
  rate: string;
  netCents: number;
  taxCents: number;
  note: string | null;
}

export const InvoiceTaxEntity = new EntitySchema<InvoiceTaxRecord>({
  name: 'InvoiceTax',
  tableName: 'invoice_tax',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    invoiceId: int('invoice_id'),
    treatment: text('treatment', false),
    rate: text('rate', false),
    netCents: int('net_cents'),
    taxCents: int('tax_cents'),
    note: text('note'),
  },
});

export interface AllocationRecord {
  id: number;
  creditEntryId: number;
  debitEntryId: number;
  amountCents: number;
  createdAt: string;
}

export const AllocationEntity = new EntitySchema<AllocationRecord>({
  name: 'Allocation',
  tableName: 'allocation',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    creditEntryId: int('credit_entry_id'),
    debitEntryId: int('debit_entry_id'),
    amountCents: int('amount_cents'),
    createdAt: text('created_at', false),
  },
});

export const billingEntities: EntitySchema[] = [BillingRunEntity, InvoiceEntity, InvoiceLineEntity, InvoiceTaxEntity, AllocationEntity] as EntitySchema[];
