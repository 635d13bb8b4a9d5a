// Every area's screens. A navigation group without screens is not shown: only what works.
import { bankRoutes } from '../pages/bank/routes';
import { billingRoutes } from '../pages/billing/routes';
import { catalogRoutes } from '../pages/catalog/routes';
import { contractRoutes } from '../pages/contracts/routes';
import { customerRoutes } from '../pages/customers/routes';
import { dashboardRoutes } from '../pages/dashboard/routes';
import { datevRoutes } from '../pages/datev/routes';
import { documentRoutes } from '../pages/documents/routes';
import { jobRoutes } from '../pages/jobs/routes';
import { settingsRoutes } from '../pages/settings/routes';
import { transferRoutes } from '../pages/transfer/routes';
import type { AppRoute } from './routes';

export const routes: readonly AppRoute[] = [...dashboardRoutes, ...bankRoutes, ...customerRoutes, ...contractRoutes, ...billingRoutes, ...catalogRoutes, ...documentRoutes, ...settingsRoutes, ...jobRoutes, ...transferRoutes, ...datevRoutes];
