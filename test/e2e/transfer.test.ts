import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { csvBytes, customerRow, GERMAN_HEADER } from '../integration/transfer/fixtures';

/** An Excel-style CSV: Windows-1252, semicolons, CRLF — with umlauts and one bad IBAN. */
const FILE = iconv.encode(
  [
    'Kundennummer;Firma;Vorname;Nachname;Straße;PLZ;Ort;E-Mail;IBAN',
    'K00101;;Jürgen;Müller;Hauptstraße 5;80331;München;jm@beispiel.de;DE89370400440532013000',
    'K00102;Bäckerei Größe GmbH;;;Schloßallee 1;50667;Köln;info@baeckerei.example;DE02120300000000202051',
    'K00103;Falsch & Co. KG;;;Weg 3;10115;Berlin;;DE89370400440532013001',
  ].join('\r\n') + '\r\n',
  'win1252',
);

describe('e2e: import wizard, data export, backup', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('walks the wizard with a Windows-1252 file: Müller and Straße are right in the preview and in the list', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'PRODUCTION');
    await navigate(page, 'Importieren');
    await app.shot('transfer-01-file');
    await page.getByTestId('import-file').setInputFiles({ name: 'kunden-excel.csv', mimeType: 'text/csv', buffer: FILE });

    const sample = page.getByTestId('import-sample');
    await sample.waitFor();
    expect(await sample.textContent()).toContain('Müller');
    expect(await sample.locator('thead').textContent()).toContain('Straße');
    await expect.poll(() => page.getByTestId('import-encoding').inputValue()).toBe('Windows-1252 (Excel, ANSI)');
    await app.shot('transfer-02-encoding');

    await page.getByTestId('import-next').click();
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('map-street').inputValue()).toBe('Straße');
    expect(await page.getByTestId('map-lastName').inputValue()).toBe('Nachname');
    await page.getByTestId('import-profile-name').fill('Excel-Kundenliste');
    await page.getByTestId('import-profile-save').click();
    await page.getByTestId('import-profile-saved').waitFor();
    await app.shot('transfer-03-mapping');

    await page.getByTestId('import-to-preview').click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const totals = page.getByTestId('import-totals');
    await expect.poll(() => totals.textContent()).toContain('neu: 2');
    expect(await totals.textContent()).toContain('fehlerhaft: 1');
    const rows = preview.locator('tbody tr');
    expect(await rows.nth(0).textContent()).toContain('Müller');
    expect(await rows.nth(0).textContent()).toContain('Hauptstraße 5');
    expect(await rows.nth(1).textContent()).toContain('Bäckerei Größe GmbH');
    expect(await rows.nth(2).getByTestId('row-messages').textContent()).toBe('IBAN ist ungültig (Prüfziffer stimmt nicht)');
    await app.shot('transfer-04-preview');

    await page.getByTestId('import-to-run').click();
    await page.getByTestId('import-run').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 angelegt, 0 aktualisiert, 1 fehlerhaft');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-error-report').click()]);
    expect(download.suggestedFilename()).toBe('kunden-excel-fehler.csv');
    const report = readFileSync(await download.path(), 'utf8');
    expect(report).toContain('4;K00103;Falsch & Co. KG');
    expect(report).toContain('IBAN ist ungültig (Prüfziffer stimmt nicht)');
    await app.shot('transfer-05-result');

    await navigate(page, 'Kunden verwalten');
    const table = page.getByTestId('customer-table');
    await table.getByText('Jürgen Müller').waitFor();
    await table.getByText('Bäckerei Größe GmbH').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await app.shot('transfer-06-customer-list');

    await navigate(page, 'Datenexport');
    await page.getByTestId('export-run').click();
    const files = page.getByTestId('export-files');
    await files.waitFor();
    expect(await files.locator('tbody tr').first().textContent()).toContain('customers.csv');
    await app.shot('transfer-07-export');

    await navigate(page, 'Datensicherung');
    await page.getByTestId('backup-create').click();
    await page.getByTestId('backup-restore').first().waitFor();
    await page.getByTestId('backup-restore').first().click();
    await app.shot('transfer-08-restore-confirm');
    await page.getByTestId('restore-confirm').click();
    await page.getByTestId('restore-result').waitFor();
    expect(await page.getByTestId('restore-result').textContent()).toContain('Prüfung: in Ordnung');
    await app.shot('transfer-09-restored');
    await navigate(page, 'Kunden verwalten');
    await page.getByTestId('customer-table').getByText('Jürgen Müller').waitFor();
  });

  it('a large file shows progress, the app stays responsive, and Abbrechen imports nothing', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'PRODUCTION');
    await navigate(page, 'Importieren');
    const big = csvBytes(GERMAN_HEADER, Array.from({ length: 20_000 }, (_, i) => customerRow(i + 1)), ';', 'Windows-1252');
    await page.getByTestId('import-file').setInputFiles({ name: 'gross.csv', mimeType: 'text/csv', buffer: big });
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-to-preview').click();
    await expect.poll(() => page.getByTestId('import-totals').textContent(), { timeout: 120_000 }).toContain('neu: 20.000');
    expect(await page.getByTestId('import-preview').locator('tbody tr').count()).toBe(100);
    await page.getByTestId('import-to-run').click();
    await page.getByTestId('import-run').click();
    await page.getByTestId('job-progress').waitFor();
    await app.shot('transfer-10-large-progress');
    await page.getByTestId('import-cancel').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toContain('Abgebrochen – es wurde nichts importiert.');
    await navigate(page, 'Kunden verwalten');
    await page.getByTestId('customer-table').waitFor();
    await expect.poll(() => page.getByTestId('customer-table').locator('tbody tr').count()).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('customer-table').textContent()).not.toContain('Müller & Söhne');
  });
});
