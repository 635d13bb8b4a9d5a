import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger by booking date: the DATEV export reads every entry of a period in date order
 * (and the invoices, lines and customers behind them); without this index each export scanned
 * and sorted the whole ledger.
 */
export class LedgerByDate1764300900000 implements MigrationInterface {
  name = 'LedgerByDate1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX account_entry_date ON account_entry(entry_date, id)`);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}
