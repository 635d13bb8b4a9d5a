import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber, type Interval, type IntervalUnit } from '../../../shared/dates';
import { dec } from '../../../shared/money';
import {
  combineDiscounts,
  discountFor,
  dueDate,
  periodAt,
  periodContaining,
  periodDays,
  periodsBetween,
  proratedAmount,
} from '../../../main/contracts/rules-periods';

const iv = (count: number, unit: IntervalUnit): Interval => ({ count, unit });
const range = (anchor: string, interval: Interval, n: number) =>
  Array.from({ length: n }, (_, k) => {
    const p = periodAt(anchor, interval, k);
    return `${p.start}..${p.end}`;
  });

describe('periods anchored on the start (DOMAIN §6)', () => {
  it('S10 clamps month ends: 31.01. → 28.02. → 31.03. (periods 31.01.–27.02., 28.02.–30.03., 31.03.–29.04.2026)', () => {
    expect(range('2026-01-31', iv(1, 'MONTH'), 3)).toEqual([
      '2026-01-31..2026-02-27',
      '2026-02-28..2026-03-30',
      '2026-03-31..2026-04-29',
    ]);
  });

  it.each([
    // anchor, interval, first three periods
    ['2026-01-01', iv(1, 'DAY'), ['2026-01-01..2026-01-01', '2026-01-02..2026-01-02', '2026-01-03..2026-01-03']],
    ['2026-12-31', iv(1, 'DAY'), ['2026-12-31..2026-12-31', '2027-01-01..2027-01-01', '2027-01-02..2027-01-02']],
    ['2026-01-05', iv(1, 'WEEK'), ['2026-01-05..2026-01-11', '2026-01-12..2026-01-18', '2026-01-19..2026-01-25']],
    ['2026-12-28', iv(2, 'WEEK'), ['2026-12-28..2027-01-10', '2027-01-11..2027-01-24', '2027-01-25..2027-02-07']],
    ['2026-01-01', iv(1, 'MONTH'), ['2026-01-01..2026-01-31', '2026-02-01..2026-02-28', '2026-03-01..2026-03-31']],
    ['2026-01-28', iv(1, 'MONTH'), ['2026-01-28..2026-02-27', '2026-02-28..2026-03-27', '2026-03-28..2026-04-27']],
    ['2028-01-29', iv(1, 'MONTH'), ['2028-01-29..2028-02-28', '2028-02-29..2028-03-28', '2028-03-29..2028-04-28']],
    ['2026-01-29', iv(1, 'MONTH'), ['2026-01-29..2026-02-27', '2026-02-28..2026-03-28', '2026-03-29..2026-04-28']],
    ['2026-01-30', iv(1, 'MONTH'), ['2026-01-30..2026-02-27', '2026-02-28..2026-03-29', '2026-03-30..2026-04-29']],
    ['2028-01-31', iv(1, 'MONTH'), ['2028-01-31..2028-02-28', '2028-02-29..2028-03-30', '2028-03-31..2028-04-29']],
    ['2020-03-10', iv(3, 'MONTH'), ['2020-03-10..2020-06-09', '2020-06-10..2020-09-09', '2020-09-10..2020-12-09']],
    ['2026-08-31', iv(3, 'MONTH'), ['2026-08-31..2026-11-29', '2026-11-30..2027-02-27', '2027-02-28..2027-05-30']],
    ['2026-08-31', iv(6, 'MONTH'), ['2026-08-31..2027-02-27', '2027-02-28..2027-08-30', '2027-08-31..2028-02-28']],
    ['2026-01-31', iv(12, 'MONTH'), ['2026-01-31..2027-01-30', '2027-01-31..2028-01-30', '2028-01-31..2029-01-30']],
    ['2028-02-29', iv(1, 'YEAR'), ['2028-02-29..2029-02-27', '2029-02-28..2030-02-27', '2030-02-28..2031-02-27']],
    ['2027-03-01', iv(1, 'YEAR'), ['2027-03-01..2028-02-29', '2028-03-01..2029-02-28', '2029-03-01..2030-02-28']],
  ])('%s every %o', (anchor, interval, expected) => {
    expect(range(anchor, interval, 3)).toEqual(expected);
  });

  it('leap-year anchor 29.02.2028 comes back to 29.02. four years later (computed from the start, not chained)', () => {
    expect(periodAt('2028-02-29', iv(1, 'YEAR'), 4).start).toBe('2032-02-29');
    expect(periodAt('2026-01-31', iv(1, 'MONTH'), 2).start).toBe('2026-03-31');
  });

  it('finds the period containing a day, also far from the start', () => {
    expect(periodContaining('2026-01-31', iv(1, 'MONTH'), '2026-03-30')).toEqual({ index: 1, start: '2026-02-28', end: '2026-03-30' });
    expect(periodContaining('2000-01-03', iv(1, 'WEEK'), '2026-03-04')?.start).toBe('2026-03-02');
    expect(periodContaining('2026-01-01', iv(1, 'MONTH'), '2025-12-31')).toBeNull();
    expect(periodsBetween('2026-01-05', iv(1, 'WEEK'), '2026-03-01', '2026-03-10').map((p) => p.start)).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
    ]);
  });

  it('property: consecutive periods tile time with no gap or overlap, for every unit and count', () => {
    const unit = fc.constantFrom<IntervalUnit>('DAY', 'WEEK', 'MONTH', 'YEAR');
    const start = fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2090-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(start, fc.constantFrom(1, 2, 3, 6, 12), unit, fc.integer({ min: 0, max: 200 }), (anchor, count, u, k) => {
        const interval = iv(count, u);
        const a = periodAt(anchor, interval, k);
        const b = periodAt(anchor, interval, k + 1);
        expect(addDays(a.end, 1)).toBe(b.start);
        expect(periodDays(a)).toBeGreaterThanOrEqual(1);
        expect(periodContaining(anchor, interval, a.end)?.start).toBe(a.start);
        expect(periodContaining(anchor, interval, b.start)?.index).toBe(k + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('due dates (S11)', () => {
  it('in advance: the first day; in arrears: the day after the last day', () => {
    const jan = { start: '2026-01-01', end: '2026-01-31' };
    expect(dueDate(jan, true)).toBe('2026-01-01');
    expect(dueDate(jan, false)).toBe('2026-02-01');
  });
});

describe('proration by days (S13)', () => {
  it('S13 30,00 for 16 of 31 days unused gives 15,48; 60,00 for 16 days gives 30,97', () => {
    expect(proratedAmount(dec(1), dec('30'), dec(0), 16, 31).toFixed(2)).toBe('15.48');
    expect(dec('30').minus(proratedAmount(dec(1), dec('30'), dec(0), 15, 31)).toFixed(2)).toBe('15.48');
    expect(proratedAmount(dec(1), dec('60'), dec(0), 16, 31).toFixed(2)).toBe('30.97');
  });

  it.each([
    ['1', '25.00', '0', 7, 7, '25.00'],
    ['1', '84.0336', '0', 30, 30, '84.03'],
    ['2', '84.0336', '10', 30, 30, '151.26'],
    ['1', '100.00', '0', 1, 3, '33.33'],
    ['1', '100.00', '0', 2, 3, '66.67'],
    ['3', '9.99', '50', 14, 28, '7.49'],
    ['1', '300.00', '10', 92, 92, '270.00'],
  ])('%s × %s less %s %% for %i of %i days = %s', (q, p, d, active, days, expected) => {
    expect(proratedAmount(dec(q), dec(p), dec(d), active, days).toFixed(2)).toBe(expected);
  });
});

describe('time-limited discounts', () => {
  const firstSixMonths = { percent: dec(20), from: '2026-01-01', until: '2026-06-30' };
  it.each([
    ['2025-12-01', '0'],
    ['2026-01-01', '20'],
    ['2026-06-30', '20'],
    ['2026-06-01', '20'],
    ['2026-07-01', '0'],
  ])('a discount for the first 6 months applies to the period starting %s: %s %%', (start, expected) => {
    expect(discountFor(firstSixMonths, start).toString()).toBe(expected);
  });

  it('without a window it always applies; none is 0', () => {
    expect(discountFor({ percent: dec(10), from: null, until: null }, '1999-01-01').toString()).toBe('10');
    expect(discountFor({ percent: null, from: null, until: null }, '2026-01-01').toString()).toBe('0');
  });

  it('contract and item discounts stack: 10 % and 20 % give 28 %', () => {
    expect(combineDiscounts(dec(10), dec(20)).toString()).toBe('28');
    expect(combineDiscounts(dec(0), dec('12.5')).toString()).toBe('12.5');
    expect(combineDiscounts(dec(100), dec(20)).toString()).toBe('100');
  });
});
