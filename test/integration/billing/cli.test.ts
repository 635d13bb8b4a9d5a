import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem } from './support';

let t: TestCompany;
afterEach(async () => {
  delete process.env.ABOWERK_DATA_DIR;
  await t.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--company', join(t.dir, 'firma.abowerk')], (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('billing CLI', () => {
  it('`billing run --date` bills, a second run creates nothing, `invoices list` and `invoices cancel` work', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z' });
    process.env.ABOWERK_DATA_DIR = t.dir;
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '100'), '2026-03-01') });
    const first = await cli('billing', 'run', '--date', '01.03.2026');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('1 Rechnungen');
    expect(first.out).toContain('brutto 119,00');
    const again = await cli('billing', 'run', '--date', '01.03.2026', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ invoicesCreated: 0 });
    const list = await cli('invoices', 'list', '--status', 'OPEN');
    expect(list.out).toContain('RE-2026-000001');
    expect(list.out).toContain('Offen');
    const id = (await t.call('invoices.list', {})).rows[0]!.id;
    const cancel = await cli('invoices', 'cancel', '--id', String(id), '--date', '02.03.2026');
    expect(cancel.out).toContain('Stornorechnung ST-2026-000001 zu RE-2026-000001');
    expect((await cli('billing', 'run')).code).not.toBe(0);
  });
});
