// Scheduled job "Rechnungslauf" (DOMAIN §11): bills everything due today (or on the Stichtag the
// Rechnungslauf page picks), after the activities job. Runs in the job worker with its own
// connection; cancellable between chunks.
import { BILLING_RUN_JOB } from '../../shared/api/billing';
import type { JobDefinition } from '../jobs/definition';
import { runBilling } from './service';

export const BILLING_JOB = BILLING_RUN_JOB;

export const billingJob: JobDefinition = {
  name: BILLING_JOB,
  label: 'Rechnungslauf',
  defaultCron: '0 6 * * *',
  dependsOn: ['activities.generate'],
  changes: ['billing', 'ledger'],
  // A run may issue thousands of invoices (a cancelled one those of its finished chunks): their
  // PDFs are rendered by the archive job in a worker pool right away, so nobody waits for them.
  followUp: (run) => ((run.counts.rechnungen ?? 0) > 0 ? 'documents.archive' : null),
  async run(ctx) {
    const run = await runBilling(
      ctx.db,
      { date: ctx.today, jobRunId: ctx.runId, progress: (current, total) => ctx.progress('Kunden', current, total), cancelled: () => ctx.cancelled() },
      { actor: ctx.actor, at: ctx.now.toISOString() },
    );
    return {
      counts: { vertraege: run.contractsSeen, rechnungen: run.invoicesCreated },
      errors: run.errors.map((e) => (e.contractNumber ? `Vertrag ${e.contractNumber} (${e.customerName}): ${e.reason}` : e.reason)),
      message: `${run.invoicesCreated} Rechnungen erstellt (Rechnungslauf ${run.id})`,
    };
  },
};
