// Pure ledger rules (DOMAIN §8): which entry types debit or credit the customer, the signed
// amount stored (debit > 0, credit < 0), running balances and the customer's credit.
import type { IsoDate } from '../../shared/dates';
import { compareDates } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { Decimal, ZERO, sum } from '../../shared/money';

import { ENTRY_TYPE_LABELS, ENTRY_TYPES, type EntryType } from '../../shared/api/ledger';

export { ENTRY_TYPE_LABELS, ENTRY_TYPES, type EntryType };

export const DEBIT_TYPES: readonly EntryType[] = ['INVOICE', 'MANUAL_DEBIT', 'DIRECT_DEBIT_RETURN', 'FEE', 'REFUND'];
export const CREDIT_TYPES: readonly EntryType[] = ['CANCELLATION', 'PAYMENT', 'MANUAL_CREDIT'];


export function isDebitType(type: EntryType): boolean {
  return DEBIT_TYPES.includes(type);
}

/**
 * The signed amount stored for an entry: debits positive, credits negative. The amount given
 * is what the user types (positive). An INVOICE of a credit note (negative gross) and the
 * counter-entry of a mistake (`reverses`) flip the sign by passing a negative amount.
 */
export function signedAmount(type: EntryType, amount: Decimal): Decimal {
  return isDebitType(type) ? amount : amount.negated();
}

/** A manual Gutschrift/Belastung needs a positive amount with at most 2 decimals and a text. */
export function checkManualEntry(input: { amount: Decimal; text: string }): void {
  if (!input.amount.isPositive() || input.amount.isZero()) {
    throw new AppError('VALIDATION', 'Betrag muss größer als 0 sein', { fields: { amount: 'Betrag muss größer als 0 sein' } });
  }
  if (input.amount.decimalPlaces() > 2) {
    throw new AppError('VALIDATION', 'Betrag hat höchstens 2 Nachkommastellen', { fields: { amount: 'Betrag hat höchstens 2 Nachkommastellen' } });
  }
  if (input.text.trim() === '') throw new AppError('VALIDATION', 'Buchungstext fehlt', { fields: { text: 'Buchungstext fehlt' } });
}

/**
 * A counter-entry ("Gegenbuchung") asked for on the customer account. An entry booked from a bank
 * line is undone on that line instead: the bank undo counter-books it and reopens the line, while
 * a counter-entry made here would leave the line BOOKED and its undo impossible.
 */
export function checkLedgerReversal(entry: { readonly bankTransactionId: number | null }): void {
  if (entry.bankTransactionId === null) return;
  throw new AppError(
    'CONFLICT',
    'Diese Buchung stammt aus einem Zahlungseingang der Bank und wird dort rückgängig gemacht: Zahlungen → Zahlungseingänge verbuchen → Umsatz wählen → „Rückgängig (Gegenbuchung)“. So wird auch der Umsatz wieder offen.',
    { bankTransactionId: entry.bankTransactionId },
  );
}

export interface EntryLike {
  readonly id: number;
  readonly date: IsoDate;
  /** Signed: debit > 0, credit < 0. */
  readonly amount: Decimal;
}

/** Entries in booking order (date, then id) with the balance after each. */
export function withRunningBalance<E extends EntryLike>(entries: readonly E[], opening: Decimal = ZERO): (E & { balance: Decimal })[] {
  const sorted = [...entries].sort((a, b) => compareDates(a.date, b.date) || a.id - b.id);
  let balance = opening;
  return sorted.map((e) => {
    balance = balance.plus(e.amount);
    return { ...e, balance };
  });
}

/** Balance > 0: the customer owes; < 0: the customer has credit (Guthaben). */
export function balanceOf(entries: readonly { amount: Decimal }[]): Decimal {
  return sum(entries.map((e) => e.amount));
}

/** Guthaben = the unallocated part of the customer's credit entries. */
export function availableCredit(credits: readonly { amount: Decimal; allocated: Decimal }[]): Decimal {
  return sum(credits.map((c) => c.amount.abs().minus(c.allocated))).clampedTo(ZERO, new Decimal('1e30'));
}
