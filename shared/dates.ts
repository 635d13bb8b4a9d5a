// Calendar dates without time zones: an IsoDate is "YYYY-MM-DD". All arithmetic goes through
// UTC day numbers so that DST and the machine's zone never move a date.

export type IsoDate = string;
export type IntervalUnit = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
export const INTERVAL_UNITS: readonly IntervalUnit[] = ['DAY', 'WEEK', 'MONTH', 'YEAR'];

export interface Interval {
  readonly count: number;
  readonly unit: IntervalUnit;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MS_PER_DAY = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function splitDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new Error(`Ungültiges Datum: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (UTC). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = splitDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Number of days from a to b (b − a); inclusive ranges add 1 themselves. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Months added to an anchor with the day clamped to the target month's length (31.01. + 1 → 28.02.). */
export function addMonthsClamped(anchor: IsoDate, months: number): IsoDate {
  const { year, month, day } = splitDate(anchor);
  const zeroBased = year * 12 + (month - 1) + months;
  const y = Math.floor(zeroBased / 12);
  const m = (zeroBased % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** anchor + steps × interval, always computed from the anchor (never chained), so month ends stay put. */
export function addInterval(anchor: IsoDate, interval: Interval, steps = 1): IsoDate {
  const n = interval.count * steps;
  switch (interval.unit) {
    case 'DAY':
      return addDays(anchor, n);
    case 'WEEK':
      return addDays(anchor, 7 * n);
    case 'MONTH':
      return addMonthsClamped(anchor, n);
    case 'YEAR':
      return addMonthsClamped(anchor, 12 * n);
  }
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = splitDate(date);
  return isoDate(year, month, daysInMonth(year, month));
}

/** TT.MM.JJJJ */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = splitDate(date);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** "01.03.–31.03.2027" as printed for service periods; the year is repeated only when it differs. */
export function formatPeriod(from: IsoDate, to: IsoDate): string {
  const a = splitDate(from);
  const b = splitDate(to);
  const left = `${String(a.day).padStart(2, '0')}.${String(a.month).padStart(2, '0')}.`;
  return `${a.year === b.year ? left : formatDate(from)}–${formatDate(to)}`;
}

/** Parses TT.MM.JJJJ (also T.M.JJJJ) or an ISO date; null when it is not a real calendar day. */
export function parseDate(input: string): IsoDate | null {
  const s = input.trim();
  const german = GERMAN_DATE.exec(s);
  const candidate = german ? isoDate(Number(german[3]), Number(german[2]), Number(german[1])) : s;
  return isIsoDate(candidate) ? candidate : null;
}

/** The calendar date in Germany at an instant; services take it from their clock, rules take it as argument. */
export function berlinDate(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts;
}

export const INTERVAL_UNIT_LABELS: Readonly<Record<IntervalUnit, { one: string; many: string }>> = {
  DAY: { one: 'Tag', many: 'Tage' },
  WEEK: { one: 'Woche', many: 'Wochen' },
  MONTH: { one: 'Monat', many: 'Monate' },
  YEAR: { one: 'Jahr', many: 'Jahre' },
};

export function formatInterval(interval: Interval): string {
  const label = INTERVAL_UNIT_LABELS[interval.unit];
  return `${interval.count} ${interval.count === 1 ? label.one : label.many}`;
}
