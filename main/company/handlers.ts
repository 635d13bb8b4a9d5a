import type { companyChannels } from '../../shared/api/company';
import type { AreaHandlers } from '../ipc/types';
import { listAudit } from './audit';
import { PROFILE_SETTING } from './company-files';
import { setSetting } from './settings';

export const companyHandlers: AreaHandlers<typeof companyChannels> = {
  'company.current': async (_input, ctx) => ctx.session.info(),
  'company.recent': async (_input, ctx) => ctx.session.registry.recent(),
  'company.create': async (input, ctx) => ctx.session.create(input.kind, input.profile, input.filePath),
  'company.open': async (input, ctx) => ctx.session.open(input.filePath),
  'company.close': async (_input, ctx) => {
    await ctx.session.close();
    return null;
  },
  'company.updateProfile': async (input, ctx) => {
    const { db } = ctx.company();
    await db.transaction((m) => setSetting(m, PROFILE_SETTING, input.profile, { actor: ctx.actor, at: ctx.clock.now().toISOString() }));
    return ctx.session.refreshInfo();
  },
  'app.preferences': async (_input, ctx) => ctx.session.registry.preferences(),
  'app.updatePreferences': async (input, ctx) => ctx.session.registry.setPreferences(input),
  'audit.list': async (input, ctx) => listAudit(ctx.company().db.dataSource.manager, input),
};
