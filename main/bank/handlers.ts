import type { bankChannels } from '../../shared/api/bank';
import type { AreaHandlers, CallContext } from '../ipc/types';
import {
  autoBookThreshold,
  bookAsCredit,
  bookTransaction,
  getTransaction,
  ignoreTransaction,
  importStatement,
  listBankAccounts,
  listImports,
  listOpenInvoices,
  listTransactions,
  matchTransactions,
  saveBankAccount,
  setAutoBookThreshold,
  undoTransaction,
} from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });
const changed = (ctx: CallContext) => {
  ctx.emit('data.changed', { area: 'bank' });
  ctx.emit('data.changed', { area: 'customers' });
};

export const bankHandlers: AreaHandlers<typeof bankChannels> = {
  'bank.accounts.list': async (_input, ctx) => listBankAccounts(ctx.company().db.dataSource.manager),
  'bank.accounts.save': async (input, ctx) => {
    const saved = await saveBankAccount(ctx.company().db, input.id, input.account, who(ctx));
    ctx.emit('data.changed', { area: 'bank' });
    return saved;
  },
  'bank.import': async (input, ctx) => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const result = await importStatement(
      ctx.company().db,
      { fileName: input.fileName, bytes, bankAccountId: input.bankAccountId, mapping: input.mapping, autoBook: input.autoBook },
      who(ctx),
    );
    changed(ctx);
    return result;
  },
  'bank.imports.list': async (input, ctx) => listImports(ctx.company().db.dataSource.manager, input.limit),
  'bank.transactions.list': async (input, ctx) => listTransactions(ctx.company().db.dataSource.manager, input),
  'bank.transactions.get': async (input, ctx) => getTransaction(ctx.company().db.dataSource.manager, input.id),
  'bank.openInvoices': async (input, ctx) => listOpenInvoices(ctx.company().db.dataSource.manager, { customerId: input.customerId, search: input.search }),
  'bank.match': async (input, ctx) => {
    const result = await matchTransactions(ctx.company().db, { auto: input.auto }, who(ctx));
    changed(ctx);
    return result;
  },
  'bank.book': async (input, ctx) => {
    const result = await bookTransaction(ctx.company().db, input.transactionId, input.allocations, who(ctx));
    changed(ctx);
    return result;
  },
  'bank.bookCredit': async (input, ctx) => {
    const result = await bookAsCredit(ctx.company().db, input.transactionId, input.customerId, who(ctx));
    changed(ctx);
    return result;
  },
  'bank.ignore': async (input, ctx) => {
    const result = await ignoreTransaction(ctx.company().db, input.transactionId, who(ctx));
    changed(ctx);
    return result;
  },
  'bank.undo': async (input, ctx) => {
    const result = await undoTransaction(ctx.company().db, input.transactionId, ctx.clock.today(), who(ctx));
    changed(ctx);
    return result;
  },
  'bank.settings.get': async (_input, ctx) => ({ autoBookThreshold: await autoBookThreshold(ctx.company().db.dataSource.manager) }),
  'bank.settings.set': async (input, ctx) => {
    const autoBookThreshold = await setAutoBookThreshold(ctx.company().db, input.autoBookThreshold, who(ctx));
    ctx.emit('data.changed', { area: 'bank' });
    return { autoBookThreshold };
  },
};
