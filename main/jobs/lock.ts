// One running instance per job across windows, the web host and the CLI: a row in job_lock,
// taken in the same transaction that records the run. A lock whose owner process is gone
// (crash, SIGKILL) or whose heartbeat is stale is taken over, and its run marked ABORTED.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { CompanyDb } from '../db/company-db';

export const LOCK_OWNER = `${process.pid}@${hostname()}`;
export const HEARTBEAT_MS = 5_000;
const STALE_MS = 60_000;

/**
 * The locks this process holds, by company file and run. A lock of this process that is not in
 * here is left over (its run ended without freeing it) and is taken over like a dead process's.
 */
const heldHere = new Set<string>();
const lockKey = (db: CompanyDb, runId: number) => `${resolve(db.filePath)}#${runId}`;
const ABORTED_MESSAGE = 'abgebrochen: der Lauf endete ohne Ergebnis (z. B. weil das Programm während des Laufs beendet wurde)';

export function ownerAlive(owner: string, heartbeatAt: string, now: Date): boolean {
  const [pid, host] = owner.split('@');
  if (host === hostname() && pid !== undefined) {
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return now.getTime() - new Date(heartbeatAt).getTime() < STALE_MS;
}

/** Whether the run behind a lock still runs: one of this process only while it holds the lock. */
function runStillRuns(db: CompanyDb, run: { id: number; owner: string; heartbeatAt: string }, now: Date): boolean {
  return run.owner === LOCK_OWNER ? heldHere.has(lockKey(db, run.id)) : ownerAlive(run.owner, run.heartbeatAt, now);
}

export interface LockRequest {
  readonly name: string;
  readonly label: string;
  readonly trigger: 'SCHEDULE' | 'CATCH_UP' | 'MANUAL' | 'CLI';
  readonly slotAt: string | null;
  readonly startedBy: string;
  readonly now: Date;
}

/** Records a RUNNING run and takes the job's lock; refuses with BUSY while another instance runs. */
export async function acquireJobLock(db: CompanyDb, req: LockRequest): Promise<number> {
  return db.transaction(async (m) => {
    const nowIso = req.now.toISOString();
    const held = (await m.query(`SELECT run_id, owner, acquired_at, heartbeat_at FROM job_lock WHERE name = ?`, [req.name])) as {
      run_id: number;
      owner: string;
      acquired_at: string;
      heartbeat_at: string;
    }[];
    const lock = held[0];
    if (lock) {
      if (runStillRuns(db, { id: lock.run_id, owner: lock.owner, heartbeatAt: lock.heartbeat_at }, req.now)) {
        const since = new Date(lock.acquired_at).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });
        throw new AppError('BUSY', `Der Auftrag „${req.label}“ läuft bereits (seit ${since}). Bitte warten, bis er fertig ist.`, {
          runId: lock.run_id,
        });
      }
      await m.query(`UPDATE job_run SET state = 'ABORTED', finished_at = ?, message = ? WHERE id = ? AND state = 'RUNNING'`, [
        nowIso,
        ABORTED_MESSAGE,
        lock.run_id,
      ]);
      await m.query(`DELETE FROM job_lock WHERE name = ?`, [req.name]);
    }
    const inserted = (await m.query(
      `INSERT INTO job_run(name, trigger, slot_at, state, started_at, started_by, owner) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?) RETURNING id`,
      [req.name, req.trigger, req.slotAt, nowIso, req.startedBy, LOCK_OWNER],
    )) as { id: number }[];
    const runId = inserted[0]?.id;
    if (runId === undefined) throw new AppError('INTERNAL', 'Auftrag konnte nicht angelegt werden.');
    await m.query(`INSERT INTO job_lock(name, run_id, owner, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)`, [
      req.name,
      runId,
      LOCK_OWNER,
      nowIso,
      nowIso,
    ]);
    heldHere.add(lockKey(db, runId));
    return runId;
  });
}

export const HEARTBEAT_SQL = `UPDATE job_lock SET heartbeat_at = ? WHERE name = ? AND run_id = ?`;

export async function heartbeat(db: CompanyDb, name: string, runId: number, now: Date): Promise<void> {
  await db.transaction((m) => m.query(HEARTBEAT_SQL, [now.toISOString(), name, runId]));
}

export async function releaseJobLock(db: CompanyDb, name: string, runId: number): Promise<void> {
  try {
    await db.transaction((m) => m.query(`DELETE FROM job_lock WHERE name = ? AND run_id = ?`, [name, runId]));
  } finally {
    heldHere.delete(lockKey(db, runId));
  }
}

/** Runs left RUNNING by a process that no longer exists, or by this one without running them any more, are marked ABORTED (at opening). */
export async function abortOrphanedRuns(db: CompanyDb, now: Date): Promise<number> {
  return db.transaction(async (m) => {
    const running = (await m.query(`SELECT id, owner, started_at FROM job_run WHERE state = 'RUNNING'`)) as { id: number; owner: string; started_at: string }[];
    let aborted = 0;
    for (const run of running) {
      const lock = (await m.query(`SELECT heartbeat_at FROM job_lock WHERE run_id = ?`, [run.id])) as { heartbeat_at: string }[];
      if (runStillRuns(db, { id: run.id, owner: run.owner, heartbeatAt: lock[0]?.heartbeat_at ?? run.started_at }, now)) continue;
      await m.query(`UPDATE job_run SET state = 'ABORTED', finished_at = ?, message = ? WHERE id = ?`, [
        now.toISOString(),
        ABORTED_MESSAGE,
        run.id,
      ]);
      await m.query(`DELETE FROM job_lock WHERE run_id = ?`, [run.id]);
      aborted++;
    }
    return aborted;
  });
}
