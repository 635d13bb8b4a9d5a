// Scheduled work of the documents area. "Belege archivieren" renders every issued document not
// yet archived (e.g. after a billing run of thousands of invoices) in the render pool, with
// progress; "Belegarchiv prüfen" checks every archived file's SHA-256 — daily, and, because
// missed runs are caught up when the app starts, also at the first start after a pause.
import type { JobDefinition } from '../jobs/definition';
import { archivePendingDocuments, checkArchiveIntegrity } from './service';

export const archiveDocumentsJob: JobDefinition = {
  name: 'documents.archive',
  label: 'Belege archivieren',
  defaultCron: '*/10 * * * *',
  // After a scheduled billing run its new invoices are rendered at once, in the pool.
  dependsOn: ['billing.run'],
  async run(ctx) {
    const who = { actor: ctx.actor, at: ctx.now.toISOString() };
    const errors: string[] = [];
    const result = await archivePendingDocuments(ctx.db, who, {
      onProgress: (p) => ctx.progress('Belege erzeugen', p.done, p.total),
      isCancelled: () => ctx.cancelled(),
    });
    if (result.failed > 0) errors.push(`${result.failed} Belege konnten nicht erzeugt werden (Pflichtangaben fehlen).`);
    return { counts: { archiviert: result.archived, fehlgeschlagen: result.failed }, errors, message: `${result.archived} Belege archiviert` };
  },
};

export const checkArchiveJob: JobDefinition = {
  name: 'documents.integrity',
  label: 'Belegarchiv prüfen',
  defaultCron: '30 5 * * *',
  dependsOn: [],
  async run(ctx) {
    ctx.progress('Prüfsummen', 0, 1);
    const report = await checkArchiveIntegrity(ctx.db, { actor: ctx.actor, at: ctx.now.toISOString() });
    ctx.progress('Prüfsummen', 1, 1);
    return {
      counts: { geprüft: report.total, inOrdnung: report.ok, fehler: report.problems.length },
      errors: report.problems.map((p) => `${p.invoiceNumber}: ${p.message}`),
      message: `${report.ok} von ${report.total} Belegen unverändert`,
    };
  },
};
