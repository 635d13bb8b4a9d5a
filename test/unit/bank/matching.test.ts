import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec } from '../../../shared/money';
import {
  buildMatchIndex,
  suggestMatches,
  textNumberKeys,
  invoiceNumberKeys,
  REASONS,
  DEFAULT_AUTO_BOOK_THRESHOLD,
  type OpenItem,
  type CustomerRef,
  type MatchInput,
} from '../../../main/bank/rules-matching';

const item = (invoiceId: number, invoiceNumber: string, customerId: number, open: string, dueDate = '2026-11-30'): OpenItem => ({
  invoiceId,
  invoiceNumber,
  customerId,
  openAmount: dec(open),
  currency: 'EUR',
  dueDate,
});
const KNOWN_IBAN = 'DE89370400440532013000';
const customers: CustomerRef[] = [
  { id: 1, number: 'K00001', name: 'Müller GmbH', ibans: [KNOWN_IBAN] },
  { id: 2, number: 'K00002', name: 'Schmidt KG', ibans: [] },
];
const items = [
  item(101, 'RE-2026-000101', 1, '119.00'),
  item(102, 'RE-2026-000102', 1, '59.50'),
  item(201, 'RE-2026-000201', 2, '100.00'),
  item(202, 'RE-2026-000202', 2, '78.50'),
];
const index = buildMatchIndex(items, customers);
const tx = (amount: string, remittance: string, extra: Partial<MatchInput> = {}): MatchInput => ({
  amount: dec(amount),
  currency: 'EUR',
  remittance,
  counterpartyName: null,
  counterpartyIban: null,
  ...extra,
});

describe('S9 matching rules', () => {
  it('S9 (a) 119,00 "RE-2026-000101" scores above the auto-booking threshold for the whole invoice', () => {
    const [best] = suggestMatches(tx('119.00', 'RE-2026-000101'), index);
    expect(best?.allocations.map((a) => [a.invoiceNumber, a.amount.toFixed(2)])).toEqual([['RE-2026-000101', '119.00']]);
    expect(best?.reasons).toEqual([REASONS.invoiceNumber, REASONS.amountEqual]);
    expect(best?.score).toBeGreaterThanOrEqual(DEFAULT_AUTO_BOOK_THRESHOLD);
  });

  it('S9 (b) 59,00 "Rechnung 102" from the known IBAN is suggested as a partial payment below the threshold', () => {
    const [best] = suggestMatches(tx('59.00', 'Rechnung 102', { counterpartyIban: KNOWN_IBAN }), index);
    expect(best?.allocations.map((a) => [a.invoiceNumber, a.amount.toFixed(2)])).toEqual([['RE-2026-000102', '59.00']]);
    expect(best?.reasons).toEqual([REASONS.invoiceNumberWeak, REASONS.iban, REASONS.partial]);
    expect(best?.score).toBeLessThan(DEFAULT_AUTO_BOOK_THRESHOLD);
    expect(best?.overpayment.isZero()).toBe(true);
  });

  it('S9 (c) 178,50 naming two invoices of the second customer is split across both', () => {
    const [best] = suggestMatches(tx('178.50', 'RE-2026-000201 und RE-2026-000202'), index);
    expect(best?.customerId).toBe(2);
    expect(best?.allocations.map((a) => [a.invoiceNumber, a.amount.toFixed(2)])).toEqual([
      ['RE-2026-000201', '100.00'],
      ['RE-2026-000202', '78.50'],
    ]);
    expect(best?.reasons).toContain(REASONS.amountEqual);
  });

  it('S9 (d) 20,00 from an unknown party gets no suggestion', () => {
    expect(suggestMatches(tx('20.00', 'Spende', { counterpartyName: 'Fremde Firma', counterpartyIban: 'DE02120300000000202051' }), index)).toEqual([]);
  });
});

describe('invoice numbers in the text', () => {
  it.each([
    ['RE-2026-000101', 'RE-2026-000101'],
    ['RE 2026 000101', 'with spaces'],
    ['re2026000101', 'lower case, no separators'],
    ['2026-000101', 'missing prefix'],
    ['RE-2026-101', 'missing leading zeros'],
    ['Zahlung zu RE - 2026 - 000 101 vom 12.11.2026', 'spaces inside the number'],
  ])('finds RE-2026-000101 in "%s" (%s)', (text) => {
    const [best] = suggestMatches(tx('119.00', text), index);
    expect(best?.allocations[0]?.invoiceNumber).toBe('RE-2026-000101');
    expect(best?.reasons[0]).toBe(REASONS.invoiceNumber);
  });

  it('derives strong and weak keys from an invoice number', () => {
    expect(invoiceNumberKeys('RE-2026-000101')).toEqual({ strong: ['D:2026000101', 'Y:2026:101'], weak: ['S:101'] });
    expect(textNumberKeys('RE 2026 101').some((h) => h.key === 'Y:2026:101' && h.strong)).toBe(true);
  });

  it('overpayment on a named invoice becomes credit', () => {
    const [best] = suggestMatches(tx('150.00', 'RE-2026-000101'), index);
    expect(best?.allocations[0]?.amount.toFixed(2)).toBe('119.00');
    expect(best?.overpayment.toFixed(2)).toBe('31.00');
    expect(best?.reasons).toContain(REASONS.overpayment);
  });
});

describe('customer, IBAN, name and amount', () => {
  it('customer number in the text: sum of all open items of that customer', () => {
    const [best] = suggestMatches(tx('178.50', 'Kundennr. K00002 Sammelzahlung'), index);
    expect(best?.customerId).toBe(2);
    expect(best?.reasons).toEqual([REASONS.customerNumber, REASONS.amountEqual]);
    expect(best?.allocations).toHaveLength(2);
  });

  it('known IBAN and an amount equal to one open item', () => {
    const [best] = suggestMatches(tx('59.50', 'Danke', { counterpartyIban: KNOWN_IBAN }), index);
    expect(best?.allocations.map((a) => a.invoiceNumber)).toEqual(['RE-2026-000102']);
    expect(best?.reasons).toEqual([REASONS.iban, REASONS.amountEqual]);
  });

  it('name of the customer (legal form and order ignored)', () => {
    const [best] = suggestMatches(tx('100.00', 'Zahlung', { counterpartyName: 'SCHMIDT' }), index);
    expect(best?.customerId).toBe(2);
    expect(best?.reasons).toContain(REASONS.name);
  });

  it('unknown party, amount equal to exactly one open item anywhere: low-score suggestion', () => {
    const [best] = suggestMatches(tx('78.50', 'Überweisung'), index);
    expect(best?.allocations[0]?.invoiceNumber).toBe('RE-2026-000202');
    expect(best?.reasons).toEqual([REASONS.amountEqualUnique]);
    expect(best?.score).toBeLessThan(DEFAULT_AUTO_BOOK_THRESHOLD);
  });

  it('outgoing payments get no suggestions', () => {
    expect(suggestMatches(tx('-119.00', 'RE-2026-000101'), index)).toEqual([]);
  });

  it('allocations never exceed the payment nor an invoice’s open amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('RE-2026-000201 RE-2026-000202', 'K00002', 'RE-2026-000101'), (cents, text) => {
        const amount = dec(cents).div(100);
        for (const s of suggestMatches(tx(amount.toFixed(2), text), index)) {
          const total = s.allocations.reduce((acc, a) => acc.plus(a.amount), dec(0));
          expect(total.plus(s.overpayment).eq(amount)).toBe(true);
          for (const a of s.allocations) expect(a.amount.lte(items.find((i) => i.invoiceId === a.invoiceId)?.openAmount ?? dec(0))).toBe(true);
        }
      }),
    );
  });
});

describe('weak numbers are not trusted alone', () => {
  it('a bare "109" without keyword, IBAN or name gives no invoice suggestion', () => {
    expect(suggestMatches(tx('13.43', 'Spende 102'), index)).toEqual([]);
  });

  it('"Rechnung 102" with exactly the open amount is suggested even from an unknown IBAN', () => {
    const [best] = suggestMatches(tx('59.50', 'Rechnung 102'), index);
    expect(best?.reasons).toEqual([REASONS.invoiceNumberWeak, REASONS.amountEqual]);
    expect(best?.score).toBeLessThan(DEFAULT_AUTO_BOOK_THRESHOLD);
  });

  it('the year in "RE-2026-…" is not read as invoice sequence 2026', () => {
    expect(textNumberKeys('RE-2026-007920').filter((h) => !h.strong).map((h) => h.key)).toEqual(['S:7920']);
  });
});

describe('amount = a sum of a customer’s open items', () => {
  const many = [
    item(1, 'RE-2026-000001', 9, '10.00', '2026-09-01'),
    item(2, 'RE-2026-000002', 9, '20.00', '2026-10-01'),
    item(3, 'RE-2026-000003', 9, '40.00', '2026-11-01'),
    item(4, 'RE-2026-000004', 9, '80.00', '2026-12-01'),
  ];
  const idx = buildMatchIndex(many, [{ id: 9, number: 'K00009', name: 'Gamma AG', ibans: ['DE12500105170648489890'] }]);
  const from = (amount: string) => suggestMatches(tx(amount, 'Zahlung', { counterpartyIban: 'DE12500105170648489890' }), idx)[0];

  it.each([
    ['40.00', ['RE-2026-000003']],
    ['30.00', ['RE-2026-000001', 'RE-2026-000002']],
    ['70.00', ['RE-2026-000001', 'RE-2026-000002', 'RE-2026-000003']],
    ['100.00', ['RE-2026-000002', 'RE-2026-000004']],
  ])('%s from the known IBAN settles %j exactly', (amount, numbers) => {
    const best = from(amount);
    expect(best?.allocations.map((a) => a.invoiceNumber)).toEqual(numbers);
    expect(best?.reasons).toEqual([REASONS.iban, REASONS.amountEqual]);
  });

  it('no exact combination: oldest first, partial', () => {
    expect(from('15.00')?.allocations.map((a) => [a.invoiceNumber, a.amount.toFixed(2)])).toEqual([
      ['RE-2026-000001', '10.00'],
      ['RE-2026-000002', '5.00'],
    ]);
  });
});
