import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch entries of a bank statement (one CAMT entry of several payers) are stored as their
 * payments: each remembers the key of its whole entry (batch_key), so the same booking is stored
 * once whether a file brings it whole or split. An entry kept whole because its parts do not add
 * up is booked by hand only (manual_only). Both are facts of the line and as fixed as the others.
 */
export class BankBatches1764301000000 implements MigrationInterface {
  name = 'BankBatches1764301000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE bank_transaction ADD COLUMN batch_key TEXT`,
      `ALTER TABLE bank_transaction ADD COLUMN manual_only INTEGER NOT NULL DEFAULT 0 CHECK (manual_only IN (0, 1))`,
      `CREATE INDEX bank_transaction_batch ON bank_transaction(batch_key) WHERE batch_key IS NOT NULL`,
      `DROP TRIGGER bank_transaction_facts_fixed`,
      `CREATE TRIGGER bank_transaction_facts_fixed BEFORE UPDATE OF bank_account_id, import_id, dedup_key, booking_date,
        value_date, amount_cents, currency, counterparty_name, counterparty_iban, remittance, end_to_end_id, bank_reference,
        batch_key, manual_only
        ON bank_transaction BEGIN SELECT RAISE(ABORT, 'Kontoumsätze aus dem Kontoauszug sind unveränderlich'); END`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}
