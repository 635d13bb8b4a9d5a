// §9 "Each transaction is stored once": the key is the bank's reference when there is one,
// else the end-to-end id (with date and amount, because some creditors reuse it monthly),
// else a hash of date, amount, counterparty IBAN and text. Identical lines inside one file
// (two equal card payments on a day) get an occurrence number so both are kept, and the same
// numbering on re-import makes them duplicates again.
import { createHash } from 'node:crypto';
import type { ParsedTransaction } from './parsers/model';

function normText(s: string | null): string {
  return (s ?? '').toUpperCase().replace(/\s+/g, ' ').trim();
}

export function baseDedupKey(account: string, tx: ParsedTransaction): string {
  const amount = tx.amount.toFixed(2);
  // The payments split out of one batch entry share the entry's bank reference; the part id tells them apart.
  const part = tx.batch ? `|${tx.batch.partId}` : '';
  if (tx.bankReference && !/^NONREF$/i.test(tx.bankReference)) return `ref|${account}|${tx.bankReference}${part}|${amount}`;
  if (tx.endToEndId) return `e2e|${account}|${tx.endToEndId}|${tx.bookingDate}|${amount}`;
  const hash = createHash('sha256')
    .update([tx.bookingDate, amount, tx.currency, (tx.counterpartyIban ?? '').toUpperCase(), normText(tx.remittance), normText(tx.counterpartyName)].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
  return `hash|${account}|${hash}`;
}

/** Keys for the transactions of one file, in file order. */
export function dedupKeys(account: string, txs: readonly ParsedTransaction[]): string[] {
  const seen = new Map<string, number>();
  return txs.map((tx) => {
    const base = baseDedupKey(account, tx);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** For a payment split out of a batch entry: the key its whole entry has (or had, before batches were split). */
export function wholeEntryKey(account: string, tx: ParsedTransaction): string | null {
  return tx.batch ? baseDedupKey(account, tx.batch.wholeEntry) : null;
}

export interface StoredKeys {
  /** dedup_key of every stored transaction that might match. */
  readonly transactions: ReadonlySet<string>;
  /** wholeEntryKey of the batch entries stored as their payments. */
  readonly splitEntries: ReadonlySet<string>;
}

/** §9 a booking is stored once, whole or as its payments: a part is a duplicate when its entry was stored whole
 *  (an old import, a file without detail amounts); a whole entry is one when its payments were (camt.054, then .053). */
export function isStored(key: string, wholeKey: string | null, stored: StoredKeys): boolean {
  if (stored.transactions.has(key) || stored.splitEntries.has(key)) return true;
  return wholeKey !== null && stored.transactions.has(wholeKey);
}
