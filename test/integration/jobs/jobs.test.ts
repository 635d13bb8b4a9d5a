import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/api/events';
import { archiveFolderOf } from '../../../main/documents/archive';
import { backupFolder } from '../../../main/jobs/definitions/backup-job';
import { acquireJobLock } from '../../../main/jobs/lock';
import { startJob } from '../../../main/jobs/runner';
import { JobScheduler } from '../../../main/jobs/scheduler';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';

describe('jobs', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
  });
  afterEach(async () => t.close());

  it('lists the jobs with their German schedule and next run, and a schedule edit persists (audited)', async () => {
    const jobs = await t.call('jobs.list', {});
    const backup = jobs.find((j) => j.name === 'company.backup');
    expect(backup?.cronText).toBe('täglich um 22:00 Uhr');
    expect(backup?.nextRunAt).toBe('2026-11-28T21:00:00.000Z');
    await t.call('jobs.updateSchedule', { name: 'company.backup', cron: '30 7 * * 1', enabled: true });
    const again = (await t.call('jobs.list', {})).find((j) => j.name === 'company.backup');
    expect(again?.cronText).toBe('wöchentlich am Montag um 07:30 Uhr');
    expect(again?.nextRunAt).toBe('2026-11-30T06:30:00.000Z');
    const audit = await t.call('audit.list', { entity: 'Auftrag' });
    expect(audit.rows[0]?.changes).toEqual([{ field: 'zeitplan', old: '0 22 * * *', new: '30 7 * * 1' }]);
    const bad = await t.tryCall('jobs.updateSchedule', { name: 'company.backup', cron: '0 25 * * *', enabled: true });
    expect(fieldErrorOf(bad, 'cron')).toContain('Zeitplan ungültig');
  });

  it('keeps the tray preference per installation, default off', async () => {
    expect(await t.call('app.preferences', {})).toEqual({ keepInTray: false });
    await t.call('app.updatePreferences', { keepInTray: true });
    expect(t.session.registry.preferences()).toEqual({ keepInTray: true });
  });

  it('runs the backup job: a consistent copy that passes integrity_check, rotated to the newest N, with history', async () => {
    await t.call('customers.create', { customer: { companyName: 'Gesichert GmbH' } });
    const db = t.session.company().db;
    await db.transaction((m) => m.query(`INSERT INTO settings(key, value_json, updated_at) VALUES ('backup.keep', '2', 'x')`));
    for (const instant of ['2026-11-28T09:00:00Z', '2026-11-28T09:01:00Z', '2026-11-28T09:02:00Z']) {
      t.clock.set(instant);
      const run = await t.call('jobs.runAndWait', { name: 'company.backup' });
      expect(run.state).toBe('DONE');
    }
    const dir = backupFolder(t.session.dataDir, db);
    const files = readdirSync(dir).filter((f) => f.endsWith('.abowerk')).sort();
    expect(files).toHaveLength(2);
    const copy = new Database(join(dir, files[1] ?? ''), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare(`SELECT display_name FROM customer`).all()).toEqual([{ display_name: 'Gesichert GmbH' }]);
    copy.close();
    const history = await t.call('jobs.history', { name: 'company.backup' });
    expect(history.total).toBe(3);
    expect(history.rows[0]?.counts).toEqual({ gesichert: 1, belege: 0, entfernt: 1 });
    expect(history.rows[0]?.startedBy).toBe('test');
  });

  it('mirrors the PDF archive into the backup (GoBD) and never rotates manual copies away', async () => {
    const db = t.session.company().db;
    const archive = archiveFolderOf(db.filePath);
    mkdirSync(join(archive, '2026'), { recursive: true });
    writeFileSync(join(archive, '2026', 'RE-2026-000001.pdf'), '%PDF-1.7 test');
    await db.transaction((m) => m.query(`INSERT INTO settings(key, value_json, updated_at) VALUES ('backup.keep', '1', 'x')`));
    const dir = backupFolder(t.session.dataDir, db);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'firma-2026-01-01T00-00-00-000Z-vor-wiederherstellung.abowerk'), 'sicherheitskopie');
    t.clock.set('2026-11-28T10:00:00Z');
    expect((await t.call('jobs.runAndWait', { name: 'company.backup' })).counts).toMatchObject({ belege: 1 });
    t.clock.set('2026-11-28T10:01:00Z');
    expect((await t.call('jobs.runAndWait', { name: 'company.backup' })).counts).toMatchObject({ belege: 0, entfernt: 1 });
    expect(readFileSync(join(dir, 'Belege', '2026', 'RE-2026-000001.pdf'), 'utf8')).toBe('%PDF-1.7 test');
    expect(readdirSync(dir).filter((f) => f.endsWith('.abowerk')).sort()).toEqual([
      'firma-2026-01-01T00-00-00-000Z-vor-wiederherstellung.abowerk',
      'firma-2026-11-28T10-01-00-000Z.abowerk',
    ]);
  });

  it('a backup made by hand („Sicherung jetzt“) is never rotated away by the nightly backup', async () => {
    const db = t.session.company().db;
    await db.transaction((m) => m.query(`INSERT INTO settings(key, value_json, updated_at) VALUES ('backup.keep', '1', 'x')`));
    t.clock.set('2026-11-28T09:00:00Z');
    const manual = await t.call('transfer.backup', {});
    expect(manual.fileName).toBe('firma-2026-11-28T09-00-00-000Z-manuell.abowerk');
    t.clock.set('2026-11-28T10:00:00Z');
    await t.call('jobs.runAndWait', { name: 'company.backup' });
    t.clock.set('2026-11-28T10:01:00Z');
    expect((await t.call('jobs.runAndWait', { name: 'company.backup' })).counts).toMatchObject({ entfernt: 1 });
    expect(readdirSync(backupFolder(t.session.dataDir, db)).filter((f) => f.endsWith('.abowerk')).sort()).toEqual([
      'firma-2026-11-28T09-00-00-000Z-manuell.abowerk',
      'firma-2026-11-28T10-01-00-000Z.abowerk',
    ]);
  });

  it('refuses a second start while the job runs, with a clear German message', async () => {
    const db = t.session.company().db;
    await acquireJobLock(db, { name: 'company.backup', label: 'Datensicherung', trigger: 'CLI', slotAt: null, startedBy: 'cli', now: t.clock.now() });
    const second = await t.tryCall('jobs.runNow', { name: 'company.backup' });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error.code).toBe('BUSY');
      expect(second.error.message).toMatch(/^Der Auftrag „Datensicherung“ läuft bereits \(seit .+\)\. Bitte warten, bis er fertig ist\.$/);
    }
  });

  it('takes over a lock whose owner process is gone and marks that run ABORTED', async () => {
    const db = t.session.company().db;
    const runId = await acquireJobLock(db, { name: 'company.backup', label: 'Datensicherung', trigger: 'CLI', slotAt: null, startedBy: 'cli', now: t.clock.now() });
    // Pretend the run belonged to a process that was killed (pid 999999 does not exist).
    db.raw.prepare(`UPDATE job_lock SET owner = ? WHERE run_id = ?`).run(`999999@${(await import('node:os')).hostname()}`, runId);
    const run = await t.call('jobs.runAndWait', { name: 'company.backup' });
    expect(run.state).toBe('DONE');
    const history = await t.call('jobs.history', { name: 'company.backup' });
    expect(history.rows.find((r) => r.id === runId)?.state).toBe('ABORTED');
  });

  it('catches up a missed slot once at opening, not once per missed slot', async () => {
    t.clock.set('2026-11-28T09:00:00Z');
    await t.call('jobs.list', {}); // schedules start counting now
    t.clock.set('2026-12-02T09:00:00Z'); // four nightly backups missed
    const scheduler = new JobScheduler(t.session, { tickMs: 3_600_000, mode: 'inline' });
    await scheduler.tick('CATCH_UP');
    await scheduler.tick('CATCH_UP');
    scheduler.stop();
    const history = await t.call('jobs.history', { name: 'company.backup' });
    expect(history.total).toBe(1);
    expect(history.rows[0]?.trigger).toBe('CATCH_UP');
  });
});

describe('jobs in a worker thread', () => {
  let t: TestCompany;
  let workerFile: string;
  beforeAll(async () => {
    t = await createTestCompany();
    // Inside the repository so that the bundle finds node_modules.
    workerFile = join(process.cwd(), 'node_modules', '.cache', 'abowerk-test', `job-worker-${process.pid}.js`);
    await build({ entryPoints: ['main/jobs/worker.ts'], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
  });
  afterAll(async () => t.close());

  it('runs on its own connection and reports progress events', async () => {
    const events: JobProgress[] = [];
    t.events.subscribe((event, payload) => {
      if (event === 'job.progress') events.push(payload as JobProgress);
    });
    process.env.ABOWERK_JOB_WORKER = workerFile;
    try {
      const handle = await startJob({ company: t.session.company(), dataDir: t.session.dataDir, ctx: t.session.context() }, { name: 'company.backup', trigger: 'MANUAL' });
      const run = await handle.done;
      expect(run.errors).toEqual([]);
      expect(run.state).toBe('DONE');
      expect(run.message).toContain('sicherungen');
    } finally {
      delete process.env.ABOWERK_JOB_WORKER;
    }
    expect(events.at(0)?.state).toBe('running');
    expect(events.at(-1)).toMatchObject({ kind: 'company.backup', state: 'done', current: 2, total: 2 });
  });
});
