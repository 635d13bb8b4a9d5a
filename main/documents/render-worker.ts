// Worker-thread entry of the render pool: renders one document per message and hands the bytes
// back without copying (transfer list). Built to dist/documents/render-worker.js.
import { parentPort } from 'node:worker_threads';
import { renderInvoicePdf, sha256Hex } from './render';
import type { FromRenderWorker, ToRenderWorker } from './render-protocol';

parentPort?.on('message', (message: ToRenderWorker) => {
  void handle(message);
});

async function handle(message: ToRenderWorker): Promise<void> {
  try {
    const buffer = await renderInvoicePdf(message.document);
    const pdf = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const reply: FromRenderWorker = { type: 'rendered', taskId: message.taskId, pdf, sha256: sha256Hex(pdf) };
    // Buffers from Buffer.concat own their ArrayBuffer; transfer it instead of copying.
    parentPort?.postMessage(reply, buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength ? [buffer.buffer as ArrayBuffer] : []);
  } catch (error) {
    const reply: FromRenderWorker = { type: 'failed', taskId: message.taskId, message: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(reply);
  }
}
