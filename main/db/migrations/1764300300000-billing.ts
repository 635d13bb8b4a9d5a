import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing runs, invoices (incl. cancellations and credit notes), their lines and tax rows,
 * and the open-item allocations of the customer ledger. Issued documents are immutable:
 * every invoice is issued when it is inserted, so no row of invoice, invoice_line or
 * invoice_tax may ever be updated or deleted — the database refuses it. Allocations are
 * append-only too (a reversal is a negative allocation).
 */
export class Billing1764300300000 implements MigrationInterface {
  name = 'Billing1764300300000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE billing_run (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('RUN', 'INTERIM', 'REBILL')),
        run_date TEXT NOT NULL,
        contract_id INTEGER,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        actor TEXT NOT NULL,
        contracts_seen INTEGER NOT NULL DEFAULT 0,
        invoices_created INTEGER NOT NULL DEFAULT 0,
        net_cents INTEGER NOT NULL DEFAULT 0,
        tax_cents INTEGER NOT NULL DEFAULT 0,
        gross_cents INTEGER NOT NULL DEFAULT 0,
        errors_json TEXT NOT NULL DEFAULT '[]'
      )`,
      `CREATE INDEX billing_run_date ON billing_run(run_date, id)`,
      `CREATE TABLE invoice (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('INVOICE', 'CANCELLATION', 'CREDIT_NOTE')),
        customer_id INTEGER NOT NULL REFERENCES customer(id),
        contract_id INTEGER,
        project_id INTEGER,
        billing_run_id INTEGER REFERENCES billing_run(id),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        issue_date TEXT NOT NULL,
        due_date TEXT,
        period_start TEXT,
        period_end TEXT,
        cancels_invoice_id INTEGER UNIQUE REFERENCES invoice(id),
        issuer_json TEXT NOT NULL,
        recipient_json TEXT NOT NULL,
        notes_json TEXT NOT NULL DEFAULT '[]',
        payment_method TEXT NOT NULL,
        payment_terms_days INTEGER NOT NULL,
        net_cents INTEGER NOT NULL,
        tax_cents INTEGER NOT NULL,
        gross_cents INTEGER NOT NULL CHECK (gross_cents = net_cents + tax_cents),
        credit_applied_cents INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX invoice_customer ON invoice(customer_id, issue_date)`,
      `CREATE INDEX invoice_contract ON invoice(contract_id)`,
      `CREATE INDEX invoice_issue_date ON invoice(issue_date, id)`,
      `CREATE TABLE invoice_line (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
        position INTEGER NOT NULL,
        activity_id INTEGER,
        contract_id INTEGER,
        article_id INTEGER,
        description TEXT NOT NULL,
        quantity TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        unit_price_units INTEGER NOT NULL,
        discount TEXT,
        net_cents INTEGER NOT NULL,
        tax_rate TEXT NOT NULL,
        tax_group_id INTEGER,
        tax_group_code TEXT NOT NULL,
        tax_note TEXT,
        account_skr03 TEXT,
        account_skr04 TEXT,
        period_start TEXT,
        period_end TEXT,
        service_date TEXT,
        UNIQUE (invoice_id, position)
      )`,
      `CREATE INDEX invoice_line_activity ON invoice_line(activity_id)`,
      `CREATE TABLE invoice_tax (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
        treatment TEXT NOT NULL CHECK (treatment IN ('STANDARD', 'KLEINUNTERNEHMER', 'REVERSE_CHARGE', 'NOT_TAXABLE')),
        rate TEXT NOT NULL,
        net_cents INTEGER NOT NULL,
        tax_cents INTEGER NOT NULL,
        note TEXT
      )`,
      `CREATE INDEX invoice_tax_invoice ON invoice_tax(invoice_id)`,
      `CREATE TABLE allocation (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        credit_entry_id INTEGER NOT NULL REFERENCES account_entry(id),
        debit_entry_id INTEGER NOT NULL REFERENCES account_entry(id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX allocation_credit ON allocation(credit_entry_id)`,
      `CREATE INDEX allocation_debit ON allocation(debit_entry_id)`,
      `CREATE INDEX account_entry_type_invoice ON account_entry(invoice_id, type)`,
    ];
    const immutable: [string, string][] = [
      ['invoice', 'Ausgestellte Rechnungen sind unveränderlich; Korrektur nur per Storno'],
      ['invoice_line', 'Positionen ausgestellter Rechnungen sind unveränderlich'],
      ['invoice_tax', 'Steuerbeträge ausgestellter Rechnungen sind unveränderlich'],
      ['allocation', 'Zuordnungen sind unveränderlich; Korrektur nur per Gegenbuchung'],
    ];
    for (const [table, message] of immutable) {
      statements.push(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
      statements.push(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    }
    // A line or tax row can only be added while its invoice is being issued (same transaction
    // is not visible to SQL, so: only to the newest invoice, which is the one being written).
    statements.push(`CREATE TRIGGER invoice_line_only_new BEFORE INSERT ON invoice_line
      WHEN new.invoice_id <> (SELECT max(id) FROM invoice)
      BEGIN SELECT RAISE(ABORT, 'Positionen ausgestellter Rechnungen sind unveränderlich'); END`);
    statements.push(`CREATE TRIGGER invoice_tax_only_new BEFORE INSERT ON invoice_tax
      WHEN new.invoice_id <> (SELECT max(id) FROM invoice)
      BEGIN SELECT RAISE(ABORT, 'Steuerbeträge ausgestellter Rechnungen sind unveränderlich'); END`);
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
