// Key figures of the dashboard: computed from invoices, allocations and contracts each time
// (balances are never stored).
import { DASHBOARD_CURRENCY, type CurrencyFigures, type DashboardFigures, type OpenFigures } from '../../shared/api/dashboard';
import { endOfMonth, type IsoDate } from '../../shared/dates';
import { fromCents, toPlain } from '../../shared/money';
import type { CompanyDb } from '../db/company-db';
import { ContractEntity } from '../contracts/entities';
import { termsOf } from '../contracts/generation';
import { contractStatus } from '../contracts/rules-terms';

interface OpenRow {
  currency: string;
  due_date: string | null;
  open_cents: number;
}

/** Open, due-this-month and overdue of the unpaid invoices of one currency. */
function openFigures(unpaid: readonly OpenRow[], today: IsoDate): OpenFigures {
  const monthStart = `${today.slice(0, 7)}-01`;
  const monthEnd = endOfMonth(today);
  const figure = (rows: readonly OpenRow[]) => ({
    count: rows.length,
    amount: toPlain(fromCents(rows.reduce((s, r) => s + r.open_cents, 0))),
  });
  return {
    openInvoices: figure(unpaid),
    dueThisMonth: figure(unpaid.filter((r) => r.due_date !== null && r.due_date >= monthStart && r.due_date <= monthEnd)),
    overdue: figure(unpaid.filter((r) => r.due_date !== null && r.due_date < today)),
  };
}

export async function dashboardFigures(db: CompanyDb, today: IsoDate): Promise<DashboardFigures> {
  const raw = db.raw;
  const customers = (raw.prepare(`SELECT count(*) AS n FROM customer WHERE active = 1`).get() as { n: number }).n;
  // Open amount of each invoice not cancelled: gross less what payments and credits settled.
  const open = raw
    .prepare(
      `SELECT i.currency, i.due_date, i.gross_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a JOIN account_entry e ON e.id = a.debit_entry_id
         WHERE e.invoice_id = i.id AND e.type = 'INVOICE'), 0) AS open_cents
       FROM invoice i
       WHERE i.kind = 'INVOICE' AND NOT EXISTS (SELECT 1 FROM invoice s WHERE s.cancels_invoice_id = i.id)`,
    )
    .all() as OpenRow[];
  // Amounts of different currencies are never added up (DOMAIN §2: no conversion).
  const unpaidBy = new Map<string, OpenRow[]>();
  for (const r of open) {
    if (r.open_cents <= 0) continue;
    const rows = unpaidBy.get(r.currency) ?? [];
    rows.push(r);
    unpaidBy.set(r.currency, rows);
  }
  const otherCurrencies: CurrencyFigures[] = [...unpaidBy.keys()]
    .filter((c) => c !== DASHBOARD_CURRENCY)
    .sort()
    .map((currency) => ({ currency, ...openFigures(unpaidBy.get(currency)!, today) }));
  const contracts = await db.dataSource.manager.getRepository(ContractEntity).find();
  const activeContracts = contracts.filter((c) => {
    const status = contractStatus(termsOf(c), today);
    return status === 'ACTIVE' || status === 'NOTICE_GIVEN';
  }).length;
  return {
    activeCustomers: customers,
    activeContracts,
    ...openFigures(unpaidBy.get(DASHBOARD_CURRENCY) ?? [], today),
    otherCurrencies,
  };
}
