import { describe, expect, it } from 'vitest';
import { cronToPreset, describeCron, parseClockTime, presetToCron } from '../../../shared/schedule-presets';

describe('schedule presets', () => {
  it.each([
    ['07:30', { hour: 7, minute: 30 }],
    ['7:30', { hour: 7, minute: 30 }],
    [' 00:00 ', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
  ])('reads the time %s', (text, expected) => {
    expect(parseClockTime(text)).toEqual(expected);
  });

  it.each(['25:99', '24:00', '12:60', '1230', '12:5', '', 'abc', '-1:30'])('refuses the time „%s“ (it was saved as a cron the scheduler refused)', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });

  it('a preset goes to cron and back, and reads in German', () => {
    const weekly = { kind: 'WEEKLY', weekday: 1, hour: 7, minute: 30 } as const;
    expect(presetToCron(weekly)).toBe('30 7 * * 1');
    expect(cronToPreset('30 7 * * 1')).toEqual(weekly);
    expect(describeCron('30 7 * * 1')).toBe('wöchentlich am Montag um 07:30 Uhr');
  });
});
