import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem } from './support';

describe('CLI: contracts list, activities generate --date, activities list', () => {
  let t: TestCompany;
  let file: string;

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--company', file], (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    file = join(t.dir, 'firma.abowerk');
    process.env.ABOWERK_DATA_DIR = t.dir;
    process.env.ABOWERK_ACTOR = 'cron';
    process.env.ABOWERK_CLOCK = '2026-03-02T05:00:00Z';
    const cat = await aCatalog(t);
    const box = await anArticle(t, cat, '25,00', { name: 'AboBox', unit: 'WEEK' });
    const contract = await aContract(t, cat, { startDate: '2026-01-05', interval: { count: 1, unit: 'WEEK' } });
    await t.call('activities.setHorizon', { days: 0 });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(box, '2026-01-05') });
  });
  afterEach(async () => {
    delete process.env.ABOWERK_DATA_DIR;
    delete process.env.ABOWERK_ACTOR;
    delete process.env.ABOWERK_CLOCK;
    await t.close();
  });

  it('lists contracts, generates activities for a date (idempotent) and lists due deliveries as JSON', async () => {
    const list = await cli('contracts', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('V-000001');
    expect(list.out).toContain('alle 1 Woche');

    const generated = await cli('activities', 'generate', '--date', '02.03.2026');
    expect(generated.code).toBe(0);
    expect(generated.out).toBe('Leistungen zum 02.03.2026: 1 Verträge, 9 erzeugt, 0 ersetzt/entfernt');
    expect((await cli('activities', 'generate', '--date', '2026-03-02')).out).toContain('0 erzeugt');

    const due = await cli('activities', 'list', '--origin', 'SUBSCRIPTION', '--from', '2026-02-23', '--to', '2026-03-08', '--json');
    expect(due.code).toBe(0);
    const page = JSON.parse(due.out) as { total: number; rows: { periodStart: string; net: string; articleName: string }[] };
    expect(page.rows.map((r) => [r.periodStart, r.net, r.articleName])).toEqual([
      ['2026-02-23', '25.00', 'AboBox'],
      ['2026-03-02', '25.00', 'AboBox'],
    ]);
  });

  it('refuses a bad origin and a bad date with a German usage message', async () => {
    const origin = await cli('activities', 'list', '--origin', 'ABO');
    expect([origin.code, origin.err]).toEqual([2, expect.stringContaining('--origin muss SUBSCRIPTION, ONE_TIME oder PRORATION sein')]);
    const date = await cli('activities', 'generate', '--date', '31.02.2026');
    expect([date.code, date.err]).toEqual([2, expect.stringContaining('--date: kein gültiges Datum')]);
  });
});
