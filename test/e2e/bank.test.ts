// e2e: Zahlungen → Zahlungseingänge verbuchen. A CAMT file is dropped on the page, the
// suggestions with their reasons appear; one is accepted with the keyboard, one split across
// two invoices, one booked as credit to a chosen customer.
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';
import { camt053 } from '../integration/bank/support';

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
  if (!result.ok) throw new Error(result.error?.message);
  return result.value as T;
}

/** Issued invoices written straight into the company file (the billing screens are another area). */
function seedInvoices(filePath: string, rows: readonly { customerId: number; number: string; cents: number }[]): void {
  const db = new Database(filePath);
  db.pragma('busy_timeout = 5000');
  try {
    for (const r of rows) {
      const inv = db
        .prepare(
          `INSERT INTO invoice(number, kind, customer_id, currency, issue_date, due_date, issuer_json, recipient_json, payment_method, payment_terms_days,
             net_cents, tax_cents, gross_cents, created_by, created_at)
           VALUES (?, 'INVOICE', ?, 'EUR', '2026-11-01', '2026-11-15', '{}', '{}', 'TRANSFER', 14, ?, 0, ?, 'e2e', '2026-11-01T08:00:00Z') RETURNING id`,
        )
        .get(r.number, r.customerId, r.cents, r.cents) as { id: number };
      const account = db.prepare(`SELECT id FROM customer_account WHERE customer_id = ?`).get(r.customerId) as { id: number };
      db.prepare(
        `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at)
         VALUES (?, 'INVOICE', '2026-11-01', ?, ?, ?, ?, 'e2e', '2026-11-01T08:00:00Z')`,
      ).run(account.id, r.cents, `Rechnung ${r.number}`, r.number, inv.id);
    }
  } finally {
    db.close();
  }
}

async function dropFile(page: Page, testId: string, fileName: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([name, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/xml' }));
      return dt;
    },
    [fileName, content] as const,
  );
  await page.getByTestId(testId).dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}

describe('e2e: Zahlungseingänge verbuchen', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2026-11-28T09:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('drops a CAMT file, shows suggestions with reasons, accepts one, splits one, books one as credit', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'PRODUCTION');
    const alpha = await api<{ id: number }>(page, 'customers.create', { customer: { companyName: 'Alpha Software GmbH', iban: 'DE02120300000000202051' } });
    const beta = await api<{ id: number }>(page, 'customers.create', { customer: { companyName: 'Beta Handel KG', iban: 'DE02100500000054540402' } });
    const info = await api<{ filePath: string }>(page, 'company.current', {});
    seedInvoices(info.filePath, [
      { customerId: alpha.id, number: 'RE-2026-000101', cents: 11900 },
      { customerId: alpha.id, number: 'RE-2026-000102', cents: 5950 },
      { customerId: beta.id, number: 'RE-2026-000201', cents: 10000 },
      { customerId: beta.id, number: 'RE-2026-000202', cents: 7850 },
    ]);

    await navigate(page, 'Zahlungseingänge verbuchen');
    await page.getByTestId('bank-drop').waitFor();
    await app.shot('bank-01-empty');
    const xml = camt053('DE89370400440532013000', [
      { amount: '119.00', ref: 'E2E-A', name: 'Alpha Software GmbH', text: 'RE-2026-000101' },
      { amount: '59.00', ref: 'E2E-B', name: 'Alpha Software GmbH', iban: 'DE02120300000000202051', text: 'Rechnung 102' },
      { amount: '178.50', ref: 'E2E-C', name: 'Beta Handel KG', iban: 'DE02100500000054540402', text: 'Sammelzahlung November' },
      { amount: '20.00', ref: 'E2E-D', name: 'Irgendwer', iban: 'DE12500105170648489890', text: 'Spende' },
    ]);
    await dropFile(page, 'bank-drop', 'auszug-november.xml', xml);
    const result = page.getByTestId('bank-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('4 neu, 0 bereits vorhanden, 0 abgelehnt, 1 automatisch verbucht');
    const rows = page.getByTestId('bank-row');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByTestId('bank-suggestion').getByText('IBAN bekannt').first().waitFor();
    await app.shot('bank-02-imported-suggestions');
    // The list fits beside the detail panel: the suggestion column is not cut off behind a scroll bar.
    expect(await page.getByTestId('bank-table').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

    // Accept (b) with the keyboard: first line is selected, Enter books the suggestion.
    expect(await rows.first().textContent()).toContain('Rechnung 102');
    expect(await page.getByTestId('bank-suggestion').textContent()).toContain('Rechnungsnummer (ohne Präfix) im Verwendungszweck');
    await page.getByTestId('bank-table').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(2);

    // (c) split across both of Beta's invoices: A opens the editor with the suggestion prefilled.
    await rows.filter({ hasText: 'Sammelzahlung' }).click();
    await page.keyboard.press('a');
    const split = page.getByTestId('split-table');
    await split.waitFor();
    await page.getByTestId('split-row-RE-2026-000201').waitFor();
    await expect.poll(async () => page.getByTestId('split-summary').textContent()).toContain('Verteilt 178,50 von 178,50');
    await app.shot('bank-03-split');
    await page.getByTestId('split-book').click();
    await expect.poll(() => rows.count()).toBe(1);

    // (d) unknown party → book as credit to a chosen customer.
    expect(await rows.first().textContent()).toContain('kein Vorschlag');
    await page.getByTestId('bank-table').focus();
    await page.keyboard.press('g');
    await page.getByTestId('credit-customer').fill('Beta');
    await page.getByRole('option', { name: /Beta Handel KG/ }).click();
    await app.shot('bank-04-credit');
    await page.getByTestId('credit-book').click();
    await page.getByText('Keine offenen Umsätze').waitFor();

    await page.getByTestId('bank-filter').getByText('Verbucht').click();
    await expect.poll(() => rows.count()).toBe(4);
    await rows.filter({ hasText: 'Spende' }).click();
    await page.getByTestId('bank-bookings').getByText(/Guthaben Beta Handel KG/).waitFor();
    await app.shot('bank-05-booked');

    // Undo the credit: the line is open again.
    await page.getByTestId('bank-undo').click();
    await expect.poll(() => rows.count()).toBe(3);

    await navigate(page, 'Bankkonten');
    await page.getByTestId('bank-imports').getByText('auszug-november.xml').waitFor();
    await app.shot('bank-08-import-log');
  });

  it('refuses a 50 MB file in German before reading it; bank accounts with DATEV account and threshold', async () => {
    const { page } = app;
    await page.getByText('Willkommen bei Abowerk').waitFor();
    await createCompany(page, 'SANDBOX');
    await navigate(page, 'Zahlungseingänge verbuchen');
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(50 * 1024 * 1024)], 'jahresumsaetze.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.getByTestId('bank-drop').dispatchEvent('drop', { dataTransfer });
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Die Datei ist zu groß (50,0 MB)');
    await app.shot('bank-06-too-large');

    // An unknown CSV layout: the columns are named once, then the file is read.
    const csv = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Datum;Text;Soll;Haben\n01.12.2026;Miete;1.000,00;\n02.12.2026;RE-2026-000101;;119,00\n'], 'hausbank.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.getByTestId('bank-drop').dispatchEvent('drop', { dataTransfer: csv });
    await page.getByTestId('bank-mapping').waitFor();
    await page.getByTestId('mapping-bookingDate').fill('Datum');
    await page.getByTestId('mapping-debit').fill('Soll');
    await page.getByTestId('mapping-credit').fill('Haben');
    await page.getByTestId('mapping-remittance').fill('Text');
    await app.shot('bank-06b-csv-mapping');
    await page.getByTestId('mapping-import').click();
    await page.getByTestId('bank-import-result').getByText(/2 neu/).waitFor();
    await expect.poll(() => page.getByTestId('bank-row').count()).toBe(2);

    await navigate(page, 'Bankkonten');
    await page.getByTestId('bank-account-new').click();
    await page.getByLabel('Bezeichnung').fill('Geschäftskonto Sparkasse');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await page.getByLabel('DATEV-Konto (z. B. 1200)').fill('1200');
    await page.getByRole('button', { name: 'Speichern' }).last().click();
    await page.getByTestId('bank-accounts').getByText('DE89370400440532013000').waitFor();
    await page.getByTestId('bank-threshold').fill('95');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Schwelle (aktuell 95)').waitFor();
    expect(await page.getByTestId('bank-imports').locator('tbody tr').count()).toBe(1);
    await app.shot('bank-07-accounts');
  });
});
