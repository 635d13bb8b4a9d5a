// Batch rendering for billing runs: a pool of worker threads sized to the machine's cores, each
// rendering one document at a time, so thousands of invoices never block the main process.
// Results are handed to a callback as they arrive (nothing is collected), which keeps memory
// bounded by the pool size; progress is reported after every document.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InvoiceDocument } from './model';
import { renderInvoicePdf, sha256Hex } from './render';
import type { FromRenderWorker, ToRenderWorker } from './render-protocol';

export interface RenderedDocument {
  readonly index: number;
  readonly pdf: Uint8Array;
  readonly sha256: string;
}

export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface BatchOptions {
  /** Called once per document, in completion order; may be async (e.g. write to the archive). */
  readonly onResult: (result: RenderedDocument) => void | Promise<void>;
  readonly onProgress?: (progress: BatchProgress) => void;
  readonly onError?: (index: number, message: string) => void;
  /** Checked between documents; a cancelled batch stops handing out new work. */
  readonly isCancelled?: () => boolean;
}

export interface BatchResult {
  readonly rendered: number;
  readonly failed: number;
  readonly cancelled: boolean;
  readonly workers: number;
}

export function renderWorkerPath(): string | null {
  const candidate = process.env.ABOWERK_PDF_WORKER ?? join(__dirname, '..', 'documents', 'render-worker.js');
  return existsSync(candidate) && candidate.endsWith('.js') ? candidate : null;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

interface Slot {
  readonly worker: Worker;
  busy: { taskId: number; index: number } | null;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private listener: ((slot: Slot, message: FromRenderWorker) => void) | null = null;
  private failure: ((error: Error) => void) | null = null;

  private constructor(readonly size: number, workerFile: string) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile);
      const slot: Slot = { worker, busy: null };
      worker.on('message', (message: FromRenderWorker) => this.listener?.(slot, message));
      worker.on('error', (error) => this.failure?.(error));
      worker.unref();
      this.slots.push(slot);
    }
  }

  /** A pool of `size` workers, or null when the worker script is not built (dev under tsx). */
  static create(size = defaultPoolSize()): RenderPool | null {
    const file = renderWorkerPath();
    return file === null ? null : new RenderPool(size, file);
  }

  async renderBatch(documents: readonly InvoiceDocument[], options: BatchOptions): Promise<BatchResult> {
    const total = documents.length;
    let next = 0;
    let done = 0;
    let failed = 0;
    let cancelled = false;
    let taskSeq = 0;
    const pendingResults: Promise<void>[] = [];
    return new Promise<BatchResult>((resolve, reject) => {
      const finishIfIdle = (): void => {
        if (this.slots.some((s) => s.busy !== null)) return;
        if (next < total && !cancelled) return;
        this.listener = null;
        this.failure = null;
        Promise.all(pendingResults).then(() => resolve({ rendered: done - failed, failed, cancelled, workers: this.size }), reject);
      };
      const dispatch = (slot: Slot): void => {
        if (options.isCancelled?.()) cancelled = true;
        if (cancelled || next >= total) return;
        const index = next++;
        const taskId = ++taskSeq;
        slot.busy = { taskId, index };
        slot.worker.postMessage({ type: 'render', taskId, document: documents[index] as InvoiceDocument } satisfies ToRenderWorker);
      };
      this.listener = (slot, message) => {
        const task = slot.busy;
        if (task === null || task.taskId !== message.taskId) return;
        slot.busy = null;
        done++;
        if (message.type === 'rendered') {
          pendingResults.push(Promise.resolve(options.onResult({ index: task.index, pdf: message.pdf, sha256: message.sha256 })));
        } else {
          failed++;
          options.onError?.(task.index, message.message);
        }
        options.onProgress?.({ done, total, failed });
        dispatch(slot);
        finishIfIdle();
      };
      this.failure = (error) => {
        this.listener = null;
        this.failure = null;
        reject(error);
      };
      for (const slot of this.slots) dispatch(slot);
      finishIfIdle();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

/**
 * Renders a batch through a pool when the worker is built, otherwise one by one in this thread
 * (the same results, only slower). The pool lives for this batch only.
 */
export async function renderDocuments(documents: readonly InvoiceDocument[], options: BatchOptions & { readonly poolSize?: number }): Promise<BatchResult> {
  const pool = documents.length > 1 ? RenderPool.create(options.poolSize) : null;
  if (pool !== null) {
    try {
      return await pool.renderBatch(documents, options);
    } finally {
      await pool.close();
    }
  }
  let failed = 0;
  let done = 0;
  for (let index = 0; index < documents.length; index++) {
    if (options.isCancelled?.()) return { rendered: done - failed, failed, cancelled: true, workers: 1 };
    try {
      const pdf = await renderInvoicePdf(documents[index] as InvoiceDocument);
      await options.onResult({ index, pdf, sha256: sha256Hex(pdf) });
    } catch (error) {
      failed++;
      options.onError?.(index, error instanceof Error ? error.message : String(error));
    }
    done++;
    options.onProgress?.({ done, total: documents.length, failed });
  }
  return { rendered: done - failed, failed, cancelled: false, workers: 1 };
}
