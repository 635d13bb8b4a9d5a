// EntitySchemas of the bank area. The import and matching hot paths use prepared statements on
// the same connection (db.raw); these schemas serve reads and simple writes through TypeORM.
import { EntitySchema } from 'typeorm';

export interface BankAccountRecord {
  id: number;
  iban: string | null;
  accountIdent: string;
  name: string;
  currency: string;
  datevAccount: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BankImportRecord {
  id: number;
  bankAccountId: number;
  fileName: string;
  format: string;
  variant: string;
  encoding: string;
  sha256: string;
  sizeBytes: number;
  originalImportId: number | null;
  newCount: number;
  duplicateCount: number;
  rejectedCount: number;
  logJson: string;
  importedBy: string;
  importedAt: string;
}

export interface BankTransactionRecord {
  id: number;
  bankAccountId: number;
  importId: number;
  dedupKey: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  remittance: string;
  endToEndId: string | null;
  bankReference: string | null;
  bookingText: string | null;
  /** For a payment split out of a batch entry: the dedup key of the whole entry. */
  batchKey: string | null;
  /** 1: never booked automatically (a batch whose parts do not add up). */
  manualOnly: number;
  state: 'OPEN' | 'BOOKED' | 'IGNORED';
  matchScore: number | null;
  matchJson: string | null;
  createdAt: string;
}

export interface BankBookingRecord {
  id: number;
  bankTransactionId: number;
  kind: 'INVOICE' | 'CREDIT' | 'IGNORE';
  customerId: number | null;
  invoiceId: number | null;
  amountCents: number;
  accountEntryId: number | null;
  reversesBookingId: number | null;
  automatic: boolean;
  createdBy: string;
  createdAt: string;
}

const text = (name: string, nullable = true) => ({ type: 'text' as const, name, nullable });
const int = (name: string, nullable = false) => ({ type: 'integer' as const, name, nullable });

export const BankAccountEntity = new EntitySchema<BankAccountRecord>({
  name: 'BankAccount',
  tableName: 'bank_account',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    iban: text('iban'),
    accountIdent: text('account_ident', false),
    name: text('name', false),
    currency: text('currency', false),
    datevAccount: text('datev_account'),
    active: { type: 'boolean', name: 'active' },
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

/** The original bytes (column `original`) are left out on purpose: lists never load them. */
export const BankImportEntity = new EntitySchema<BankImportRecord>({
  name: 'BankImport',
  tableName: 'bank_import',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    bankAccountId: int('bank_account_id'),
    fileName: text('file_name', false),
    format: text('format', false),
    variant: text('variant', false),
    encoding: text('encoding', false),
    sha256: text('sha256', false),
    sizeBytes: int('size_bytes'),
    originalImportId: int('original_import_id', true),
    newCount: int('new_count'),
    duplicateCount: int('duplicate_count'),
    rejectedCount: int('rejected_count'),
    logJson: text('log_json', false),
    importedBy: text('imported_by', false),
    importedAt: text('imported_at', false),
  },
});

export const BankTransactionEntity = new EntitySchema<BankTransactionRecord>({
  name: 'BankTransaction',
  tableName: 'bank_transaction',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    bankAccountId: int('bank_account_id'),
    importId: int('import_id'),
    dedupKey: text('dedup_key', false),
    bookingDate: text('booking_date', false),
    valueDate: text('value_date'),
    amountCents: int('amount_cents'),
    currency: text('currency', false),
    counterpartyName: text('counterparty_name'),
    counterpartyIban: text('counterparty_iban'),
    counterpartyBic: text('counterparty_bic'),
    remittance: text('remittance', false),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    bookingText: text('booking_text'),
    batchKey: text('batch_key'),
    manualOnly: int('manual_only'),
    state: text('state', false),
    matchScore: int('match_score', true),
    matchJson: text('match_json'),
    createdAt: text('created_at', false),
  },
});

export const BankBookingEntity = new EntitySchema<BankBookingRecord>({
  name: 'BankBooking',
  tableName: 'bank_booking',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    bankTransactionId: int('bank_transaction_id'),
    kind: text('kind', false),
    customerId: int('customer_id', true),
    invoiceId: int('invoice_id', true),
    amountCents: int('amount_cents'),
    accountEntryId: int('account_entry_id', true),
    reversesBookingId: int('reverses_booking_id', true),
    automatic: { type: 'boolean', name: 'automatic' },
    createdBy: text('created_by', false),
    createdAt: text('created_at', false),
  },
});

export const bankEntities = [BankAccountEntity, BankImportEntity, BankTransactionEntity, BankBookingEntity] as EntitySchema[];
