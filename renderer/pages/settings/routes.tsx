import type { AppRoute } from '../../app/routes';
import { AuditLogPage } from './audit-log-page';
import { CompanyProfilePage } from './company-profile-page';

export const settingsRoutes: readonly AppRoute[] = [
  { path: '/einstellungen/firma', element: <CompanyProfilePage />, nav: { group: 'settings', label: 'Firmendaten', order: 10 } },
  { path: '/einstellungen/protokolle', element: <AuditLogPage />, nav: { group: 'settings', label: 'Protokolle', order: 90 } },
];
