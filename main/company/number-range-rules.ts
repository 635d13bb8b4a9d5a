// Number formats such as "RE-{YYYY}-{NNNNNN}": {YYYY}/{YY} year of the document date,
// {MM} its month, a run of N the zero-padded counter. A format with a year counts per year.
import { splitDate, type IsoDate } from '../../shared/dates';

const COUNTER = /\{(N+)\}/;
const TOKENS = /\{(YYYY|YY|MM|N+)\}/g;

export function validateNumberFormat(format: string): string | null {
  if (!COUNTER.test(format)) return 'Das Format braucht einen Zähler, z. B. {NNNNNN}';
  const unknown = format.replace(TOKENS, '').match(/\{[^}]*\}/);
  if (unknown) return `Unbekannter Platzhalter ${unknown[0]} (erlaubt: {YYYY}, {YY}, {MM}, {NNNN…})`;
  if (format.length > 40) return 'Das Format ist zu lang (höchstens 40 Zeichen)';
  return null;
}

/** The counter period of a format on a date: the year when the format shows one, else ''. */
export function counterPeriod(format: string, date: IsoDate): string {
  return /\{YY(YY)?\}/.test(format) ? String(splitDate(date).year) : '';
}

export function formatNumber(format: string, counter: number, date: IsoDate): string {
  const { year, month } = splitDate(date);
  return format.replace(TOKENS, (_, token: string) => {
    if (token === 'YYYY') return String(year);
    if (token === 'YY') return String(year % 100).padStart(2, '0');
    if (token === 'MM') return String(month).padStart(2, '0');
    return String(counter).padStart(token.length, '0');
  });
}

/**
 * The counter of the next number: one on from the last number of the period, or the start value
 * where that lies above it. A range never runs backwards, so it cannot issue a number twice.
 */
export function nextCounterValue(last: number | undefined, startValue: number): number {
  return last === undefined ? startValue : Math.max(last + 1, startValue);
}
