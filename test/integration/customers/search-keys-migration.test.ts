import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArticles } from '../../../main/catalog/service';
import { listCustomers } from '../../../main/customers/service';
import { openCompanyDb } from '../../../main/db/company-db';
import { allMigrations } from '../../../main/db/migrations';
import { SearchKeys1764400000000 } from '../../../main/db/migrations/1764400000000-search-keys';

describe('search keys migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-search-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A company file as the version before the search keys left it, with customers and an article. */
  async function fileBeforeSearchKeys(path: string): Promise<void> {
    const before = new DataSource({
      type: 'better-sqlite3',
      database: path,
      migrations: allMigrations.slice(0, allMigrations.indexOf(SearchKeys1764400000000)),
      migrationsTableName: 'schema_migrations',
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const customers = [
      ['K00001', 'Zander GmbH', 'Zwickau'],
      ['K00002', 'Ärztehaus GmbH', 'Überlingen'],
      ['K00003', 'Özdemir Handel GmbH', null],
    ];
    for (const [i, [number, name, city]] of customers.entries()) {
      await before.query(
        `INSERT INTO customer(number, kind, company_name, display_name, city, country, debitor_account, created_at, updated_at)
         VALUES (?, 'COMPANY', ?, ?, ?, 'DE', ?, 'x', 'x')`,
        [number, name, name, city, String(10001 + i)],
      );
    }
    await before.query(`INSERT INTO product_group(name, tax_group_id, created_at, updated_at) SELECT 'G', id, 'x', 'x' FROM tax_group LIMIT 1`);
    await before.query(
      `INSERT INTO article(number, name, kind, unit, product_group_id, created_at, updated_at) VALUES ('UE-1', 'Übersetzung Pauschale', 'ONE_TIME', 'Stück', 1, 'x', 'x')`,
    );
    await before.destroy();
  }

  it('fills the keys of existing customers and articles and rebuilds the trigram index over them', async () => {
    const path = join(dir, 'alt.abowerk');
    await fileBeforeSearchKeys(path);

    const db = await openCompanyDb(path);
    try {
      expect(db.raw.prepare(`SELECT number, name_key, city_key FROM customer ORDER BY id`).all()).toEqual([
        { number: 'K00001', name_key: 'zander gmbh', city_key: 'zwickau' },
        { number: 'K00002', name_key: 'arztehaus gmbh', city_key: 'uberlingen' },
        { number: 'K00003', name_key: 'ozdemir handel gmbh', city_key: null },
      ]);
      const m = db.dataSource.manager;
      const list = { sort: 'name', direction: 'asc', includeInactive: false, offset: 0, limit: 50 } as const;
      expect((await listCustomers(m, list)).rows.map((r) => r.number)).toEqual(['K00002', 'K00003', 'K00001']);
      expect((await listCustomers(m, { ...list, search: 'öz' })).rows.map((r) => r.number)).toEqual(['K00003']);
      expect((await listCustomers(m, { ...list, search: 'Überl' })).rows.map((r) => r.number)).toEqual(['K00002']);
      const articles = await listArticles(m, { search: 'über', includeInactive: false, sort: 'name', direction: 'asc', offset: 0, limit: 50 });
      expect(articles.rows.map((r) => r.number)).toEqual(['UE-1']);

      // The rebuilt triggers keep the index in step with later writes.
      db.raw.prepare(`UPDATE customer SET display_name = 'Zahnarzt Müller', name_key = 'zahnarzt muller' WHERE number = 'K00001'`).run();
      expect((await listCustomers(m, { ...list, search: 'muller' })).rows.map((r) => r.number)).toEqual(['K00001']);
      expect((await listCustomers(m, { ...list, search: 'zander' })).total).toBe(0);
    } finally {
      await db.close();
    }
  });
});
