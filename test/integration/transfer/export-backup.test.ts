import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { createTestCompany, type TestCompany } from '../../support/company';
import { csvBytes, customerRow, GERMAN_HEADER } from './fixtures';
import { customersAfterRoundTrip, customersOf, withoutIdentity } from './round-trip';

const decode64 = (b64: string) => Buffer.from(b64, 'base64');

describe('full export, round trip, backup and restore', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  async function seedCustomers() {
    await t.call('customers.create', { customer: { number: 'K00001', companyName: '=HYPERLINK("http://böse.example","Klick")', city: 'Köln', phone: '+49 221 12345', notes: '@SUM(1+1)\nzweite Zeile' } });
    await t.call('customers.create', { customer: { number: 'K00002', kind: 'PERSON', firstName: 'Jürgen', lastName: 'Müller', street: 'Hauptstraße 5', zip: '80331', city: 'München', email: 'jm@beispiel.de', iban: 'DE89370400440532013000', paymentMethod: 'DIRECT_DEBIT', paymentTermsDays: 30, collectiveInvoicing: true, language: 'en', vatId: 'DE123456789' } });
    await t.call('customers.create', { customer: { number: 'K00003', companyName: '-2+3+cmd|\' /C calc\'!A0', notes: 'Ratenzahlung; "wichtig"' } });
  }

  it('exports every existing dataset as Windows-1252 CSV with neutralised formula cells', async () => {
    await seedCustomers();
    const result = await t.call('transfer.export', { format: 'csv', csvEncoding: 'Windows-1252' });
    const customers = result.files.find((f) => f.dataset === 'customers')!;
    expect(customers).toMatchObject({ fileName: 'customers.csv', rows: 3, label: 'Kunden' });
    const text = iconv.decode(decode64(customers.base64), 'win1252');
    const rows = parse(text, { delimiter: ';' }) as string[][];
    expect(rows[0]?.slice(0, 4)).toEqual(['Kundennummer', 'Art', 'Firma', 'Vorname']);
    expect(rows[1]?.[2]).toBe(`'=HYPERLINK("http://böse.example","Klick")`);
    expect(rows[1]?.[10]).toBe(`'+49 221 12345`);
    expect(rows[1]?.[17]).toBe(`'@SUM(1+1)\nzweite Zeile`);
    expect(rows[3]?.[2]).toBe(`'-2+3+cmd|' /C calc'!A0`);
    expect(rows[2]?.slice(0, 5)).toEqual(['K00002', 'Person', '', 'Jürgen', 'Müller']);
    // every dataset of the areas present: customer accounts and ledger entries at least
    expect(result.files.map((f) => f.dataset)).toEqual(expect.arrayContaining(['customers', 'customer_accounts', 'account_entries']));
    for (const absent of result.absent) expect(result.files.map((f) => f.dataset)).not.toContain(absent);
    expect(result.warnings).toEqual([]);
  });

  it('warns when Windows-1252 cannot hold a name (and UTF-8 with BOM keeps it)', async () => {
    await t.call('customers.create', { customer: { number: 'K00009', companyName: 'Łódź Trading Sp. z o.o.' } });
    const cp = await t.call('transfer.export', { format: 'csv', csvEncoding: 'Windows-1252' });
    expect(cp.warnings).toEqual([
      'Kunden: Windows-1252 kann „Ł“ „ź“ nicht darstellen; diese Zeichen stehen als „?“ in der Datei. Für diese Daten bitte „UTF-8 mit BOM“ wählen.',
    ]);
    const utf8 = await t.call('transfer.export', { format: 'csv', csvEncoding: 'UTF-8-BOM' });
    expect(utf8.warnings).toEqual([]);
    expect(decode64(utf8.files[0]!.base64).toString('utf8')).toContain('Łódź Trading');
  });

  it('exports JSON with the same rows', async () => {
    await seedCustomers();
    const result = await t.call('transfer.export', { format: 'json' });
    const json = JSON.parse(decode64(result.files.find((f) => f.dataset === 'customers')!.base64).toString('utf8')) as { dataset: string; rows: Record<string, unknown>[] };
    expect(json.dataset).toBe('customers');
    expect(json.rows).toHaveLength(3);
    expect(json.rows[1]).toMatchObject({ Kundennummer: 'K00002', Nachname: 'Müller', Zahlungsart: 'Lastschrift', Sammelrechnung: 'ja' });
  });

  it('a sandbox marks every export file (name and JSON flag)', async () => {
    const sandbox = await createTestCompany({ kind: 'SANDBOX' });
    try {
      const json = await sandbox.call('transfer.export', { format: 'json' });
      expect(json.files.every((f) => f.fileName.startsWith('SANDBOX-'))).toBe(true);
      expect(JSON.parse(decode64(json.files[0]!.base64).toString('utf8'))).toMatchObject({ sandbox: true });
    } finally {
      await sandbox.close();
    }
  });

  it('export → import round trip reproduces the customers', async () => {
    await seedCustomers();
    const before = await customersOf(t);
    for (const csvEncoding of ['Windows-1252', 'UTF-8-BOM'] as const) {
      const after = await customersAfterRoundTrip(t, csvEncoding);
      expect(after.created).toBe(3);
      expect(after.customers.map(withoutIdentity)).toEqual(before.map(withoutIdentity));
    }
  });

  it('backup → change → restore gives the same data back, with a safety copy and integrity_check ok', async () => {
    await seedCustomers();
    const backup = await t.call('transfer.backup', {});
    expect(existsSync(backup.path)).toBe(true);
    expect((await t.call('transfer.backups', {})).map((b) => b.path)).toContain(backup.path);
    await t.call('customers.create', { customer: { number: 'K00004', companyName: 'Nach der Sicherung GmbH' } });
    expect((await t.call('customers.list', {})).total).toBe(4);

    const refused = await t.tryCall('transfer.restore', { path: backup.path, confirm: false });
    expect(refused.ok).toBe(false);
    t.clock.set('2026-11-28T10:00:00Z');
    const restored = await t.call('transfer.restore', { path: backup.path, confirm: true });
    expect(restored.integrity).toBe('ok');
    expect((await t.call('customers.list', {})).total).toBe(3);
    // the safety copy holds the state before the restore
    const safety = new Database(restored.safetyCopy, { readonly: true });
    expect((safety.prepare('SELECT count(*) AS n FROM customer').get() as { n: number }).n).toBe(4);
    safety.close();
    expect(t.session.company().db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses to restore a damaged file or the backup of another company, and changes nothing', async () => {
    await seedCustomers();
    const junk = join(t.dir, 'kaputt.abowerk');
    writeFileSync(junk, 'das ist keine Datenbank');
    const bad = await t.tryCall('transfer.restore', { path: junk, confirm: true });
    expect(bad.ok ? '' : bad.error.message).toBe('Die gewählte Datei ist keine Abowerk-Sicherung.');
    const other = await createTestCompany();
    const foreign = await other.call('transfer.backup', {});
    const wrong = await t.tryCall('transfer.restore', { path: foreign.path, confirm: true });
    await other.close();
    expect(wrong.ok ? '' : wrong.error.message).toContain('gehört zu einer anderen Firmendatei');
    expect((await t.call('customers.list', {})).total).toBe(3);
  });
});

describe('bad input: clear German errors, nothing written', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const analyze = (bytes: Buffer) => t.tryCall('transfer.analyze', { fileName: 'x.csv', dataBase64: bytes.toString('base64'), target: 'customers' });
  const messageOf = async (bytes: Buffer) => {
    const r = await analyze(bytes);
    return r.ok ? 'kein Fehler' : r.error.message;
  };

  it.each([
    ['empty file', Buffer.alloc(0), 'Die Datei ist leer.'],
    ['only a header', Buffer.from('Kundennummer;Firma;Ort\r\n'), 'Die Datei enthält nur die Kopfzeile und keine Datenzeilen.'],
    ['binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]), 'Die Datei ist keine Textdatei (CSV). Bitte in Excel „Speichern unter → CSV (Trennzeichen-getrennt)“ wählen.'],
    ['mixed line endings', Buffer.from('Kundennummer;Firma\r\nK1;A\nK2;B\r\n'), 'Die Datei hat gemischte Zeilenenden: Zeile 2 endet mit LF, die Zeilen davor mit CRLF. Bitte die Datei in einem Editor einheitlich speichern (z. B. „Windows (CRLF)“).'],
  ])('%s', async (_name, bytes, message) => {
    expect(await messageOf(bytes)).toBe(message);
    expect((await t.call('customers.list', {})).total).toBe(0);
  });

  it('unclosed quotes name the row', async () => {
    expect(await messageOf(Buffer.from('Kundennummer;Firma\r\nK1;A\r\nK2;"B GmbH\r\nK3;C\r\n'))).toMatch(/^Ein Anführungszeichen wird nicht geschlossen \(ab Zeile 3\)/);
  });

  it('a 200 MB file is refused with a size message before it is read (CLI) or decoded (upload)', async () => {
    const big = join(t.dir, 'riesig.csv');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: no 200 MB are written
    expect(statSync(big).size).toBe(200 * 1024 * 1024);
    const out: string[] = [];
    const err: string[] = [];
    process.env.ABOWERK_DATA_DIR = t.dir;
    const code = await runCli(['customers', 'import', big, '--company', join(t.dir, 'firma.abowerk')], (s) => out.push(s), (s) => err.push(s));
    expect(code).not.toBe(0);
    expect(err.join('\n')).toContain('Die Datei ist zu groß (200 MB). Importiert werden Dateien bis 64 MB');
    // the upload path checks the base64 length before decoding it
    const upload = await t.tryCall('transfer.analyze', { fileName: 'x.csv', dataBase64: 'A'.repeat(90 * 1024 * 1024), target: 'customers' });
    expect(upload.ok ? '' : upload.error.message).toContain('Die Datei ist zu groß (67,5 MB)');
    expect((await t.call('customers.list', {})).total).toBe(0);
  });
});

describe('CLI', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('customers import <file> and export all --format csv|json --out <dir>', async () => {
    const companyFile = join(t.dir, 'firma.abowerk');
    await t.session.shutdown(); // the CLI opens the file itself
    process.env.ABOWERK_DATA_DIR = t.dir;
    const file = join(t.dir, 'kunden.csv');
    writeFileSync(file, csvBytes(GERMAN_HEADER, [1, 2, 3].map(customerRow), ';', 'Windows-1252'));
    const out: string[] = [];
    const err: string[] = [];
    const io = [(s: string) => out.push(s), (s: string) => err.push(s)] as const;
    expect(await runCli(['customers', 'import', file, '--company', companyFile, '--strict'], ...io), err.join('\n')).toBe(0);
    expect(out.join('\n')).toContain('3 Kunden angelegt, 0 aktualisiert');
    const dir = join(t.dir, 'export');
    expect(await runCli(['export', 'all', '--format', 'csv', '--out', dir, '--company', companyFile], ...io), err.join('\n')).toBe(0);
    const csv = iconv.decode(readFileSync(join(dir, 'customers.csv')), 'win1252');
    expect(csv).toContain('K00002;Firma;Müller & Söhne 2 GmbH');
    expect(await runCli(['export', 'all', '--format', 'json', '--out', dir, '--company', companyFile], ...io)).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'customers.json'), 'utf8')) as { rows: unknown[] }).rows).toHaveLength(3);

    // backup create → another import → backup restore --yes brings back the 3 customers
    out.length = 0;
    expect(await runCli(['backup', 'create', '--company', companyFile, '--json'], ...io), err.join('\n')).toBe(0);
    const backup = JSON.parse(out.join('\n')) as { path: string };
    writeFileSync(file, csvBytes(GERMAN_HEADER, [4].map(customerRow), ';', 'UTF-8'));
    expect(await runCli(['customers', 'import', file, '--company', companyFile], ...io)).toBe(0);
    expect(await runCli(['backup', 'restore', backup.path, '--company', companyFile], ...io)).not.toBe(0);
    expect(err.join('\n')).toContain('Bitte mit --yes bestätigen');
    expect(await runCli(['backup', 'restore', backup.path, '--yes', '--company', companyFile], ...io), err.join('\n')).toBe(0);
    out.length = 0;
    expect(await runCli(['customers', 'list', '--company', companyFile], ...io)).toBe(0);
    expect(out.join('\n')).toContain('3 Kunden gesamt');
  });
});
