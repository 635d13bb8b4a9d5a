import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive of issued documents: one PDF per invoice, rendered once when it is issued and
 * stored as a file in the company's archive folder with its SHA-256 (DOMAIN §7). Archive rows
 * are append-only (GoBD); every integrity check is recorded with its findings.
 */
export class Documents1764300400000 implements MigrationInterface {
  name = 'Documents1764300400000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE document_archive (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL UNIQUE REFERENCES invoice(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        path TEXT NOT NULL UNIQUE,
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TRIGGER document_archive_no_update BEFORE UPDATE ON document_archive
        BEGIN SELECT RAISE(ABORT, 'Archivierte Belege sind unveränderlich'); END`,
      `CREATE TRIGGER document_archive_no_delete BEFORE DELETE ON document_archive
        BEGIN SELECT RAISE(ABORT, 'Archivierte Belege dürfen nicht gelöscht werden'); END`,
      `CREATE TABLE document_integrity_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        checked_at TEXT NOT NULL,
        checked_by TEXT NOT NULL,
        total INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        problems_json TEXT NOT NULL DEFAULT '[]'
      )`,
      `CREATE TRIGGER document_integrity_check_no_update BEFORE UPDATE ON document_integrity_check
        BEGIN SELECT RAISE(ABORT, 'Prüfprotokolle sind unveränderlich'); END`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
