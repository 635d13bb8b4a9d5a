// Further tabs on the customer page contributed by other areas (e.g. contracts, invoices).
import type { ReactNode } from 'react';
import type { CustomerDto } from '../../../shared/api/customers';
import { CustomerContractsTab } from '../contracts/customer-contracts-tab';

export interface CustomerTab {
  readonly value: string;
  readonly label: string;
  readonly render: (customer: CustomerDto) => ReactNode;
}

export const customerTabs: readonly CustomerTab[] = [
  { value: 'contracts', label: 'Verträge', render: (customer) => <CustomerContractsTab customer={customer} /> },
];
