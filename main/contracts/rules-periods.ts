// Pure period math of a subscription (DOMAIN §6): periods anchored on the billing start with
// month-end clamping, due dates in advance / in arrears, proration by days, discount windows.
// No database, no clock: every date is an argument.
import { addDays, addInterval, compareDates, daysBetween, maxDate, minDate, type Interval, type IsoDate } from '../../shared/dates';
import { Decimal, type Decimal as DecimalType, roundAmount, ZERO } from '../../shared/money';

export interface Period {
  /** Index k of the period, counted from the anchor. */
  readonly index: number;
  readonly start: IsoDate;
  /** Inclusive: the day before period k+1 starts. */
  readonly end: IsoDate;
}

/**
 * Period k starts at anchor + k × interval, computed from the anchor each time (never by adding
 * to the previous period), so 31.01. stays the month's end: 31.01. → 28.02. → 31.03.
 */
export function periodAt(anchor: IsoDate, interval: Interval, index: number): Period {
  const start = addInterval(anchor, interval, index);
  const end = addDays(addInterval(anchor, interval, index + 1), -1);
  return { index, start, end };
}

/** Day number of an IsoDate already validated at the boundary (hot path: no regex, no calendar check). */
function dayNumberOf(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Days of a period, both ends included. */
export function periodDays(p: { readonly start: IsoDate; readonly end: IsoDate }): number {
  return dayNumberOf(p.end) - dayNumberOf(p.start) + 1;
}

/** Approximate length of one interval in days, only to jump close to a date before stepping. */
function approxDays(interval: Interval): number {
  switch (interval.unit) {
    case 'DAY':
      return interval.count;
    case 'WEEK':
      return 7 * interval.count;
    case 'MONTH':
      return 28 * interval.count;
    case 'YEAR':
      return 365 * interval.count;
  }
}

/** The period containing `date` (date ≥ anchor), or null when the date lies before the anchor. */
export function periodContaining(anchor: IsoDate, interval: Interval, date: IsoDate): Period | null {
  if (compareDates(date, anchor) < 0) return null;
  // Start from a lower bound of the index and step forward; each step is computed from the anchor.
  let k = Math.max(0, Math.floor(daysBetween(anchor, date) / (approxDays(interval) + 3)) - 1);
  while (compareDates(addInterval(anchor, interval, k), date) > 0) k -= 1;
  for (;;) {
    const p = periodAt(anchor, interval, k);
    if (compareDates(p.end, date) >= 0) return p;
    k += 1;
  }
}

/** Every period that overlaps [from, to], in order. */
export function periodsBetween(anchor: IsoDate, interval: Interval, from: IsoDate, to: IsoDate): Period[] {
  if (compareDates(to, anchor) < 0 || compareDates(to, from) < 0) return [];
  const first = periodContaining(anchor, interval, maxDate(from, anchor));
  if (first === null) return [];
  const result: Period[] = [];
  for (let k = first.index; ; k += 1) {
    const p = periodAt(anchor, interval, k);
    if (compareDates(p.start, to) > 0) break;
    result.push(p);
  }
  return result;
}

/** Due date: the first day when billing in advance; the day after the last day in arrears. */
export function dueDate(range: { readonly start: IsoDate; readonly end: IsoDate }, billInAdvance: boolean): IsoDate {
  return billInAdvance ? range.start : addDays(range.end, 1);
}

export interface DateRange {
  readonly start: IsoDate;
  /** Inclusive; null = open-ended. */
  readonly end: IsoDate | null;
}

/** The part of a period inside a range, or null when they do not overlap. */
export function overlap(period: { start: IsoDate; end: IsoDate }, range: DateRange): { start: IsoDate; end: IsoDate } | null {
  const start = maxDate(period.start, range.start);
  const end = range.end === null ? period.end : minDate(period.end, range.end);
  return compareDates(start, end) <= 0 ? { start, end } : null;
}

/** A discount in percent that may be limited to periods starting inside [from, until]. */
export interface DiscountWindow {
  readonly percent: DecimalType | null;
  readonly from: IsoDate | null;
  readonly until: IsoDate | null;
}

/** A time-limited discount applies to the periods that start inside its window. */
export function discountFor(window: DiscountWindow, periodStart: IsoDate): DecimalType {
  if (window.percent === null || window.percent.isZero()) return ZERO;
  if (window.from !== null && compareDates(periodStart, window.from) < 0) return ZERO;
  if (window.until !== null && compareDates(periodStart, window.until) > 0) return ZERO;
  return window.percent;
}

/** Contract and item discounts stack multiplicatively: 10 % and 20 % give 28 %. */
export function combineDiscounts(a: DecimalType, b: DecimalType): DecimalType {
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  const hundred = new Decimal(100);
  return hundred.minus(hundred.minus(a).times(hundred.minus(b)).dividedBy(100));
}

/**
 * Amount of an item for (part of) a period: quantity × unit price less discount, times
 * active days ÷ days in the period, rounded half-up once (DOMAIN §2: each proration amount).
 * A whole period gives exactly the line net.
 */
export function proratedAmount(
  quantity: DecimalType,
  unitPrice: DecimalType,
  discountPercent: DecimalType,
  activeDays: number,
  daysInPeriod: number,
): DecimalType {
  const full = quantity.times(unitPrice).times(new Decimal(100).minus(discountPercent)).dividedBy(100);
  if (activeDays === daysInPeriod) return roundAmount(full);
  return roundAmount(full.times(activeDays).dividedBy(daysInPeriod));
}
