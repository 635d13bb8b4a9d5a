import type { numberRangeChannels } from '../../shared/api/number-ranges';
import type { AreaHandlers } from '../ipc/types';
import { listNumberRanges, updateNumberRange } from './number-ranges';

export const numberRangeHandlers: AreaHandlers<typeof numberRangeChannels> = {
  'numberRanges.list': async (_input, ctx) => listNumberRanges(ctx.company().db.dataSource.manager, ctx.clock.today()),
  'numberRanges.update': async (input, ctx) => {
    const result = await ctx
      .company()
      .db.transaction((m) => updateNumberRange(m, input, { actor: ctx.actor, at: ctx.clock.now().toISOString(), today: ctx.clock.today() }));
    ctx.emit('data.changed', { area: 'settings' });
    return result;
  },
};
