import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveProductGroup, saveProject, createArticle } from '../../main/catalog/service';
import { addItem, createContract } from '../../main/contracts/service';
import { insertCustomer } from '../../main/customers/service';
import { openCompanyDb } from '../../main/db/company-db';
import { articleFieldsSchema, productGroupFieldsSchema, projectFieldsSchema } from '../../shared/api/catalog';
import { contractFieldsSchema, itemFieldsSchema } from '../../shared/api/contracts';
import { customerFieldsSchema } from '../../shared/api/customers';
import { BillingRunPage } from './pages/billing-run-page';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { layoutProblems, SMALL_WINDOW } from './support/layout';

function companyFile(dataDir: string): string {
  const found = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.abowerk'));
  if (!found) throw new Error(`Keine Firmendatei in ${dataDir}`);
  return join(dataDir, found);
}

const BLUM = { kind: 'COMPANY', companyName: 'Gärtnerei Blum GmbH', street: 'Lindenweg 4', zip: '50667', city: 'Köln' } as const;

/** Customers with one monthly contract each (Abo-Box, 100,00 net, 19 %) from 01.03.2026, written next to the running app. */
async function seedContract(dataDir: string, customers: readonly Record<string, unknown>[] = [BLUM]): Promise<void> {
  const db = await openCompanyDb(companyFile(dataDir));
  const who = { actor: 'e2e', at: '2026-03-01T08:00:00.000Z' };
  try {
    const project = await saveProject(db, undefined, projectFieldsSchema.parse({ number: 'P1', name: 'Abo-Boxen' }), who);
    const [standard] = (await db.dataSource.manager.query(`SELECT id FROM tax_group WHERE code = 'DE_STANDARD'`)) as { id: number }[];
    const group = await saveProductGroup(db, undefined, productGroupFieldsSchema.parse({ name: 'Standard', taxGroupId: standard!.id }), who);
    const article = await createArticle(
      db,
      articleFieldsSchema.parse({ number: 'ABO-1', name: 'Abo-Box', kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupId: group.id, projectIds: [project.id], variants: [{ price: '100', currency: 'EUR', minQuantity: null, validFrom: null }] }),
      who,
    );
    const change = { ...who, today: '2026-03-01' };
    for (const fields of customers) {
      const customer = await db.transaction((m) => insertCustomer(m, customerFieldsSchema.parse(fields), who));
      const contract = await createContract(db, contractFieldsSchema.parse({ customerId: customer.id, projectId: project.id, startDate: '2026-03-01', interval: { count: 1, unit: 'MONTH' } }), change);
      await addItem(db, contract.id, itemFieldsSchema.parse({ articleId: article.id, quantity: '1', activeFrom: '2026-03-01' }), change);
    }
  } finally {
    await db.close();
  }
}

describe('e2e: billing run, invoice, storno, customer account', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2026-03-01T09:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('runs billing for a date, opens the invoice, cancels it, sees the cancellation and the account; books a manual Gutschrift', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    await seedContract(app.dataDir);

    const billingRun = new BillingRunPage(page);
    await billingRun.open();
    await billingRun.start('01.03.2026');
    await billingRun.report().waitFor();
    // The run is the billing job: its progress bar with counts stays above the report, finished.
    await billingRun.progress('done').waitFor();
    expect(await billingRun.counts()).toEqual([1, 1]);
    expect(await billingRun.invoicesCreated()).toBe('1');
    expect(await page.getByTestId('run-gross').textContent()).toBe('119,00\u00a0€');
    await app.shot('billing-01-run-report');

    // A second run on the same date creates nothing.
    await page.getByTestId('billing-run-start').click();
    // The job's worker starts and opens its own connection first: this takes longer than a call.
    await expect.poll(() => page.getByTestId('run-invoices').textContent(), { timeout: 30_000 }).toBe('0');
    await page.getByTestId('billing-runs').getByText('Rechnungslauf').nth(1).waitFor();

    await navigate(page, 'Rechnungen');
    const table = page.getByTestId('invoice-table');
    await table.getByText('RE-2026-000001').waitFor();
    await app.shot('billing-02-invoices');
    await table.getByText('RE-2026-000001').click();
    await page.getByRole('heading', { name: 'Rechnung RE-2026-000001' }).waitFor();
    expect(await page.getByTestId('invoice-gross').textContent()).toBe('119,00\u00a0€');
    expect(await page.getByTestId('invoice-lines').textContent()).toContain('01.03.–31.03.2026');
    await app.shot('billing-03-invoice-detail');

    await page.getByTestId('invoice-cancel').click();
    await page.getByTestId('cancel-confirm').click();
    await page.getByRole('heading', { name: 'Stornorechnung ST-2026-000001' }).waitFor();
    expect(await page.getByTestId('invoice-refers-to').textContent()).toContain('Storno zu Rechnung RE-2026-000001 vom 01.03.2026');
    expect(await page.getByTestId('invoice-gross').textContent()).toBe('-119,00\u00a0€');
    await app.shot('billing-04-cancellation');
    await page.getByTestId('invoice-refers-to').getByText('RE-2026-000001').click();
    await page.getByTestId('invoice-cancelled-by').waitFor();
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Storniert');

    await page.getByText('Zum Kunden').click();
    await page.getByTestId('tab-accounts').click();
    const entries = page.getByTestId('account-entries');
    await entries.getByText('Storno zu Rechnung RE-2026-000001 vom 01.03.2026').waitFor();
    expect(await page.getByTestId('account-balance').textContent()).toBe('0,00\u00a0€');
    await app.shot('billing-05-account-after-storno');

    await page.getByTestId('manual-entry-open').click();
    await page.getByTestId('manual-entry-amount').fill('50,00');
    await page.getByTestId('manual-entry-date').fill('02.03.2026');
    await page.getByTestId('manual-entry-text').fill('Überweisung ohne Rechnungsbezug');
    await page.getByTestId('manual-entry-save').click();
    await expect.poll(() => page.getByTestId('account-balance').textContent()).toBe('-50,00\u00a0€');
    await expect.poll(() => page.getByTestId('account-credit').textContent()).toBe('50,00\u00a0€');
    await entries.getByText('Überweisung ohne Rechnungsbezug').waitFor();
    await app.shot('billing-06-account-gutschrift');
  });
  it('reports a contract the run skips with its reason (singular), and still bills the other one', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'PRODUCTION');
    await seedContract(app.dataDir, [BLUM, { kind: 'COMPANY', companyName: 'Adresslos AG' }]);

    await navigate(page, 'Rechnungslauf');
    await page.getByTestId('billing-run-date').fill('01.03.2026');
    await page.getByTestId('billing-run-start').click();
    await page.getByTestId('billing-run-report').waitFor();
    expect(await page.getByTestId('run-invoices').textContent()).toBe('1');
    const skipped = page.getByTestId('run-errors');
    expect(await skipped.textContent()).toMatch(/^1 Vertrag übersprungenV-000002 \(Adresslos AG\): Rechnung kann nicht ausgestellt werden, es fehlt: Anschrift des Kunden Adresslos AG\.$/);
    expect(await page.getByTestId('run-notice').count()).toBe(0);
    await app.shot('billing-07-run-skipped-contract');
  });

  it('Rechnungen fit a 1280×800 window with long customer names: numbers and status badges whole, no horizontal scrolling', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    await seedContract(
      app.dataDir,
      [0, 1, 2].map((n) => ({ ...BLUM, companyName: `Gärtnerei Blum Nummer ${n} GmbH & Co. KG Niederlassung Köln-Ehrenfeld` })),
    );
    await page.setViewportSize(SMALL_WINDOW);
    const billingRun = new BillingRunPage(page);
    await billingRun.open();
    await billingRun.start('01.03.2026');
    await billingRun.report().waitFor();

    await navigate(page, 'Rechnungen');
    await page.getByTestId('invoice-table').getByText('RE-2026-000003').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await app.shot('billing-08-invoices-1280');
  });
});
