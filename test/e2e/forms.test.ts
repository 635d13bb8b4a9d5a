// Bad input gets the server's German error at its field: no browser bubble („Please fill out this
// field.“) stops an empty form, and no number field silently changes a typed value on leaving it.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractsPage } from './pages/contracts-page';
import { CustomersPage } from './pages/customers-page';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';

/** The error Mantine shows under the labelled field. */
const fieldError = (page: Page, label: string) => page.locator('.mantine-InputWrapper-root', { hasText: label }).locator('.mantine-InputWrapper-error').first();

describe('e2e: German field errors in forms', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2026-03-01T09:00:00Z' });
    await app.page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(app.page, 'SANDBOX');
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('customer form: an empty form is sent and refused at its field; Zahlungsziel „-30“ stays as typed and is refused, nothing is saved', async () => {
    const { page } = app;
    const customers = new CustomersPage(page);
    await customers.open();
    await customers.startNew();
    await customers.save();
    expect(await customers.fieldError('Firma').textContent()).toBe('Firma ist ein Pflichtfeld');
    await app.shot('forms-01-customer-empty');

    await customers.fill({ companyName: 'Probe AG' });
    const terms = page.getByLabel('Zahlungsziel (Tage)');
    await terms.fill('-30');
    await terms.press('Tab');
    expect(await terms.inputValue()).toBe('-30');
    await customers.save();
    expect(await customers.fieldError('Zahlungsziel (Tage)').textContent()).toBe('Zahlungsziel darf nicht negativ sein');
    expect(await new ContractsPage(page).api<{ total: number }>('customers.list', {})).toMatchObject({ total: 0 });
    await app.shot('forms-02-customer-negative-terms');
  });

  it('Bankkonten: the threshold „-50“ stays as typed, is refused at the field, and the stored threshold is unchanged', async () => {
    const { page } = app;
    await navigate(page, 'Bankkonten');
    const threshold = page.getByTestId('bank-threshold');
    await threshold.fill('-50');
    await threshold.press('Tab');
    expect(await threshold.inputValue()).toBe('-50');
    await page.getByTestId('bank-threshold-save').click();
    expect(await fieldError(page, 'Schwelle').textContent()).toBe('Schwelle zwischen 1 und 101 (101 = nie automatisch)');
    expect(await new ContractsPage(page).api('bank.settings.get', {})).toEqual({ autoBookThreshold: 90 });
    await app.shot('forms-03-bank-threshold-negative');
  });

  it('contract and article forms: empty forms are sent and the server’s German errors stand at their fields; an interval of „-1“ stays as typed', async () => {
    const { page } = app;
    const contracts = new ContractsPage(page);
    await contracts.open();
    await page.getByTestId('contract-new').click();
    const count = page.getByTestId('contract-interval').getByRole('textbox').first();
    await count.fill('-1');
    await count.press('Tab');
    expect(await count.inputValue()).toBe('-1');
    await page.getByTestId('contract-save').click();
    expect(await fieldError(page, 'Kunde').textContent()).toBe('Kunde auswählen');
    expect(await fieldError(page, 'Vertragsbeginn').textContent()).toBe('Kein gültiges Datum (TT.MM.JJJJ)');
    expect(await fieldError(page, 'Abrechnungsintervall').textContent()).toBe('Anzahl muss mindestens 1 sein');
    await app.shot('forms-04-contract-empty');
    await page.keyboard.press('Escape');

    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await navigate(page, 'Artikel');
    await page.getByTestId('article-new').click();
    await page.getByTestId('article-save').click();
    expect(await fieldError(page, 'Artikelnummer').textContent()).toBe('Artikelnummer ist ein Pflichtfeld');
    await app.shot('forms-05-article-empty');
  });
});
