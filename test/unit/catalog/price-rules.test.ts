import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { dec } from '../../../shared/money';
import {
  checkPriceVariants,
  describeVariant,
  priceCandidates,
  priceCheck,
  priceNotFoundError,
  resolvePrice,
  type PriceVariantLike,
} from '../../../main/catalog/rules';

const ARTICLE = { number: 'A-1001', name: 'Abo-Box' };

interface V extends PriceVariantLike {
  readonly id: string;
}

const v = (id: string, price: string, currency = 'EUR', minQuantity: string | null = null, validFrom: string | null = null): V => ({
  id,
  price: dec(price),
  currency,
  minQuantity: minQuantity === null ? null : dec(minQuantity),
  validFrom,
});

/** The FAQ's table: 84,0336 (no date); 86,2069 from 01.07.2020; 84,0336 from 01.01.2021. */
const FAQ = [v('base', '84.0336'), v('jul20', '86.2069', 'EUR', null, '2020-07-01'), v('jan21', '84.0336', 'EUR', null, '2021-01-01')];

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('price resolution (DOMAIN §4)', () => {
  const table: { name: string; variants: V[]; currency: string; qty: string; date: string; expected: string | 'PRICE_NOT_FOUND' }[] = [
    { name: 'no variants at all', variants: [], currency: 'EUR', qty: '1', date: '2026-01-01', expected: 'PRICE_NOT_FOUND' },
    { name: 'only a min-quantity variant, quantity 1', variants: [v('t10', '9', 'EUR', '10')], currency: 'EUR', qty: '1', date: '2026-01-01', expected: 'PRICE_NOT_FOUND' },
    { name: 'only a min-quantity variant, quantity reaches it', variants: [v('t10', '9', 'EUR', '10')], currency: 'EUR', qty: '10', date: '2026-01-01', expected: 't10' },
    { name: 'wrong currency', variants: [v('eur', '10')], currency: 'CHF', qty: '1', date: '2026-01-01', expected: 'PRICE_NOT_FOUND' },
    { name: 'currency picks its own variant', variants: [v('eur', '10'), v('chf', '11', 'CHF')], currency: 'CHF', qty: '1', date: '2026-01-01', expected: 'chf' },
    {
      name: 'equal validFrom with tiers: largest reached minQuantity wins (qty 25)',
      variants: [v('t1', '10', 'EUR', null, '2025-01-01'), v('t10', '9', 'EUR', '10', '2025-01-01'), v('t50', '8', 'EUR', '50', '2025-01-01')],
      currency: 'EUR', qty: '25', date: '2026-01-01', expected: 't10',
    },
    {
      name: 'equal validFrom with tiers: quantity exactly on the tier boundary (50)',
      variants: [v('t1', '10', 'EUR', null, '2025-01-01'), v('t10', '9', 'EUR', '10', '2025-01-01'), v('t50', '8', 'EUR', '50', '2025-01-01')],
      currency: 'EUR', qty: '50', date: '2026-01-01', expected: 't50',
    },
    {
      name: 'null validFrom counts as oldest: a dated variant wins once valid',
      variants: [v('dated', '12', 'EUR', null, '2024-05-01'), v('undated', '10')],
      currency: 'EUR', qty: '1', date: '2026-01-01', expected: 'dated',
    },
    {
      name: 'null validFrom counts as oldest: before the dated one it is the only candidate',
      variants: [v('dated', '12', 'EUR', null, '2024-05-01'), v('undated', '10')],
      currency: 'EUR', qty: '1', date: '2024-04-30', expected: 'undated',
    },
    { name: 'future-dated variant only', variants: [v('future', '10', 'EUR', null, '2027-01-01')], currency: 'EUR', qty: '1', date: '2026-01-01', expected: 'PRICE_NOT_FOUND' },
    { name: 'future-dated variant is ignored until its day', variants: [v('base', '10'), v('future', '11', 'EUR', null, '2027-01-01')], currency: 'EUR', qty: '1', date: '2026-12-31', expected: 'base' },
    { name: 'future-dated variant applies on its validFrom day', variants: [v('base', '10'), v('future', '11', 'EUR', null, '2027-01-01')], currency: 'EUR', qty: '1', date: '2027-01-01', expected: 'future' },
    {
      name: 'a newer validFrom beats a larger minQuantity of an older date (latest date first, then tier)',
      variants: [v('old50', '8', 'EUR', '50', '2024-01-01'), v('new', '10', 'EUR', null, '2025-01-01')],
      currency: 'EUR', qty: '100', date: '2026-01-01', expected: 'new',
    },
    { name: 'fractional quantity against a fractional minimum', variants: [v('base', '10'), v('half', '9', 'EUR', '0.5')], currency: 'EUR', qty: '0.5', date: '2026-01-01', expected: 'half' },
    { name: 'FAQ table on 15.06.2020', variants: FAQ, currency: 'EUR', qty: '1', date: '2020-06-15', expected: 'base' },
    { name: 'FAQ table on 30.06.2020', variants: FAQ, currency: 'EUR', qty: '1', date: '2020-06-30', expected: 'base' },
    { name: 'FAQ table on 01.07.2020', variants: FAQ, currency: 'EUR', qty: '1', date: '2020-07-01', expected: 'jul20' },
    { name: 'FAQ table on 31.12.2020', variants: FAQ, currency: 'EUR', qty: '1', date: '2020-12-31', expected: 'jul20' },
    { name: 'FAQ table on 01.01.2021', variants: FAQ, currency: 'EUR', qty: '1', date: '2021-01-01', expected: 'jan21' },
    { name: 'currency code case does not matter', variants: [v('eur', '10')], currency: 'eur', qty: '1', date: '2026-01-01', expected: 'eur' },
  ];

  for (const c of table) {
    it(`${c.name} → ${c.expected}`, () => {
      if (c.expected === 'PRICE_NOT_FOUND') {
        const err = errorOf(() => resolvePrice(ARTICLE, c.variants, c.currency, dec(c.qty), c.date));
        expect(err.code).toBe('PRICE_NOT_FOUND');
      } else {
        expect(resolvePrice(ARTICLE, c.variants, c.currency, dec(c.qty), c.date).id).toBe(c.expected);
      }
    });
  }

  it('charges the whole quantity at the reached tier (volume, not graduated)', () => {
    const tiers = [v('t1', '10'), v('t10', '9', 'EUR', '10')];
    const chosen = resolvePrice(ARTICLE, tiers, 'EUR', dec('12'), '2026-01-01');
    expect(priceCheck(chosen.price, dec('12'), dec('19')).net.toString()).toBe('108');
  });

  it('PRICE_NOT_FOUND names article, currency, quantity and date in German and the two usual causes', () => {
    const err = errorOf(() => resolvePrice(ARTICLE, FAQ, 'CHF', dec('1'), '2026-01-01'));
    expect(err.code).toBe('PRICE_NOT_FOUND');
    expect(err.message).toContain('Für Artikel A-1001 „Abo-Box“ konnte kein Preis in CHF für Menge 1 zum 01.01.2026 ermittelt werden.');
    expect(err.message).toContain('kein Preis in CHF gepflegt');
    expect(err.message).toContain('Mindestmenge');
    expect(err.message).toContain('Währung');
    expect(err.details).toMatchObject({ article: 'A-1001', currency: 'CHF', quantity: '1', date: '2026-01-01', causes: ['NO_PRICE_IN_CURRENCY'] });
  });

  it('PRICE_NOT_FOUND points at the minimum quantity when that is what blocks', () => {
    const err = priceNotFoundError(ARTICLE, [v('t10', '9', 'EUR', '10')], 'EUR', dec('2.5'), '2026-03-01');
    expect(err.message).toContain('für Menge 2,5 zum 01.03.2026');
    expect(err.message).toContain('Mindestmenge eingetragen, die diese Menge nicht erreicht');
    expect(err.details?.['causes']).toEqual(['MIN_QUANTITY']);
  });

  it('PRICE_NOT_FOUND says when every price starts later', () => {
    const err = priceNotFoundError(ARTICLE, [v('f', '9', 'EUR', null, '2027-01-01')], 'EUR', dec('1'), '2026-03-01');
    expect(err.message).toContain('gelten erst nach dem 01.03.2026');
    expect(err.details?.['causes']).toEqual(['VALID_FROM_IN_FUTURE']);
  });

  const variantArb = fc.record({
    id: fc.uuid(),
    price: fc.integer({ min: 0, max: 10_000_000 }).map((u) => dec(u).dividedBy(10_000)),
    currency: fc.constantFrom('EUR', 'CHF', 'USD'),
    minQuantity: fc.option(fc.integer({ min: 1, max: 100 }).map((n) => dec(n)), { nil: null }),
    validFrom: fc.option(
      fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      { nil: null },
    ),
  });
  const dateArb = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

  it('property: resolution never returns a variant that is not a candidate, and it is the §4 winner', () => {
    fc.assert(
      fc.property(fc.array(variantArb, { maxLength: 12 }), fc.constantFrom('EUR', 'CHF'), fc.integer({ min: 1, max: 120 }), dateArb, (variants, currency, qty, date) => {
        const quantity = dec(qty);
        const candidates = priceCandidates(variants, currency, quantity, date);
        let chosen: (typeof variants)[number] | null = null;
        try {
          chosen = resolvePrice(ARTICLE, variants, currency, quantity, date);
        } catch (e) {
          expect((e as AppError).code).toBe('PRICE_NOT_FOUND');
          expect(candidates).toHaveLength(0);
          return;
        }
        expect(candidates).toContain(chosen);
        expect(chosen.currency).toBe(currency);
        // no candidate has a later validFrom; none with the same validFrom has a larger minQuantity
        const key = (d: string | null) => d ?? '0000-00-00';
        for (const c of candidates) {
          expect(key(c.validFrom) <= key(chosen.validFrom)).toBe(true);
          if (key(c.validFrom) === key(chosen.validFrom)) {
            expect((c.minQuantity ?? dec(0)).lte(chosen.minQuantity ?? dec(0))).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('describing variants for the audit log', () => {
  it('reads like the FAQ table', () => {
    expect(FAQ.map(describeVariant)).toEqual(['84,0336 EUR', '86,2069 EUR, gültig ab 01.07.2020', '84,0336 EUR, gültig ab 01.01.2021']);
    expect(describeVariant(v('t', '9.5', 'CHF', '2.5'))).toBe('9,50 CHF ab Menge 2,5');
  });
});

describe('price variant table checks', () => {
  it('accepts the FAQ table', () => {
    expect(() => checkPriceVariants(FAQ)).not.toThrow();
  });

  it('refuses two variants with the same currency, minimum quantity and validFrom', () => {
    const err = errorOf(() => checkPriceVariants([v('a', '10'), v('b', '11')]));
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.fields?.['variants.1.validFrom']).toContain('Preisvariante doppelt: Zeile 1');
  });

  it('refuses more than 4 decimals, a negative price, minimum quantity 0 and a bad currency', () => {
    const err = errorOf(() =>
      checkPriceVariants([v('a', '1.23456'), v('b', '-1', 'EUR', null, '2026-01-01'), v('c', '1', 'EUR', '0'), v('d', '1', 'EURO')]),
    );
    expect(err.details?.fields).toMatchObject({
      'variants.0.price': 'Preis höchstens mit 4 Nachkommastellen',
      'variants.1.price': 'Preis darf nicht negativ sein',
      'variants.2.minQuantity': 'Mindestmenge muss größer als 0 sein (oder leer bleiben)',
      'variants.3.currency': 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)',
    });
  });
});

describe('Preis prüfen: net, VAT and gross as on an invoice line', () => {
  it('S1 86,2069 at 16 % and 84,0336 at 19 % both give 100,00 gross', () => {
    const july = priceCheck(dec('86.2069'), dec(1), dec(16));
    expect([july.net.toFixed(2), july.tax.toFixed(2), july.gross.toFixed(2)]).toEqual(['86.21', '13.79', '100.00']);
    const june = priceCheck(dec('84.0336'), dec(1), dec(19));
    expect([june.net.toFixed(2), june.tax.toFixed(2), june.gross.toFixed(2)]).toEqual(['84.03', '15.97', '100.00']);
  });
});
