import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled jobs: schedules, run history and a cross-process lock per job. */
export class Jobs1764300800000 implements MigrationInterface {
  name = 'Jobs1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE job_schedule (
      name TEXT PRIMARY KEY,
      cron TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      last_slot_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE job_run (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('SCHEDULE', 'CATCH_UP', 'MANUAL', 'CLI')),
      slot_at TEXT,
      state TEXT NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'CANCELLED', 'ABORTED')),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      started_by TEXT NOT NULL,
      owner TEXT NOT NULL,
      phase TEXT,
      current INTEGER NOT NULL DEFAULT 0,
      total INTEGER NOT NULL DEFAULT 0,
      counts_json TEXT NOT NULL DEFAULT '{}',
      errors_json TEXT NOT NULL DEFAULT '[]',
      message TEXT
    )`);
    await q.query(`CREATE INDEX job_run_name ON job_run(name, id)`);
    // One row per running job; the owner (pid@host) lets a restart detect a lock left by a crash.
    await q.query(`CREATE TABLE job_lock (
      name TEXT PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES job_run(id),
      owner TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      heartbeat_at TEXT NOT NULL
    )`);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}
