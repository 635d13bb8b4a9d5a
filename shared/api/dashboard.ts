import { channel } from './define';
import { z } from './zod-de';

export interface AmountFigure {
  readonly count: number;
  /** Plain decimal string, in the currency of the figures it belongs to. */
  readonly amount: string;
}

/** Open invoices of one currency (not cancelled, something left to pay). */
export interface OpenFigures {
  readonly openInvoices: AmountFigure;
  /** Open invoices whose due date lies in the current month. */
  readonly dueThisMonth: AmountFigure;
  readonly overdue: AmountFigure;
}

export interface CurrencyFigures extends OpenFigures {
  /** ISO code, e.g. CHF. */
  readonly currency: string;
}

/**
 * The open-invoice figures of the top level are the EUR ones; invoices in other currencies are
 * never converted or added in (DOMAIN §2) but counted per currency in otherCurrencies.
 */
export interface DashboardFigures extends OpenFigures {
  readonly activeCustomers: number;
  /** Contracts ACTIVE or NOTICE_GIVEN today. */
  readonly activeContracts: number;
  /** One entry per other currency with open invoices, by ISO code. */
  readonly otherCurrencies: readonly CurrencyFigures[];
}

/** The currency of the top-level figures: the default contract currency. */
export const DASHBOARD_CURRENCY = 'EUR';

export const dashboardChannels = {
  'dashboard.figures': channel<DashboardFigures>()(z.object({})),
};
