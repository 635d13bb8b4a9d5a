import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATASETS, exportAll } from '../../../main/transfer/export';

describe('full export of a file whose areas are not all installed', () => {
  it('exports what exists and names the absent datasets instead of failing', () => {
    const raw = new Database(':memory:');
    raw.exec(`CREATE TABLE customer (id INTEGER PRIMARY KEY, number TEXT, kind TEXT, company_name TEXT, first_name TEXT, last_name TEXT,
      street TEXT, zip TEXT, city TEXT, country TEXT, email TEXT, phone TEXT, vat_id TEXT, language TEXT, payment_method TEXT,
      payment_terms_days INTEGER, iban TEXT, bic TEXT, notes TEXT, debitor_account TEXT, collective_invoicing INTEGER, active INTEGER, created_at TEXT)`);
    raw.exec(`CREATE TABLE bank_transaction (id INTEGER PRIMARY KEY, booking_date TEXT, amount_cents INTEGER, purpose TEXT, original BLOB)`);
    raw.prepare(`INSERT INTO customer (number, kind, company_name, country, language, payment_method, payment_terms_days, debitor_account, collective_invoicing, active, created_at)
      VALUES ('K1', 'COMPANY', 'A GmbH', 'DE', 'de', 'TRANSFER', 14, '10001', 0, 1, '2026-11-28T09:00:00Z')`).run();
    raw.prepare(`INSERT INTO bank_transaction (booking_date, amount_cents, purpose, original) VALUES ('2026-11-27', -1250, '=SUMME(A1)', x'00ff')`).run();
    const result = exportAll(raw, { format: 'csv', csvEncoding: 'UTF-8-BOM', exportedAt: '2026-11-28T09:00:00Z', sandbox: false });
    expect(result.files.map((f) => f.dataset)).toEqual(['customers', 'bank_transactions']);
    expect(result.absent).toEqual(DATASETS.map((d) => d.key).filter((k) => k !== 'customers' && k !== 'bank_transactions'));
    const bank = Buffer.from(result.files[1]!.base64, 'base64').toString('utf8');
    // amounts as decimals with a decimal comma, negative numbers stay numbers, formulas neutralised, BLOBs left out
    expect(bank).toBe("\uFEFFid;booking_date;amount;purpose\r\n1;2026-11-27;-12,50;'=SUMME(A1)\r\n");
    raw.close();
  });
});
