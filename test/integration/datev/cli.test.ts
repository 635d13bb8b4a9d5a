import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { createTestCompany, type TestCompany } from '../../support/company';
import { readExtf } from '../../unit/datev/reader';
import { issue, line, pay } from './support';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI datev export', () => {
  let dataDir: string;
  let t: TestCompany;
  let file: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'abowerk-datev-cli-'));
    process.env.ABOWERK_DATA_DIR = dataDir;
    process.env.ABOWERK_ACTOR = 'cron';
    t = await createTestCompany({ now: '2026-04-01T07:30:00Z' });
    const c = (await t.call('customers.create', { customer: { companyName: 'Gärtnerei Blum', street: 'Au 2', zip: '06108', city: 'Halle' } })).id;
    const re = await issue(t, c, '2026-03-02', [line('Pflege', '100.00', 'DE_STANDARD', '19', '2026-03-31', '8400')]);
    await pay(t, c, '2026-03-12', 11900, [re.id]);
    file = join(t.dir, 'firma.abowerk');
    await t.session.shutdown();
  });
  afterEach(async () => {
    delete process.env.ABOWERK_DATA_DIR;
    delete process.env.ABOWERK_ACTOR;
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('datev export --from --to --out writes the EXTF files; a second run needs --only-new or --yes', async () => {
    const out = join(dataDir, 'export');
    const notConfigured = await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', out);
    expect(notConfigured.code).toBe(1);
    expect(notConfigured.err).toContain('DATEV-Einstellungen sind noch nicht gespeichert');

    expect((await cli('datev', 'settings', 'set', '--company', file, '--consultant', '1001', '--client', '10042')).code).toBe(0);
    const settings = await cli('datev', 'settings', '--company', file);
    expect(settings.out).toContain('Beraternummer 1001, Mandantennummer 10042, SKR03');
    expect(settings.out).toContain('seit Ende 2017');

    const dry = await cli('datev', 'export', '--company', file, '--from', '2026-03-01', '--to', '2026-03-31', '--dry-run');
    expect(dry.out).toContain('2 Kontobewegungen → 2 DATEV-Buchungen, 1 Debitoren');

    const run = await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/10001\s+119,00\s+119,00/);
    expect(readdirSync(out).sort()).toEqual(['EXTF_Buchungsstapel_20260301_20260331.csv', 'EXTF_Debitoren_20260301_20260331.csv']);
    const batch = readExtf(readFileSync(join(out, 'EXTF_Buchungsstapel_20260301_20260331.csv')));
    expect(batch.rows.map((r) => [r[0]!.value, r[1]!.value, r[6]!.value, r[7]!.value, r[10]!.value])).toEqual([
      ['119,00', 'S', '10001', '8400', 'RE-2026-000001'],
      ['119,00', 'S', '1200', '10001', 'RE-2026-000001'],
    ]);

    const again = await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toContain('bereits exportiert');
    const onlyNew = await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', out, '--only-new');
    expect(onlyNew.code).toBe(1);
    expect(onlyNew.err).toContain('keine neuen Buchungen');

    const bad = await cli('datev', 'export', '--company', file, '--from', '32.03.2026', '--to', '31.03.2026', '--out', out);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('kein gültiges Datum');

    const list = await cli('datev', 'exports', '--company', file);
    expect(list.out).toContain('01.03.2026–31.03.2026 2 Buchungen');
    const again2 = join(dataDir, 'again');
    expect((await cli('datev', 'download', '--company', file, '--file', '1', '--out', again2)).code).toBe(0);
    expect(readFileSync(join(again2, 'EXTF_Buchungsstapel_20260301_20260331.csv')).equals(readFileSync(join(out, 'EXTF_Buchungsstapel_20260301_20260331.csv')))).toBe(true);
  });

  it('dry run and export name an entry booked late into an exported month and say how to deliver it', async () => {
    const out = join(dataDir, 'export');
    expect((await cli('datev', 'settings', 'set', '--company', file, '--consultant', '1001', '--client', '10042')).code).toBe(0);
    expect((await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', out)).code).toBe(0);
    // In April a further payment dated 31.03. is booked, and the April invoice is written.
    await t.session.open(file);
    const { id } = t.session.company().db.raw.prepare(`SELECT id FROM customer ORDER BY id LIMIT 1`).get() as { id: number };
    await pay(t, id, '2026-03-31', 5000, []);
    await issue(t, id, '2026-04-02', [line('Pflege', '100.00', 'DE_STANDARD', '19', '2026-04-30', '8400')]);
    await t.session.shutdown();

    const warning =
      'Warnung: 1 Kontobewegung(en) vom 31.03.2026 wurden erst nach dem DATEV-Export ihres Zeitraums gebucht und noch nicht exportiert; dieser Export enthält sie nicht. ' +
      'Bitte den Zeitraum 01.03.2026–31.03.2026 erneut mit „Nur neue Buchungen“ exportieren.';
    const dry = await cli('datev', 'export', '--company', file, '--from', '01.04.2026', '--to', '30.04.2026', '--dry-run');
    expect(dry.out).toContain(warning);
    const april = await cli('datev', 'export', '--company', file, '--from', '01.04.2026', '--to', '30.04.2026', '--out', out);
    expect([april.code, april.out.includes(warning)]).toEqual([0, true]);

    expect((await cli('datev', 'export', '--company', file, '--from', '01.03.2026', '--to', '31.03.2026', '--out', join(dataDir, 'nachtrag'), '--only-new')).code).toBe(0);
    expect((await cli('datev', 'export', '--company', file, '--from', '01.04.2026', '--to', '30.04.2026', '--dry-run')).out).not.toContain('nach dem DATEV-Export ihres Zeitraums');
  });
});
