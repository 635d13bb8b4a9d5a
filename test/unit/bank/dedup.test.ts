import { describe, expect, it } from 'vitest';
import { dec } from '../../../shared/money';
import { dedupKeys } from '../../../main/bank/rules-dedup';
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
});
