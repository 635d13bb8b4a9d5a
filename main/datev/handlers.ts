import type { datevChannels } from '../../shared/api/datev';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { fileContent, getExport, listExports, previewExport, runExport, saveSettings, settingsView, type ExportContext } from './service';

const exportContext = (ctx: CallContext): ExportContext => {
  const company = ctx.company();
  return { companyId: company.info.id, sandbox: company.info.kind === 'SANDBOX', actor: ctx.actor, now: ctx.clock.now().toISOString() };
};

export const datevHandlers: AreaHandlers<typeof datevChannels> = {
  'datev.settings.get': async (_input, ctx) => settingsView(ctx.company().db.dataSource.manager),
  'datev.settings.save': async (input, ctx) => {
    const view = await saveSettings(ctx.company().db, input.settings, { actor: ctx.actor, at: ctx.clock.now().toISOString() });
    ctx.emit('data.changed', { area: 'datev' });
    return view;
  },
  'datev.preview': async (input, ctx) => previewExport(ctx.company().db.dataSource.manager, exportContext(ctx), input.from, input.to, input.onlyNew),
  'datev.export': async (input, ctx) => {
    const result = await runExport(ctx.company().db, exportContext(ctx), input);
    ctx.emit('data.changed', { area: 'datev' });
    return result;
  },
  'datev.exports.list': async (input, ctx) => listExports(ctx.company().db.dataSource.manager, input.limit),
  'datev.exports.get': async (input, ctx) => getExport(ctx.company().db.dataSource.manager, input.id),
  'datev.file': async (input, ctx) => {
    const { fileName, base64, sha256 } = await fileContent(ctx.company().db.dataSource.manager, input.fileId);
    return { fileName, base64, sha256 };
  },
};
