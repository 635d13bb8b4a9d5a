import type { billingChannels } from '../../shared/api/billing';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { recordAudit } from '../company/audit';
import { getSetting, setSetting } from '../company/settings';
import { APPLY_CREDIT_SETTING, billingRunDto, billingRunOfJob, cancelInvoice, invoiceDetail, listBillingRuns, listInvoices, runBilling } from './service';
import { cancelAndRebill } from './rebill';
import { archiveInvoiceDocument } from '../documents/service';
import { startJob } from '../jobs/runner';
import { readRun } from '../jobs/runs';
import { notFound } from '../../shared/errors';
import { BILLING_JOB } from './job';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });
const jobDeps = (ctx: CallContext) => ({ company: ctx.company(), dataDir: ctx.session.dataDir, ctx });

function changed(ctx: CallContext): void {
  ctx.emit('data.changed', { area: 'billing' });
  ctx.emit('data.changed', { area: 'ledger' });
}

/**
 * A run may issue thousands of invoices: their PDFs are rendered by the archive job in a worker
 * pool right away, so nobody waits for them.
 */
function archiveInBackground(ctx: CallContext): void {
  void startJob(jobDeps(ctx), { name: 'documents.archive', trigger: 'MANUAL' })
    .then((h) => h.done)
    .catch(() => undefined);
}

export const billingHandlers: AreaHandlers<typeof billingChannels> = {
  'billing.run': async (input, ctx) => {
    const run = await runBilling(ctx.company().db, { date: input.date }, who(ctx));
    changed(ctx);
    if (run.invoicesCreated > 0) archiveInBackground(ctx);
    return run;
  },
  'billing.startRun': async (input, ctx) => {
    // The job's worker thread bills, so the app keeps answering during a long run.
    // The job announces its changes and starts the archive job when it ends (billing/job.ts).
    const handle = await startJob(jobDeps(ctx), { name: BILLING_JOB, trigger: 'MANUAL', date: input.date });
    return { jobRunId: handle.runId };
  },
  'billing.runOfJob': async (input, ctx) => {
    const db = ctx.company().db;
    const job = await readRun(db.dataSource.manager, input.jobRunId);
    if (job.name !== BILLING_JOB) throw notFound(`Rechnungslauf zum Auftragslauf ${input.jobRunId}`);
    return job.state === 'RUNNING' ? null : billingRunOfJob(db.raw, job);
  },
  'billing.interim': async (input, ctx) => {
    const db = ctx.company().db;
    const run = await runBilling(db, { date: input.date ?? ctx.clock.today(), contractId: input.contractId, kind: 'INTERIM' }, who(ctx));
    for (const id of run.invoiceIds) await db.transaction((m) => archiveInvoiceDocument(m, id, who(ctx)));
    changed(ctx);
    return run;
  },
  'billing.settings': async (_input, ctx) => ({ applyCredit: await getSetting(ctx.company().db.dataSource.manager, APPLY_CREDIT_SETTING, true) }),
  'billing.saveSettings': async (input, ctx) => {
    await ctx.company().db.transaction((m) => setSetting(m, APPLY_CREDIT_SETTING, input.applyCredit, who(ctx)));
    ctx.emit('data.changed', { area: 'billing' });
    return { applyCredit: input.applyCredit };
  },
  'billing.runs': async (input, ctx) => listBillingRuns(ctx.company().db.raw, input.offset, input.limit),
  'billing.runGet': async (input, ctx) => billingRunDto(ctx.company().db.raw, input.id),
  'invoices.list': async (input, ctx) => listInvoices(ctx.company().db.raw, input),
  'invoices.get': async (input, ctx) => invoiceDetail(ctx.company().db.raw, input.id),
  'invoices.cancel': async (input, ctx) => {
    const db = ctx.company().db;
    const storno = await cancelInvoice(db, input.id, input.date ?? ctx.clock.today(), who(ctx));
    await db.transaction((m) =>
      recordAudit(m, { ...who(ctx), entity: 'Rechnung', entityId: storno.refersTo?.number ?? String(input.id), action: 'UPDATE', after: { storniertDurch: storno.number } }),
    );
    changed(ctx);
    return storno;
  },
  'invoices.cancelAndRebill': async (input, ctx) => {
    const result = await cancelAndRebill(ctx.company().db, input.id, input.date ?? ctx.clock.today(), who(ctx));
    changed(ctx);
    ctx.emit('data.changed', { area: 'contracts' });
    return result;
  },
};
