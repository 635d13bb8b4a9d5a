import { channel } from './define';
import { z } from './zod-de';

export interface AmountFigure {
  readonly count: number;
  /** Plain decimal string (EUR). */
  readonly amount: string;
}

export interface DashboardFigures {
  readonly activeCustomers: number;
  /** Contracts ACTIVE or NOTICE_GIVEN today. */
  readonly activeContracts: number;
  readonly openInvoices: AmountFigure;
  /** Open invoices whose due date lies in the current month. */
  readonly dueThisMonth: AmountFigure;
  readonly overdue: AmountFigure;
}

export const dashboardChannels = {
  'dashboard.figures': channel<DashboardFigures>()(z.object({})),
};
