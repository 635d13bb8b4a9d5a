import type { JobDto } from '../../shared/api/jobs';
import { AppError, fieldError } from '../../shared/errors';
import { recordAudit } from '../company/audit';
import type { CompanyDb } from '../db/company-db';
import { jobDefinitions, jobDefinition } from './registry';
import { latestRuns } from './runs';
import { describeCron, nextRunAfter, validateCron, type ScheduledJobState } from './schedule-rules';

interface ScheduleRow {
  name: string;
  cron: string;
  enabled: number;
  last_slot_at: string;
}

/** Every known job has a schedule row; new ones start with their default, counted from now. */
export async function ensureSchedules(db: CompanyDb, now: Date): Promise<void> {
  await db.transaction(async (m) => {
    for (const def of jobDefinitions) {
      await m.query(`INSERT OR IGNORE INTO job_schedule(name, cron, enabled, last_slot_at, updated_at) VALUES (?, ?, 1, ?, ?)`, [
        def.name,
        def.defaultCron,
        now.toISOString(),
        now.toISOString(),
      ]);
    }
  });
}

export async function scheduleStates(db: CompanyDb): Promise<ScheduledJobState[]> {
  const rows = (await db.dataSource.manager.query(`SELECT name, cron, enabled, last_slot_at FROM job_schedule`)) as ScheduleRow[];
  return rows
    .filter((r) => jobDefinition(r.name))
    .map((r) => ({
      name: r.name,
      cron: r.cron,
      enabled: r.enabled === 1,
      lastSlotAt: new Date(r.last_slot_at),
      dependsOn: jobDefinition(r.name)?.dependsOn ?? [],
    }));
}

export async function listJobs(db: CompanyDb, now: Date): Promise<JobDto[]> {
  await ensureSchedules(db, now);
  const states = await scheduleStates(db);
  const { running, last } = await latestRuns(db.dataSource.manager);
  return jobDefinitions.map((def) => {
    const s = states.find((x) => x.name === def.name);
    const cron = s?.cron ?? def.defaultCron;
    const enabled = s?.enabled ?? true;
    return {
      name: def.name,
      label: def.label,
      cron,
      cronText: describeCron(cron),
      enabled,
      nextRunAt: enabled ? (nextRunAfter(cron, now)?.toISOString() ?? null) : null,
      dependsOn: def.dependsOn,
      running: running.get(def.name) ?? null,
      lastRun: last.get(def.name) ?? null,
    };
  });
}

export async function updateSchedule(
  db: CompanyDb,
  input: { name: string; cron: string; enabled: boolean },
  who: { actor: string; now: Date },
): Promise<JobDto> {
  const def = jobDefinition(input.name);
  if (!def) throw new AppError('NOT_FOUND', `Unbekannter Auftrag „${input.name}“.`);
  const invalid = validateCron(input.cron);
  if (invalid) throw fieldError('cron', invalid);
  await ensureSchedules(db, who.now);
  await db.transaction(async (m) => {
    const before = ((await m.query(`SELECT cron, enabled, last_slot_at FROM job_schedule WHERE name = ?`, [input.name])) as ScheduleRow[])[0];
    // A new schedule, or one switched back on, counts from now: slots are caught up only for the
    // time the app was closed (DOMAIN §11), not for a schedule the user has just set.
    const unchanged = before !== undefined && before.cron === input.cron && (before.enabled === 1) === input.enabled;
    await m.query(`UPDATE job_schedule SET cron = ?, enabled = ?, last_slot_at = ?, updated_at = ? WHERE name = ?`, [
      input.cron,
      input.enabled ? 1 : 0,
      unchanged ? before.last_slot_at : who.now.toISOString(),
      who.now.toISOString(),
      input.name,
    ]);
    await recordAudit(m, {
      actor: who.actor,
      at: who.now.toISOString(),
      entity: 'Auftrag',
      entityId: input.name,
      action: 'UPDATE',
      before: { zeitplan: before?.cron, aktiv: before?.enabled === 1 },
      after: { zeitplan: input.cron, aktiv: input.enabled },
    });
  });
  const job = (await listJobs(db, who.now)).find((j) => j.name === input.name);
  if (!job) throw new AppError('INTERNAL', 'Auftrag nicht gefunden.');
  return job;
}
