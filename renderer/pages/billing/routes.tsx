import type { AppRoute } from '../../app/routes';
import { BillingRunPage } from './billing-run-page';
import { InvoiceDetailPage } from './invoice-detail-page';
import { InvoicesPage } from './invoices-page';

export const billingRoutes: readonly AppRoute[] = [
  { path: '/fakturierung/rechnungslauf', element: <BillingRunPage />, nav: { group: 'billing', label: 'Rechnungslauf', order: 10 } },
  { path: '/fakturierung/rechnungen', element: <InvoicesPage />, nav: { group: 'billing', label: 'Rechnungen', order: 20 } },
  { path: '/fakturierung/rechnungen/:id', element: <InvoiceDetailPage /> },
];
