// Issue 7: a billing run over 10 000 contracts started from the UI runs in a worker thread;
// the progress bar moves, the UI stays usable meanwhile, and the result reaches the dashboard.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { aCatalog, anArticle, seedContracts } from '../integration/billing/support';
import { createTestCompany } from '../support/company';
import { BillingRunPage } from './pages/billing-run-page';
import { closeBrowser, launchApp, navigate, type E2eApp } from './support/app';

const CONTRACTS = 10_000;

describe('e2e: billing run as a background job', () => {
  let app: E2eApp | undefined;
  afterEach(async () => app?.close());
  afterAll(async () => closeBrowser());

  it('shows a moving progress bar with counts, stays responsive while 10 000 contracts are billed, and reports on the dashboard', async () => {
    app = await launchApp({
      clock: '2026-11-28T09:00:00Z',
      prepare: async (dataDir) => {
        const t = await createTestCompany({ dataDir, now: '2026-11-28T09:00:00Z' });
        const cat = await aCatalog(t);
        const articles = [await anArticle(t, cat, '29.90'), await anArticle(t, cat, '4.50')];
        seedContracts(t.session.company().db, CONTRACTS, cat.p1, articles, '2026-11-01');
        await t.close();
      },
    });
    const { page } = app;
    await page.getByTestId('scheduled-events').waitFor();
    await navigate(page, 'Aufträge und Zeitpläne');
    const row = page.getByTestId('job-billing.run');
    await page.getByTestId('run-billing.run').click();

    const counts: number[] = [];
    const progress = row.locator('[data-testid="job-progress"][data-state="running"]');
    await progress.waitFor({ timeout: 60_000 });
    const readCount = async () => Number((await row.getByTestId('job-progress-count').textContent())?.split('/')[0]?.replace(/\D/g, '') ?? 0);
    await expect.poll(readCount, { timeout: 120_000, interval: 250 }).toBeGreaterThan(0);
    counts.push(await readCount());
    await app.shot('billing-job-01-progress');
    await expect.poll(readCount, { timeout: 120_000, interval: 250 }).toBeGreaterThan(counts[0] ?? 0);
    counts.push(await readCount());

    // The UI and the router answer while the worker bills.
    const started = Date.now();
    await navigate(page, 'Kunden verwalten');
    await page.getByTestId('customer-table').locator('tbody tr').first().waitFor();
    const responsiveMs = Date.now() - started;
    await app.shot('billing-job-02-customers-while-running');
    expect(responsiveMs).toBeLessThan(5_000);

    await navigate(page, 'Aufträge und Zeitpläne');
    // Finished: the live progress bar says "fertig" (or, after a reload, the last result "erfolgreich").
    const doneRow = page.getByTestId('job-billing.run');
    await doneRow.locator('[data-testid="job-progress"][data-state="done"]').or(doneRow.getByText('erfolgreich')).first().waitFor({ timeout: 600_000 });
    await app.shot('billing-job-03-done');
    await navigate(page, 'Dashboard');
    const events = page.getByTestId('scheduled-events');
    await events.getByText('rechnungen: 10.000').waitFor();
    await app.shot('billing-job-04-dashboard');
    expect(counts[1]).toBeGreaterThan(counts[0] ?? 0);
  }, 900_000);

  it('Rechnungslauf page: the run for a Stichtag is the billing job, with its progress bar and counts; the app answers meanwhile; then the report', async () => {
    const contracts = 4_000;
    app = await launchApp({
      clock: '2026-11-28T09:00:00Z',
      prepare: async (dataDir) => {
        const t = await createTestCompany({ dataDir, now: '2026-11-28T09:00:00Z' });
        const cat = await aCatalog(t);
        seedContracts(t.session.company().db, contracts, cat.p1, [await anArticle(t, cat, '29.90')], '2026-11-01');
        await t.close();
      },
    });
    const { page } = app;
    await page.getByTestId('scheduled-events').waitFor();
    const billingRun = new BillingRunPage(page);
    await billingRun.open();
    await billingRun.start('28.11.2026');

    await billingRun.progress('running').waitFor({ timeout: 60_000 });
    // The job starts at 0 / 0 and counts customers once it knows them.
    await expect.poll(async () => (await billingRun.counts())[1], { timeout: 60_000, interval: 100 }).toBe(contracts);
    await app.shot('billing-job-05-run-page-progress');
    // Requests answer while the worker bills: before, the main thread waited for SQLite's write
    // lock to record progress, and a request stood still for a whole chunk (seconds).
    const answer = await page.evaluate(async () => {
      const state = () => document.querySelector<HTMLElement>('[data-testid="job-progress"]')?.dataset.state;
      const times: number[] = [];
      const states: (string | undefined)[] = [];
      for (let i = 0; i < 8; i++) {
        const started = performance.now();
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-abowerk-token': sessionStorage.getItem('abowerk.token') ?? '' },
          body: JSON.stringify({ channel: 'customers.list', payload: { limit: 5 } }),
        });
        await response.json();
        times.push(Math.round(performance.now() - started));
        states.push(state());
        await new Promise((r) => setTimeout(r, 150));
      }
      return { slowest: Math.max(...times), firstState: states[0] };
    });
    expect(answer.firstState).toBe('running');
    expect(answer.slowest).toBeLessThan(1_500);

    await billingRun.report().waitFor({ timeout: 600_000 });
    expect(await billingRun.invoicesCreated()).toBe(String(contracts));
    await billingRun.progress('done').waitFor();
    expect(await billingRun.counts()).toEqual([contracts, contracts]);
    await app.shot('billing-job-06-run-page-report');
  }, 900_000);
});
