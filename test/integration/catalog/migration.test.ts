import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/db/company-db';

describe('catalog migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-catalog-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a file made before the catalog existed: keeps its data, seeds the tax groups once', async () => {
    const path = join(dir, 'alt.abowerk');
    await (await openCompanyDb(path)).close();
    // Turn the file into one from before the catalog: no catalog tables, no history row.
    const raw = new Database(path);
    for (const table of ['price_variant', 'article_project', 'article', 'product_group', 'tax_rate', 'tax_group', 'project']) {
      raw.exec(`DROP TABLE ${table}`);
    }
    raw.prepare(`DELETE FROM schema_migrations WHERE name = 'Catalog1764300100000'`).run();
    raw.prepare(`INSERT INTO customer(number, kind, company_name, display_name, country, debitor_account, created_at, updated_at)
      VALUES ('K1', 'COMPANY', 'Alt GmbH', 'Alt GmbH', 'DE', '10001', 'x', 'x')`).run();
    raw.close();

    const db = await openCompanyDb(path);
    expect(db.raw.prepare(`SELECT display_name FROM customer`).all()).toEqual([{ display_name: 'Alt GmbH' }]);
    const rates = db.raw
      .prepare(`SELECT g.code, r.rate, r.valid_from, r.valid_to, typeof(r.rate) AS t FROM tax_rate r JOIN tax_group g ON g.id = r.tax_group_id WHERE g.code = 'DE_STANDARD' ORDER BY r.valid_from`)
      .all();
    expect(rates).toEqual([
      { code: 'DE_STANDARD', rate: '19', valid_from: '2007-01-01', valid_to: '2020-06-30', t: 'text' },
      { code: 'DE_STANDARD', rate: '16', valid_from: '2020-07-01', valid_to: '2020-12-31', t: 'text' },
      { code: 'DE_STANDARD', rate: '19', valid_from: '2021-01-01', valid_to: null, t: 'text' },
    ]);
    await db.close();
    expect(readdirSync(dir).some((f) => f.includes('vor-update'))).toBe(true);

    const again = await openCompanyDb(path);
    expect(again.raw.prepare(`SELECT count(*) AS n FROM tax_group`).get()).toEqual({ n: 5 });
    await again.close();
  });

  it('the schema itself refuses inverted rate ranges, a subscription article with a free unit, and deleting a tax group', async () => {
    const db = await openCompanyDb(join(dir, 'b.abowerk'));
    const raw = db.raw;
    const group = raw.prepare(`SELECT id FROM tax_group WHERE code = 'DE_STANDARD'`).get() as { id: number };
    expect(() => raw.prepare(`INSERT INTO tax_rate(tax_group_id, rate, valid_from, valid_to) VALUES (?, '19', '2030-01-01', '2029-12-31')`).run(group.id)).toThrow(
      /CHECK constraint failed/,
    );
    raw.prepare(`INSERT INTO product_group(name, tax_group_id, created_at, updated_at) VALUES ('G', ?, 'x', 'x')`).run(group.id);
    expect(() =>
      raw.prepare(`INSERT INTO article(number, name, kind, unit, product_group_id, created_at, updated_at) VALUES ('A', 'A', 'SUBSCRIPTION', 'Stück', 1, 'x', 'x')`).run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() => raw.prepare(`DELETE FROM tax_group WHERE id = ?`).run(group.id)).toThrow(/Steuergruppen können nicht gelöscht werden/);
    await db.close();
  });
});
