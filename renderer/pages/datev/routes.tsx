import type { AppRoute } from '../../app/routes';
import { DatevExportPage } from './export-page';
import { DatevSettingsPage } from './settings-page';

export const datevRoutes: readonly AppRoute[] = [
  { path: '/export/datev', element: <DatevExportPage />, nav: { group: 'export', label: 'DATEV', order: 10 } },
  { path: '/einstellungen/datev', element: <DatevSettingsPage />, nav: { group: 'settings', label: 'DATEV', order: 40 } },
];
