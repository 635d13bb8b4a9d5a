import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, createCompany, launchApp, type E2eApp } from './support/app';
import { readExtf } from '../unit/datev/reader';

async function api<T>(page: Page, channel: string, payload: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([c, p]) => {
      const token = sessionStorage.getItem('abowerk.token') ?? '';
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-abowerk-token': token },
        body: JSON.stringify({ channel: c, payload: p }),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [channel, payload] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

/** The DATEV entries: Export → DATEV comes first in the navigation, Einstellungen → DATEV second. */
const datevNav = (page: Page, which: 0 | 1) => page.locator('nav, .mantine-AppShell-navbar').getByText('DATEV', { exact: true }).nth(which);

describe('e2e: DATEV export', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2026-04-02T08:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('configures DATEV settings, exports March, the summary shows the expected counts, the file downloads', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    const a = await api<{ id: number }>(page, 'customers.create', { customer: { companyName: 'Müller GmbH', street: 'Hauptstr. 1', zip: '50667', city: 'Köln' } });
    const b = await api<{ id: number }>(page, 'customers.create', { customer: { kind: 'PERSON', firstName: 'Zoë', lastName: 'Schulz', street: 'Weg 2', zip: '10115', city: 'Berlin' } });
    await api(page, 'ledger.book', { customerId: a.id, type: 'MANUAL_DEBIT', amount: '119.00', date: '2026-03-05', text: 'Einrichtung' });
    await api(page, 'ledger.book', { customerId: a.id, type: 'MANUAL_CREDIT', amount: '50.00', date: '2026-03-12', text: 'Kulanz' });
    await api(page, 'ledger.book', { customerId: b.id, type: 'MANUAL_DEBIT', amount: '7.50', date: '2026-03-20', text: 'Porto' });
    await api(page, 'ledger.book', { customerId: b.id, type: 'MANUAL_DEBIT', amount: '9.99', date: '2026-04-01', text: 'April' });

    // Einstellungen → DATEV
    await datevNav(page, 1).click();
    await page.getByRole('heading', { name: 'DATEV-Einstellungen' }).waitFor();
    await page.getByText('Noch nicht eingerichtet').waitFor();
    expect(await page.getByLabel('Erlöskonto Deutschland / Regelsteuersatz').inputValue()).toBe('8400');
    expect(await page.getByLabel('Erlöskonto Deutschland / Steuerfrei (Kleinunternehmer)').inputValue()).toBe('8195');
    await page.getByLabel('Beraternummer').fill('12');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Beraternummer muss zwischen 1001 und 9999999 liegen').first().waitFor();
    await page.getByLabel('Beraternummer').fill('1001');
    await page.getByLabel('Mandantennummer').fill('10042');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();
    await app.shot('datev-01-settings');

    // Export → DATEV
    await datevNav(page, 0).click();
    await page.getByRole('heading', { name: 'DATEV-Export' }).waitFor();
    expect(await page.getByTestId('ascii-note').textContent()).toContain('seit Ende 2017');
    await page.getByLabel('Von').fill('01.03.2026');
    await page.getByLabel('Bis').fill('31.03.2026');
    await page.getByRole('button', { name: 'Zusammenfassung anzeigen' }).click();
    const summary = page.getByTestId('datev-summary');
    await summary.waitFor();
    expect(await page.getByTestId('datev-booking-count').textContent()).toBe('3');
    expect(await summary.textContent()).toContain('Manuelle Belastungen: 2');
    expect(await summary.textContent()).toContain('EXTF_Buchungsstapel_20260301_20260331_SANDBOX.csv');
    // Each account says what it is: the debitor's customer, the contra accounts of manual bookings.
    // (Amounts are written with a no-break space before the € sign.)
    const sumRows = (await summary.locator('tbody tr').allTextContents()).map((row) => row.replace(/\s/g, ' '));
    expect(sumRows).toEqual(['10001Müller GmbH119,00 €50,00 €', '10002Zoë Schulz7,50 €0,00 €', '8200Manuelle Belastungen0,00 €126,50 €', '8700Manuelle Gutschriften50,00 €0,00 €']);
    await app.shot('datev-02-summary');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export speichern' }).click()]);
    expect(download.suggestedFilename()).toBe('EXTF_Buchungsstapel_20260301_20260331_SANDBOX.csv');
    const path = await download.path();
    const file = readExtf(readFileSync(path!));
    expect([file.info.category, file.info.formatVersion, file.info.label, file.rows.length]).toEqual([21, 13, 'SANDBOX 01.03.2026-31.03.2026', 3]);
    expect(file.rows.map((r) => [r[0]!.value, r[1]!.value, r[6]!.value, r[7]!.value])).toEqual([
      ['119,00', 'S', '10001', '8200'],
      ['50,00', 'H', '10001', '8700'],
      ['7,50', 'S', '10002', '8200'],
    ]);
    await page.getByTestId('datev-done').waitFor();
    await page.getByTestId('datev-history').getByText('01.03.2026–31.03.2026').waitFor();
    await app.shot('datev-03-exported');

    // The same month again: the summary warns and offers "nur neue Buchungen".
    await page.getByRole('button', { name: 'Zusammenfassung anzeigen' }).click();
    await summary.getByText('bereits exportiert', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Trotzdem alle erneut exportieren' }).waitFor();
    await app.shot('datev-04-reexport-warning');
    await page.getByLabel('Nur neue Buchungen').check();
    await page.getByRole('button', { name: 'Zusammenfassung anzeigen' }).click();
    await summary.getByText('Keine neuen Buchungen: alle 3 Kontobewegungen des Zeitraums wurden bereits exportiert.').waitFor();
    expect(await page.getByRole('button', { name: 'Export speichern' }).isDisabled()).toBe(true);
    await app.shot('datev-05-only-new-nothing-left');
  });
});
