import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomer } from '../../main/customers/service';
import { openCompanyDb } from '../../main/db/company-db';
import { customerFieldsSchema } from '../../shared/api/customers';
import { insertInvoice } from '../integration/documents/factories';
import { DocumentsPage } from './pages/documents-page';
import { closeBrowser, createCompany, launchApp, ROOT, type E2eApp } from './support/app';
import { layoutProblems, SMALL_WINDOW } from './support/layout';

function companyFile(dataDir: string): string {
  const found = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.abowerk'));
  if (!found) throw new Error(`Keine Firmendatei in ${dataDir}`);
  return join(dataDir, found);
}

/** Issues S1's June 2020 invoice straight into the company file the web host has open. */
async function issueS1June(dataDir: string, companyName = 'Müller & Söhne KG', number = 'RE-2020-000001'): Promise<void> {
  const db = await openCompanyDb(companyFile(dataDir));
  try {
    await db.transaction(async (m) => {
      const fields = customerFieldsSchema.parse({ kind: 'COMPANY', companyName, street: 'Gartenweg 5', zip: '50667', city: 'Köln' });
      const customer = await insertCustomer(m, fields, { actor: 'e2e', at: '2020-06-01T08:00:00.000Z' });
      const [account] = (await m.query(`SELECT id FROM customer_account WHERE customer_id = ?`, [customer.id])) as { id: number }[];
      const [profile] = (await m.query(`SELECT value_json FROM settings WHERE key = 'company.profile'`)) as { value_json: string }[];
      await insertInvoice(
        m,
        {
          customerId: customer.id,
          number,
          issueDate: '2020-06-01',
          dueDate: '2020-06-15',
          issuer: JSON.parse(profile!.value_json) as object,
          lines: [{ description: 'Abo-Box', quantity: '1', unit: 'MONTH', unitPriceUnits: 840336, netCents: 8403, taxRate: '19', periodStart: '2020-06-01', periodEnd: '2020-06-30' }],
          taxes: [{ rate: '19', netCents: 8403, taxCents: 1597 }],
          entries: [{ type: 'INVOICE', amountCents: 10000, text: 'Rechnung' }],
        },
        account!.id,
      );
    });
  } finally {
    await db.close();
  }
}

const text = (pdf: Buffer, dir: string): string => {
  const file = join(dir, 'check.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
};

describe('e2e: invoice documents', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp({ clock: '2020-06-01T09:00:00Z' });
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('sets up the letterhead with a logo, opens an invoice, the preview renders, the download is a valid PDF', async () => {
    const { page } = app;
    await createCompany(page, 'SANDBOX');
    const documents = new DocumentsPage(page);

    await documents.openSettings();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('document-logo').click();
    await (await chooser).setFiles(join(ROOT, 'resources', 'tray.png'));
    await page.getByTestId('document-logo-preview').waitFor();
    await page.getByTestId('document-managing-director').fill('Erika Mustermann');
    await page.getByTestId('document-register-entry').fill('Amtsgericht Berlin-Charlottenburg, HRB 99999');
    await page.getByTestId('document-settings-save').click();
    await page.getByTestId('document-settings-saved').waitFor();
    await page.getByTestId('document-settings-preview').click();
    await page.getByTestId('pdf-frame').waitFor();
    await documents.previewFrameUrl();
    const sample = text((await documents.downloadBytes()).bytes, app.dataDir);
    expect(sample).toContain('Geschäftsführung: Erika Mustermann');
    await page.waitForTimeout(1000); // the PDF viewer paints asynchronously
    await app.shot('documents-01-settings');

    await issueS1June(app.dataDir);
    await documents.open();
    await documents.rows().filter({ hasText: 'RE-2020-000001' }).waitFor();
    expect(await documents.rows().first().textContent()).toContain('ausstehend');
    await app.shot('documents-02-list');

    await documents.openDocument('RE-2020-000001');
    expect(await documents.previewFrameUrl()).toMatch(/^blob:/);
    const { name, bytes: preview } = await documents.downloadBytes();
    expect(name).toBe('RE-2020-000001.pdf');
    expect(preview.subarray(0, 5).toString()).toBe('%PDF-');
    const previewText = text(preview, app.dataDir);
    expect(previewText).toContain('Rechnung Nr. RE-2020-000001');
    expect(previewText).toContain('Leistungszeitraum 01.06.–30.06.2020');
    expect(previewText).toContain('Rechnungsbetrag 100,00 €');
    expect(previewText).toContain('Amtsgericht Berlin-Charlottenburg, HRB 99999');
    await page.waitForTimeout(500);
    await app.shot('documents-03-preview');

    const { createHash } = await import('node:crypto');
    expect(await page.getByTestId('pdf-sha256').textContent()).toBe(`SHA-256 ${createHash('sha256').update(preview).digest('hex')}`);

    await documents.open();
    expect(await documents.rows().first().textContent()).toContain('archiviert');
    expect(await documents.checkArchive()).toContain('1 von 1 Belegen unverändert');
    await app.shot('documents-04-archive-check');
  });

  it('Belege fit a 1280×800 window with long customer names (numbers and badges whole); the search field has a name', async () => {
    const { page } = app;
    await createCompany(page, 'SANDBOX');
    for (const n of [1, 2, 3]) await issueS1June(app.dataDir, `Gärtnerei Blum Nummer ${n} GmbH & Co. KG Niederlassung Köln-Ehrenfeld`, `RE-2020-00000${n}`);
    await page.setViewportSize(SMALL_WINDOW);
    const documents = new DocumentsPage(page);
    await documents.open();
    await documents.rows().filter({ hasText: 'RE-2020-000003' }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Belege suchen' }).fill('000002');
    await expect.poll(() => documents.rows().count()).toBe(1);
    await app.shot('documents-05-list-1280');
  });
});
