import type { AppRoute } from '../../app/routes';
import { ActivitiesPage } from './activities-page';
import { ContractDetailPage } from './contract-detail-page';
import { ContractsPage } from './contracts-page';

export const contractRoutes: readonly AppRoute[] = [
  { path: '/vertraege', element: <ContractsPage />, nav: { group: 'customersAndContracts', label: 'Verträge', order: 20 } },
  { path: '/vertraege/:id', element: <ContractDetailPage /> },
  { path: '/leistungen', element: <ActivitiesPage />, nav: { group: 'billing', label: 'Leistungen', order: 10 } },
];
