// Bank reconciliation (Zahlungen → Zahlungseingänge verbuchen): bank accounts, statement
// imports, transactions with suggestions, bookings and their undo.
import { channel, type Page } from './define';
import { decimalString, idSchema, optionalText, pageInput, z } from './zod-de';
import { isValidIban, normalizeIban } from '../validation';

export const BANK_TX_STATES = ['OPEN', 'BOOKED', 'IGNORED'] as const;
export type BankTxState = (typeof BANK_TX_STATES)[number];
export const BANK_TX_STATE_LABELS: Readonly<Record<BankTxState, string>> = {
  OPEN: 'Offen',
  BOOKED: 'Verbucht',
  IGNORED: 'Ignoriert',
};

export interface BankAccountDto {
  readonly id: number;
  readonly iban: string | null;
  readonly accountIdent: string;
  readonly name: string;
  readonly currency: string;
  readonly datevAccount: string | null;
  readonly active: boolean;
}

export interface BankImportDto {
  readonly id: number;
  readonly bankAccountId: number;
  readonly bankAccountName: string;
  readonly fileName: string;
  readonly format: string;
  readonly variant: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly newCount: number;
  readonly duplicateCount: number;
  readonly rejectedCount: number;
  readonly warnings: readonly string[];
  readonly importedBy: string;
  readonly importedAt: string;
}

export interface BankImportResultDto extends BankImportDto {
  /** Transactions booked automatically right after the import (score ≥ threshold). */
  readonly autoBooked: number;
}

export interface SuggestionAllocationDto {
  readonly invoiceId: number;
  readonly invoiceNumber: string;
  /** Part of this payment for the invoice ("1234.56"). */
  readonly amount: string;
  /** The invoice's open amount before this payment. */
  readonly openAmount: string;
}

export interface SuggestionDto {
  readonly customerId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly allocations: readonly SuggestionAllocationDto[];
  readonly overpayment: string;
}

export interface BankBookingDto {
  readonly id: number;
  readonly kind: 'INVOICE' | 'CREDIT' | 'IGNORE';
  readonly customerId: number | null;
  readonly customerName: string | null;
  readonly invoiceId: number | null;
  readonly invoiceNumber: string | null;
  readonly amount: string;
  readonly automatic: boolean;
  readonly reversed: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface BankTransactionDto {
  readonly id: number;
  readonly bankAccountId: number;
  readonly bookingDate: string;
  readonly valueDate: string | null;
  /** Signed: money in > 0. */
  readonly amount: string;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  readonly remittance: string;
  readonly endToEndId: string | null;
  readonly bankReference: string | null;
  readonly bookingText: string | null;
  readonly state: BankTxState;
  readonly suggestion: SuggestionDto | null;
  readonly bookings: readonly BankBookingDto[];
}

export interface OpenInvoiceDto {
  readonly invoiceId: number;
  readonly invoiceNumber: string;
  readonly customerId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly issueDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  readonly gross: string;
  readonly openAmount: string;
}

export interface MatchResultDto {
  readonly examined: number;
  readonly suggested: number;
  readonly autoBooked: number;
}

const ibanSchema = z
  .string({ error: 'IBAN fehlt' })
  .transform((s) => normalizeIban(s))
  .refine((s) => isValidIban(s), { message: 'IBAN ist ungültig' });

export const bankAccountSchema = z.object({
  iban: ibanSchema,
  name: z.string().trim().min(1, { message: 'Bezeichnung ist ein Pflichtfeld' }).max(100),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'Währung als ISO-Code (z. B. EUR)' }).default('EUR'),
  datevAccount: optionalText(10).refine((s) => s === null || /^\d{4,9}$/.test(s), { message: 'DATEV-Konto: 4 bis 9 Ziffern' }),
});

const csvFieldRef = z.union([z.string().min(1), z.number().int().positive()]);
export const csvMappingSchema = z.object({
  delimiter: z.enum([';', ',', '\t']).optional(),
  columns: z.object({
    bookingDate: csvFieldRef,
    valueDate: csvFieldRef.optional(),
    amount: csvFieldRef.optional(),
    credit: csvFieldRef.optional(),
    debit: csvFieldRef.optional(),
    currency: csvFieldRef.optional(),
    counterpartyName: csvFieldRef.optional(),
    counterpartyIban: csvFieldRef.optional(),
    counterpartyBic: csvFieldRef.optional(),
    remittance: csvFieldRef.optional(),
    bookingText: csvFieldRef.optional(),
    endToEndId: csvFieldRef.optional(),
    bankReference: csvFieldRef.optional(),
  }),
});

const allocationInput = z.object({ invoiceId: idSchema, amount: decimalString });

export const bankChannels = {
  'bank.accounts.list': channel<BankAccountDto[]>()(z.object({}).default({})),
  'bank.accounts.save': channel<BankAccountDto>()(z.object({ id: idSchema.optional(), account: bankAccountSchema })),
  'bank.import': channel<BankImportResultDto>()(
    z.object({
      fileName: z.string().min(1, { message: 'Dateiname fehlt' }).max(260),
      /** The file's bytes, base64-encoded. */
      contentBase64: z.string().min(1, { message: 'Die Datei ist leer.' }),
      bankAccountId: idSchema.optional(),
      mapping: csvMappingSchema.optional(),
      /** Book transactions whose suggestion reaches the threshold right away. */
      autoBook: z.boolean().default(true),
    }),
  ),
  'bank.imports.list': channel<BankImportDto[]>()(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 })),
  'bank.transactions.list': channel<Page<BankTransactionDto>>()(
    z.object({ state: z.enum([...BANK_TX_STATES, 'ALL']).default('OPEN'), ...pageInput }).default({ state: 'OPEN', offset: 0, limit: 50 }),
  ),
  'bank.transactions.get': channel<BankTransactionDto>()(z.object({ id: idSchema })),
  'bank.openInvoices': channel<OpenInvoiceDto[]>()(z.object({ customerId: idSchema.optional(), search: optionalText(100) })),
  'bank.match': channel<MatchResultDto>()(z.object({ auto: z.boolean().default(false) }).default({ auto: false })),
  /** Accept or edit: book the payment on the given invoices; what is left becomes the customer's credit. */
  'bank.book': channel<BankTransactionDto>()(
    z.object({
      transactionId: idSchema,
      allocations: z.array(allocationInput).min(1, { message: 'Mindestens eine Rechnung wählen' }),
    }),
  ),
  /** No invoice: the whole amount as credit (Guthaben) on a chosen customer's account. */
  'bank.bookCredit': channel<BankTransactionDto>()(z.object({ transactionId: idSchema, customerId: idSchema })),
  /** Not a customer payment. */
  'bank.ignore': channel<BankTransactionDto>()(z.object({ transactionId: idSchema })),
  /** Undo the current booking (or the ignore) by counter-entries; the line is open again. */
  'bank.undo': channel<BankTransactionDto>()(z.object({ transactionId: idSchema })),
  'bank.settings.get': channel<{ autoBookThreshold: number }>()(z.object({}).default({})),
  'bank.settings.set': channel<{ autoBookThreshold: number }>()(
    z.object({
      autoBookThreshold: z
        .number({ error: 'Schwelle fehlt' })
        .int({ message: 'Schwelle als ganze Zahl' })
        .min(1, { message: 'Schwelle zwischen 1 und 101 (101 = nie automatisch)' })
        .max(101, { message: 'Schwelle zwischen 1 und 101 (101 = nie automatisch)' }),
    }),
  ),
} as const;
