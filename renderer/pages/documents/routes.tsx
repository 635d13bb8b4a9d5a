import type { AppRoute } from '../../app/routes';
import { DocumentPage } from './document-page';
import { DocumentSettingsPage } from './document-settings-page';
import { DocumentsPage } from './documents-page';

export const documentRoutes: readonly AppRoute[] = [
  { path: '/belege', element: <DocumentsPage />, nav: { group: 'billing', label: 'Belege (PDF)', order: 50 } },
  { path: '/belege/:id', element: <DocumentPage /> },
  { path: '/einstellungen/belege', element: <DocumentSettingsPage />, nav: { group: 'settings', label: 'Belege und Briefkopf', order: 30 } },
];
