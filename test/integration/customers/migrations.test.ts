import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/db/company-db';

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seed data survives reopening and the default number ranges exist', async () => {
    const path = join(dir, 'a.abowerk');
    const db = await openCompanyDb(path);
    db.raw.prepare(`INSERT INTO customer(number, kind, company_name, display_name, country, debitor_account, created_at, updated_at)
      VALUES ('K1', 'COMPANY', 'Alt GmbH', 'Alt GmbH', 'DE', '10001', 'x', 'x')`).run();
    await db.close();
    const again = await openCompanyDb(path);
    expect(again.raw.prepare(`SELECT display_name FROM customer`).all()).toEqual([{ display_name: 'Alt GmbH' }]);
    expect((again.raw.prepare(`SELECT key FROM number_range ORDER BY key`).all() as { key: string }[]).map((r) => r.key)).toEqual([
      'CANCELLATION',
      'CONTRACT',
      'CREDIT_NOTE',
      'CUSTOMER',
      'INVOICE',
    ]);
    await again.close();
    expect(readdirSync(dir).filter((f) => f.includes('vor-update'))).toEqual([]);
  });

  it('refuses a file whose history has a migration this version does not know', async () => {
    const path = join(dir, 'b.abowerk');
    await (await openCompanyDb(path)).close();
    const raw = new Database(path);
    raw.prepare(`INSERT INTO schema_migrations(timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`).run();
    raw.close();
    await expect(openCompanyDb(path)).rejects.toThrow(/neueren Abowerk-Version/);
    expect(existsSync(path)).toBe(true);
  });
});
