import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { CustomersPage } from './pages/customers-page';

describe('e2e: company file and customers', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('creates a sandbox, shows the banner, refuses a wrong IBAN in German, finds the customer after a reload', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await app.shot('01-start');
    await createCompany(page, 'SANDBOX');
    await expect(page.getByTestId('sandbox-banner').textContent()).resolves.toContain('SANDBOX');
    await app.shot('02-dashboard-sandbox');

    const customers = new CustomersPage(page);
    await customers.open();
    await customers.startNew();
    await customers.fill({ companyName: 'Müller Gartenbau GmbH', street: 'Lindenweg 4', zip: '50667', city: 'Köln', email: 'info@mueller-garten.example', iban: 'DE89370400440532013001' });
    await customers.save();
    const ibanError = customers.fieldError('IBAN');
    await ibanError.waitFor();
    expect(await ibanError.textContent()).toBe('IBAN ist ungültig (Prüfziffer stimmt nicht)');
    await app.shot('03-customer-iban-error');

    await customers.fill({ iban: 'DE89 3704 0044 0532 0130 00' });
    await customers.save();
    await customers.rows().filter({ hasText: 'Müller Gartenbau GmbH' }).waitFor();
    await customers.startNew();
    await customers.fill({ companyName: 'Schmidt & Söhne KG', city: 'Hamburg' });
    await customers.save();
    await customers.rows().filter({ hasText: 'Schmidt & Söhne KG' }).waitFor();
    expect(await customers.rows().count()).toBe(2);

    await customers.search('Garten');
    await app.shot('04a-search-typed');
    await expect.poll(() => customers.rows().count()).toBe(1);
    expect(await customers.rows().first().textContent()).toContain('Müller Gartenbau GmbH');
    await app.shot('04-customer-search');

    await app.reload();
    await customers.open();
    await customers.rows().filter({ hasText: 'Müller Gartenbau GmbH' }).waitFor();
    await customers.rows().filter({ hasText: 'Müller Gartenbau GmbH' }).click();
    await page.getByTestId('tab-accounts').click();
    await page.getByTestId('customer-account').waitFor();
    expect(await page.getByTestId('account-balance').textContent()).toBe('0,00\u00a0€');
    await app.shot('05-customer-accounts');

    await page.getByRole('tab', { name: 'Stammdaten' }).click();
    await page.getByTestId('customer-city').fill('Bonn');
    await page.getByTestId('customer-save').click();
    await page.getByRole('heading', { name: 'K00001 · Müller Gartenbau GmbH' }).waitFor();
    await navigate(page, 'Protokolle');
    const audit = page.getByTestId('audit-table');
    await audit.getByText('Köln → Bonn').waitFor();
    await app.shot('06-audit-log');
  });
});
