import type { AppRoute } from '../../app/routes';
import { AuditLogPage } from './audit-log-page';
import { CompanyProfilePage } from './company-profile-page';
import { NumberRangesPage } from './number-ranges-page';

export const settingsRoutes: readonly AppRoute[] = [
  { path: '/einstellungen/firma', element: <CompanyProfilePage />, nav: { group: 'settings', label: 'Firmendaten', order: 10 } },
  { path: '/einstellungen/nummernkreise', element: <NumberRangesPage />, nav: { group: 'settings', label: 'Nummernkreise', order: 20 } },
  { path: '/einstellungen/protokolle', element: <AuditLogPage />, nav: { group: 'settings', label: 'Protokolle', order: 90 } },
];
