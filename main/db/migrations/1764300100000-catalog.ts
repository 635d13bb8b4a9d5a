import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GERMAN_TAX_GROUPS } from '../../catalog/rules';

/**
 * Catalog (DOMAIN §3, §4): projects, tax groups with rates over time, product groups,
 * articles, their projects and price variants; seeds the five German tax groups.
 * Unit prices are INTEGER 1/10 000, rates and quantities TEXT decimals — never REAL.
 */
export class Catalog1764300100000 implements MigrationInterface {
  name = 'Catalog1764300100000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE project (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE tax_group (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        invoice_note TEXT,
        account_skr03 TEXT,
        account_skr04 TEXT,
        requires_vat_id INTEGER NOT NULL DEFAULT 0 CHECK (requires_vat_id IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE tax_rate (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tax_group_id INTEGER NOT NULL REFERENCES tax_group(id),
        rate TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      )`,
      `CREATE INDEX tax_rate_group ON tax_rate(tax_group_id)`,
      `CREATE TABLE product_group (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        tax_group_id INTEGER NOT NULL REFERENCES tax_group(id),
        account_skr03 TEXT,
        account_skr04 TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE article (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('SUBSCRIPTION', 'ONE_TIME')),
        unit TEXT NOT NULL,
        product_group_id INTEGER NOT NULL REFERENCES product_group(id),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (kind <> 'SUBSCRIPTION' OR unit IN ('DAY', 'WEEK', 'MONTH', 'YEAR'))
      )`,
      `CREATE TABLE article_project (
        article_id INTEGER NOT NULL REFERENCES article(id),
        project_id INTEGER NOT NULL REFERENCES project(id),
        PRIMARY KEY (article_id, project_id)
      )`,
      `CREATE INDEX article_project_project ON article_project(project_id)`,
      `CREATE TABLE price_variant (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL REFERENCES article(id),
        price_units INTEGER NOT NULL CHECK (price_units >= 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        min_quantity TEXT,
        valid_from TEXT
      )`,
      `CREATE INDEX price_variant_article ON price_variant(article_id, currency)`,
      // Articles are deactivated, never deleted: contracts and invoices refer to them.
      `CREATE TRIGGER article_no_delete BEFORE DELETE ON article
        BEGIN SELECT RAISE(ABORT, 'Artikel können nicht gelöscht werden; bitte deaktivieren'); END`,
      `CREATE TRIGGER tax_group_no_delete BEFORE DELETE ON tax_group
        BEGIN SELECT RAISE(ABORT, 'Steuergruppen können nicht gelöscht werden'); END`,
    ];
    for (const sql of statements) await q.query(sql);

    // Seed (DOMAIN §1): the five German tax groups of §3 with the 2020 reductions.
    for (const g of GERMAN_TAX_GROUPS) {
      await q.query(
        `INSERT INTO tax_group(code, name, invoice_note, account_skr03, account_skr04, requires_vat_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
        [g.code, g.name, g.invoiceNote, g.accountSkr03, g.accountSkr04, g.requiresVatId ? 1 : 0],
      );
      for (const r of g.rates) {
        await q.query(
          `INSERT INTO tax_rate(tax_group_id, rate, valid_from, valid_to) SELECT id, ?, ?, ? FROM tax_group WHERE code = ?`,
          [r.rate, r.validFrom, r.validTo, g.code],
        );
      }
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgerollt');
  }
}
