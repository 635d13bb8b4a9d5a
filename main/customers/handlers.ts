import type { customerChannels } from '../../shared/api/customers';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { createCustomer, customerAccounts, getCustomer, listCustomers, setCustomerActive, updateCustomer } from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });

export const customerHandlers: AreaHandlers<typeof customerChannels> = {
  'customers.list': async (input, ctx) => listCustomers(ctx.company().db.dataSource.manager, input),
  'customers.get': async (input, ctx) => getCustomer(ctx.company().db.dataSource.manager, input.id),
  'customers.create': async (input, ctx) => {
    const created = await createCustomer(ctx.company().db, input.customer, who(ctx));
    ctx.emit('data.changed', { area: 'customers' });
    return created;
  },
  'customers.update': async (input, ctx) => {
    const updated = await updateCustomer(ctx.company().db, input.id, input.customer, who(ctx));
    ctx.emit('data.changed', { area: 'customers' });
    return updated;
  },
  'customers.setActive': async (input, ctx) => {
    const updated = await setCustomerActive(ctx.company().db, input.id, input.active, { ...who(ctx), today: ctx.clock.today() });
    ctx.emit('data.changed', { area: 'customers' });
    return updated;
  },
  'customers.accounts': async (input, ctx) => customerAccounts(ctx.company().db.dataSource.manager, input.customerId),
};
