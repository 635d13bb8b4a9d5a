import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { camt053 } from './support';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI bank import / bank match', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-bank-cli-'));
    process.env.ABOWERK_DATA_DIR = dir;
  });
  afterEach(() => {
    delete process.env.ABOWERK_DATA_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a CAMT file, reports counts, re-import adds 0, match --auto runs', async () => {
    expect((await cli('company', 'create', '--name', 'Bank Test GmbH', '--kind', 'SANDBOX', '--city', 'Köln')).code).toBe(0);
    const file = join(dir, 'auszug.xml');
    writeFileSync(file, camt053('DE89370400440532013000', [{ amount: '10.00', ref: 'R1', text: 'Miete' }, { amount: '5.00', credit: false, ref: 'R2' }]));
    const first = await cli('bank', 'import', file);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('2 neu, 0 bereits vorhanden, 0 abgelehnt, 0 automatisch verbucht');
    const again = await cli('bank', 'import', file, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ newCount: 0, duplicateCount: 2 });
    const match = await cli('bank', 'match', '--auto');
    expect(match.out).toBe('2 offene Umsätze geprüft, 0 mit Vorschlag, 0 automatisch verbucht');
    const list = await cli('bank', 'list');
    expect(list.out).toContain('2 Umsätze');
  });

  it('imports an unknown CSV layout with a generic column mapping', async () => {
    await cli('company', 'create', '--name', 'Bank Test GmbH', '--kind', 'SANDBOX');
    const file = join(dir, 'hausbank.csv');
    writeFileSync(file, 'Datum;Text;Soll;Haben;Konto\n01.12.2026;Miete;1.000,00;;DE89370400440532013000\n02.12.2026;RE-2026-000101;;119,00;DE89370400440532013000\n');
    const refused = await cli('bank', 'import', file);
    expect(refused.err).toMatch(/Spaltenzuordnung/);
    const mapping = JSON.stringify({ columns: { bookingDate: 'Datum', remittance: 'Text', debit: 'Soll', credit: 'Haben' } });
    const result = await cli('bank', 'import', file, '--mapping', mapping, '--json');
    expect(result.err).toBe('');
    expect(JSON.parse(result.out)).toMatchObject({ format: 'CSV', variant: 'Eigene Spaltenzuordnung', newCount: 2 });
  });

  it('refuses a broken file with the German message and a non-zero exit code', async () => {
    await cli('company', 'create', '--name', 'Bank Test GmbH', '--kind', 'SANDBOX');
    const file = join(dir, 'kaputt.sta');
    writeFileSync(file, 'kein MT940\n');
    const result = await cli('bank', 'import', file);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/keine MT940-Datei/);
  });
});
