import { afterAll, afterEach, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { CatalogPages } from './pages/catalog-pages';

describe('e2e: catalog and pricing', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2026-11-28T09:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('S1 creates project, product group and the FAQ article; Preis prüfen shows 86,2069 / 16 % / 100,00 and PRICE_NOT_FOUND for CHF', async () => {
    const { page } = app;
    onTestFailed(() => app.shot('catalog-failed'));
    await createCompany(page, 'SANDBOX');
    const catalog = new CatalogPages(page);
    // Full-page shots of long pages: scroll up first so the fixed header sits on top.
    const shotFromTop = async (name: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await app.shot(name);
    };

    await navigate(page, 'Steuergruppen');
    const taxTable = page.getByTestId('tax-group-table');
    await taxTable.getByText('16\u00a0% 01.07.2020–31.12.2020').waitFor();
    await app.shot('catalog-01-tax-groups');

    await catalog.createProject('P1', 'Abo-Boxen');
    await app.shot('catalog-02-projects');
    await catalog.createProductGroup('Boxen', 'Deutschland / Regelsteuersatz');
    await app.shot('catalog-03-product-groups');

    await catalog.startArticle({ number: 'ABO-1', name: 'Abo-Box', productGroup: 'Boxen', project: 'P1 · Abo-Boxen' });
    // The FAQ's table, in its order: newest first.
    await catalog.fillVariant(0, { price: '84,0336', validFrom: '01.01.2021' });
    await catalog.fillVariant(1, { price: '86,2069', validFrom: '01.07.2020' });
    await catalog.fillVariant(2, { price: '84,0336' });
    await catalog.saveArticle();
    await page.getByRole('heading', { name: 'ABO-1 · Abo-Box' }).waitFor();
    // saved and re-read: sorted with the undated (oldest) price first
    await expect.poll(() => catalog.text('variant-price-0').inputValue()).toBe('84,0336');
    expect(await catalog.text('variant-valid-from-1').inputValue()).toBe('01.07.2020');

    await catalog.checkPrice('EUR', '1', '15.07.2020');
    await catalog.text('price-check-result').waitFor();
    expect(await catalog.text('price-check-unit-price').textContent()).toBe('86,2069\u00a0€');
    expect(await catalog.text('price-check-rate').textContent()).toBe('16\u00a0%');
    expect(await catalog.text('price-check-gross').textContent()).toBe('100,00\u00a0€');
    await shotFromTop('catalog-04-price-check-july-2020');

    await catalog.checkPrice('EUR', '1', '15.01.2021');
    await expect.poll(() => catalog.text('price-check-rate').textContent()).toBe('19\u00a0%');
    expect(await catalog.text('price-check-unit-price').textContent()).toBe('84,0336\u00a0€');
    expect(await catalog.text('price-check-gross').textContent()).toBe('100,00\u00a0€');

    await catalog.checkPrice('CHF', '1', '01.01.2026');
    const error = catalog.text('price-check-error');
    await error.waitFor();
    const message = await error.textContent();
    expect(message).toContain('Für Artikel ABO-1 „Abo-Box“ konnte kein Preis in CHF für Menge 1 zum 01.01.2026 ermittelt werden.');
    expect(message).toContain('Mindestmenge');
    await shotFromTop('catalog-05-price-not-found');

    await navigate(page, 'Artikel');
    await page.getByTestId('article-table').getByText('Abo-Box').waitFor();
    await app.shot('catalog-06-articles');
  });

  it('adds a volume tier to an article: Preis prüfen charges the whole quantity at the tier, Protokolle shows the price change', async () => {
    const { page } = app;
    onTestFailed(() => app.shot('catalog-failed'));
    await createCompany(page, 'SANDBOX');
    const catalog = new CatalogPages(page);
    await catalog.createProject('P1', 'Beratung');
    await catalog.createProductGroup('Dienstleistungen', 'Deutschland / Regelsteuersatz');
    await catalog.startArticle({ number: 'B-1', name: 'Beratungsstunde', productGroup: 'Dienstleistungen', project: 'P1 · Beratung' });
    await page.getByTestId('article-kind').click();
    await page.getByRole('option', { name: 'Einmal-Artikel' }).click();
    await page.getByTestId('article-unit').fill('Stunde');
    await catalog.fillVariant(0, { price: '95' });
    await page.getByTestId('variant-add').click(); // left empty: not saved as a price
    await catalog.saveArticle();
    await page.getByRole('heading', { name: 'B-1 · Beratungsstunde' }).waitFor();
    await expect.poll(() => page.getByTestId('variant-row').count()).toBe(1);

    await catalog.fillVariant(1, { price: '85,50', minQuantity: '10' });
    await catalog.saveArticle();
    await expect.poll(() => catalog.text('variant-min-quantity-1').inputValue()).toBe('10');
    await catalog.checkPrice('EUR', '12', '01.12.2026');
    await catalog.text('price-check-result').waitFor();
    expect(await catalog.text('price-check-unit-price').textContent()).toBe('85,50\u00a0€');
    expect(await catalog.text('price-check-net').textContent()).toBe('1.026,00\u00a0€');
    expect(await catalog.text('price-check-gross').textContent()).toBe('1.220,94\u00a0€');
    await catalog.checkPrice('EUR', '0', '31.02.2026');
    await page.getByText('Menge muss größer als 0 sein').first().waitFor();
    await page.getByText('Kein gültiges Datum (TT.MM.JJJJ)').first().waitFor();
    await catalog.checkPrice('EUR', '9', '01.12.2026');
    await expect.poll(() => catalog.text('price-check-unit-price').textContent()).toBe('95,00\u00a0€');
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('catalog-08-volume-tier');

    await navigate(page, 'Protokolle');
    await page.getByText('85,50 EUR ab Menge 10', { exact: false }).waitFor();
    await app.shot('catalog-09-audit-price-change');
  });

  it('refuses overlapping tax-rate ranges in the Steuergruppen editor with a German message', async () => {
    const { page } = app;
    onTestFailed(() => app.shot('catalog-failed'));
    await createCompany(page, 'SANDBOX');
    await navigate(page, 'Steuergruppen');
    await page.getByTestId('tax-group-table').getByText('Deutschland / Regelsteuersatz').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Gültig bis').first().fill('01.07.2020');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.getByTestId('error-alert').getByText('Die Gültigkeitszeiträume überschneiden sich', { exact: false }).waitFor();
    await app.shot('catalog-07-tax-rate-overlap');
  });
});
