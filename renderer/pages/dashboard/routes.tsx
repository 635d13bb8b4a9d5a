import type { AppRoute } from '../../app/routes';
import { DashboardPage } from './dashboard-page';

export const dashboardRoutes: readonly AppRoute[] = [{ path: '/', element: <DashboardPage />, nav: { group: 'dashboard', label: 'Dashboard' } }];
