// 1 000 invoices rendered through the worker pool and, in the same run, the same documents one
// after another with plain pdfmake on this thread. Prints both rates, the speedup, the cores
// and the peak memory (results are discarded as they arrive, so memory stays bounded).
import { join } from 'node:path';
import { build } from 'esbuild';
import { renderInvoicePdf } from '../../main/documents/render';
import { defaultPoolSize, RenderPool } from '../../main/documents/render-pool';
import type { InvoiceDocument } from '../../main/documents/model';
import { anInvoice, line, standardTax } from '../unit/documents/fixtures';
import { report, timeMs, type Bench } from './support';

const COUNT = Number(process.env.ABOWERK_BENCH_PDF_COUNT ?? 1000);

function documents(count: number): InvoiceDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const lines = 1 + (i % 6);
    const netCents = lines * 8403;
    const taxCents = Math.round((netCents * 19) / 100); // integer cents of a bench fixture, not money logic
    const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    return anInvoice({
      number: `RE-2026-${String(i + 1).padStart(6, '0')}`,
      issueDate: '2026-11-01',
      lines: Array.from({ length: lines }, (_, p) => line({ position: p + 1, description: `Abo-Box Variante ${p + 1}`, periodStart: '2026-11-01', periodEnd: '2026-11-30' })),
      taxes: [standardTax('19', cents(netCents), cents(taxCents))],
      netTotal: cents(netCents),
      taxTotal: cents(taxCents),
      grossTotal: cents(netCents + taxCents),
      amountDue: cents(netCents + taxCents),
      payment: { method: 'TRANSFER', dueDate: '2026-11-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
    });
  });
}

export const pdfBench: Bench = {
  name: 'pdf',
  async run() {
    const workerFile = join(process.cwd(), 'node_modules', '.cache', 'abowerk-bench', 'pdf-render-worker.js');
    await build({ entryPoints: ['main/documents/render-worker.ts'], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
    process.env.ABOWERK_PDF_WORKER = workerFile;
    const docs = documents(COUNT);
    let peakRss = process.memoryUsage().rss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    try {
      await renderInvoicePdf(docs[0] as InvoiceDocument); // fonts loaded, code warm
      let bytes = 0;
      const sequentialMs = await timeMs(async () => {
        for (const doc of docs) bytes += (await renderInvoicePdf(doc)).byteLength;
      });
      const cores = defaultPoolSize();
      const pool = RenderPool.create(cores);
      if (pool === null) throw new Error('Render-Worker nicht gefunden');
      try {
        await pool.renderBatch(docs.slice(0, cores * 2), { onResult: () => undefined }); // workers started and warm
        let pooled = 0;
        const poolMs = await timeMs(() => pool.renderBatch(docs, { onResult: (r) => void (pooled += r.pdf.byteLength) }));
        if (pooled !== bytes) throw new Error(`Pool und Einzelthread liefern verschieden viele Bytes (${pooled} ≠ ${bytes})`);
        report('pdf.sequential.rate', (COUNT * 1000) / sequentialMs, 'docs/s');
        report('pdf.pool.rate', (COUNT * 1000) / poolMs, 'docs/s');
        report('pdf.speedup', sequentialMs / poolMs, 'x');
        report('pdf.cores', cores, 'cores');
        report('pdf.avg.size', bytes / COUNT / 1024, 'KiB');
      } finally {
        await pool.close();
      }
    } finally {
      clearInterval(sample);
      delete process.env.ABOWERK_PDF_WORKER;
    }
    report('pdf.main.rss.peak', peakRss / 1024 / 1024, 'MiB');
  },
};
