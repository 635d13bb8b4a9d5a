import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextNumber } from '../../../main/company/number-ranges';
import { openCompanyDb } from '../../../main/db/company-db';
import { createTestCompany, type TestCompany } from '../../support/company';

describe('Einstellungen → Nummernkreise: start value and numbers issued', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
  });
  afterEach(async () => t.close());

  const issue = (date = '2026-11-28') => t.session.company().db.transaction((m) => nextNumber(m, 'INVOICE', date));
  const format = 'RE-{YYYY}-{NNNNNN}';

  it('a start value raised above the numbers issued is the next number (switching over), and "issued" stays a count', async () => {
    expect([await issue(), await issue()]).toEqual(['RE-2026-000001', 'RE-2026-000002']);
    const updated = await t.call('numberRanges.update', { key: 'INVOICE', format, startValue: 1000 });
    expect(updated).toMatchObject({ nextPreview: 'RE-2026-001000', issuedInPeriod: 2 });
    expect([await issue(), await issue()]).toEqual(['RE-2026-001000', 'RE-2026-001001']);
    expect((await t.call('numberRanges.list', {})).find((r) => r.key === 'INVOICE')).toMatchObject({ nextPreview: 'RE-2026-001002', issuedInPeriod: 4 });
  });

  it('a start value lowered below the numbers issued never goes back: it applies from the next year', async () => {
    await t.call('numberRanges.update', { key: 'INVOICE', format, startValue: 500 });
    expect([await issue(), await issue()]).toEqual(['RE-2026-000500', 'RE-2026-000501']);
    const lowered = await t.call('numberRanges.update', { key: 'INVOICE', format, startValue: 1 });
    expect(lowered).toMatchObject({ nextPreview: 'RE-2026-000502', issuedInPeriod: 2 });
    expect(await issue()).toBe('RE-2026-000502');
    expect(await issue('2027-01-04')).toBe('RE-2027-000001');
  });
});

describe('migration: numbers issued per period are counted', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-number-ranges-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backfills the count of existing counters; one whose start value was raised later counts its counter', async () => {
    const path = join(dir, 'alt.abowerk');
    await (await openCompanyDb(path)).close();
    // Turn the file into one from before the count: no column, no history row, two counters.
    const raw = new Database(path);
    raw.exec(`ALTER TABLE number_range_counter DROP COLUMN issued`);
    raw.prepare(`DELETE FROM schema_migrations WHERE name = 'NumberRangeIssued1764400200000'`).run();
    raw.exec(`UPDATE number_range SET start_value = 100 WHERE key = 'CUSTOMER'; UPDATE number_range SET start_value = 1000 WHERE key = 'INVOICE'`);
    raw.exec(`INSERT INTO number_range_counter(range_key, period, last_value) VALUES ('CUSTOMER', '', 104), ('INVOICE', '2026', 2)`);
    raw.close();

    const db = await openCompanyDb(path);
    expect(db.raw.prepare(`SELECT range_key, period, last_value, issued FROM number_range_counter ORDER BY range_key`).all()).toEqual([
      { range_key: 'CUSTOMER', period: '', last_value: 104, issued: 5 },
      { range_key: 'INVOICE', period: '2026', last_value: 2, issued: 2 },
    ]);
    await db.close();
  });
});
