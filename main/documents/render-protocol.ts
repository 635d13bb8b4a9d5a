// Messages between the render pool and its worker threads.
import type { InvoiceDocument } from './model';

export type ToRenderWorker = { readonly type: 'render'; readonly taskId: number; readonly document: InvoiceDocument };

export type FromRenderWorker =
  | { readonly type: 'rendered'; readonly taskId: number; readonly pdf: Uint8Array; readonly sha256: string }
  | { readonly type: 'failed'; readonly taskId: number; readonly message: string };
