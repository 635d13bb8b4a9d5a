import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank reconciliation: the company's bank accounts, every imported statement file with its
 * original bytes and SHA-256 (GoBD), the transactions (stored once, by dedup key) and the
 * bookings made from them. Imports and bookings are append-only; an undo is a new booking row
 * that reverses an earlier one (and a counter-entry in the customer's ledger).
 */
export class Bank1764300500000 implements MigrationInterface {
  name = 'Bank1764300500000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE bank_account (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        iban TEXT UNIQUE,
        account_ident TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        currency TEXT NOT NULL DEFAULT 'EUR',
        datev_account TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE bank_import (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bank_account_id INTEGER NOT NULL REFERENCES bank_account(id),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        variant TEXT NOT NULL,
        encoding TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        original BLOB,
        original_import_id INTEGER REFERENCES bank_import(id),
        new_count INTEGER NOT NULL,
        duplicate_count INTEGER NOT NULL,
        rejected_count INTEGER NOT NULL,
        log_json TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        CHECK (original IS NOT NULL OR original_import_id IS NOT NULL)
      )`,
      `CREATE INDEX bank_import_sha ON bank_import(sha256)`,
      `CREATE TRIGGER bank_import_no_update BEFORE UPDATE ON bank_import
        BEGIN SELECT RAISE(ABORT, 'Importprotokolle sind unveränderlich'); END`,
      `CREATE TRIGGER bank_import_no_delete BEFORE DELETE ON bank_import
        BEGIN SELECT RAISE(ABORT, 'Importprotokolle sind unveränderlich'); END`,
      `CREATE TABLE bank_transaction (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bank_account_id INTEGER NOT NULL REFERENCES bank_account(id),
        import_id INTEGER NOT NULL REFERENCES bank_import(id),
        dedup_key TEXT NOT NULL UNIQUE,
        booking_date TEXT NOT NULL,
        value_date TEXT,
        amount_cents INTEGER NOT NULL,
        currency TEXT NOT NULL,
        counterparty_name TEXT,
        counterparty_iban TEXT,
        counterparty_bic TEXT,
        remittance TEXT NOT NULL,
        end_to_end_id TEXT,
        bank_reference TEXT,
        booking_text TEXT,
        state TEXT NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'BOOKED', 'IGNORED')),
        match_score INTEGER,
        match_json TEXT,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX bank_transaction_state ON bank_transaction(state, booking_date, id)`,
      `CREATE INDEX bank_transaction_import ON bank_transaction(import_id)`,
      // Facts of a bank line never change; only its reconciliation state and suggestion do.
      `CREATE TRIGGER bank_transaction_facts_fixed BEFORE UPDATE OF bank_account_id, import_id, dedup_key, booking_date,
        value_date, amount_cents, currency, counterparty_name, counterparty_iban, remittance, end_to_end_id, bank_reference
        ON bank_transaction BEGIN SELECT RAISE(ABORT, 'Kontoumsätze aus dem Kontoauszug sind unveränderlich'); END`,
      `CREATE TRIGGER bank_transaction_no_delete BEFORE DELETE ON bank_transaction
        BEGIN SELECT RAISE(ABORT, 'Kontoumsätze aus dem Kontoauszug sind unveränderlich'); END`,
      `CREATE TABLE bank_booking (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bank_transaction_id INTEGER NOT NULL REFERENCES bank_transaction(id),
        kind TEXT NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT', 'IGNORE')),
        customer_id INTEGER REFERENCES customer(id),
        invoice_id INTEGER,
        amount_cents INTEGER NOT NULL,
        account_entry_id INTEGER REFERENCES account_entry(id),
        reverses_booking_id INTEGER REFERENCES bank_booking(id),
        automatic INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX bank_booking_tx ON bank_booking(bank_transaction_id)`,
      `CREATE TRIGGER bank_booking_no_update BEFORE UPDATE ON bank_booking
        BEGIN SELECT RAISE(ABORT, 'Buchungen sind unveränderlich; Rücknahme nur per Gegenbuchung'); END`,
      `CREATE TRIGGER bank_booking_no_delete BEFORE DELETE ON bank_booking
        BEGIN SELECT RAISE(ABORT, 'Buchungen sind unveränderlich; Rücknahme nur per Gegenbuchung'); END`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['bank_booking', 'bank_transaction', 'bank_import', 'bank_account']) await q.query(`DROP TABLE ${t}`);
  }
}
