// Where a running job's progress and lock heartbeat are written. A job in a worker thread writes
// them on its own connection, between its chunks: the main thread must not, because
// better-sqlite3 waits for SQLite's write lock synchronously, and the worker holds that lock while
// it writes a chunk, so every such write stood the whole app still (a customer list took 2–6 s
// while contracts were billed). Inline jobs (tests, CLI) share the main connection and write there.
import { stmt, type Raw } from '../db/company-db';
import { HEARTBEAT_MS, HEARTBEAT_SQL } from './lock';

/** How often the job history's progress columns are brought up to date. */
export const PROGRESS_DB_MS = 1_000;

export const PROGRESS_SQL = `UPDATE job_run SET phase = ?, current = ?, total = ? WHERE id = ?`;

export interface ProgressStep {
  readonly phase: string;
  readonly current: number;
  readonly total: number;
}

/**
 * Records progress (throttled, and always the last step) and beats the lock's heartbeat on the
 * job's own connection. `now` is the job's clock, for the heartbeat's stamp.
 */
export function progressRecorder(raw: Raw, job: { readonly name: string; readonly runId: number }, now: () => Date): (p: ProgressStep) => void {
  let lastProgress = 0;
  let lastBeat = Date.now();
  return (p) => {
    const at = Date.now();
    if (at - lastProgress >= PROGRESS_DB_MS || p.current === p.total) {
      lastProgress = at;
      stmt(raw, PROGRESS_SQL).run(p.phase, p.current, p.total, job.runId);
    }
    if (at - lastBeat >= HEARTBEAT_MS) {
      lastBeat = at;
      stmt(raw, HEARTBEAT_SQL).run(now().toISOString(), job.name, job.runId);
    }
  };
}
