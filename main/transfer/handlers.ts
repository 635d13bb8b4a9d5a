import type { transferChannels } from '../../shared/api/transfer';
import { createBackup, listBackups, restoreBackup } from '../company/backup';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { exportAll } from './export';
import { analyzeUpload, bytesFromBase64, cancelImport, deleteProfile, listProfiles, previewImport, runImport, saveProfile } from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString(), today: ctx.clock.today() });

export const transferHandlers: AreaHandlers<typeof transferChannels> = {
  'transfer.analyze': async (input, ctx) => {
    ctx.company();
    return analyzeUpload(input.fileName, bytesFromBase64(input.dataBase64), input.target, input.encoding, input.separator);
  },
  'transfer.preview': async (input, ctx) => previewImport(ctx.company().db, input, input.limit, (p) => ctx.emit('job.progress', p)),
  'transfer.import': async (input, ctx) => {
    const result = await runImport(ctx.company().db, input, who(ctx), (p) => ctx.emit('job.progress', p));
    if (result.imported > 0) ctx.emit('data.changed', { area: input.target });
    return result;
  },
  'transfer.cancel': async (input) => ({ cancelled: cancelImport(input.jobId) }),
  'transfer.profiles': async (input, ctx) => listProfiles(ctx.company().db.dataSource.manager, input.target),
  'transfer.saveProfile': async (input, ctx) => saveProfile(ctx.company().db, input, ctx.clock.now().toISOString()),
  'transfer.deleteProfile': async (input, ctx) => {
    await deleteProfile(ctx.company().db, input.id);
    return null;
  },
  'transfer.export': async (input, ctx) => {
    const { db, info } = ctx.company();
    return exportAll(db.raw, { ...input, exportedAt: ctx.clock.now().toISOString(), sandbox: info.kind === 'SANDBOX' });
  },
  'transfer.backups': async (_input, ctx) => listBackups(ctx.company().db, ctx.session.dataDir),
  // A copy made by hand is named as such, so the nightly rotation never removes it.
  'transfer.backup': async (_input, ctx) => createBackup(ctx.company().db, ctx.session.dataDir, ctx.clock.now(), '-manuell'),
  'transfer.restore': async (input, ctx) => {
    const result = await restoreBackup(ctx.session, input.path, ctx.clock.now());
    ctx.emit('data.changed', { area: 'all' });
    return result;
  },
};
