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
