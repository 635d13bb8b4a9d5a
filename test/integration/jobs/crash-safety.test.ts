// Crash safety (issue 7): a billing run over 2 000 contracts in a child process is killed with
// SIGKILL at 20 random moments, one per round, restarted, and after each kill and each restart
// the invariants must hold.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsClamped } from '../../../shared/dates';
import { aCatalog, anArticle, seedContracts } from '../billing/support';
import { createTestCompany, type TestCompany } from '../../support/company';

const CONTRACTS = 2_000;
// CRASH_ROUNDS lets a developer try fewer rounds locally; CI runs the full 20.
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const START = '2026-01-01';

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly ms: number;
}

function runChild(script: string, file: string, date: string, killAfterMs?: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [script, file, date], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, output, ms: Date.now() - started });
    });
  });
}

/** Reads the file with a fresh connection and returns every broken invariant (empty = all hold). */
function brokenInvariants(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const broken: string[] = [];
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  try {
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') broken.push('integrity_check');
    const doubleBilled = all(`SELECT item_id, period_start FROM activity WHERE origin = 'SUBSCRIPTION' AND state = 'BILLED'
      GROUP BY item_id, period_start HAVING count(*) > 1`);
    if (doubleBilled.length) broken.push(`${doubleBilled.length} Zeiträume doppelt abgerechnet`);
    const doubleGenerated = all(`SELECT item_id, period_start FROM activity WHERE origin = 'SUBSCRIPTION' AND state <> 'VOIDED'
      GROUP BY item_id, period_start HAVING count(*) > 1`);
    if (doubleGenerated.length) broken.push(`${doubleGenerated.length} Zeiträume doppelt erzeugt`);
    const orphanBilled = one<{ n: number }>(`SELECT count(*) AS n FROM activity a LEFT JOIN invoice i ON i.id = a.invoice_id
      WHERE a.state = 'BILLED' AND i.id IS NULL`);
    if (orphanBilled.n) broken.push(`${orphanBilled.n} abgerechnete Leistungen ohne Rechnung`);
    const numbers = all<{ number: string }>(`SELECT number FROM invoice WHERE kind = 'INVOICE' ORDER BY id`).map((r) => r.number);
    if (new Set(numbers).size !== numbers.length) broken.push('Rechnungsnummern doppelt');
    const byYear = new Map<string, number[]>();
    for (const n of numbers) {
      const m = /^RE-(\d{4})-(\d+)$/.exec(n);
      if (!m) broken.push(`unerwartete Nummer ${n}`);
      else byYear.set(m[1] as string, [...(byYear.get(m[1] as string) ?? []), Number(m[2])]);
    }
    for (const [year, counters] of byYear) {
      const sorted = [...counters].sort((a, b) => a - b);
      if (sorted.some((c, i) => c !== i + 1)) broken.push(`Lücke in den Rechnungsnummern ${year}`);
    }
    const withoutLines = one<{ n: number }>(`SELECT count(*) AS n FROM invoice i WHERE NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.invoice_id = i.id)`);
    if (withoutLines.n) broken.push(`${withoutLines.n} Rechnungen ohne Positionen`);
    const entryMismatch = one<{ n: number }>(`SELECT count(*) AS n FROM invoice i
      WHERE (SELECT count(*) FROM account_entry e WHERE e.invoice_id = i.id AND e.type = 'INVOICE') <> 1`);
    if (entryMismatch.n) broken.push(`${entryMismatch.n} Rechnungen ohne genau eine Kontobuchung`);
    const orphanLines = one<{ n: number }>(`SELECT count(*) AS n FROM invoice_line l LEFT JOIN invoice i ON i.id = l.invoice_id WHERE i.id IS NULL`);
    if (orphanLines.n) broken.push(`${orphanLines.n} Positionen ohne Rechnung`);
    const orphanEntries = one<{ n: number }>(`SELECT count(*) AS n FROM account_entry e LEFT JOIN invoice i ON i.id = e.invoice_id
      WHERE e.type = 'INVOICE' AND i.id IS NULL`);
    if (orphanEntries.n) broken.push(`${orphanEntries.n} Kontobuchungen ohne Rechnung`);
    const sums = one<{ ledger: number | null; invoices: number | null }>(`SELECT
      (SELECT sum(amount_cents) FROM account_entry WHERE type = 'INVOICE') AS ledger,
      (SELECT sum(gross_cents) FROM invoice WHERE kind = 'INVOICE') AS invoices`);
    if ((sums.ledger ?? 0) !== (sums.invoices ?? 0)) broken.push(`Kontosumme ${sums.ledger} ≠ Rechnungssumme ${sums.invoices}`);
    const lineSums = one<{ n: number }>(`SELECT count(*) AS n FROM invoice i
      WHERE i.net_cents <> (SELECT sum(net_cents) FROM invoice_line l WHERE l.invoice_id = i.id)`);
    if (lineSums.n) broken.push(`${lineSums.n} Rechnungen, deren Netto nicht der Summe der Positionen entspricht`);
  } finally {
    db.close();
  }
  return broken;
}

function billedContractsOn(file: string, periodStart: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(DISTINCT contract_id) AS n FROM activity WHERE state = 'BILLED' AND period_start = ?`).get(periodStart) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('crash safety of billing runs', () => {
  let t: TestCompany;
  let file: string;
  let script: string;

  beforeAll(async () => {
    t = await createTestCompany({ now: `${START}T05:00:00Z` });
    const cat = await aCatalog(t);
    const articles = [await anArticle(t, cat, '19.99'), await anArticle(t, cat, '5.00')];
    seedContracts(t.session.company().db, CONTRACTS, cat.p1, articles, START);
    file = t.session.company().db.filePath;
    await t.session.shutdown();
    const dir = join(process.cwd(), 'node_modules', '.cache', 'abowerk-test');
    mkdirSync(dir, { recursive: true });
    script = join(dir, `crash-child-${process.pid}.js`);
    await build({ entryPoints: ['test/integration/jobs/crash-child.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
  }, 180_000);
  afterAll(async () => t.close());

  it(`${ROUNDS} SIGKILLs at random moments of a ${CONTRACTS}-contract run leave no double billing, no number gap, no half invoice`, async () => {
    // Calibrate: one full run without a kill tells how long a run takes on this machine.
    const calibration = await runChild(script, file, START);
    process.stdout.write(`crash-safety: full run ${calibration.ms} ms\n`);
    expect(calibration.output).toContain('done 2000');
    expect(brokenInvariants(file)).toEqual([]);
    const runMs = calibration.ms;

    let killedMidRun = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const date = addMonthsClamped(START, round);
      const killAfter = Math.floor(runMs * (0.05 + Math.random() * 0.9));
      const killed = await runChild(script, file, date, killAfter);
      if (killed.signal === 'SIGKILL') killedMidRun++;
      expect(brokenInvariants(file), `Runde ${round} nach dem Abbruch nach ${killAfter} ms`).toEqual([]);

      const restarted = await runChild(script, file, date);
      expect(restarted.code, restarted.output).toBe(0);
      expect(brokenInvariants(file), `Runde ${round} nach dem Neustart`).toEqual([]);
      expect(billedContractsOn(file, date)).toBe(CONTRACTS);
    }
    // Most kills must land inside a run, or the test proves little.
    expect(killedMidRun).toBeGreaterThanOrEqual(ROUNDS * 0.75);
  }, 1_200_000);

  it('the invariant check itself notices a half invoice, a number gap and a double-billed period', () => {
    const copy = `${file}.kaputt`;
    copyFileSync(file, copy);
    const db = new Database(copy);
    // Only in this throw-away copy: lift the guards that make such damage impossible.
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
    const first = db.prepare(`SELECT id FROM invoice ORDER BY id LIMIT 1`).get() as { id: number };
    db.prepare(`DELETE FROM invoice_line WHERE invoice_id = ?`).run(first.id);
    db.prepare(`UPDATE invoice SET number = 'RE-2026-999999' WHERE id = (SELECT max(id) FROM invoice)`).run();
    const billed = db.prepare(`SELECT * FROM activity WHERE state = 'BILLED' AND origin = 'SUBSCRIPTION' LIMIT 1`).get() as Record<string, unknown>;
    const columns = Object.keys(billed).filter((c) => c !== 'id');
    db.prepare(`DROP INDEX IF EXISTS activity_item_period_unique`).run();
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity' AND sql LIKE '%UNIQUE%'`).all() as { name: string }[]) db.exec(`DROP INDEX "${name}"`);
    db.prepare(`INSERT INTO activity(${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`).run(...columns.map((c) => billed[c]));
    db.close();
    const broken = brokenInvariants(copy);
    expect(broken).toContain('1 Rechnungen ohne Positionen');
    expect(broken.some((b) => b.startsWith('Lücke in den Rechnungsnummern'))).toBe(true);
    expect(broken).toContain('1 Zeiträume doppelt abgerechnet');
  });
});
