// Pure scheduling rules: cron slots in Europe/Berlin, catch-up after the app was closed, and a
// friendly German description of the common schedules.
import { Cron } from 'croner';

export const SCHEDULE_TIMEZONE = 'Europe/Berlin';

function cron(expression: string): Cron {
  return new Cron(expression, { timezone: SCHEDULE_TIMEZONE, paused: true });
}

const CRON_FIELDS = [
  { label: 'Minute', range: '0–59' },
  { label: 'Stunde', range: '0–23' },
  { label: 'Tag', range: '1–31' },
  { label: 'Monat', range: '1–12' },
  { label: 'Wochentag', range: '0–7 (0 und 7 = Sonntag)' },
] as const;

function parses(expression: string): boolean {
  try {
    cron(expression);
    return true;
  } catch {
    return false;
  }
}

/**
 * null when valid, else a German message. Croner explains in English, so the wrong field is found
 * by trying each field alone (the others "*") and named in the words of the schedule editor.
 */
export function validateCron(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return 'Zeitplan: fünf Felder erwartet (Minute Stunde Tag Monat Wochentag), z. B. „0 6 * * *“';
  if (!parses(expression)) {
    const wrong = fields.findIndex((field, i) => !parses(fields.map((other, j) => (j === i ? field : '*')).join(' ')));
    const spec = CRON_FIELDS[wrong];
    if (!spec) return 'Zeitplan ungültig: bitte die fünf Felder Minute Stunde Tag Monat Wochentag prüfen, z. B. „0 6 * * *“';
    return `Zeitplan ungültig: ${spec.label} „${fields[wrong]}“ ist nicht zulässig – erlaubt sind ${spec.range} sowie *, Listen (1,15), Bereiche (1-5) und Schritte (*/10)`;
  }
  if (!cron(expression).nextRun(new Date(0))) return 'Zeitplan: dieser Ausdruck trifft nie zu';
  return null;
}

export function nextRunAfter(expression: string, after: Date): Date | null {
  return cron(expression).nextRun(after);
}

/** The latest slot in (since, now], or null when none was due. */
export function latestSlot(expression: string, since: Date, now: Date): Date | null {
  const next = cron(expression).nextRun(since);
  if (!next || next > now) return null;
  const [previous] = cron(expression).previousRuns(1, new Date(now.getTime() + 1));
  return previous && previous > since ? previous : next;
}

export interface ScheduledJobState {
  readonly name: string;
  readonly cron: string;
  readonly enabled: boolean;
  /** The slot the job last ran for (or the moment it was scheduled). */
  readonly lastSlotAt: Date;
  readonly dependsOn: readonly string[];
}

/**
 * Jobs whose slot passed while the app was closed run once each (not once per missed slot),
 * dependencies first (activities before billing).
 */
export function selectCatchUp(jobs: readonly ScheduledJobState[], now: Date): { name: string; slot: Date }[] {
  const due = new Map<string, Date>();
  for (const job of jobs) {
    if (!job.enabled) continue;
    const slot = latestSlot(job.cron, job.lastSlotAt, now);
    if (slot) due.set(job.name, slot);
  }
  return dependencyOrder(jobs)
    .filter((name) => due.has(name))
    .map((name) => ({ name, slot: due.get(name) as Date }));
}

/** Topological order by dependsOn, stable in the given order. */
export function dependencyOrder(jobs: readonly Pick<ScheduledJobState, 'name' | 'dependsOn'>[]): string[] {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name) || !byName.has(name)) return;
    if (visiting.has(name)) throw new Error(`Zyklische Abhängigkeit bei Auftrag ${name}`);
    visiting.add(name);
    for (const dep of byName.get(name)?.dependsOn ?? []) visit(dep);
    visiting.delete(name);
    order.push(name);
  };
  for (const job of jobs) visit(job.name);
  return order;
}

export { cronToPreset, describeCron, presetToCron, WEEKDAYS, type SchedulePreset } from '../../shared/schedule-presets';
