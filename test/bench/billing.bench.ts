// 10 000 contracts × 2 items, monthly in advance: activity generation + billing run (no PDF),
// against a raw better-sqlite3 baseline that inserts the same rows (activities, invoices,
// lines, tax rows, ledger entries) with prepared statements in one transaction. Then the peak
// RSS of a run over 100 000 contracts, measured in a child process of its own.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { runBilling } from '../../main/billing/service';
import { createTestCompany, type TestCompany } from '../support/company';
import { aCatalog, anArticle, seedContracts } from '../integration/billing/support';
import { report, type Bench } from './support';

const DATE = '2026-03-01';
const WHO = { actor: 'bench', at: `${DATE}T09:00:00.000Z` };

/** A company with `n` contracts × 2 items, monthly in advance from the bench date. */
export async function prepared(n: number): Promise<TestCompany> {
  const t = await createTestCompany({ now: `${DATE}T09:00:00Z` });
  const cat = await aCatalog(t);
  const articles = [await anArticle(t, cat, '10'), await anArticle(t, cat, '5.5')];
  seedContracts(t.session.company().db, n, cat.p1, articles, DATE);
  return t;
}

/** The same rows the app writes, by hand: one transaction, prepared statements, no checks. */
export function baseline(t: TestCompany, n: number): number {
  const raw = t.session.company().db.raw;
  const contracts = raw.prepare(`SELECT c.id, c.customer_id, a.id AS account_id FROM contract c JOIN customer_account a ON a.customer_id = c.customer_id ORDER BY c.id`).all() as { id: number; customer_id: number; account_id: number }[];
  const items = raw.prepare(`SELECT id, contract_id, article_id FROM subscription_item ORDER BY id`).all() as { id: number; contract_id: number; article_id: number }[];
  const byContract = new Map<number, typeof items>();
  for (const i of items) byContract.set(i.contract_id, [...(byContract.get(i.contract_id) ?? []), i]);
  const act = raw.prepare(
    `INSERT INTO activity(contract_id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date, service_date, quantity, unit_price_units, discount, net_cents, description, state, created_at)
     VALUES (?, ?, ?, 'SUBSCRIPTION', ?, ?, '2026-03-31', ?, '2026-03-31', '1', ?, '0', ?, 'Artikel', 'OPEN', ?)`,
  );
  const inv = raw.prepare(
    `INSERT INTO invoice(number, kind, customer_id, contract_id, project_id, currency, issue_date, due_date, period_start, period_end, issuer_json, recipient_json, payment_method, payment_terms_days, net_cents, tax_cents, gross_cents, created_by, created_at)
     VALUES (?, 'INVOICE', ?, ?, 1, 'EUR', ?, '2026-03-15', ?, '2026-03-31', '{}', '{}', 'TRANSFER', 14, 1550, 295, 1845, 'bench', ?)`,
  );
  const line = raw.prepare(
    `INSERT INTO invoice_line(invoice_id, position, activity_id, contract_id, article_id, description, quantity, unit, unit_price_units, net_cents, tax_rate, tax_group_code, period_start, period_end)
     VALUES (?, ?, ?, ?, ?, 'Artikel', '1', 'MONTH', ?, ?, '19', 'DE_STANDARD', ?, '2026-03-31')`,
  );
  const tax = raw.prepare(`INSERT INTO invoice_tax(invoice_id, treatment, rate, net_cents, tax_cents) VALUES (?, 'STANDARD', '19', 1550, 295)`);
  const billed = raw.prepare(`UPDATE activity SET state = 'BILLED', invoice_id = ? WHERE id = ?`);
  const entry = raw.prepare(`INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at) VALUES (?, 'INVOICE', ?, 1845, ?, ?, ?, 'bench', ?)`);
  const start = performance.now();
  raw.transaction(() => {
    let counter = 0;
    for (const c of contracts) {
      const acts = (byContract.get(c.id) ?? []).map((i, k) => ({ i, id: Number(act.run(c.id, i.id, i.article_id, DATE, DATE, DATE, k === 0 ? 100000 : 55000, k === 0 ? 1000 : 550, WHO.at).lastInsertRowid) }));
      counter += 1;
      const number = `BL-${String(counter).padStart(6, '0')}`;
      const invoiceId = Number(inv.run(number, c.customer_id, c.id, DATE, DATE, WHO.at).lastInsertRowid);
      acts.forEach((a, k) => {
        line.run(invoiceId, k + 1, a.id, c.id, a.i.article_id, k === 0 ? 100000 : 55000, k === 0 ? 1000 : 550, DATE);
        billed.run(invoiceId, a.id);
      });
      tax.run(invoiceId);
      entry.run(c.account_id, DATE, `Rechnung ${number}`, number, invoiceId, WHO.at);
    }
  })();
  const ms = performance.now() - start;
  if (contracts.length !== n) throw new Error(`baseline: ${contracts.length} statt ${n} Verträge`);
  return ms;
}

async function appRun(n: number): Promise<number> {
  const t = await prepared(n);
  try {
    const start = performance.now();
    const run = await runBilling(t.session.company().db, { date: DATE }, WHO);
    const ms = performance.now() - start;
    if (run.invoicesCreated !== n || run.errors.length > 0) throw new Error(`billing: ${run.invoicesCreated} Rechnungen, ${run.errors.length} Fehler`);
    return ms;
  } finally {
    await t.close();
  }
}

export const billingBench: Bench = {
  name: 'billing',
  async run() {
    if (process.env.ABOWERK_BENCH_BILLING_RSS_CHILD === '1') {
      // Child mode: one run over many contracts; the parent reads the peak RSS.
      await appRun(Number(process.env.ABOWERK_BENCH_RSS_CONTRACTS ?? 100_000));
      process.stdout.write(`rss=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
      return;
    }
    const n = Number(process.env.ABOWERK_BENCH_BILLING_CONTRACTS ?? 10_000);
    const app = await appRun(n);
    const t = await prepared(n);
    let base: number;
    try {
      base = baseline(t, n);
    } finally {
      await t.close();
    }
    report('billing.app', app, 'ms');
    report('billing.baseline', base, 'ms');
    report('billing.ratio', app / base, 'x');
    if (process.env.ABOWERK_BENCH_SKIP_RSS !== '1') {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'billing'], {
        env: { ...process.env, ABOWERK_BENCH_BILLING_RSS_CHILD: '1', ABOWERK_BENCH_RSS_CONTRACTS: process.env.ABOWERK_BENCH_RSS_CONTRACTS ?? '100000' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const mb = /rss=(\d+)/.exec(child.stdout)?.[1];
      if (child.status !== 0 || mb === undefined) throw new Error(`billing.rss100k: Kindprozess fehlgeschlagen (${child.status}) ${child.stdout}`);
      report('billing.rss100k', Number(mb), 'MB');
    }
  },
};

