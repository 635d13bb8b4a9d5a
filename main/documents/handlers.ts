import type { documentChannels } from '../../shared/api/documents';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { readDocumentSettings } from './from-invoice';
import { archiveInfo, archivePendingDocuments, checkArchiveIntegrity, listDocuments, openArchiveFolder, readDocumentPdf, samplePdf, saveDocumentSettings } from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });

export const documentHandlers: AreaHandlers<typeof documentChannels> = {
  'documents.getSettings': async (_input, ctx) => readDocumentSettings(ctx.company().db.dataSource.manager),
  'documents.saveSettings': async (input, ctx) => {
    const saved = await saveDocumentSettings(ctx.company().db, input.settings, who(ctx));
    ctx.emit('data.changed', { area: 'documents' });
    return saved;
  },
  'documents.samplePdf': async (input, ctx) => {
    const company = ctx.company();
    const settings = input.settings ?? (await readDocumentSettings(company.db.dataSource.manager));
    return samplePdf(company.info.profile, settings, company.info.kind === 'SANDBOX', ctx.clock.today());
  },
  'documents.list': async (input, ctx) => listDocuments(ctx.company().db.dataSource.manager, input),
  'documents.pdf': async (input, ctx) => readDocumentPdf(ctx.company().db, input, who(ctx)),
  'documents.archivePending': async (_input, ctx) => {
    const result = await archivePendingDocuments(ctx.company().db, who(ctx));
    ctx.emit('data.changed', { area: 'documents' });
    return result;
  },
  'documents.checkIntegrity': async (_input, ctx) => {
    const report = await checkArchiveIntegrity(ctx.company().db, who(ctx));
    ctx.emit('data.changed', { area: 'documents' });
    return report;
  },
  'documents.archiveInfo': async (_input, ctx) => archiveInfo(ctx.company().db),
  'documents.openArchiveFolder': async (_input, ctx) => openArchiveFolder(ctx.company().db, ctx.desktop),
};
