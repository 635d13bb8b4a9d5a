// One normalized model for every statement format (CAMT, MT940, CSV): the import service and
// the matching rules only ever see this shape.
import type { Decimal } from '../../../shared/money';
import type { IsoDate } from '../../../shared/dates';

export type StatementFormat = 'CAMT.052' | 'CAMT.053' | 'CAMT.054' | 'MT940' | 'CSV';

export interface ParsedTransaction {
  readonly bookingDate: IsoDate;
  readonly valueDate: IsoDate | null;
  /** Signed: credit (money in) > 0, debit (money out) < 0. */
  readonly amount: Decimal;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  readonly counterpartyBic: string | null;
  /** Verwendungszweck as one line of text. */
  readonly remittance: string;
  readonly endToEndId: string | null;
  /** The bank's own reference for this booking (AcctSvcrRef, MT940 //bank reference, PayPal Transaktionscode). */
  readonly bankReference: string | null;
  /** Buchungstext / Umsatzart / GV text. */
  readonly bookingText: string | null;
  /** Where it stands in the file, for messages: "Zeile 22", "Auszug S1, Buchung 3". */
  readonly source: string;
  /** One payment of a batch entry (CAMT <Ntry> with several <TxDtls>) that was split into its payments. */
  readonly batch?: BatchPart;
  /** Never booked automatically: a batch entry whose payments could not be read, kept whole (its money may be several customers'). */
  readonly manualOnly?: boolean;
}

export interface BatchPart {
  /** The entry as one transaction, as it was stored before batches were split (see rules-dedup). */
  readonly wholeEntry: ParsedTransaction;
  /** Tells the parts of one entry apart: the detail's own reference, else its position. */
  readonly partId: string;
}

export interface ParsedBalance {
  readonly amount: Decimal;
  readonly date: IsoDate | null;
  readonly currency: string;
}

export interface ParsedStatement {
  readonly accountIban: string | null;
  /** Account identification when it is not an IBAN (BLZ/Konto, <Othr><Id>). */
  readonly accountId: string | null;
  readonly currency: string;
  readonly statementId: string | null;
  readonly openingBalance: ParsedBalance | null;
  readonly closingBalance: ParsedBalance | null;
  readonly transactions: readonly ParsedTransaction[];
}

export interface ParsedFile {
  readonly format: StatementFormat;
  /** e.g. "camt.053.001.02", "Sparkasse (CSV-CAMT V2)". */
  readonly variant: string;
  readonly statements: readonly ParsedStatement[];
  /** German warnings the user sees in the import log (wrong balance, pending items, …). */
  readonly warnings: readonly string[];
}

export function allTransactions(file: ParsedFile): ParsedTransaction[] {
  return file.statements.flatMap((s) => s.transactions);
}
