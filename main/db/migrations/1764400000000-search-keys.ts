import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKey } from '../../../shared/search-key';

/**
 * Search and sort keys (shared/search-key.ts, DIN 5007-1): SQLite folds ASCII only, so „öz“ did not
 * find „Özdemir“ and „Ärztehaus“ sorted after „Zander“. Customers get name_key and city_key,
 * articles name_key; the services write them, this migration fills them for existing rows.
 * The customers' trigram index now holds the keys, so „uber“ finds „Über…“ at any length.
 * Also an index on the debitor account, which is checked for being free on every new customer.
 */
export class SearchKeys1764400000000 implements MigrationInterface {
  name = 'SearchKeys1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const before = [
      `DROP TRIGGER customer_search_ai`,
      `DROP TRIGGER customer_search_au`,
      `DROP TABLE customer_search`,
      `ALTER TABLE customer ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`,
      `ALTER TABLE customer ADD COLUMN city_key TEXT`,
      `ALTER TABLE article ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`,
    ];
    for (const sql of before) await q.query(sql);

    // The current rule, the one the services write with: old and new rows must compare alike.
    const customers = (await q.query(`SELECT id, display_name, city FROM customer`)) as { id: number; display_name: string; city: string | null }[];
    await fill(q, 'customer', ['name_key', 'city_key'], customers.map((c) => [c.id, searchKey(c.display_name), c.city === null ? null : searchKey(c.city)]));
    const articles = (await q.query(`SELECT id, name FROM article`)) as { id: number; name: string }[];
    await fill(q, 'article', ['name_key'], articles.map((a) => [a.id, searchKey(a.name)]));

    const after = [
      `CREATE INDEX customer_name_key ON customer(name_key, id)`,
      `CREATE INDEX customer_city_key ON customer(city_key, id)`,
      `CREATE INDEX customer_debitor_account ON customer(debitor_account)`,
      `CREATE INDEX article_name_key ON article(name_key, id)`,
      `CREATE VIRTUAL TABLE customer_search USING fts5(
        number, name_key, email, city_key, content='customer', content_rowid='id', tokenize='trigram'
      )`,
      `CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO customer_search(rowid, number, name_key, email, city_key)
        VALUES (new.id, new.number, new.name_key, new.email, new.city_key);
      END`,
      `CREATE TRIGGER customer_search_au AFTER UPDATE OF number, name_key, email, city_key ON customer BEGIN
        INSERT INTO customer_search(customer_search, rowid, number, name_key, email, city_key)
        VALUES ('delete', old.id, old.number, old.name_key, old.email, old.city_key);
        INSERT INTO customer_search(rowid, number, name_key, email, city_key)
        VALUES (new.id, new.number, new.name_key, new.email, new.city_key);
      END`,
      `INSERT INTO customer_search(customer_search) VALUES ('rebuild')`,
    ];
    for (const sql of after) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}

/** Writes computed columns by id in chunks through a temporary table (one UPDATE instead of one per row). */
async function fill(q: QueryRunner, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  await q.query(`CREATE TEMP TABLE keys_to_fill (id INTEGER PRIMARY KEY, ${columns.map((c) => `${c} TEXT`).join(', ')})`);
  const placeholders = `(${['?', ...columns.map(() => '?')].join(', ')})`;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await q.query(`INSERT INTO keys_to_fill VALUES ${chunk.map(() => placeholders).join(', ')}`, chunk.flat());
  }
  await q.query(`UPDATE ${table} SET ${columns.map((c) => `${c} = k.${c}`).join(', ')} FROM keys_to_fill k WHERE k.id = ${table}.id`);
  await q.query(`DROP TABLE keys_to_fill`);
}
