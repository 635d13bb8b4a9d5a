import { describe, expect, it } from 'vitest';
import {
  cronToPreset,
  dependencyOrder,
  describeCron,
  latestSlot,
  nextRunAfter,
  presetToCron,
  selectCatchUp,
  validateCron,
  type ScheduledJobState,
} from '../../../main/jobs/schedule-rules';

const at = (iso: string) => new Date(iso);

describe('next run in Europe/Berlin', () => {
  it('runs the daily 06:00 billing at 06:00 local time across the DST change', () => {
    expect(nextRunAfter('0 6 * * *', at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(nextRunAfter('0 6 * * *', at('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-03-28T05:00:00.000Z');
    expect(nextRunAfter('0 6 * * *', at('2026-10-24T12:00:00Z'))?.toISOString()).toBe('2026-10-25T05:00:00.000Z');
  });

  it('every 10 minutes', () => {
    expect(nextRunAfter('*/10 * * * *', at('2026-11-28T09:03:00Z'))?.toISOString()).toBe('2026-11-28T09:10:00.000Z');
  });

  it('validates cron expressions in German', () => {
    expect(validateCron('0 6 * * *')).toBeNull();
    expect(validateCron('0 6 * *')).toContain('fünf Felder');
    expect(validateCron('99 6 * * *')).toContain('ungültig');
  });

  it.each([
    ['0 25 * * *', 'Stunde „25“', '0–23'],
    ['61 * * * *', 'Minute „61“', '0–59'],
    ['*/0 * * * *', 'Minute „*/0“', '0–59'],
    ['a b c d e', 'Minute „a“', '0–59'],
    ['0 6 32 * *', 'Tag „32“', '1–31'],
    ['0 6 * 13 *', 'Monat „13“', '1–12'],
    ['0 6 * * 8', 'Wochentag „8“', '0–7'],
  ])('explains %s in German, naming the field: %s', (cron, field, range) => {
    expect(validateCron(cron)).toBe(`Zeitplan ungültig: ${field} ist nicht zulässig – erlaubt sind ${range}${range === '0–7' ? ' (0 und 7 = Sonntag)' : ''} sowie *, Listen (1,15), Bereiche (1-5) und Schritte (*/10)`);
  });
});

describe('catch-up with a fake clock', () => {
  const jobs = (lastSlotAt: string): ScheduledJobState[] => [
    { name: 'billing.run', cron: '0 6 * * *', enabled: true, lastSlotAt: at(lastSlotAt), dependsOn: ['activities.generate'] },
    { name: 'company.backup', cron: '0 22 * * *', enabled: true, lastSlotAt: at(lastSlotAt), dependsOn: [] },
    { name: 'activities.generate', cron: '*/10 * * * *', enabled: true, lastSlotAt: at(lastSlotAt), dependsOn: [] },
    { name: 'disabled.job', cron: '* * * * *', enabled: false, lastSlotAt: at(lastSlotAt), dependsOn: [] },
  ];

  it('closed over a weekend: each missed job runs once, activities before billing', () => {
    // Closed Friday 18:00, opened Monday 08:00 (Berlin, CET).
    const result = selectCatchUp(jobs('2026-11-27T17:00:00Z'), at('2026-11-30T07:00:00Z'));
    expect(result.map((r) => r.name)).toEqual(['activities.generate', 'billing.run', 'company.backup']);
    const billing = result.find((r) => r.name === 'billing.run');
    expect(billing?.slot.toISOString()).toBe('2026-11-30T05:00:00.000Z');
    const backup = result.find((r) => r.name === 'company.backup');
    expect(backup?.slot.toISOString()).toBe('2026-11-29T21:00:00.000Z');
  });

  it('closed over a month end: billing once for the latest slot', () => {
    const result = selectCatchUp(jobs('2026-11-29T10:00:00Z'), at('2026-12-02T09:00:00Z'));
    expect(result.filter((r) => r.name === 'billing.run')).toHaveLength(1);
    expect(result.find((r) => r.name === 'billing.run')?.slot.toISOString()).toBe('2026-12-02T05:00:00.000Z');
  });

  it('closed over the DST change in Europe/Berlin: the 06:00 slot is local time', () => {
    const result = selectCatchUp(jobs('2026-03-28T20:00:00Z'), at('2026-03-29T06:30:00Z'));
    expect(result.find((r) => r.name === 'billing.run')?.slot.toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });

  it('nothing is caught up when no slot passed, and a disabled job never is', () => {
    expect(selectCatchUp(jobs('2026-11-28T09:00:00Z'), at('2026-11-28T09:05:00Z'))).toEqual([]);
    expect(selectCatchUp(jobs('2026-01-01T00:00:00Z'), at('2026-11-28T09:05:00Z')).map((r) => r.name)).not.toContain('disabled.job');
  });

  it('latestSlot is the newest slot in (since, now]', () => {
    expect(latestSlot('0 6 * * *', at('2026-11-25T06:00:00Z'), at('2026-11-28T10:00:00Z'))?.toISOString()).toBe('2026-11-28T05:00:00.000Z');
    expect(latestSlot('0 6 * * *', at('2026-11-28T05:00:00Z'), at('2026-11-28T10:00:00Z'))).toBeNull();
  });

  it('orders by dependencies and refuses cycles', () => {
    expect(dependencyOrder([{ name: 'b', dependsOn: ['a'] }, { name: 'a', dependsOn: [] }])).toEqual(['a', 'b']);
    expect(() => dependencyOrder([{ name: 'a', dependsOn: ['b'] }, { name: 'b', dependsOn: ['a'] }])).toThrow(/Zyklische/);
  });
});

describe('friendly German schedule editor', () => {
  it.each([
    [{ kind: 'DAILY', hour: 6, minute: 0 } as const, '0 6 * * *', 'täglich um 06:00 Uhr'],
    [{ kind: 'WEEKLY', weekday: 1, hour: 7, minute: 30 } as const, '30 7 * * 1', 'wöchentlich am Montag um 07:30 Uhr'],
    [{ kind: 'MONTHLY', day: 1, hour: 5, minute: 0 } as const, '0 5 1 * *', 'monatlich am 1. um 05:00 Uhr'],
    [{ kind: 'EVERY_MINUTES', minutes: 10 } as const, '*/10 * * * *', 'alle 10 Minuten'],
  ])('%o ↔ %s', (preset, expression, text) => {
    expect(presetToCron(preset)).toBe(expression);
    expect(cronToPreset(expression)).toEqual(preset);
    expect(describeCron(expression)).toBe(text);
  });

  it('keeps hand-written expressions as they are', () => {
    expect(cronToPreset('0 6 * * 1-5')).toBeNull();
    expect(describeCron('0 6 * * 1-5')).toBe('Zeitplan „0 6 * * 1-5“');
  });
});
