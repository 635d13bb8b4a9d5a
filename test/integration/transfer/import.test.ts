import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvSeparator, ImportEncoding } from '../../../shared/api/transfer';
import type { JobProgress } from '../../../shared/api/events';
import { createTestCompany, type TestCompany } from '../../support/company';
import { csvBytes, customerRow, ENGLISH_HEADER, GERMAN_HEADER, type FixtureEncoding } from './fixtures';

async function analyze(t: TestCompany, bytes: Buffer, fileName = 'kunden.csv') {
  return t.call('transfer.analyze', { fileName, dataBase64: bytes.toString('base64'), target: 'customers' });
}

async function importFile(t: TestCompany, bytes: Buffer, options: { strict?: boolean; updateExisting?: boolean; jobId?: string } = {}) {
  const a = await analyze(t, bytes);
  return t.call('transfer.import', {
    fileId: a.fileId, target: 'customers', encoding: a.encoding, separator: a.separator, mapping: a.mapping,
    updateExisting: options.updateExisting ?? false, strict: options.strict ?? false, ...(options.jobId ? { jobId: options.jobId } : {}),
  });
}

const count = (t: TestCompany, table: string) =>
  (t.session.company().db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('customer import on a real company file', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const cases: [FixtureEncoding, CsvSeparator, 'German' | 'English', ImportEncoding][] = [
    ['Windows-1252', ';', 'German', 'Windows-1252'],
    ['UTF-8', ',', 'English', 'UTF-8'],
    ['UTF-8-BOM', ';', 'English', 'UTF-8'],
    ['UTF-8-BOM', '\t', 'German', 'UTF-8'],
    ['ISO-8859-1', ',', 'German', 'Windows-1252'],
    ['Windows-1252', '\t', 'English', 'Windows-1252'],
  ];
  it.each(cases)('imports a %s file separated by %j with a %s header; umlauts arrive intact', async (encoding, separator, lang, detected) => {
    const rows = [1, 2, 3, 4].map(customerRow);
    const bytes = csvBytes(lang === 'German' ? GERMAN_HEADER : ENGLISH_HEADER, rows, separator, encoding);
    const a = await analyze(t, bytes);
    expect(a.encoding).toBe(detected);
    expect(a.separator).toBe(separator);
    expect(a.rowCount).toBe(4);
    expect(Object.values(a.mapping).filter((v) => v !== null)).toHaveLength(9);
    const result = await t.call('transfer.import', {
      fileId: a.fileId, target: 'customers', encoding: a.encoding, separator: a.separator, mapping: a.mapping, strict: true,
    });
    expect(result).toMatchObject({ imported: 4, created: 4, updated: 0, errorReport: null });
    const k2 = (await t.call('customers.list', { search: 'K00002' })).rows[0];
    expect(k2?.displayName).toBe('Müller & Söhne 2 GmbH');
    const k1 = await t.call('customers.get', { id: (await t.call('customers.list', { search: 'K00001' })).rows[0]!.id });
    expect(k1).toMatchObject({ kind: 'PERSON', firstName: 'Jürgen', lastName: 'Weiß 1', street: 'Hauptstraße 1', city: 'München' });
    // every imported customer has its customer account and an audit entry
    expect(count(t, 'customer_account')).toBe(4);
    expect((await t.call('audit.list', { entity: 'Kunde', limit: 50 })).total).toBe(4);
  });

  it('3 bad rows among 1 000: lenient imports 997 and reports the 3 with reasons; strict imports none', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => customerRow(i + 1));
    rows[99]![8] = 'DE89370400440532013001'; // wrong check digits (line 101)
    rows[499]![7] = 'keine-mail'; // line 501
    rows[899]![1] = ''; // company row without company name, no last name either (line 901)
    const bytes = csvBytes(GERMAN_HEADER, rows, ';', 'Windows-1252');

    const strict = await importFile(t, bytes, { strict: true });
    expect(strict).toMatchObject({ imported: 0, strictRefused: true, totals: { rows: 1000, new: 997, invalid: 3 } });
    expect(count(t, 'customer')).toBe(0);

    const seen: JobProgress[] = [];
    const off = t.events.subscribe((event, payload) => {
      if (event === 'job.progress') seen.push(payload as JobProgress);
    });
    const preview = await t.call('transfer.preview', { ...(await previewInput(t, bytes)), limit: 100, jobId: 'vorschau-1' });
    off();
    expect(seen.filter((p) => p.jobId === 'vorschau-1').map((p) => p.phase)).toEqual(expect.arrayContaining(['Spalten umwandeln', 'Prüfen', 'Vorschau']));
    expect(preview.rows).toHaveLength(100);
    expect(preview.totals).toEqual({ rows: 1000, new: 997, update: 0, skip: 0, invalid: 3 });

    const lenient = await importFile(t, bytes);
    expect(lenient).toMatchObject({ imported: 997, created: 997, strictRefused: false, totals: { invalid: 3 } });
    expect(count(t, 'customer')).toBe(997);
    const report = Buffer.from(lenient.errorReport!.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    const lines = report.trim().split('\r\n');
    expect(lenient.errorReport!.fileName).toBe('kunden-fehler.csv');
    expect(lines[0]).toBe('Zeile;Kundennummer;Firma;Vorname;Nachname;Straße;PLZ;Ort;E-Mail;IBAN;Fehler');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^101;K00100;.*;IBAN ist ungültig \(Prüfziffer stimmt nicht\)$/);
    expect(lines[2]).toMatch(/^501;K00500;.*;E-Mail-Adresse ist ungültig$/);
    expect(lines[3]).toMatch(/^901;K00900;.*;Nachname ist ein Pflichtfeld$/);
  });

  it('re-import: existing numbers are skipped unless "vorhandene aktualisieren" is ticked; then updated, never duplicated', async () => {
    const rows = [1, 2, 3].map(customerRow);
    await importFile(t, csvBytes(GERMAN_HEADER, rows, ';', 'UTF-8'));
    rows[1]![6] = 'Hamburg';
    const again = csvBytes(GERMAN_HEADER, [...rows, customerRow(4)], ';', 'UTF-8');
    const skipped = await importFile(t, again);
    expect(skipped).toMatchObject({ created: 1, updated: 0, totals: { new: 1, skip: 3 } });
    const updated = await importFile(t, again, { updateExisting: true });
    expect(updated).toMatchObject({ created: 0, updated: 4, totals: { update: 4 } });
    expect(count(t, 'customer')).toBe(4);
    expect(count(t, 'customer_account')).toBe(4);
    expect((await t.call('customers.list', { search: 'Hamburg' })).rows.map((r) => r.number)).toEqual(['K00002']);
  });

  it('a file with only some columns updates those and keeps the rest', async () => {
    await importFile(t, csvBytes(GERMAN_HEADER, [customerRow(2)], ';', 'UTF-8'));
    await importFile(t, csvBytes(['Kundennummer', 'Ort'], [['K00002', 'Leipzig']], ';', 'UTF-8'), { updateExisting: true });
    const c = await t.call('customers.get', { id: (await t.call('customers.list', { search: 'K00002' })).rows[0]!.id });
    expect(c).toMatchObject({ city: 'Leipzig', companyName: 'Müller & Söhne 2 GmbH', iban: 'DE02500105170137075030' });
  });

  it('imported numbers advance the customer number range; rows without a number get the next one', async () => {
    await importFile(t, csvBytes(GERMAN_HEADER, [customerRow(41)], ';', 'UTF-8'));
    const created = await t.call('customers.create', { customer: { companyName: 'Neu GmbH' } });
    expect(created.number).toBe('K00042');
    await importFile(t, csvBytes(['Firma', 'Ort'], [['Ohne Nummer AG', 'Bonn']], ';', 'UTF-8'));
    expect((await t.call('customers.list', { search: 'Ohne Nummer' })).rows[0]?.number).toBe('K00043');
  });

  it('flags a number that appears twice in the file and a row with the wrong number of columns', async () => {
    const bytes = Buffer.from('Kundennummer;Firma;Ort\r\nK1;A GmbH;Köln\r\nK1;B GmbH;Bonn\r\nK2;C GmbH\r\n', 'utf8');
    const preview = await t.call('transfer.preview', await previewInput(t, bytes));
    expect(preview.rows.map((r) => [r.line, r.status, r.messages.map((m) => m.message)])).toEqual([
      [2, 'new', []],
      [3, 'invalid', ['Kundennummer K1 steht schon in Zeile 2']],
      [4, 'invalid', ['Zeile hat 2 Spalten, die Kopfzeile 3']],
    ]);
  });

  it('saves, lists, overwrites and deletes named mapping profiles', async () => {
    const mapping = { number: 'Kdnr', companyName: 'Name1', city: 'Ort' };
    const saved = await t.call('transfer.saveProfile', { target: 'customers', name: 'Altsystem', mapping, separator: ';', encoding: 'Windows-1252' });
    await t.call('transfer.saveProfile', { target: 'customers', name: 'Altsystem', mapping: { ...mapping, city: 'Stadt' } });
    const list = await t.call('transfer.profiles', { target: 'customers' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: saved.id, name: 'Altsystem', mapping: { city: 'Stadt' } });
    expect(await t.call('transfer.profiles', { target: 'articles' })).toEqual([]);
    await t.call('transfer.deleteProfile', { id: saved.id });
    expect(await t.call('transfer.profiles', { target: 'customers' })).toEqual([]);
  });

  it('can be cancelled while the file is still being checked', async () => {
    const bytes = csvBytes(GERMAN_HEADER, Array.from({ length: 5000 }, (_, i) => customerRow(i + 1)), ';', 'UTF-8');
    const off = t.events.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as JobProgress).phase === 'Prüfen') void t.call('transfer.cancel', { jobId: 'imp-2' });
    });
    const result = await importFile(t, bytes, { jobId: 'imp-2' });
    off();
    expect(result).toMatchObject({ cancelled: true, imported: 0 });
    expect(count(t, 'customer')).toBe(0);
  });

  it('reports progress and can be cancelled: nothing is written', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => customerRow(i + 1));
    const bytes = csvBytes(GERMAN_HEADER, rows, ';', 'UTF-8');
    const events: JobProgress[] = [];
    const off = t.events.subscribe((event, payload) => {
      if (event !== 'job.progress') return;
      const p = payload as JobProgress;
      events.push(p);
      if (p.phase === 'Import' && p.state === 'running' && p.current >= 2000) void t.call('transfer.cancel', { jobId: 'imp-1' });
    });
    const result = await importFile(t, bytes, { jobId: 'imp-1' });
    off();
    expect(result.cancelled).toBe(true);
    expect(result.imported).toBe(0);
    expect(count(t, 'customer')).toBe(0);
    expect(events.some((e) => e.phase === 'Prüfen' && e.current === 3000 && e.total === 6000)).toBe(true);
    expect(events.some((e) => e.phase === 'Import' && e.state === 'running' && e.current === 2000 && e.total === 6000)).toBe(true);
    expect(events.at(-1)?.state).toBe('cancelled');
  });
});

describe('customer numbers: named in the file vs. drawn from the number range', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const file = (...rows: string[]) => Buffer.from(`Kundennummer;Firma;Ort\r\n${rows.map((r) => `${r}\r\n`).join('')}`, 'utf8');
  const numbersByName = async () => (await t.call('customers.list', { sort: 'number' })).rows.map((r) => [r.number, r.displayName]);
  const preview = async (bytes: Buffer) =>
    (await t.call('transfer.preview', await previewInput(t, bytes))).rows.map((r) => [r.line, r.status, r.messages.map((m) => m.message)]);

  it('a row without a number skips the number a later row names (K00001): preview and import agree, in both modes', async () => {
    const bytes = file(';Ohne Nummer GmbH;Köln', 'K00001;Mit Nummer GmbH;Bonn');
    expect(await preview(bytes)).toEqual([
      [2, 'new', []],
      [3, 'new', []],
    ]);
    const strict = await importFile(t, bytes, { strict: true });
    expect(strict).toMatchObject({ imported: 2, created: 2, strictRefused: false, totals: { rows: 2, new: 2, invalid: 0 }, errorReport: null });
    expect(await numbersByName()).toEqual([
      ['K00001', 'Mit Nummer GmbH'],
      ['K00002', 'Ohne Nummer GmbH'],
    ]);
    expect(count(t, 'customer_account')).toBe(2);
    // the range continues after both numbers
    expect((await t.call('customers.create', { customer: { companyName: 'Danach GmbH' } })).number).toBe('K00003');
  });

  it('a number named twice is a row error in the preview and the report; lenient imports the others, strict writes nothing', async () => {
    const bytes = file(';Ohne Nummer GmbH;Köln', 'K00001;Erste GmbH;Bonn', 'K00001;Zweite GmbH;Essen');
    expect(await preview(bytes)).toEqual([
      [2, 'new', []],
      [3, 'new', []],
      [4, 'invalid', ['Kundennummer K00001 steht schon in Zeile 3']],
    ]);

    const strict = await importFile(t, bytes, { strict: true });
    expect(strict).toMatchObject({ imported: 0, strictRefused: true, totals: { rows: 3, new: 2, invalid: 1 } });
    expect([count(t, 'customer'), count(t, 'customer_account'), count(t, 'number_range_counter')]).toEqual([0, 0, 0]);

    const lenient = await importFile(t, bytes);
    expect(lenient).toMatchObject({ imported: 2, created: 2, strictRefused: false, totals: { invalid: 1 } });
    expect(await numbersByName()).toEqual([
      ['K00001', 'Erste GmbH'],
      ['K00002', 'Ohne Nummer GmbH'],
    ]);
    const report = Buffer.from(lenient.errorReport!.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    expect(report).toBe('Zeile;Kundennummer;Firma;Ort;Fehler\r\n4;K00001;Zweite GmbH;Essen;Kundennummer K00001 steht schon in Zeile 3\r\n');
  });

  it('the number of an invalid row is kept free, so the corrected row from the error report imports under it', async () => {
    const bytes = file(';Ohne Nummer GmbH;Köln', 'K00001;;Bonn');
    expect(await preview(bytes)).toEqual([
      [2, 'new', []],
      [3, 'invalid', ['Nachname ist ein Pflichtfeld']],
    ]);
    expect(await importFile(t, bytes)).toMatchObject({ created: 1, totals: { invalid: 1 } });
    expect(await numbersByName()).toEqual([['K00002', 'Ohne Nummer GmbH']]);
    expect(await importFile(t, file('K00001;Korrigiert GmbH;Bonn'), { strict: true })).toMatchObject({ created: 1 });
    expect(await numbersByName()).toEqual([
      ['K00001', 'Korrigiert GmbH'],
      ['K00002', 'Ohne Nummer GmbH'],
    ]);
  });

  it('a number created by someone else while the file is checked stops the import with a German conflict naming row and number; nothing is written', async () => {
    const bytes = csvBytes(GERMAN_HEADER, Array.from({ length: 2000 }, (_, i) => customerRow(i + 1)), ';', 'UTF-8');
    const raw = t.session.company().db.raw;
    const off = t.events.subscribe((event, payload) => {
      const p = payload as JobProgress;
      if (event !== 'job.progress' || p.phase !== 'Prüfen' || p.current !== 1000) return;
      // the existing numbers were read before this point: K01500 still counts as new
      raw.prepare(`INSERT INTO customer (number, kind, display_name, debitor_account, created_at, updated_at)
        VALUES ('K01500', 'COMPANY', 'Von Hand GmbH', '11500', '2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z')`).run();
    });
    const a = await analyze(t, bytes);
    const result = await t.tryCall('transfer.import', {
      fileId: a.fileId, target: 'customers', encoding: a.encoding, separator: a.separator, mapping: a.mapping, strict: false, jobId: 'imp-3',
    });
    off();
    expect(result.ok ? null : { code: result.error.code, message: result.error.message }).toEqual({
      code: 'CONFLICT',
      message: 'Zeile 1501: Kundennummer K01500 wurde inzwischen vergeben. Es wurde nichts importiert; bitte die Vorschau neu laden.',
    });
    expect([count(t, 'customer'), count(t, 'customer_account')]).toEqual([1, 0]);
  });
});

describe('imported customers: search keys, debitor accounts and reserved numbers as the customers area has them', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const file = (header: string, ...rows: string[]) => Buffer.from(`${header}\r\n${rows.map((r) => `${r}\r\n`).join('')}`, 'utf8');
  const preview = async (bytes: Buffer) =>
    (await t.call('transfer.preview', await previewInput(t, bytes))).rows.map((r) => [r.line, r.status, r.messages.map((m) => m.message)]);
  const names = async (input: { search?: string; sort?: 'name' | 'city' }) => (await t.call('customers.list', input)).rows.map((r) => r.displayName);

  it('are found and sorted by their search keys like customers entered by hand', async () => {
    await importFile(t, file('Kundennummer;Firma;Ort', 'K00001;Zander GmbH;Köln', 'K00002;Özdemir Handel GmbH;Überlingen'), { strict: true });
    expect(await names({ sort: 'name' })).toEqual(['Özdemir Handel GmbH', 'Zander GmbH']);
    expect(await names({ search: 'öz' })).toEqual(['Özdemir Handel GmbH']);
    expect(await names({ search: 'uberl' })).toEqual(['Özdemir Handel GmbH']);
    await importFile(t, file('Kundennummer;Firma', 'K00001;Ärztehaus GmbH'), { updateExisting: true, strict: true });
    expect(await names({ sort: 'name' })).toEqual(['Ärztehaus GmbH', 'Özdemir Handel GmbH']);
  });

  it('a derived debitor account avoids accounts in use and accounts the file names; a named account in use or named twice is a row error', async () => {
    await t.call('customers.create', { customer: { companyName: 'Hand GmbH', number: '5' } }); // debitor 10005
    const bytes = file(
      'Kundennummer;Firma;Debitorenkonto',
      'K00005;Fünf GmbH;',
      'K00007;Sieben GmbH;10005',
      'K00008;Acht GmbH;69999',
      'K00009;Neun GmbH;69999',
      'K00010;Zehn GmbH;',
    );
    expect(await preview(bytes)).toEqual([
      [2, 'new', []],
      [3, 'invalid', ['Debitorenkonto 10005 gehört bereits Kunde 5; DATEV würde beide Kunden auf einem Konto führen']],
      [4, 'new', []],
      [5, 'invalid', ['Debitorenkonto 69999 steht schon in Zeile 4']],
      [6, 'new', []],
    ]);
    expect(await importFile(t, bytes)).toMatchObject({ created: 3, totals: { invalid: 2 } });
    const accounts = t.session.company().db.raw.prepare(`SELECT number, debitor_account AS account FROM customer ORDER BY number`).all();
    expect(accounts).toEqual([
      { number: '5', account: '10005' },
      { number: 'K00005', account: '69998' },
      { number: 'K00008', account: '69999' },
      { number: 'K00010', account: '10010' },
    ]);
  });

  it('the old number of a renamed customer is a row error, and a drawn number steps over it', async () => {
    await t.call('customers.create', { customer: { companyName: 'Erst GmbH' } }); // K00001, the range stands at 1
    const renamed = await t.call('customers.create', { customer: { companyName: 'Alt GmbH', number: 'K00002' } });
    await t.call('customers.update', { id: renamed.id, customer: { companyName: 'Alt GmbH', number: 'K-ALT' } });
    const bytes = file('Kundennummer;Firma', 'K00002;Neu GmbH', ';Ohne Nummer GmbH');
    expect(await preview(bytes)).toEqual([
      [2, 'invalid', ['Kundennummer K00002 ist reserviert: Kunde K-ALT trug sie früher, sein Kundenkonto und seine Rechnungen führen sie weiter']],
      [3, 'new', []],
    ]);
    expect(await importFile(t, bytes)).toMatchObject({ created: 1, totals: { invalid: 1 } });
    expect((await t.call('customers.list', { search: 'Ohne' })).rows.map((r) => r.number)).toEqual(['K00003']);
  });
});

async function previewInput(t: TestCompany, bytes: Buffer) {
  const a = await analyze(t, bytes);
  return { fileId: a.fileId, target: 'customers' as const, encoding: a.encoding, separator: a.separator, mapping: a.mapping };
}
