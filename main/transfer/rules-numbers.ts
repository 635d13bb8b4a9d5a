// Imported numbers and the number range (pure): a customer imported as "K00042" must move the
// CUSTOMER counter to at least 42, or the next customer created by hand would collide with it.

const TOKEN = /\{(YYYY|YY|MM|N+)\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The counter and period a number would have in a range format ("K{NNNNN}", "RE-{YYYY}-{NNNNNN}"),
 * or null when the number does not have the format's shape. The period is the year for formats
 * that show one, else '' (as in number_range_counter).
 */
export function counterOfNumber(format: string, number: string): { period: string; counter: number } | null {
  let pattern = '';
  let last = 0;
  const groups: string[] = [];
  for (const m of format.matchAll(TOKEN)) {
    pattern += escape(format.slice(last, m.index));
    const token = m[1] ?? '';
    if (token === 'YYYY') pattern += '(\\d{4})';
    else if (token === 'YY' || token === 'MM') pattern += '(\\d{2})';
    else pattern += `(\\d{${token.length},})`;
    groups.push(token.startsWith('N') ? 'N' : token);
    last = (m.index ?? 0) + m[0].length;
  }
  pattern += escape(format.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(number);
  if (!match) return null;
  let period = '';
  let counter = NaN;
  groups.forEach((g, i) => {
    const value = match[i + 1] ?? '';
    if (g === 'N') counter = Number(value);
    else if (g === 'YYYY') period = value;
    else if (g === 'YY') period = String(2000 + Number(value));
  });
  return Number.isSafeInteger(counter) ? { period, counter } : null;
}

/** Highest counter per period among the numbers that fit the format. */
export function highestCounters(format: string, numbers: Iterable<string>): Map<string, number> {
  const result = new Map<string, number>();
  for (const n of numbers) {
    const c = counterOfNumber(format, n);
    if (c && c.counter > (result.get(c.period) ?? -1)) result.set(c.period, c.counter);
  }
  return result;
}
