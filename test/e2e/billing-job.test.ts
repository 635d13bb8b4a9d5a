// Issue 7: a billing run over 10 000 contracts started from the UI runs in a worker thread;
// the progress bar moves, the UI stays usable meanwhile, and the result reaches the dashboard.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { aCatalog, anArticle, seedContracts } from '../integration/billing/support';
import { createTestCompany } from '../support/company';
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
});
