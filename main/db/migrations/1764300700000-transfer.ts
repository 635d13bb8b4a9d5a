import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved column mappings of the import wizard (one per target and name). */
export class Transfer1764300700000 implements MigrationInterface {
  name = 'Transfer1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_profile (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      target TEXT NOT NULL CHECK (target IN ('customers', 'articles', 'contracts')),
      name TEXT NOT NULL,
      mapping_json TEXT NOT NULL,
      encoding TEXT,
      separator TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (target, name)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_profile`);
  }
}
