// 100 000 customers from a Windows-1252 CSV: analyze + validate + insert through the router
// (as the wizard calls it) vs. a raw better-sqlite3 insert of the same rows into the customer
// table in one transaction, in the same run. Target: csvimport.ratio ≤ 4.
import { csvBytes, customerRow, GERMAN_HEADER } from '../integration/transfer/fixtures';
import { createTestCompany } from '../support/company';
import { report, timeMs, type Bench } from './support';

const ROWS = 100_000;

export const csvimportBench: Bench = {
  name: 'csvimport',
  async run() {
    const rows = Array.from({ length: ROWS }, (_, i) => customerRow(i + 1));
    const bytes = csvBytes(GERMAN_HEADER, rows, ';', 'Windows-1252');

    const raw = await createTestCompany();
    let rawMs: number;
    try {
      const db = raw.session.company().db.raw;
      const insert = db.prepare(`INSERT INTO customer(number, kind, company_name, first_name, last_name, display_name, street, zip, city,
        country, email, iban, debitor_account, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DE', ?, ?, ?, ?, ?)`);
      const at = raw.clock.now().toISOString();
      rawMs = await timeMs(() =>
        db.transaction(() => {
          rows.forEach((r, i) => {
            const [number, company, first, last, street, zip, city, email, iban] = r;
            const person = company === '';
            insert.run(number, person ? 'PERSON' : 'COMPANY', company || null, first || null, last || null, person ? `${first} ${last}` : company, street, zip, city, email, iban, String(10000 + i), at, at);
          });
        })(),
      );
    } finally {
      await raw.close();
    }

    const t = await createTestCompany();
    try {
      const analyzeMs = await timeMs(() => t.call('transfer.analyze', { fileName: 'kunden.csv', dataBase64: bytes.toString('base64'), target: 'customers' }));
      const a0 = await t.call('transfer.analyze', { fileName: 'kunden.csv', dataBase64: bytes.toString('base64'), target: 'customers' });
      const previewMs = await timeMs(() =>
        t.call('transfer.preview', { fileId: a0.fileId, target: 'customers', encoding: a0.encoding, separator: a0.separator, mapping: a0.mapping }),
      );
      report('csvimport.analyze', analyzeMs, 'ms');
      report('csvimport.preview', previewMs, 'ms');
      let imported = 0;
      const importMs = await timeMs(async () => {
        const a = await t.call('transfer.analyze', { fileName: 'kunden.csv', dataBase64: bytes.toString('base64'), target: 'customers' });
        const r = await t.call('transfer.import', { fileId: a.fileId, target: 'customers', encoding: a.encoding, separator: a.separator, mapping: a.mapping, strict: true });
        imported = r.imported;
      });
      if (imported !== ROWS) throw new Error(`csvimport: ${imported} statt ${ROWS} Kunden importiert`);
      report('csvimport.raw', rawMs, 'ms');
      report('csvimport.import', importMs, 'ms');
      report('csvimport.rowsPerSecond', (ROWS / importMs) * 1000, 'rows/s');
      report('csvimport.ratio', importMs / rawMs, 'x');
    } finally {
      await t.close();
    }
  },
};
