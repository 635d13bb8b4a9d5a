import type { dashboardChannels } from '../../shared/api/dashboard';
import type { AreaHandlers } from '../ipc/types';
import { dashboardFigures } from './service';

export const dashboardHandlers: AreaHandlers<typeof dashboardChannels> = {
  'dashboard.figures': async (_input, ctx) => dashboardFigures(ctx.company().db, ctx.clock.today()),
};
