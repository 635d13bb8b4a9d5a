// Key figures of the dashboard: computed from invoices, allocations and contracts each time
// (balances are never stored).
import type { DashboardFigures } from '../../shared/api/dashboard';
import { endOfMonth, type IsoDate } from '../../shared/dates';
import { fromCents, toPlain } from '../../shared/money';
import type { CompanyDb } from '../db/company-db';
import { ContractEntity } from '../contracts/entities';
import { termsOf } from '../contracts/generation';
import { contractStatus } from '../contracts/rules-terms';

interface OpenRow {
  due_date: string | null;
  open_cents: number;
}

export async function dashboardFigures(db: CompanyDb, today: IsoDate): Promise<DashboardFigures> {
  const raw = db.raw;
  const customers = (raw.prepare(`SELECT count(*) AS n FROM customer WHERE active = 1`).get() as { n: number }).n;
  // Open amount of each invoice not cancelled: gross less what payments and credits settled.
  const open = raw
    .prepare(
      `SELECT i.due_date, i.gross_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a JOIN account_entry e ON e.id = a.debit_entry_id
         WHERE e.invoice_id = i.id AND e.type = 'INVOICE'), 0) AS open_cents
       FROM invoice i
       WHERE i.kind = 'INVOICE' AND NOT EXISTS (SELECT 1 FROM invoice s WHERE s.cancels_invoice_id = i.id)`,
    )
    .all() as OpenRow[];
  const monthStart = `${today.slice(0, 7)}-01`;
  const monthEnd = endOfMonth(today);
  const figure = (rows: readonly OpenRow[]) => ({
    count: rows.length,
    amount: toPlain(fromCents(rows.reduce((s, r) => s + r.open_cents, 0))),
  });
  const unpaid = open.filter((r) => r.open_cents > 0);
  const contracts = await db.dataSource.manager.getRepository(ContractEntity).find();
  const activeContracts = contracts.filter((c) => {
    const status = contractStatus(termsOf(c), today);
    return status === 'ACTIVE' || status === 'NOTICE_GIVEN';
  }).length;
  return {
    activeCustomers: customers,
    activeContracts,
    openInvoices: figure(unpaid),
    dueThisMonth: figure(unpaid.filter((r) => r.due_date !== null && r.due_date >= monthStart && r.due_date <= monthEnd)),
    overdue: figure(unpaid.filter((r) => r.due_date !== null && r.due_date < today)),
  };
}
