// Customer ledger (DOMAIN §8): Kontobewegungen, manual Gutschrift/Belastung, counter-entries.
import { channel, type Page } from './define';
import { dec } from '../money';
import { decimalString, idSchema, isoDateSchema, pageInput, requiredText, z } from './zod-de';

/** The kinds of customer-account entries (DOMAIN §8), with their German names. */
export const ENTRY_TYPES = ['INVOICE', 'CANCELLATION', 'PAYMENT', 'MANUAL_CREDIT', 'MANUAL_DEBIT', 'DIRECT_DEBIT_RETURN', 'FEE', 'REFUND'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const ENTRY_TYPE_LABELS: Readonly<Record<EntryType, string>> = {
  INVOICE: 'Rechnung',
  CANCELLATION: 'Storno',
  PAYMENT: 'Zahlung',
  MANUAL_CREDIT: 'Gutschrift',
  MANUAL_DEBIT: 'Belastung',
  DIRECT_DEBIT_RETURN: 'Rücklastschrift',
  FEE: 'Gebühr',
  REFUND: 'Erstattung',
};

export const MANUAL_ENTRY_TYPES = ['MANUAL_CREDIT', 'MANUAL_DEBIT'] as const;
export const MANUAL_ENTRY_LABELS: Readonly<Record<(typeof MANUAL_ENTRY_TYPES)[number], string>> = {
  MANUAL_CREDIT: 'Gutschrift',
  MANUAL_DEBIT: 'Belastung',
};

export interface LedgerEntryDto {
  readonly id: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly entryDate: string;
  /** Signed decimal string: debit > 0 (the customer owes), credit < 0. */
  readonly amount: string;
  /** Running balance after this entry (in a list), else null. */
  readonly balance: string | null;
  /** What is not yet allocated (open item or unused credit), positive. */
  readonly open: string;
  readonly text: string;
  readonly reference: string | null;
  readonly invoiceId: number | null;
  readonly invoiceNumber: string | null;
  readonly reversesEntryId: number | null;
  readonly reversed: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface LedgerOverviewDto {
  readonly customerId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly accountId: number;
  /** > 0 the customer owes, < 0 credit. */
  readonly balance: string;
  /** Unallocated credit (Guthaben), positive. */
  readonly credit: string;
  /** Sum of open debit items, positive. */
  readonly openItems: string;
  readonly entries: Page<LedgerEntryDto>;
}

export const ledgerChannels = {
  'ledger.overview': channel<LedgerOverviewDto>()(z.object({ customerId: idSchema, ...pageInput, limit: z.number().int().min(1).max(1000).default(200) })),
  'ledger.book': channel<LedgerEntryDto>()(
    z.object({
      customerId: idSchema,
      type: z.enum(MANUAL_ENTRY_TYPES, { error: 'Art wählen (Gutschrift oder Belastung)' }),
      amount: decimalString.refine((s) => dec(s).greaterThan(0), { message: 'Betrag muss größer als 0 sein' }),
      date: isoDateSchema,
      text: requiredText('Buchungstext', 200),
      reference: z.string().max(100).nullish(),
    }),
  ),
  'ledger.reverse': channel<LedgerEntryDto>()(
    z.object({ entryId: idSchema, date: isoDateSchema, text: z.string().max(200).nullish() }),
  ),
};
