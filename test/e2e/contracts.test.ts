import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { layoutProblems, SMALL_WINDOW } from './support/layout';
import { ContractsPage } from './pages/contracts-page';

describe('e2e: contracts, Abo verwalten, Leistungen', () => {
  let app: E2eApp;
  beforeEach(async () => {
    // Today is Friday 20.02.2026 (S5): the pause for the week of 02.03. is entered in advance.
    app = await launchApp({ clock: '2026-02-20T09:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('creates a contract with two items, shows its activities, pauses one item for a week and that week disappears', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    const contracts = new ContractsPage(page);

    // Master data of other screens (catalog, customers), seeded through the same API.
    const project = await contracts.api<{ id: number }>('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } });
    const groups = await contracts.api<{ id: number; code: string }[]>('catalog.taxGroups', {});
    const reduced = groups.find((g) => g.code === 'DE_REDUCED')?.id ?? 0;
    const pg = await contracts.api<{ id: number }>('catalog.saveProductGroup', { productGroup: { name: 'Lebensmittel', taxGroupId: reduced } });
    const weekly = (number: string, name: string, price: string, unit = 'WEEK', projectIds = [project.id]) =>
      contracts.api('catalog.createArticle', {
        article: { number, name, kind: 'SUBSCRIPTION', unit, productGroupId: pg.id, projectIds, variants: [{ price, currency: 'EUR', minQuantity: null, validFrom: null }] },
      });
    await weekly('BOX', 'AboBox', '25,00');
    await weekly('OBST', 'Obstkiste', '12,50');
    await weekly('JAHR', 'Jahresabo', '999,00', 'YEAR');
    await contracts.api('customers.create', { customer: { kind: 'COMPANY', companyName: 'Familie Berger', street: 'Am Hang 2', zip: '01067', city: 'Dresden' } });

    await contracts.open();
    await app.shot('contracts-01-list-empty');
    await contracts.createContract({ customer: 'Familie Berger', project: 'Abo-Boxen', start: '05.01.2026', intervalCount: 1, intervalUnit: 'Wochen' });
    expect(await page.getByTestId('contract-summary').textContent()).toContain('Abrechnung alle 1 Woche im Voraus');

    await page.getByTestId('item-add').click();
    const refusals = page.getByTestId('article-refusals');
    await refusals.waitFor();
    expect(await refusals.textContent()).toContain('Jahresabo: Einheit Jahr passt nicht zum Abrechnungsintervall des Vertrags (Einheit Woche)');
    await page.getByTestId('item-article').click();
    await page.getByRole('option', { name: 'OBST · Obstkiste' }).waitFor();
    await page.waitForTimeout(300); // let the modal's fade-in finish before the screenshot
    await app.shot('contracts-02-article-picker');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await contracts.addItem('AboBox', '05.01.2026');
    await contracts.addItem('Obstkiste', '05.01.2026');
    await expect.poll(() => contracts.itemRows().count()).toBe(2);
    await app.shot('contracts-03-abo-verwalten');

    await page.getByTestId('tab-activities').click();
    const boxWeek = contracts.activityRows().filter({ hasText: 'AboBox 02.03.–08.03.2026' });
    await boxWeek.waitFor();
    expect(await contracts.activityRows().filter({ hasText: 'Obstkiste 02.03.–08.03.2026' }).count()).toBe(1);
    await app.shot('contracts-04-leistungen-before-pause');

    await page.getByTestId('tab-items').click();
    await contracts.pause('AboBox', '02.03.2026', '08.03.2026');
    await expect.poll(() => contracts.itemRows().count()).toBe(3);
    await app.shot('contracts-05-paused');

    await page.getByTestId('tab-activities').click();
    await contracts.activityRows().filter({ hasText: 'AboBox 09.03.–15.03.2026' }).waitFor();
    expect(await boxWeek.count()).toBe(0);
    expect(await contracts.activityRows().filter({ hasText: 'Obstkiste 02.03.–08.03.2026' }).count()).toBe(1);
    await app.shot('contracts-06-leistungen-after-pause');

    // Fakturierung → Leistungen: the logistics view of due deliveries, filtered by origin and dates.
    await navigate(page, 'Leistungen');
    await contracts.select('filter-origin', 'Abo');
    await page.getByLabel('Fällig ab').fill('02.03.2026');
    await page.getByLabel('Fällig bis').fill('08.03.2026');
    await expect.poll(() => contracts.activityRows().count()).toBe(1);
    expect(await contracts.activityRows().first().textContent()).toContain('Obstkiste 02.03.–08.03.2026');
    await app.shot('contracts-07-leistungen-page');

    // The customer's page lists the contract in its tab "Verträge".
    await navigate(page, 'Kunden verwalten');
    await page.getByTestId('customer-table').getByText('Familie Berger').click();
    await page.getByRole('tab', { name: 'Verträge' }).click();
    await page.getByRole('cell', { name: 'V-000001' }).waitFor();
    await app.shot('contracts-08-customer-tab');

    await navigate(page, 'Dashboard');
    const widget = page.getByTestId('open-activities');
    await widget.getByText('alle 23 anzeigen').waitFor();
    await app.shot('contracts-09-dashboard');

    // Vertragsaktionen → Zwischenabrechnung erstellen bills the due activities of this contract now.
    await navigate(page, 'Kunden verwalten');
    await page.getByTestId('customer-table').getByText('Familie Berger').click();
    await page.getByRole('tab', { name: 'Verträge' }).click();
    await page.getByRole('cell', { name: 'V-000001' }).click();
    await page.getByTestId('contract-actions').click();
    await page.getByTestId('contract-interim').click();
    await page.getByText(/RE-2026-000001/).first().waitFor();
    await app.shot('contracts-10-interim-invoice');
  });

  it('Verträge and Leistungen fit a 1280×800 window with long names: no horizontal scrolling, status badges and numbers whole, the delete column visible', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    await page.setViewportSize(SMALL_WINDOW);
    const contracts = new ContractsPage(page);
    const project = await contracts.api<{ id: number }>('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } });
    const groups = await contracts.api<{ id: number; code: string }[]>('catalog.taxGroups', {});
    const pg = await contracts.api<{ id: number }>('catalog.saveProductGroup', { productGroup: { name: 'Standard', taxGroupId: groups.find((g) => g.code === 'DE_STANDARD')?.id ?? 0 } });
    const article = await contracts.api<{ id: number }>('catalog.createArticle', {
      article: { number: 'ABO-1', name: 'Abo-Box Premium mit sehr langem Artikelnamen für Layouttest', kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupId: pg.id, projectIds: [project.id], variants: [{ price: '1234,50', currency: 'EUR', minQuantity: null, validFrom: null }] },
    });
    for (const n of [0, 1, 2]) {
      const customer = await contracts.api<{ id: number }>('customers.create', {
        customer: { kind: 'COMPANY', companyName: `Gärtnerei Blum Nummer ${n} GmbH & Co. KG Niederlassung Köln-Ehrenfeld`, street: 'Lindenweg 4', zip: '50667', city: 'Köln' },
      });
      const contract = await contracts.api<{ id: number }>('contracts.create', { contract: { customerId: customer.id, projectId: project.id, startDate: '2026-02-01', interval: { count: 1, unit: 'MONTH' } } });
      await contracts.api('contracts.addItem', { contractId: contract.id, item: { articleId: article.id, quantity: '1', activeFrom: '2026-02-01' } });
    }

    await contracts.open();
    await page.getByTestId('contract-status').first().waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await app.shot('contracts-11-list-1280');

    await navigate(page, 'Leistungen');
    await page.getByTestId('activity-delete').first().waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByTestId('activity-delete').first().scrollIntoViewIfNeeded();
    expect(await page.getByTestId('activity-delete').first().evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    await app.shot('contracts-12-leistungen-1280');
  });

  it('Protokolle name a contract’s and a customer’s fields as their screens do, with German dates and values in words', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    const contracts = new ContractsPage(page);
    const project = await contracts.api<{ id: number }>('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } });
    const customer = await contracts.api<{ id: number }>('customers.create', { customer: { kind: 'COMPANY', companyName: 'Familie Berger', paymentMethod: 'DIRECT_DEBIT', iban: 'DE89370400440532013000' } });
    await contracts.api('contracts.create', { contract: { customerId: customer.id, projectId: project.id, startDate: '2026-03-01', interval: { count: 1, unit: 'MONTH' }, billInAdvance: true } });

    await navigate(page, 'Protokolle');
    const audit = page.getByTestId('audit-table');
    const contractRow = audit.locator('tbody tr').filter({ hasText: 'Vertrag V-000001' });
    await contractRow.waitFor();
    const contractText = (await contractRow.textContent()) ?? '';
    for (const shown of ['Vertragsnummer V-000001', 'Vertragsbeginn 01.03.2026', 'Abrechnungsintervall (Einheit) Monat', 'Nach der Testphase Vertrag läuft weiter', 'Rechnungsstellung im Voraus Ja']) {
      expect(contractText).toContain(shown);
    }
    expect(contractText).not.toMatch(/Kundennummer|startDate|MONTH|CONTINUE|true|2026-03-01/);
    const customerText = (await audit.locator('tbody tr').filter({ hasText: 'Kunde K' }).textContent()) ?? '';
    for (const shown of ['Art Firma', 'Zahlungsart Lastschrift', 'Nein', 'Aktiv Ja']) expect(customerText).toContain(shown);
    expect(customerText).not.toMatch(/COMPANY|DIRECT_DEBIT|false|true|active/);
    expect(await audit.locator('tbody tr').filter({ hasText: 'Einstellung Firmendaten' }).count()).toBe(1);
    expect(await audit.textContent()).not.toContain('company.profile');
    await app.shot('contracts-13-audit-log');
  });
});
