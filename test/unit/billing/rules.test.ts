import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  applyCredit,
  assertInvoiceComplete,
  calculateInvoice,
  checkVatIdRequirement,
  documentKindFor,
  groupDueActivities,
  invoiceStatus,
  negateFigures,
  taxLineLabel,
  type LineInput,
} from '../../../main/billing/rules';
import { formatDate } from '../../../shared/dates';
import { Decimal, dec, fromCents, sum } from '../../../shared/money';

const line = (net: string, rate = '19', extra: Partial<LineInput> = {}): LineInput => ({
  description: 'Abo-Box',
  quantity: dec(1),
  unitPrice: dec(net),
  discountPercent: null,
  taxRate: dec(rate),
  taxGroupCode: 'DE_STANDARD',
  treatment: 'STANDARD',
  taxNote: null,
  requiresVatId: false,
  periodStart: '2026-01-01',
  periodEnd: '2026-01-31',
  serviceDate: null,
  ...extra,
});

const KU_NOTE = 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).';
const RC_NOTE = 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG / Art. 196 MwStSystRL).';

describe('invoice calculation (DOMAIN §2)', () => {
  it('computes tax on the rate’s net sum: 6,66 + 1,24 at 19 % → 1,50, not 1,51', () => {
    const calc = calculateInvoice([line('6.66'), line('1.24')]);
    expect(calc.net.toFixed(2)).toBe('7.90');
    expect(calc.tax.toFixed(2)).toBe('1.50');
    expect(calc.gross.toFixed(2)).toBe('9.40');
    expect(calc.taxes).toHaveLength(1);
  });

  it('taxes per rate, not per tax group: 6,66 („Digitale Leistung“) + 1,24 („Mietgerät“) at 19 % → one 19 % row with 1,50, not 1,27 + 0,24 = 1,51', () => {
    const digital = { taxGroupCode: 'DIGI19', taxNote: 'Digitale Leistung' };
    const rental = { taxGroupCode: 'HW19', taxNote: 'Mietgerät' };
    // The third line repeats a group: its note still appears once.
    const calc = calculateInvoice([line('6.66', '19', digital), line('1.24', '19', rental), line('0.00', '19', rental)]);
    expect(calc.taxes.map((t) => [t.treatment, t.rate.toString(), t.net.toFixed(2), t.tax.toFixed(2), t.note])).toEqual([
      ['STANDARD', '19', '7.90', '1.50', 'Digitale Leistung\nMietgerät'],
    ]);
    expect([calc.net, calc.tax, calc.gross].map((d) => d.toFixed(2))).toEqual(['7.90', '1.50', '9.40']);
    expect(calc.notes).toEqual(['Digitale Leistung', 'Mietgerät']);
  });

  it('rounds each line net half-up once (quantity × unit price less discount)', () => {
    const calc = calculateInvoice([
      line('84.0336'),
      line('0', '19', { quantity: dec('3'), unitPrice: dec('33.3333'), discountPercent: dec('10') }),
    ]);
    expect(calc.lines.map((l) => l.net.toFixed(2))).toEqual(['84.03', '90.00']);
    expect(calc.lines.map((l) => l.position)).toEqual([1, 2]);
  });

  it('S1 gives 100,00 gross for 84,0336 at 19 % and 86,2069 at 16 %', () => {
    const june = calculateInvoice([line('84.0336', '19')]);
    expect([june.net, june.tax, june.gross].map((d) => d.toFixed(2))).toEqual(['84.03', '15.97', '100.00']);
    const july = calculateInvoice([line('86.2069', '16')]);
    expect([july.net, july.tax, july.gross].map((d) => d.toFixed(2))).toEqual(['86.21', '13.79', '100.00']);
  });

  it('keeps an activity’s given net (prorations are rounded when created)', () => {
    const calc = calculateInvoice([line('30', '19', { net: dec('-15.48') }), line('60', '19', { net: dec('30.97') })]);
    expect(calc.net.toFixed(2)).toBe('15.49');
    expect(calc.tax.toFixed(2)).toBe('2.94');
  });

  it('sums per rate and lists rates high to low', () => {
    const calc = calculateInvoice([line('10', '7'), line('20', '19'), line('5', '7')]);
    expect(calc.taxes.map((t) => [t.rate.toString(), t.net.toFixed(2), t.tax.toFixed(2)])).toEqual([
      ['19', '20.00', '3.80'],
      ['7', '15.00', '1.05'],
    ]);
    expect(calc.gross.toFixed(2)).toBe('39.85');
  });

  it('S8 Kleinunternehmer: 0 VAT, no tax line, the § 19 note', () => {
    const calc = calculateInvoice([line('50', '0', { taxGroupCode: 'DE_SMALL_BUSINESS', treatment: 'KLEINUNTERNEHMER', taxNote: KU_NOTE })]);
    expect(calc.tax.toFixed(2)).toBe('0.00');
    expect(calc.gross.toFixed(2)).toBe('50.00');
    expect(calc.taxes[0]?.treatment).toBe('KLEINUNTERNEHMER');
    expect(taxLineLabel(calc.taxes[0]!)).toBeNull();
    expect(calc.notes).toEqual([KU_NOTE]);
  });

  it('the tax group’s treatment decides, never its code: a renamed § 19 group and a user-made reverse-charge group', () => {
    const ku = calculateInvoice([line('50', '0', { taxGroupCode: 'KLEINUNTERNEHMER', treatment: 'KLEINUNTERNEHMER', taxNote: KU_NOTE })]);
    expect(ku.taxes.map((t) => t.treatment)).toEqual(['KLEINUNTERNEHMER']);
    expect(taxLineLabel(ku.taxes[0]!)).toBeNull();
    const rc = [line('100', '0', { taxGroupCode: 'EU_RC_AT', treatment: 'REVERSE_CHARGE', taxNote: RC_NOTE })];
    expect(calculateInvoice(rc).taxes.map((t) => t.treatment)).toEqual(['REVERSE_CHARGE']);
    expect(() => checkVatIdRequirement(rc, null)).toThrow(/Reverse Charge ohne USt-IdNr/);
    // A standard-rated group whose code reads like a seeded one is still taxed normally.
    expect(calculateInvoice([line('10', '0', { taxGroupCode: 'EU_REVERSE_CHARGE' })]).taxes.map((t) => t.treatment)).toEqual(['STANDARD']);
  });

  it('prints the reverse-charge note once and refuses reverse charge without the customer’s VAT ID', () => {
    const rc = [line('100', '0', { taxGroupCode: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE', taxNote: RC_NOTE, requiresVatId: true }), line('20', '0', { taxGroupCode: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE', taxNote: RC_NOTE, requiresVatId: true })];
    expect(calculateInvoice(rc).notes).toEqual([RC_NOTE]);
    expect(() => checkVatIdRequirement(rc, null)).toThrow(/Reverse Charge ohne USt-IdNr/);
    expect(() => checkVatIdRequirement(rc, '  ')).toThrow(/USt-IdNr/);
    expect(() => checkVatIdRequirement(rc, 'ATU12345678')).not.toThrow();
    expect(() => checkVatIdRequirement([line('10')], null)).not.toThrow();
  });

  it('property: gross = net + tax, net = Σ line nets, tax = Σ round(rate net × rate)', () => {
    const lineArb = fc.record({
      cents: fc.integer({ min: -500_000, max: 500_000 }),
      rate: fc.constantFrom('19', '16', '7', '5', '0'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (ls) => {
        const calc = calculateInvoice(ls.map((l) => line(fromCents(l.cents).toFixed(2), l.rate)));
        expect(calc.gross.equals(calc.net.plus(calc.tax))).toBe(true);
        expect(calc.net.equals(sum(calc.lines.map((l) => l.net)))).toBe(true);
        for (const t of calc.taxes) {
          expect(t.tax.equals(t.net.times(t.rate).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        }
        expect(calc.tax.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('grouping due activities (§7)', () => {
  const act = (id: number, contractId: number, customerId: number, extra: Partial<{ projectId: number | null; currency: string; collectiveInvoicing: boolean; dueDate: string }> = {}) => ({
    id,
    contractId,
    customerId,
    projectId: 1,
    currency: 'EUR',
    collectiveInvoicing: false,
    dueDate: '2026-01-01',
    ...extra,
  });

  it('makes one invoice per contract and currency', () => {
    const groups = groupDueActivities([act(1, 10, 1), act(2, 10, 1), act(3, 11, 1), act(4, 10, 1, { currency: 'USD' })], '2026-01-01');
    expect(groups.map((g) => [g.key, g.activities.map((a) => a.id)])).toEqual([
      ['C:10:EUR', [1, 2]],
      ['C:11:EUR', [3]],
      ['C:10:USD', [4]],
    ]);
    expect(groups[0]?.contractId).toBe(10);
  });

  it('collects a Sammelrechnung per customer, project and currency', () => {
    const c = { collectiveInvoicing: true };
    const groups = groupDueActivities([act(1, 10, 5, c), act(2, 11, 5, c), act(3, 12, 5, { ...c, projectId: 2 }), act(4, 13, 6, c)], '2026-01-01');
    expect(groups.map((g) => [g.key, g.contractIds])).toEqual([
      ['K:5:1:EUR', [10, 11]],
      ['K:5:2:EUR', [12]],
      ['K:6:1:EUR', [13]],
    ]);
    expect(groups[0]?.contractId).toBeNull();
  });

  it('leaves activities due after the run date for later', () => {
    const groups = groupDueActivities([act(1, 10, 1, { dueDate: '2026-02-01' }), act(2, 10, 1, { dueDate: '2026-01-31' })], '2026-01-31');
    expect(groups.flatMap((g) => g.activities.map((a) => a.id))).toEqual([2]);
  });

  it('property: every due activity lands in exactly one group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ contractId: fc.integer({ min: 1, max: 5 }), customerId: fc.integer({ min: 1, max: 3 }), collectiveInvoicing: fc.boolean(), currency: fc.constantFrom('EUR', 'USD') }), { maxLength: 40 }),
        (rows) => {
          const acts = rows.map((r, i) => act(i + 1, r.contractId, r.customerId, { collectiveInvoicing: r.collectiveInvoicing, currency: r.currency }));
          const ids = groupDueActivities(acts, '2026-01-01').flatMap((g) => g.activities.map((a) => a.id));
          expect([...ids].sort((a, b) => a - b)).toEqual(acts.map((a) => a.id));
        },
      ),
    );
  });
});

describe('storno, credit and open items (§7, §8)', () => {
  it('a storno negates every figure exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom('19', '7', '0')), { minLength: 1, maxLength: 10 }), (ls) => {
        const calc = calculateInvoice(ls.map(([c, r]) => line(fromCents(c).toFixed(2), r)));
        const storno = negateFigures(calc);
        expect(storno.gross.plus(calc.gross).isZero()).toBe(true);
        expect(storno.tax.plus(calc.tax).isZero()).toBe(true);
        storno.lines.forEach((l, i) => expect(l.net.plus(calc.lines[i]!.net).isZero()).toBe(true));
        storno.taxes.forEach((t, i) => expect(t.tax.plus(calc.taxes[i]!.tax).isZero()).toBe(true));
      }),
    );
  });

  it('a negative total is a credit note', () => {
    expect(documentKindFor(dec('-10'))).toBe('CREDIT_NOTE');
    expect(documentKindFor(dec('0'))).toBe('INVOICE');
    expect(documentKindFor(dec('10'))).toBe('INVOICE');
  });

  it('S7 applies 50,00 credit to 119,00: "abzüglich Guthaben 50,00", 69,00 due', () => {
    const r = applyCredit(dec('119'), dec('50'));
    expect([r.creditApplied.toFixed(2), r.amountDue.toFixed(2)]).toEqual(['50.00', '69.00']);
  });

  it('S6 settles 321,30 entirely from 357,00 credit', () => {
    const r = applyCredit(dec('321.30'), dec('357'));
    expect([r.creditApplied.toFixed(2), r.amountDue.toFixed(2)]).toEqual(['321.30', '0.00']);
  });

  it('applies no credit when there is none or the document is not positive', () => {
    expect(applyCredit(dec('100'), dec('0')).creditApplied.isZero()).toBe(true);
    expect(applyCredit(dec('-20'), dec('50')).amountDue.toFixed(2)).toBe('-20.00');
  });

  it('allocates to the named items first, then the oldest, and keeps the rest as credit', () => {
    const items = [
      { id: 1, open: dec('119'), date: '2026-01-01' },
      { id: 2, open: dec('59.50'), date: '2026-02-01' },
      { id: 3, open: dec('10'), date: '2025-12-01' },
    ];
    const named = allocate(dec('59'), items, [2]);
    expect(named.allocations.map((a) => [a.itemId, a.amount.toFixed(2)])).toEqual([[2, '59.00']]);
    const oldest = allocate(dec('200'), items);
    expect(oldest.allocations.map((a) => [a.itemId, a.amount.toFixed(2)])).toEqual([[3, '10.00'], [1, '119.00'], [2, '59.50']]);
    expect(oldest.rest.toFixed(2)).toBe('11.50');
  });

  it('derives the status from the allocated amount', () => {
    expect(invoiceStatus(dec('119'), dec('0'), false)).toBe('OPEN');
    expect(invoiceStatus(dec('59.50'), dec('59'), false)).toBe('PARTIALLY_PAID');
    expect(invoiceStatus(dec('119'), dec('119'), false)).toBe('PAID');
    expect(invoiceStatus(dec('0'), dec('0'), false)).toBe('PAID');
    expect(invoiceStatus(dec('119'), dec('0'), true)).toBe('CANCELLED');
  });

  it('property: allocations never exceed the amount or an item’s open amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 300_000 }), { maxLength: 10 }), (amount, opens) => {
        const items = opens.map((o, i) => ({ id: i + 1, open: fromCents(o), date: '2026-01-01' }));
        const r = allocate(fromCents(amount), items);
        expect(sum(r.allocations.map((a) => a.amount)).plus(r.rest).equals(fromCents(amount))).toBe(true);
        for (const a of r.allocations) expect(a.amount.lte(items.find((i) => i.id === a.itemId)!.open)).toBe(true);
      }),
    );
  });
});

describe('§ 14 UStG completeness, checked before a number is drawn', () => {
  const issuer = { name: 'Musterfirma', street: 'Hauptstraße 1', zip: '10115', city: 'Berlin', taxNumber: null, vatId: 'DE123456789' };
  const recipient = { name: 'Blum GmbH', street: 'Weg 2', zip: '80331', city: 'München', vatId: null };
  const complete = calculateInvoice([line('100')]);
  const missingOf = (f: () => void): unknown => {
    try {
      f();
      return [];
    } catch (e) {
      return (e as { details?: { missing?: unknown } }).details?.missing;
    }
  };

  it('accepts a complete invoice', () => {
    expect(() => assertInvoiceComplete(complete, issuer, recipient, '2026-01-01')).not.toThrow();
  });

  it('names the company’s missing tax number or VAT ID', () => {
    expect(() => assertInvoiceComplete(complete, { ...issuer, vatId: null }, recipient, '2026-01-01')).toThrow(
      'Rechnung kann nicht ausgestellt werden, es fehlt: Steuernummer oder USt-IdNr. des Rechnungsstellers (Firmenprofil).',
    );
  });

  it('names a customer without address', () => {
    expect(missingOf(() => assertInvoiceComplete(complete, issuer, { ...recipient, street: null }, '2026-01-01'))).toEqual(['Anschrift des Kunden Blum GmbH']);
  });

  it('names a line without service date or period, and reverse charge without either VAT ID', () => {
    const calc = calculateInvoice([line('100', '0', { taxGroupCode: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE', taxNote: RC_NOTE, periodEnd: null })]);
    expect(missingOf(() => assertInvoiceComplete(calc, { ...issuer, taxNumber: '30/123/45678', vatId: null }, recipient, '2026-01-01'))).toEqual([
      'Leistungsdatum oder Leistungszeitraum der Position 1',
      'USt-IdNr. des Kunden (Reverse Charge)',
      'USt-IdNr. des Rechnungsstellers (Reverse Charge, Firmenprofil)',
    ]);
  });

  it('names an exemption whose tax group has no note (Kleinunternehmer without the § 19 sentence)', () => {
    const calc = calculateInvoice([line('50', '0', { taxGroupCode: 'DE_SMALL_BUSINESS', treatment: 'KLEINUNTERNEHMER', taxNote: ' ' })]);
    expect(missingOf(() => assertInvoiceComplete(calc, issuer, recipient, '2026-01-01'))).toEqual(['Hinweis auf die Steuerbefreiung (0 %, Steuergruppe)']);
    const noted = calculateInvoice([line('50', '0', { taxGroupCode: 'DE_SMALL_BUSINESS', treatment: 'KLEINUNTERNEHMER', taxNote: KU_NOTE })]);
    expect(() => assertInvoiceComplete(noted, issuer, recipient, '2026-01-01')).not.toThrow();
  });

  it('formats the storno reference with the original’s number and date', async () => {
    const { stornoReference } = await import('../../../main/billing/rules');
    expect(stornoReference('RE-2020-000002', '2020-06-10', formatDate)).toBe('Storno zu Rechnung RE-2020-000002 vom 10.06.2020');
  });
});
