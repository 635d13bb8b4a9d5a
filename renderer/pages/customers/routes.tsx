import type { AppRoute } from '../../app/routes';
import { CustomerDetailPage } from './customer-detail-page';
import { CustomersPage } from './customers-page';

export const customerRoutes: readonly AppRoute[] = [
  { path: '/kunden', element: <CustomersPage />, nav: { group: 'customersAndContracts', label: 'Kunden verwalten', order: 10 } },
  { path: '/kunden/:id', element: <CustomerDetailPage /> },
];
