import type { AppRoute } from '../../app/routes';
import { JobsPage } from './jobs-page';

export const jobRoutes: readonly AppRoute[] = [
  { path: '/einstellungen/auftraege', element: <JobsPage />, nav: { group: 'settings', label: 'Aufträge und Zeitpläne', order: 40 } },
];
