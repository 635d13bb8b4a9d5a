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

  it('a short customer number counts after a customer word only, not after a word ending in K („BANK 123“)', () => {
    const short = buildMatchIndex([item(301, 'RE-2026-000301', 3, '40.00')], [{ id: 3, number: 'K00123', name: 'Kurz AG', ibans: [] }]);
    expect(suggestMatches(tx('12.00', 'BANK 123 Gebühr'), short)).toEqual([]);
    for (const text of ['KD 123', 'Kd.-Nr. 123', 'Kunde: 123', 'K123']) {
      expect(suggestMatches(tx('12.00', text), short)[0]?.reasons, text).toContain(REASONS.customerNumber);
    }
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

describe('S9 dates are not invoice numbers, and the payer’s known IBAN counts', () => {
  const IBAN_ALPHA = 'DE02120300000000202051';
  const IBAN_BETA = 'DE02100500000054540402';
  // Alpha (1) and Beta (2) each owe 119,00; Beta's invoice 11 of 2026 looks like "2026-11".
  const dated = buildMatchIndex(
    [item(101, 'RE-2026-000101', 1, '119.00'), item(11, 'RE-2026-000011', 2, '119.00'), item(27, 'RE-2026-000027', 2, '50.00')],
    [
      { id: 1, number: 'K-10001', name: 'Alpha Software GmbH', ibans: [IBAN_ALPHA] },
      { id: 2, number: 'K-10002', name: 'Beta Handel KG', ibans: [IBAN_BETA] },
    ],
  );
  const summary = (list: readonly { customerId: number; score: number; reasons: readonly string[]; allocations: readonly { invoiceNumber: string }[] }[]) =>
    list.map((s) => ({ customerId: s.customerId, score: s.score, invoices: s.allocations.map((a) => a.invoiceNumber), reasons: s.reasons }));

  it.each([
    'Abo Beitrag 2026-11',
    'Zahlung vom 2026-11-05',
    'Abo 2026/11',
    'Miete 2026.11',
    'SEPA 2026-11-27 Beitrag',
    'Beitrag 11/2026',
    'Miete 11.2026',
    'Zahlung 05.11.2026',
    'Rechnung 2026-11',
  ])('"%s" from Alpha’s IBAN suggests Alpha’s own 119,00 (score 50), never Beta’s RE-2026-000011', (text) => {
    expect(summary(suggestMatches(tx('119.00', text, { counterpartyIban: IBAN_ALPHA }), dated))).toEqual([
      { customerId: 1, score: 50, invoices: ['RE-2026-000101'], reasons: [REASONS.iban, REASONS.amountEqual] },
    ]);
  });

  it.each(['Abo 2026-11', '2026-11-05', '2026/11', '2026.11', '05.11.2026', '05.11.26', '11/2026', 'RE 2026-11'])('reads no number at all in the date "%s"', (text) => {
    expect(textNumberKeys(text)).toEqual([]);
  });

  it('builds year + sequence only after an invoice word or the invoice prefix, not inside another word', () => {
    const yearKeys = (text: string, prefixes?: ReadonlySet<string>) => textNumberKeys(text, prefixes).filter((h) => h.key.startsWith('Y:')).map((h) => h.key);
    expect(yearKeys('2026 101')).toEqual([]);
    expect(yearKeys('Software 2026 101')).toEqual([]);
    expect(yearKeys('RE 2026 101')).toEqual(['Y:2026:101']);
    expect(yearKeys('Rechnungsnr. 2026/101')).toEqual(['Y:2026:101']);
    expect(yearKeys('Rg.-Nr. 2026 101')).toEqual(['Y:2026:101']);
    expect(yearKeys('AR 2026 101')).toEqual([]);
    expect(yearKeys('AR 2026 101', new Set(['AR']))).toEqual(['Y:2026:101']);
    // "2026-000101" without prefix is still found through all its digits.
    expect(textNumberKeys('2026-000101').map((h) => h.key)).toContain('D:2026000101');
  });

  it('takes the prefix of the open invoices as invoice word: "AR 2026 7" finds AR-2026-000007', () => {
    const ar = buildMatchIndex([item(7, 'AR-2026-000007', 1, '10.00'), item(8, 'AR-2026-000008', 1, '10.00')], []);
    expect(summary(suggestMatches(tx('10.00', 'AR 2026 7'), ar))).toEqual([
      { customerId: 1, score: 90, invoices: ['AR-2026-000007'], reasons: [REASONS.invoiceNumber, REASONS.amountEqual] },
    ]);
  });

  it('a contract or customer "Nr." is no invoice word; "Rechnungsnr." is', () => {
    const keyword = (text: string) => textNumberKeys(text).find((h) => h.key === 'S:102')?.keyword;
    expect(keyword('Vertragsnr. 102')).toBe(false);
    expect(keyword('Kunden-Nr. 102')).toBe(false);
    expect(keyword('Rechnungsnr. 102')).toBe(true);
    expect(keyword('Re.-Nr. 102')).toBe(true);
  });

  it('Beta’s invoice number paid from Alpha’s IBAN: both suggested at most 50, nothing reaches the threshold', () => {
    const list = suggestMatches(tx('119.00', 'RE-2026-000011', { counterpartyIban: IBAN_ALPHA }), dated);
    expect(summary(list)).toEqual([
      { customerId: 2, score: 50, invoices: ['RE-2026-000011'], reasons: [REASONS.invoiceNumber, REASONS.amountEqual, REASONS.ibanOfOtherCustomer] },
      { customerId: 1, score: 50, invoices: ['RE-2026-000101'], reasons: [REASONS.iban, REASONS.amountEqual] },
    ]);
    expect(Math.max(...list.map((s) => s.score))).toBeLessThan(DEFAULT_AUTO_BOOK_THRESHOLD);
  });

  it('the same invoice number from Beta’s own IBAN still books automatically (100)', () => {
    expect(summary(suggestMatches(tx('119.00', 'RE-2026-000011', { counterpartyIban: IBAN_BETA }), dated))).toEqual([
      { customerId: 2, score: 100, invoices: ['RE-2026-000011'], reasons: [REASONS.invoiceNumber, REASONS.iban, REASONS.amountEqual] },
    ]);
  });

  it('the payer’s IBAN is compared without spaces', () => {
    const [best] = suggestMatches(tx('119.00', 'Danke', { counterpartyIban: 'DE02 1203 0000 0000 2020 51' }), dated);
    expect(best?.customerId).toBe(1);
    expect(best?.reasons).toEqual([REASONS.iban, REASONS.amountEqual]);
  });

  it.each([
    ['RE–2026–000101', 'en dash'],
    ['RE‑2026‑000101', 'non-breaking hyphen U+2011'],
    ['RE−2026−000101', 'minus sign'],
    ['RE_2026_000101', 'underscore'],
  ])('reads "%s" (%s) as RE-2026-000101', (text) => {
    expect(summary(suggestMatches(tx('119.00', text), dated))).toEqual([
      { customerId: 1, score: 90, invoices: ['RE-2026-000101'], reasons: [REASONS.invoiceNumber, REASONS.amountEqual] },
    ]);
  });
});
