// Worker-thread entry: runs one job on its own database connection, so the main process and
// the UI stay responsive. Messages: start → progress* → done | failed; cancel from main.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { openCompanyDb } from '../db/company-db';
import { toAppErrorData } from '../ipc/errors';
import type { JobContext } from './definition';
import { progressRecorder } from './progress-record';
import { jobDefinition } from './registry';
import type { ToMain, ToWorker } from './worker-protocol';

let cancelled = false;

function post(message: ToMain): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  void run(message);
});

async function run(start: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const definition = jobDefinition(start.name);
  if (!definition) {
    post({ type: 'failed', error: new AppError('NOT_FOUND', `Unbekannter Auftrag ${start.name}`).toData() });
    return;
  }
  const db = await openCompanyDb(start.filePath, { migrate: false });
  // The job's clock runs on from its start instant (a fixed test clock stays fixed in spirit).
  const offset = Date.parse(start.now) - Date.now();
  const record = progressRecorder(db.raw, { name: start.name, runId: start.runId }, () => new Date(Date.now() + offset));
  try {
    const ctx: JobContext = {
      db,
      runId: start.runId,
      today: start.today,
      now: new Date(start.now),
      actor: start.actor,
      dataDir: start.dataDir,
      companyKind: start.companyKind,
      progress: (phase, current, total) => {
        post({ type: 'progress', phase, current, total });
        record({ phase, current, total });
      },
      cancelled: () => cancelled,
    };
    const result = await definition.run(ctx);
    post({ type: 'done', result, cancelled });
  } catch (error) {
    post({ type: 'failed', error: toAppErrorData(error), detail: String((error as Error).stack ?? error) });
  } finally {
    await db.close();
  }
}
