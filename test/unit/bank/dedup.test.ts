import { describe, expect, it } from 'vitest';
import { dec } from '../../../shared/money';
import { baseDedupKey, dedupKeys, isStored, wholeEntryKey } from '../../../main/bank/rules-dedup';
import type { ParsedTransaction } from '../../../main/bank/parsers/model';

const base: ParsedTransaction = {
  bookingDate: '2026-11-27',
  valueDate: '2026-11-27',
  amount: dec('119.00'),
  currency: 'EUR',
  counterpartyName: 'Müller GmbH',
  counterpartyIban: 'DE89370400440532013000',
  counterpartyBic: null,
  remittance: 'RE-2026-000101',
  endToEndId: null,
  bankReference: null,
  bookingText: null,
  source: 'Zeile 2',
};

describe('§9 dedup keys', () => {
  it('uses the bank reference first, then the end-to-end id, else a hash of date, amount, IBAN and text', () => {
    const [ref, e2e, hash] = dedupKeys('ACC', [{ ...base, bankReference: 'B1', endToEndId: 'E1' }, { ...base, endToEndId: 'E1' }, base]);
    expect(ref).toBe('ref|ACC|B1|119.00');
    expect(e2e).toBe('e2e|ACC|E1|2026-11-27|119.00');
    expect(hash).toMatch(/^hash\|ACC\|[0-9a-f]{32}$/);
  });

  it('the same transaction read again (other whitespace/case in the text) has the same key', () => {
    expect(dedupKeys('ACC', [base])).toEqual(dedupKeys('ACC', [{ ...base, remittance: ' re-2026-000101  ' }]));
  });

  it('two identical lines in one file are both kept, and re-importing gives the same two keys', () => {
    const keys = dedupKeys('ACC', [base, base]);
    expect(new Set(keys).size).toBe(2);
    expect(dedupKeys('ACC', [base, base])).toEqual(keys);
  });

  it('differs when date, amount or IBAN differ', () => {
    const keys = dedupKeys('ACC', [base, { ...base, amount: dec('119.01') }, { ...base, bookingDate: '2026-11-28' }, { ...base, counterpartyIban: null }]);
    expect(new Set(keys).size).toBe(4);
  });

  describe('payments split out of one batch entry', () => {
    const whole: ParsedTransaction = { ...base, amount: dec('178.50'), bankReference: 'BATCH-1', counterpartyName: null, counterpartyIban: null, source: 'Auszug S1, Buchung 1' };
    const part = (partId: string, amount: string, name: string): ParsedTransaction => ({
      ...base,
      amount: dec(amount),
      counterpartyName: name,
      bankReference: 'BATCH-1',
      source: `Auszug S1, Buchung 1, Einzelumsatz ${partId}`,
      batch: { wholeEntry: whole, partId },
    });

    it('share the entry\'s bank reference but get a key each, the same on every reading', () => {
      const parts = [part('E2E-A', '59.50', 'Alpha'), part('E2E-B', '59.50', 'Beta'), part('3', '59.50', 'Gamma')];
      expect(dedupKeys('ACC', parts)).toEqual(['ref|ACC|BATCH-1|E2E-A|59.50', 'ref|ACC|BATCH-1|E2E-B|59.50', 'ref|ACC|BATCH-1|3|59.50']);
      // The key of a part does not depend on the other parts or their order.
      expect(dedupKeys('ACC', [...parts].reverse())).toEqual(['ref|ACC|BATCH-1|3|59.50', 'ref|ACC|BATCH-1|E2E-B|59.50', 'ref|ACC|BATCH-1|E2E-A|59.50']);
    });

    it('know the key the whole entry was stored under before batches were split', () => {
      expect(wholeEntryKey('ACC', part('E2E-A', '119.00', 'Alpha'))).toBe('ref|ACC|BATCH-1|178.50');
      expect(wholeEntryKey('ACC', part('E2E-A', '119.00', 'Alpha'))).toBe(baseDedupKey('ACC', whole));
      expect(wholeEntryKey('ACC', base)).toBeNull();
    });

    it('§9 a booking is stored once, whole or as its payments, whichever came first', () => {
      const wholeKey = 'ref|ACC|BATCH-1|178.50';
      const partKey = 'ref|ACC|BATCH-1|E2E-A|119.00';
      const none = { transactions: new Set<string>(), splitEntries: new Set<string>() };
      expect(isStored(partKey, wholeKey, none)).toBe(false);
      // The entry was stored whole (before the split, or from a file without the details' amounts): its parts are duplicates.
      expect(isStored(partKey, wholeKey, { ...none, transactions: new Set([wholeKey]) })).toBe(true);
      // The entry was stored as its payments: the whole entry (e.g. the camt.053 after the camt.054) is a duplicate.
      expect(isStored(wholeKey, null, { ...none, splitEntries: new Set([wholeKey]) })).toBe(true);
      expect(isStored(partKey, wholeKey, { ...none, transactions: new Set([partKey]) })).toBe(true);
    });
  });
});
