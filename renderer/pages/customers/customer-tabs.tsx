// Further tabs on the customer page contributed by other areas (e.g. contracts, invoices).
import type { ReactNode } from 'react';
import type { CustomerDto } from '../../../shared/api/customers';

export interface CustomerTab {
  readonly value: string;
  readonly label: string;
  readonly render: (customer: CustomerDto) => ReactNode;
}

export const customerTabs: readonly CustomerTab[] = [];
