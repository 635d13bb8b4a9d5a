import { describe, expect, it } from 'vitest';
import { counterPeriod, formatNumber, nextCounterValue, validateNumberFormat } from '../../../main/company/number-range-rules';

describe('number formats', () => {
  it.each([
    ['RE-{YYYY}-{NNNNNN}', 101, '2026-03-01', 'RE-2026-000101'],
    ['ST{YY}{MM}-{NNNN}', 7, '2026-11-28', 'ST2611-0007'],
    ['K{NNNNN}', 42, '2026-01-01', 'K00042'],
    ['K{NN}', 1234, '2026-01-01', 'K1234'],
  ])('%s with counter %i on %s → %s', (format, counter, date, expected) => {
    expect(formatNumber(format, counter, date)).toBe(expected);
  });

  it('counts per year when the format shows the year, else continuously', () => {
    expect(counterPeriod('RE-{YYYY}-{NNNNNN}', '2026-12-31')).toBe('2026');
    expect(counterPeriod('RE-{YY}{NNNN}', '2027-01-01')).toBe('2027');
    expect(counterPeriod('K{NNNNN}', '2027-01-01')).toBe('');
  });

  it('refuses formats without a counter or with unknown placeholders, in German', () => {
    expect(validateNumberFormat('RE-{YYYY}')).toBe('Das Format braucht einen Zähler, z. B. {NNNNNN}');
    expect(validateNumberFormat('RE-{JJJJ}-{NNN}')).toContain('Unbekannter Platzhalter {JJJJ}');
    expect(validateNumberFormat('RE-{YYYY}-{NNNNNN}')).toBeNull();
  });
});

describe('the next counter value: a range never runs backwards', () => {
  it.each([
    ['a new period starts at the start value', undefined, 1000, 1000],
    ['it goes on from the last number', 2, 1, 3],
    ['a start value raised above the numbers issued is where it goes on (switching over)', 2, 1000, 1000],
    ['a start value lowered below the numbers issued waits for the next period', 1002, 5, 1003],
  ])('%s', (_case, last, start, next) => {
    expect(nextCounterValue(last, start)).toBe(next);
  });
});
