import { describe, expect, it } from 'vitest';
import { counterOfNumber, highestCounters } from '../../../main/transfer/rules-numbers';

describe('imported numbers advance the number range', () => {
  it.each([
    ['K{NNNNN}', 'K00042', { period: '', counter: 42 }],
    ['K{NNNNN}', 'K123456', { period: '', counter: 123456 }],
    ['K{NNNNN}', 'X00042', null],
    ['K{NNNNN}', 'K0042', null],
    ['RE-{YYYY}-{NNNNNN}', 'RE-2026-000101', { period: '2026', counter: 101 }],
    ['V.{YY}/{NNN}', 'V.26/007', { period: '2026', counter: 7 }],
  ])('%s reads %s', (format, number, expected) => {
    expect(counterOfNumber(format, number)).toEqual(expected);
  });

  it('keeps the highest counter per period', () => {
    expect([...highestCounters('K{NNNNN}', ['K00007', 'K00042', 'ABC', 'K00003'])]).toEqual([['', 42]]);
  });
});
