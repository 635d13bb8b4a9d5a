import type { AppRoute } from '../../app/routes';
import { ReconciliationPage } from './reconciliation-page';

export const bankRoutes: readonly AppRoute[] = [
  { path: '/zahlungen', element: <ReconciliationPage />, nav: { group: 'payments', label: 'Zahlungseingänge verbuchen', order: 10 } },
];
