import type { billingChannels } from '../../shared/api/billing';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { recordAudit } from '../company/audit';
import { billingRunDto, cancelInvoice, invoiceDetail, listBillingRuns, listInvoices, runBilling } from './service';
import { cancelAndRebill } from './rebill';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });

function changed(ctx: CallContext): void {
  ctx.emit('data.changed', { area: 'billing' });
  ctx.emit('data.changed', { area: 'ledger' });
}

export const billingHandlers: AreaHandlers<typeof billingChannels> = {
  'billing.run': async (input, ctx) => {
    const run = await runBilling(ctx.company().db, { date: input.date }, who(ctx));
    changed(ctx);
    return run;
  },
  'billing.interim': async (input, ctx) => {
    const run = await runBilling(ctx.company().db, { date: input.date ?? ctx.clock.today(), contractId: input.contractId, kind: 'INTERIM' }, who(ctx));
    changed(ctx);
    return run;
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
