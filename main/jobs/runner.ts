// Starts a job: takes its lock, runs it in a worker thread (or inline where no built worker
// exists: tests, CLI), forwards throttled progress as job.progress events, records the result.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobRunDto } from '../../shared/api/jobs';
import type { IsoDate } from '../../shared/dates';
import { AppError, type AppErrorData } from '../../shared/errors';
import { toAppErrorData } from '../ipc/errors';
import type { CallContext, OpenCompany } from '../ipc/types';
import type { JobContext, JobResult } from './definition';
import { acquireJobLock, HEARTBEAT_MS, heartbeat, releaseJobLock } from './lock';
import { jobDefinition } from './registry';
import { PROGRESS_DB_MS, PROGRESS_SQL } from './progress-record';
import { readRun } from './runs';
import type { ToMain, ToWorker } from './worker-protocol';

const PROGRESS_EVENT_MS = 100;

export type RunMode = 'worker' | 'inline';

export interface RunnerDeps {
  readonly company: OpenCompany;
  readonly dataDir: string;
  readonly ctx: Pick<CallContext, 'clock' | 'actor' | 'emit'>;
  readonly mode?: RunMode;
}

export interface StartRequest {
  readonly name: string;
  readonly trigger: 'SCHEDULE' | 'CATCH_UP' | 'MANUAL' | 'CLI';
  readonly slotAt?: Date | null;
  /** The day the job works for (JobContext.today): the Rechnungslauf page's Stichtag; otherwise today. */
  readonly date?: IsoDate;
}

export interface RunHandle {
  readonly runId: number;
  readonly done: Promise<JobRunDto>;
}

/** Cancel functions of the runs this process started. */
const cancels = new Map<number, () => void>();

export function cancelRun(runId: number): boolean {
  const cancel = cancels.get(runId);
  cancel?.();
  return cancel !== undefined;
}

/**
 * Starts a job after another on the file the first one ran on (captured at its start, so a switch
 * of company file in between never hands the follow-up to another file). Nobody waits for it; a
 * file closed in the meantime simply does not get it.
 */
function startFollowUp(deps: RunnerDeps, name: string | null): void {
  if (name === null) return;
  void startJob(deps, { name, trigger: 'MANUAL' })
    .then((h) => h.done)
    .catch(() => undefined);
}

export function workerPath(): string | null {
  const candidate = process.env.ABOWERK_JOB_WORKER ?? join(__dirname, '..', 'jobs', 'worker.js');
  return existsSync(candidate) && candidate.endsWith('.js') ? candidate : null;
}

interface Execution {
  cancel(): void;
  readonly finished: Promise<{ result: JobResult; cancelled: boolean }>;
}

function runInWorker(path: string, start: Extract<ToWorker, { type: 'start' }>, onProgress: (p: ToMain & { type: 'progress' }) => void): Execution {
  const worker = new Worker(path);
  const finished = new Promise<{ result: JobResult; cancelled: boolean }>((resolve, reject) => {
    worker.on('message', (m: ToMain) => {
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'done') resolve({ result: m.result, cancelled: m.cancelled });
      else reject(new AppError(m.error.code, m.error.message, m.error.details));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new AppError('INTERNAL', `Der Hintergrundprozess wurde beendet (Code ${code}).`)));
  });
  worker.postMessage(start);
  void finished.finally(() => void worker.terminate()).catch(() => undefined);
  return { cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker), finished };
}

function runInline(jobCtx: Omit<JobContext, 'cancelled' | 'progress'>, name: string, onProgress: (p: ToMain & { type: 'progress' }) => void): Execution {
  let cancelled = false;
  const definition = jobDefinition(name);
  if (!definition) throw new AppError('NOT_FOUND', `Unbekannter Auftrag ${name}`);
  const finished = definition
    .run({
      ...jobCtx,
      progress: (phase, current, total) => onProgress({ type: 'progress', phase, current, total }),
      cancelled: () => cancelled,
    })
    .then((result) => ({ result, cancelled }));
  return {
    cancel: () => {
      cancelled = true;
    },
    finished,
  };
}

export async function startJob(deps: RunnerDeps, req: StartRequest): Promise<RunHandle> {
  const found = jobDefinition(req.name);
  if (!found) throw new AppError('NOT_FOUND', `Unbekannter Auftrag „${req.name}“.`);
  const definition = found;
  const { db, info } = deps.company;
  const { clock, emit, actor } = deps.ctx;
  // One instant for the run's record and the job's clock: what the job records carries the run's start.
  const startedAt = clock.now();
  // The file stays open until the run has recorded its result and freed its lock (close waits).
  const release = db.hold();
  let runId: number;
  try {
    runId = await acquireJobLock(db, {
      name: definition.name,
      label: definition.label,
      trigger: req.trigger,
      slotAt: req.slotAt?.toISOString() ?? null,
      startedBy: actor,
      now: startedAt,
    });
  } catch (error) {
    release();
    throw error;
  }

  const path = deps.mode === 'inline' ? null : workerPath();
  let lastEvent = 0;
  let lastDb = 0;
  let latest = { phase: 'Start', current: 0, total: 0 };
  const publish = (state: 'running' | 'done' | 'failed' | 'cancelled', message?: string) =>
    emit('job.progress', { jobId: String(runId), kind: definition.name, ...latest, state, ...(message ? { message } : {}) });
  const onProgress = (p: { phase: string; current: number; total: number }) => {
    latest = { phase: p.phase, current: p.current, total: p.total };
    const now = Date.now();
    if (now - lastEvent >= PROGRESS_EVENT_MS || p.current === p.total) {
      lastEvent = now;
      publish('running');
    }
    // A worker records its progress on its own connection (progress-record.ts); an inline job here.
    if (path === null && now - lastDb >= PROGRESS_DB_MS) {
      lastDb = now;
      void db.transaction((m) => m.query(PROGRESS_SQL, [p.phase, p.current, p.total, runId])).catch(() => undefined);
    }
  };
  publish('running');

  const common = { runId, today: req.date ?? clock.today(), now: startedAt, actor, dataDir: deps.dataDir, companyKind: info.kind };
  let execution: Execution;
  try {
    execution = path
      ? runInWorker(path, { type: 'start', name: definition.name, filePath: db.filePath, ...common, now: common.now.toISOString() }, onProgress)
      : runInline({ db, ...common }, definition.name, onProgress);
  } catch (error) {
    await finish({ state: 'FAILED', errors: [toAppErrorData(error).message] }).finally(release);
    throw error;
  }
  cancels.set(runId, execution.cancel);
  // A worker beats the lock's heartbeat itself, between its chunks (progress-record.ts).
  const beat = path === null ? setInterval(() => void heartbeat(db, definition.name, runId, clock.now()).catch(() => undefined), HEARTBEAT_MS) : undefined;

  async function finish(outcome: { state: JobRunDto['state']; counts?: Readonly<Record<string, number>>; errors: readonly string[]; message?: string }): Promise<JobRunDto> {
    await db.transaction(async (m) => {
      await m.query(
        `UPDATE job_run SET state = ?, finished_at = ?, phase = ?, current = ?, total = ?, counts_json = ?, errors_json = ?, message = ? WHERE id = ?`,
        [outcome.state, clock.now().toISOString(), latest.phase, latest.current, latest.total, JSON.stringify(outcome.counts ?? {}), JSON.stringify(outcome.errors), outcome.message ?? null, runId],
      );
      // A failed run uses up its slot too: it is in the history with its error, and retrying it on
      // every tick would add a failed run every 30 s. A crashed run (ABORTED) is caught up instead.
      if (req.slotAt) {
        await m.query(`UPDATE job_schedule SET last_slot_at = max(last_slot_at, ?) WHERE name = ?`, [req.slotAt.toISOString(), definition.name]);
      }
    });
    await releaseJobLock(db, definition.name, runId);
    return readRun(db.dataSource.manager, runId);
  }

  const done = execution.finished
    .then(({ result, cancelled }) =>
      finish({ state: cancelled ? 'CANCELLED' : 'DONE', counts: result.counts, errors: result.errors, ...(result.message ? { message: result.message } : {}) }),
    )
    .catch((error: unknown) => {
      const data: AppErrorData = toAppErrorData(error);
      return finish({ state: 'FAILED', errors: [data.message] });
    })
    .then((run) => {
      publish(run.state === 'DONE' ? 'done' : run.state === 'CANCELLED' ? 'cancelled' : 'failed', run.errors[0] ?? run.message ?? undefined);
      emit('data.changed', { area: 'jobs' });
      for (const area of definition.changes ?? []) emit('data.changed', { area });
      return run;
    })
    .finally(() => {
      clearInterval(beat);
      cancels.delete(runId);
      release();
    })
    .then((run) => {
      startFollowUp(deps, definition.followUp?.(run) ?? null);
      return run;
    });
  return { runId, done };
}
