// DTOs of the DATEV area. The export service reads the real ledger (account_entry, invoice,
// invoice_line, invoice_tax, allocation, bank tables) into these plain objects; the pure
// booking rules (rules.ts) turn them into DATEV bookings and the writer (writer.ts) into files.
import type { TaxTreatment } from '../../shared/api/catalog';
import type { IsoDate } from '../../shared/dates';
import type { Decimal } from '../../shared/money';

export type Chart = 'SKR03' | 'SKR04';

/** How the debitor account of a customer is found (Einstellungen → DATEV → Debitoren). */
export type DebitorMode =
  /** The customer's own DATEV debitor account (derived from the customer number, overridable on the customer). */
  | 'CUSTOMER'
  /** Range start + the digits of the customer number (K00042 → 10042 with range 10000–69999). */
  | 'NUMBER'
  /** One collective debitor for every customer (Sammeldebitor). */
  | 'SINGLE';

export interface RevenueAccount {
  readonly account: string;
  /** BU-Schlüssel; empty on automatic accounts (sending a key there is a classic import error). */
  readonly buKey: string;
}

export interface DatevSettings {
  /** Beraternummer 1001–9999999. */
  readonly consultantNumber: number;
  /** Mandantennummer 1–99999. */
  readonly clientNumber: number;
  /** First day of the fiscal year as "MM-DD" (01-01 for the calendar year). */
  readonly fiscalYearStart: string;
  readonly chart: Chart;
  /** Sachkontenlänge 4–8; personal accounts have one digit more. */
  readonly accountLength: number;
  /** Bank account (G/L) for payments, returns and refunds without a bank account of their own. */
  readonly bankAccount: string;
  /** Revenue account per tax group code (DE_STANDARD, DE_REDUCED, DE_SMALL_BUSINESS, EU_REVERSE_CHARGE, NON_EU, …). */
  readonly revenueAccounts: Readonly<Record<string, RevenueAccount>>;
  /** Contra account of a manual Gutschrift that did not come from the bank (Erlösschmälerung). */
  readonly manualCreditAccount: string;
  /** Contra account of a manual Belastung. */
  readonly manualDebitAccount: string;
  /** Contra account of fees charged to the customer (e.g. Rücklastschriftgebühr). */
  readonly feeAccount: string;
  readonly debitorMode: DebitorMode;
  readonly debitorRangeFrom: string;
  readonly debitorRangeTo: string;
  readonly singleDebitor: string;
  /** Festschreibung (header field 21, column 114): lock the bookings after import. */
  readonly lockBookings: boolean;
  /** Diktatkürzel, ≤ 2 characters. */
  readonly initials: string;
  /** Base currency of the batches (header field 22). */
  readonly currency: string;
}

export interface DatevCustomer {
  readonly id: number;
  readonly number: string;
  readonly kind: 'COMPANY' | 'PERSON';
  readonly companyName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly vatId: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly language: string | null;
  readonly paymentTermsDays: number | null;
  /** The debitor account stored on the customer (mode CUSTOMER). */
  readonly debitorAccount: string | null;
}

/** Net and tax of one revenue account and rate of a document, signed like the document (storno < 0). */
export interface DocumentPart {
  readonly taxGroupCode: string;
  /** As issued (invoice line snapshot): reverse charge puts the customer's VAT ID in column 40. */
  readonly treatment: TaxTreatment;
  /** Rate in percent, e.g. "19". */
  readonly rate: string;
  /** Account snapshot on the invoice line for the chart (product-group override), else null → settings. */
  readonly account: string | null;
  readonly net: Decimal;
  readonly tax: Decimal;
}

/** An INVOICE or CANCELLATION ledger entry with its document (invoice, Stornorechnung or Gutschrift). */
export interface DocumentEntry {
  readonly source: 'DOCUMENT';
  readonly entryId: number;
  readonly documentKind: 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE';
  readonly date: IsoDate;
  readonly number: string;
  /** For a cancellation: the number of the invoice it cancels (open-item matching in DATEV). */
  readonly cancelsNumber: string | null;
  readonly customer: DatevCustomer;
  /** Customer's VAT ID as printed on the document (recipient snapshot). */
  readonly recipientVatId: string | null;
  readonly currency: string;
  readonly dueDate: IsoDate | null;
  /** Leistungsdatum: the end of the service period, or the issue date. */
  readonly serviceDate: IsoDate | null;
  readonly parts: readonly DocumentPart[];
}

export type OtherEntryType = 'PAYMENT' | 'MANUAL_CREDIT' | 'MANUAL_DEBIT' | 'DIRECT_DEBIT_RETURN' | 'FEE' | 'REFUND';

/** Any other ledger entry: payments, manual bookings, fees, returns, refunds and their reversals. */
export interface MoneyEntry {
  readonly source: 'ENTRY';
  readonly entryId: number;
  readonly type: OtherEntryType;
  readonly date: IsoDate;
  /** Signed as in the ledger: debit of the customer > 0, credit < 0. */
  readonly amount: Decimal;
  readonly text: string;
  readonly reference: string | null;
  readonly customer: DatevCustomer;
  /** The money's currency: the bank transaction's, else the allocated invoices', else the batch currency. */
  readonly currency: string;
  /** G/L account of the bank account the money went through, when known (bank import). */
  readonly bankAccount: string | null;
  /** True when the entry came from a bank transaction (a Gutschrift from the bank is money received). */
  readonly viaBank: boolean;
  /**
   * A Gegenbuchung (counter-entry) of an earlier entry: its allocations are the reversed entry's,
   * so DATEV re-opens the same invoices the original cleared.
   */
  readonly reversal: boolean;
  /** Invoice numbers the entry was allocated to, with amounts (positive); the rest stays unassigned. */
  readonly allocations: readonly { readonly invoiceNumber: string; readonly amount: Decimal }[];
}

export type LedgerItem = DocumentEntry | MoneyEntry;

export type Side = 'S' | 'H';

/** One line of the Buchungsstapel, before formatting. */
export interface DatevBooking {
  /** Ledger entry the line comes from (export history). */
  readonly entryId: number;
  /**
   * The amount, positive, in whole cents. Ledger amounts have whole cents, so an integer holds
   * them exactly (toCents refuses anything else); a 100 000-line export then makes no Decimal
   * per line, and the writer and the account sums use the cents as they are.
   */
  readonly cents: number;
  readonly side: Side;
  readonly currency: string;
  readonly account: string;
  readonly contraAccount: string;
  readonly buKey: string;
  readonly date: IsoDate;
  readonly belegfeld1: string;
  readonly text: string;
  readonly beleginfo: readonly (readonly [string, string])[];
  readonly euVatId: string;
  readonly serviceDate: IsoDate | null;
  readonly dueDate: IsoDate | null;
  readonly guid: string;
}

export type WarningCode = 'CHARSET' | 'TRUNCATED' | 'MISSING_VAT_ID' | 'FOREIGN_CURRENCY' | 'ACCOUNT' | 'ZERO_AMOUNT' | 'OUTSIDE_RANGE';

export interface DatevWarning {
  readonly code: WarningCode;
  readonly message: string;
}
