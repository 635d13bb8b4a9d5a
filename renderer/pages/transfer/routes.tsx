import type { AppRoute } from '../../app/routes';
import { BackupPage } from './backup-page';
import { ExportPage } from './export-page';
import { ImportWizardPage } from './import-wizard-page';

export const transferRoutes: readonly AppRoute[] = [
  { path: '/import', element: <ImportWizardPage />, nav: { group: 'customersAndContracts', label: 'Importieren', order: 80 } },
  { path: '/export/daten', element: <ExportPage />, nav: { group: 'export', label: 'Datenexport', order: 50 } },
  { path: '/einstellungen/datensicherung', element: <BackupPage />, nav: { group: 'settings', label: 'Datensicherung', order: 80 } },
];
