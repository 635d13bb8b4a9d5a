import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Company meta, settings, number ranges, audit log, customers and their accounts. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE company_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        file_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('SANDBOX', 'PRODUCTION')),
        created_at TEXT NOT NULL
      )`,
      // A file never changes kind: there is no way to turn a sandbox into production.
      `CREATE TRIGGER company_meta_kind_fixed BEFORE UPDATE OF kind, file_id ON company_meta
        BEGIN SELECT RAISE(ABORT, 'Die Art der Firmendatei kann nicht geändert werden'); END`,
      `CREATE TRIGGER company_meta_no_delete BEFORE DELETE ON company_meta
        BEGIN SELECT RAISE(ABORT, 'Die Firmendaten können nicht gelöscht werden'); END`,
      `CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE number_range (
        key TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        format TEXT NOT NULL,
        start_value INTEGER NOT NULL DEFAULT 1 CHECK (start_value >= 0)
      )`,
      // One counter per range and period ('' for ranges without a year in their format).
      `CREATE TABLE number_range_counter (
        range_key TEXT NOT NULL REFERENCES number_range(key),
        period TEXT NOT NULL,
        last_value INTEGER NOT NULL,
        PRIMARY KEY (range_key, period)
      )`,
      `CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
        changes_json TEXT NOT NULL
      )`,
      `CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)`,
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'Das Protokoll ist unveränderlich'); END`,
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'Das Protokoll ist unveränderlich'); END`,
      `CREATE TABLE customer (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('COMPANY', 'PERSON')),
        company_name TEXT,
        first_name TEXT,
        last_name TEXT,
        display_name TEXT NOT NULL,
        street TEXT,
        zip TEXT,
        city TEXT,
        country TEXT NOT NULL DEFAULT 'DE',
        email TEXT,
        phone TEXT,
        vat_id TEXT,
        language TEXT NOT NULL DEFAULT 'de',
        payment_method TEXT NOT NULL DEFAULT 'TRANSFER',
        payment_terms_days INTEGER NOT NULL DEFAULT 14,
        iban TEXT,
        bic TEXT,
        notes TEXT,
        debitor_account TEXT NOT NULL,
        collective_invoicing INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX customer_display_name ON customer(display_name COLLATE NOCASE, id)`,
      `CREATE INDEX customer_city ON customer(city COLLATE NOCASE, id)`,
      `CREATE INDEX customer_email ON customer(email COLLATE NOCASE, id)`,
      `CREATE INDEX customer_iban ON customer(iban)`,
      // Substring search over 100 000 customers stays fast through a trigram index.
      `CREATE VIRTUAL TABLE customer_search USING fts5(
        number, display_name, email, city, content='customer', content_rowid='id', tokenize='trigram'
      )`,
      `CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO customer_search(rowid, number, display_name, email, city)
        VALUES (new.id, new.number, new.display_name, new.email, new.city);
      END`,
      `CREATE TRIGGER customer_search_au AFTER UPDATE ON customer BEGIN
        INSERT INTO customer_search(customer_search, rowid, number, display_name, email, city)
        VALUES ('delete', old.id, old.number, old.display_name, old.email, old.city);
        INSERT INTO customer_search(rowid, number, display_name, email, city)
        VALUES (new.id, new.number, new.display_name, new.email, new.city);
      END`,
      `CREATE TRIGGER customer_no_delete BEFORE DELETE ON customer
        BEGIN SELECT RAISE(ABORT, 'Kunden werden nicht gelöscht, sondern deaktiviert'); END`,
      `CREATE TABLE customer_account (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer(id),
        number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX customer_account_customer ON customer_account(customer_id)`,
      `CREATE TABLE account_entry (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES customer_account(id),
        type TEXT NOT NULL CHECK (type IN ('INVOICE', 'CANCELLATION', 'PAYMENT', 'MANUAL_CREDIT',
          'MANUAL_DEBIT', 'DIRECT_DEBIT_RETURN', 'FEE', 'REFUND')),
        entry_date TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        text TEXT NOT NULL,
        reference TEXT,
        invoice_id INTEGER,
        bank_transaction_id INTEGER,
        reverses_entry_id INTEGER REFERENCES account_entry(id),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX account_entry_account ON account_entry(account_id, entry_date, id)`,
      `CREATE INDEX account_entry_invoice ON account_entry(invoice_id)`,
      `CREATE TRIGGER account_entry_no_update BEFORE UPDATE ON account_entry
        BEGIN SELECT RAISE(ABORT, 'Kontobewegungen sind unveränderlich; Korrektur nur per Gegenbuchung'); END`,
      `CREATE TRIGGER account_entry_no_delete BEFORE DELETE ON account_entry
        BEGIN SELECT RAISE(ABORT, 'Kontobewegungen sind unveränderlich; Korrektur nur per Gegenbuchung'); END`,
    ];
    for (const sql of statements) await q.query(sql);

    const ranges: [string, string, string][] = [
      ['CUSTOMER', 'Kunden', 'K{NNNNN}'],
      ['CONTRACT', 'Verträge', 'V-{NNNNNN}'],
      ['INVOICE', 'Rechnungen', 'RE-{YYYY}-{NNNNNN}'],
      ['CANCELLATION', 'Stornorechnungen', 'ST-{YYYY}-{NNNNNN}'],
      ['CREDIT_NOTE', 'Gutschriften', 'GS-{YYYY}-{NNNNNN}'],
    ];
    for (const [key, label, format] of ranges) {
      await q.query(`INSERT INTO number_range(key, label, format, start_value) VALUES (?, ?, ?, 1)`, [key, label, format]);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
