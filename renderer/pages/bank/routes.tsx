import type { AppRoute } from '../../app/routes';
import { BankAccountsPage } from './bank-accounts-page';
import { ReconciliationPage } from './reconciliation-page';

export const bankRoutes: readonly AppRoute[] = [
  { path: '/zahlungen', element: <ReconciliationPage />, nav: { group: 'payments', label: 'Zahlungseingänge verbuchen', order: 10 } },
  { path: '/zahlungen/bankkonten', element: <BankAccountsPage />, nav: { group: 'payments', label: 'Bankkonten', order: 20 } },
];
