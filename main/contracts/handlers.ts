import type { contractChannels } from '../../shared/api/contracts';
import type { AreaHandlers, CallContext } from '../ipc/types';
import {
  addItem,
  articleOptions,
  changeItem,
  createContract,
  deleteActivity,
  deleteItem,
  generateActivities,
  getContract,
  getHorizon,
  listActivities,
  listContracts,
  pauseItem,
  receiveNotice,
  recordOneTime,
  setHorizon,
  terminateContract,
  updateContract,
  updateItem,
} from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString(), today: ctx.clock.today() });
const db = (ctx: CallContext) => ctx.company().db;
const manager = (ctx: CallContext) => ctx.company().db.dataSource.manager;
const changed = (ctx: CallContext) => ctx.emit('data.changed', { area: 'contracts' });

export const contractHandlers: AreaHandlers<typeof contractChannels> = {
  'contracts.list': async (input, ctx) => listContracts(manager(ctx), input, ctx.clock.today()),
  'contracts.get': async (input, ctx) => getContract(manager(ctx), input.id, ctx.clock.today()),
  'contracts.create': async (input, ctx) => {
    const result = await createContract(db(ctx), input.contract, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.update': async (input, ctx) => {
    const result = await updateContract(db(ctx), input.id, input.contract, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.notice': async (input, ctx) => {
    const result = await receiveNotice(db(ctx), input.id, input.receivedOn, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.terminate': async (input, ctx) => {
    const result = await terminateContract(db(ctx), input.id, input.endDate, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.articleOptions': async (input, ctx) => articleOptions(manager(ctx), input.contractId, input.kind),
  'contracts.addItem': async (input, ctx) => {
    const result = await addItem(db(ctx), input.contractId, input.item, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.updateItem': async (input, ctx) => {
    const result = await updateItem(db(ctx), input.itemId, input.item, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.deleteItem': async (input, ctx) => {
    const result = await deleteItem(db(ctx), input.itemId, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.pauseItem': async (input, ctx) => {
    const result = await pauseItem(db(ctx), input.itemId, input.from, input.until, who(ctx));
    changed(ctx);
    return result;
  },
  'contracts.changeItem': async (input, ctx) => {
    const result = await changeItem(db(ctx), input, who(ctx));
    changed(ctx);
    return result;
  },
  'activities.list': async (input, ctx) => listActivities(manager(ctx), input),
  'activities.recordOneTime': async (input, ctx) => {
    const result = await recordOneTime(db(ctx), input, who(ctx));
    changed(ctx);
    return result;
  },
  'activities.delete': async (input, ctx) => {
    await deleteActivity(db(ctx), input.id, who(ctx));
    changed(ctx);
    return { deleted: 1 };
  },
  'activities.generate': async (input, ctx) => {
    const result = await generateActivities(db(ctx), input.date ?? ctx.clock.today(), { now: ctx.clock.now().toISOString() });
    changed(ctx);
    return result;
  },
  'activities.horizon': async (_input, ctx) => ({ days: await getHorizon(manager(ctx)) }),
  'activities.setHorizon': async (input, ctx) => {
    const days = await setHorizon(db(ctx), input.days, who(ctx));
    changed(ctx);
    return { days };
  },
};
