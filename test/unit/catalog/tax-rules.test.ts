import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { dec } from '../../../shared/money';
import {
  checkArticleUnit,
  checkRateRanges,
  GERMAN_TAX_GROUPS,
  rangesOverlap,
  resolveTaxRate,
  revenueAccount,
  taxServiceDate,
  type TaxRateLike,
} from '../../../main/catalog/rules';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const seedRates = (code: string): TaxRateLike[] => {
  const group = GERMAN_TAX_GROUPS.find((g) => g.code === code);
  if (!group) throw new Error(code);
  return group.rates.map((r) => ({ rate: dec(r.rate), validFrom: r.validFrom, validTo: r.validTo }));
};

describe('tax-rate resolution by service date (DOMAIN §3)', () => {
  const standard = seedRates('DE_STANDARD');
  const reduced = seedRates('DE_REDUCED');
  const group = { code: 'DE_STANDARD', name: 'Deutschland / Regelsteuersatz' };

  const cases: [string, TaxRateLike[], string, string][] = [
    ['Regelsteuersatz 30.06.2020', standard, '2020-06-30', '19'],
    ['Regelsteuersatz 01.07.2020', standard, '2020-07-01', '16'],
    ['Regelsteuersatz 31.12.2020', standard, '2020-12-31', '16'],
    ['Regelsteuersatz 01.01.2021', standard, '2021-01-01', '19'],
    ['Regelsteuersatz 28.11.2026', standard, '2026-11-28', '19'],
    ['ermäßigt 30.06.2020', reduced, '2020-06-30', '7'],
    ['ermäßigt 01.07.2020', reduced, '2020-07-01', '5'],
    ['ermäßigt 31.12.2020', reduced, '2020-12-31', '5'],
    ['ermäßigt 01.01.2021', reduced, '2021-01-01', '7'],
    ['Kleinunternehmer any day', seedRates('DE_SMALL_BUSINESS'), '2020-07-15', '0'],
    ['Reverse Charge any day', seedRates('EU_REVERSE_CHARGE'), '1999-01-01', '0'],
    ['Drittland any day', seedRates('NON_EU'), '2030-12-31', '0'],
  ];
  for (const [name, rates, date, expected] of cases) {
    it(`${name} → ${expected} %`, () => {
      expect(resolveTaxRate(group, rates, date).rate.toString()).toBe(expected);
    });
  }

  it('no rate for the date → German error naming group and date', () => {
    const err = errorOf(() => resolveTaxRate(group, standard, '2006-12-31'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('Für die Steuergruppe „Deutschland / Regelsteuersatz“ ist zum 31.12.2006 kein Steuersatz hinterlegt.');
  });

  it('the service date is the last day of the period for subscriptions, the activity date for one-time', () => {
    expect(taxServiceDate('SUBSCRIPTION', { periodEnd: '2020-07-31', date: '2020-07-01' })).toBe('2020-07-31');
    expect(taxServiceDate('PRORATION', { periodEnd: '2020-12-31', date: '2020-12-15' })).toBe('2020-12-31');
    expect(taxServiceDate('ONE_TIME', { periodEnd: null, date: '2020-06-30' })).toBe('2020-06-30');
    // a June–July subscription period takes July's 16 %: the period ends after 01.07.2020
    const serviceDate = taxServiceDate('SUBSCRIPTION', { periodEnd: '2020-07-09', date: '2020-06-10' });
    expect(resolveTaxRate(group, standard, serviceDate).rate.toString()).toBe('16');
  });
});

describe('validity ranges of tax rates', () => {
  const r = (rate: string, validFrom: string | null, validTo: string | null): TaxRateLike => ({ rate: dec(rate), validFrom, validTo });

  it('accepts the seeded groups', () => {
    for (const g of GERMAN_TAX_GROUPS) expect(() => checkRateRanges(seedRates(g.code))).not.toThrow();
  });

  it('refuses overlapping ranges with a message naming both', () => {
    const err = errorOf(() => checkRateRanges([r('19', '2007-01-01', '2020-07-01'), r('16', '2020-07-01', '2020-12-31')]));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'Die Gültigkeitszeiträume überschneiden sich: 19\u00a0% (01.01.2007–01.07.2020) und 16\u00a0% (01.07.2020–31.12.2020). ' +
        'Bitte „Gültig bis“ des einen Satzes vor „Gültig ab“ des anderen legen.',
    );
    expect(err.details?.fields?.['rates.1.validFrom']).toBe(err.message);
  });

  it('refuses two open-ended rates and an open start inside another range', () => {
    expect(() => checkRateRanges([r('19', '2021-01-01', null), r('20', '2030-01-01', null)])).toThrow(/überschneiden sich/);
    expect(() => checkRateRanges([r('19', null, '2020-06-30'), r('7', null, null)])).toThrow(/überschneiden sich/);
  });

  it('accepts back-to-back ranges and refuses "Gültig bis" before "Gültig ab"', () => {
    expect(() => checkRateRanges([r('19', null, '2020-06-30'), r('16', '2020-07-01', '2020-07-01'), r('19', '2020-07-02', null)])).not.toThrow();
    const err = errorOf(() => checkRateRanges([r('16', '2020-12-31', '2020-07-01')]));
    expect(err.details?.fields?.['rates.0.validTo']).toBe('„Gültig bis“ (01.07.2020) liegt vor „Gültig ab“ (31.12.2020)');
  });

  it('refuses a rate outside 0–100 %', () => {
    expect(errorOf(() => checkRateRanges([r('-1', null, null)])).details?.fields?.['rates.0.rate']).toBe('Steuersatz muss zwischen 0 und 100 % liegen');
  });

  const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const range = fc.tuple(fc.option(day, { nil: null }), fc.option(day, { nil: null })).map(([a, b]) =>
    a !== null && b !== null && b < a ? { validFrom: b, validTo: a } : { validFrom: a, validTo: b },
  );

  it('property: ranges overlap exactly when some day lies in both', () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        const covers = (x: { validFrom: string | null; validTo: string | null }, d: string) =>
          (x.validFrom === null || x.validFrom <= d) && (x.validTo === null || d <= x.validTo);
        const probe = ['2019-12-31', ...[a.validFrom, a.validTo, b.validFrom, b.validTo].filter((d): d is string => d !== null), '2021-02-05'];
        const shared = probe.some((d) => covers(a, d) && covers(b, d));
        expect(rangesOverlap(a, b)).toBe(shared);
      }),
      { numRuns: 500 },
    );
  });

  it('property: after checkRateRanges accepts, every date resolves to at most one rate', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 5 }), day, (ranges, d) => {
        const rates = ranges.map((x, i) => ({ ...x, rate: dec(i) }));
        try {
          checkRateRanges(rates);
        } catch {
          return;
        }
        const hits = rates.filter((x) => (x.validFrom === null || x.validFrom <= d) && (x.validTo === null || d <= x.validTo));
        expect(hits.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('seed of the German tax groups', () => {
  it('has the five groups of §3 with their DATEV revenue accounts', () => {
    expect(GERMAN_TAX_GROUPS.map((g) => [g.name, g.accountSkr03, g.accountSkr04])).toEqual([
      ['Deutschland / Regelsteuersatz', '8400', '4400'],
      ['Deutschland / ermäßigt', '8300', '4300'],
      ['Deutschland / Steuerfrei (Kleinunternehmer)', '8195', '4185'],
      ['EU / Reverse Charge', '8337', '4337'],
      ['Drittland / nicht steuerbar', '8338', '4338'],
    ]);
  });

  it('notes § 19 UStG for Kleinunternehmer and the reverse charge wording; only reverse charge needs a VAT ID', () => {
    const by = (code: string) => GERMAN_TAX_GROUPS.find((g) => g.code === code);
    expect(by('DE_SMALL_BUSINESS')?.invoiceNote).toContain('§ 19 UStG');
    expect(by('EU_REVERSE_CHARGE')?.invoiceNote).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    expect(by('NON_EU')?.invoiceNote).toBeTruthy();
    expect(GERMAN_TAX_GROUPS.filter((g) => g.requiresVatId).map((g) => g.code)).toEqual(['EU_REVERSE_CHARGE']);
  });
});

describe('articles', () => {
  it('subscription articles need DAY/WEEK/MONTH/YEAR, one-time articles a free unit', () => {
    expect(checkArticleUnit('SUBSCRIPTION', 'MONTH')).toBeNull();
    expect(checkArticleUnit('SUBSCRIPTION', 'Stück')).toBe('Abo-Artikel brauchen die Einheit Tag, Woche, Monat oder Jahr');
    expect(checkArticleUnit('ONE_TIME', 'Pauschale')).toBeNull();
    expect(checkArticleUnit('ONE_TIME', ' ')).toContain('Pflichtfeld');
  });

  it('the product group may override the tax group revenue account per chart', () => {
    const tg = { accountSkr03: '8400', accountSkr04: '4400' };
    expect(revenueAccount('SKR03', tg, { accountSkr03: null, accountSkr04: null })).toBe('8400');
    expect(revenueAccount('SKR03', tg, { accountSkr03: '8401', accountSkr04: null })).toBe('8401');
    expect(revenueAccount('SKR04', tg, { accountSkr03: '8401', accountSkr04: null })).toBe('4400');
  });
});
