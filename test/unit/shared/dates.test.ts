import { describe, expect, it } from 'vitest';
import { addInterval, berlinDate, daysBetween, formatDate, formatPeriod, parseDate } from '../../../shared/dates';

describe('dates', () => {
  it('anchors intervals on the start and clamps month ends (31.01. → 28.02. → 31.03.)', () => {
    const start = '2026-01-31';
    expect(addInterval(start, { count: 1, unit: 'MONTH' }, 1)).toBe('2026-02-28');
    expect(addInterval(start, { count: 1, unit: 'MONTH' }, 2)).toBe('2026-03-31');
    expect(addInterval('2024-02-29', { count: 1, unit: 'YEAR' }, 1)).toBe('2025-02-28');
    expect(addInterval('2024-02-29', { count: 1, unit: 'YEAR' }, 4)).toBe('2028-02-29');
    expect(addInterval('2026-01-05', { count: 1, unit: 'WEEK' }, 8)).toBe('2026-03-02');
  });

  it('formats TT.MM.JJJJ and service periods', () => {
    expect(formatDate('2027-03-01')).toBe('01.03.2027');
    expect(formatPeriod('2027-03-01', '2027-03-31')).toBe('01.03.–31.03.2027');
    expect(formatPeriod('2026-12-10', '2027-03-09')).toBe('10.12.2026–09.03.2027');
  });

  it('parses German dates strictly', () => {
    expect(parseDate('1.7.2020')).toBe('2020-07-01');
    expect(parseDate('31.02.2026')).toBeNull();
    expect(parseDate('2026-02-28')).toBe('2026-02-28');
    expect(parseDate('heute')).toBeNull();
  });

  it('counts days without DST effects and knows the date in Berlin', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(berlinDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
