import type { ReactElement } from 'react';

export type NavGroupKey = 'dashboard' | 'customersAndContracts' | 'catalog' | 'billing' | 'payments' | 'export' | 'settings';

export const NAV_GROUPS: readonly { key: NavGroupKey; label: string }[] = [
  { key: 'dashboard', label: 'Dashboard' },
  { key: 'customersAndContracts', label: 'Kunden und Verträge' },
  { key: 'catalog', label: 'Artikelverwaltung' },
  { key: 'billing', label: 'Fakturierung' },
  { key: 'payments', label: 'Zahlungen' },
  { key: 'export', label: 'Export' },
  { key: 'settings', label: 'Einstellungen' },
];

/** A screen of an area: its path and, when it appears in the navigation, where. */
export interface AppRoute {
  readonly path: string;
  readonly element: ReactElement;
  readonly nav?: { readonly group: NavGroupKey; readonly label: string; readonly order?: number };
}
