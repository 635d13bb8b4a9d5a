// The friendly German schedule editor's presets and their cron expressions (pure; both sides use it).

export type SchedulePreset =
  | { readonly kind: 'EVERY_MINUTES'; readonly minutes: number }
  | { readonly kind: 'DAILY'; readonly hour: number; readonly minute: number }
  | { readonly kind: 'WEEKLY'; readonly weekday: number; readonly hour: number; readonly minute: number }
  | { readonly kind: 'MONTHLY'; readonly day: number; readonly hour: number; readonly minute: number };

export const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'] as const;

export function presetToCron(p: SchedulePreset): string {
  switch (p.kind) {
    case 'EVERY_MINUTES':
      return `*/${p.minutes} * * * *`;
    case 'DAILY':
      return `${p.minute} ${p.hour} * * *`;
    case 'WEEKLY':
      return `${p.minute} ${p.hour} * * ${p.weekday}`;
    case 'MONTHLY':
      return `${p.minute} ${p.hour} ${p.day} * *`;
  }
}

/** A time of day as typed („7:30“, „07:30“): hour 0–23 and minute 0–59, or null. */
export function parseClockTime(text: string): { readonly hour: number; readonly minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

const NUM = '(\\d{1,2})';

/** The preset a cron expression was made from, or null for a hand-written one. */
export function cronToPreset(expression: string): SchedulePreset | null {
  const e = expression.trim().replace(/\s+/g, ' ');
  let m = new RegExp(`^\\*/${NUM} \\* \\* \\* \\*$`).exec(e);
  if (m) return { kind: 'EVERY_MINUTES', minutes: Number(m[1]) };
  m = new RegExp(`^${NUM} ${NUM} \\* \\* \\*$`).exec(e);
  if (m) return { kind: 'DAILY', minute: Number(m[1]), hour: Number(m[2]) };
  m = new RegExp(`^${NUM} ${NUM} \\* \\* ([0-6])$`).exec(e);
  if (m) return { kind: 'WEEKLY', minute: Number(m[1]), hour: Number(m[2]), weekday: Number(m[3]) };
  m = new RegExp(`^${NUM} ${NUM} ${NUM} \\* \\*$`).exec(e);
  if (m) return { kind: 'MONTHLY', minute: Number(m[1]), hour: Number(m[2]), day: Number(m[3]) };
  return null;
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function describeCron(expression: string): string {
  const p = cronToPreset(expression);
  if (!p) return `Zeitplan „${expression}“`;
  switch (p.kind) {
    case 'EVERY_MINUTES':
      return p.minutes === 1 ? 'jede Minute' : `alle ${p.minutes} Minuten`;
    case 'DAILY':
      return `täglich um ${hhmm(p.hour, p.minute)} Uhr`;
    case 'WEEKLY':
      return `wöchentlich am ${WEEKDAYS[p.weekday]} um ${hhmm(p.hour, p.minute)} Uhr`;
    case 'MONTHLY':
      return `monatlich am ${p.day}. um ${hhmm(p.hour, p.minute)} Uhr`;
  }
}
