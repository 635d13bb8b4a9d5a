import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DATEV export history: every export (range, who, when, summary), the files it wrote with
 * their exact bytes and SHA-256 (a re-download is byte-identical), and which ledger entries
 * went into which file (warning before a booking is exported twice, "nur neue Buchungen").
 * The history is append-only: the database refuses updates and deletes.
 */
export class Datev1764300600000 implements MigrationInterface {
  name = 'Datev1764300600000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE datev_export (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        date_from TEXT NOT NULL,
        date_to TEXT NOT NULL,
        only_new INTEGER NOT NULL DEFAULT 0,
        sandbox INTEGER NOT NULL DEFAULT 0,
        booking_count INTEGER NOT NULL,
        entry_count INTEGER NOT NULL,
        settings_json TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE datev_export_file (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        export_id INTEGER NOT NULL REFERENCES datev_export(id),
        file_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('BUCHUNGSSTAPEL', 'DEBITOREN')),
        period_from TEXT,
        period_to TEXT,
        booking_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        content BLOB NOT NULL
      )`,
      `CREATE INDEX datev_export_file_export ON datev_export_file(export_id)`,
      `CREATE TABLE datev_export_item (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        export_id INTEGER NOT NULL REFERENCES datev_export(id),
        file_id INTEGER NOT NULL REFERENCES datev_export_file(id),
        entry_id INTEGER NOT NULL REFERENCES account_entry(id),
        booking_count INTEGER NOT NULL
      )`,
      `CREATE INDEX datev_export_item_entry ON datev_export_item(entry_id)`,
      `CREATE INDEX datev_export_item_export ON datev_export_item(export_id)`,
    ];
    for (const table of ['datev_export', 'datev_export_file', 'datev_export_item']) {
      statements.push(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'DATEV-Exporte sind unveränderlich'); END`);
      statements.push(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'DATEV-Exporte sind unveränderlich'); END`);
    }
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
