import type { ledgerChannels } from '../../shared/api/ledger';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { bookManualEntry, ledgerOverview, reverseEntry } from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });

export const ledgerHandlers: AreaHandlers<typeof ledgerChannels> = {
  'ledger.overview': async (input, ctx) => ledgerOverview(ctx.company().db.raw, input.customerId, input.offset, input.limit),
  'ledger.book': async (input, ctx) => {
    const entry = await bookManualEntry(ctx.company().db, { ...input, reference: input.reference ?? null }, who(ctx));
    ctx.emit('data.changed', { area: 'ledger' });
    return entry;
  },
  'ledger.reverse': async (input, ctx) => {
    const entry = await reverseEntry(ctx.company().db, input.entryId, input.date, input.text ?? null, who(ctx));
    ctx.emit('data.changed', { area: 'ledger' });
    return entry;
  },
};
