import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI over the same router', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-cli-'));
    process.env.ABOWERK_DATA_DIR = dir;
    process.env.ABOWERK_ACTOR = 'cron';
  });
  afterEach(() => {
    delete process.env.ABOWERK_DATA_DIR;
    delete process.env.ABOWERK_ACTOR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a company, adds and finds customers, prints JSON with --json', async () => {
    const created = await cli('company', 'create', '--name', 'Kiste & Co. GmbH', '--kind', 'SANDBOX', '--city', 'Leipzig', '--vat-id', 'DE123456789', '--json');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out).kind).toBe('SANDBOX');

    const info = await cli('company', 'info');
    expect(info.code).toBe(0);
    expect(info.out).toContain('Kiste & Co. GmbH  [SANDBOX]');

    expect((await cli('customers', 'add', '--company-name', 'Gärtnerei Blum', '--city', 'Halle', '--iban', 'DE89370400440532013000')).code).toBe(0);
    expect((await cli('customers', 'add', '--last-name', 'Schulze', '--first-name', 'Eva', '--city', 'Dresden')).code).toBe(0);
    const list = await cli('customers', 'list', '--search', 'Gärtn', '--json');
    expect(list.code).toBe(0);
    const page = JSON.parse(list.out) as { total: number; rows: { displayName: string }[] };
    expect(page.total).toBe(1);
    expect(page.rows[0]?.displayName).toBe('Gärtnerei Blum');
  });

  it('exits non-zero with a German message on bad input, writing nothing', async () => {
    await cli('company', 'create', '--name', 'Test GmbH');
    const bad = await cli('customers', 'add', '--company-name', 'Falsch GmbH', '--iban', 'DE00123');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('IBAN ist ungültig (Prüfziffer stimmt nicht)');
    const list = await cli('customers', 'list', '--json');
    expect(JSON.parse(list.out).total).toBe(0);
    const missing = await cli('company', 'create');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Option --name fehlt');
    const unknown = await cli('kunden', 'loeschen');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Befehle:');
  });

  it('names a damaged or foreign --company file in German, never with SQLite\'s English text', async () => {
    const file = join(dir, 'firma.abowerk');
    expect((await cli('company', 'create', '--name', 'Test GmbH', '--file', file)).code).toBe(0);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const damaged = await cli('company', 'info', '--company', file);
    expect(damaged).toMatchObject({ code: 1, err: 'Fehler: Die Firmendatei ist beschädigt und kann nicht gelesen werden. Der Vorgang wurde nicht ausgeführt.' });
    const text = join(dir, 'notiz.txt');
    writeFileSync(text, 'Keine Datenbank.\n'.repeat(100));
    const foreign = await cli('company', 'info', '--company', text);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain(`Fehler: Die Datei ${text} ist keine Abowerk-Firmendatei und wurde nicht geöffnet.`);
  });

  it('refuses to run without a company file, naming what to do', async () => {
    const result = await cli('customers', 'list');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Keine Firmendatei geöffnet');
  });
});
