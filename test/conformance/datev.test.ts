// Conformance: the EXTF examples of ../shared/conformance/datev are read with the independent
// test reader (header 700 and 510, Windows-1252 and UTF-8 with BOM) to prove the reader; then
// our writer's header layout and column headings are checked against the corpus.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUCHUNGSSTAPEL_COLUMNS } from '../../main/datev/columns';
import { defaultSettings } from '../../main/datev/rules';
import { DEBITOREN_HEADINGS, writeBuchungsstapel, writeDebitoren } from '../../main/datev/writer';
import { bookingsFor } from '../../main/datev/rules';
import { readExtf, type ExtfFile } from '../unit/datev/reader';
import { customer, goldenItems } from '../unit/datev/fixtures';

const dir = resolve(process.env.ABOWERK_CONFORMANCE_DIR ?? '../shared/conformance', 'datev');
if (!existsSync(dir)) {
  throw new Error(`Konformitätsdateien fehlen: ${dir} (ABOWERK_CONFORMANCE_DIR setzen; erwartet wird der Ordner datev mit den EXTF-Beispielen).`);
}

const read = (rel: string): ExtfFile => readExtf(readFileSync(join(dir, rel)));
const settings = { ...defaultSettings('SKR03'), consultantNumber: 1001, clientNumber: 456 };
const createdAt = '2026-04-01T07:30:00Z';

function ourBatch(): ExtfFile {
  const { bookings } = bookingsFor(goldenItems, settings, 'ns');
  return readExtf(writeBuchungsstapel({ settings, from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false, bookings }).files[0]!.bytes);
}

describe('DATEV corpus read with the test reader', () => {
  const files = ['ledermann-datev', 'rechnungspilot'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => `${sub}/${f}`)).filter((f) => f.endsWith('.csv'));

  it('finds the EXTF examples', () => {
    expect(files.sort()).toEqual([
      'ledermann-datev/EXTF_Buchungsstapel.csv',
      'ledermann-datev/EXTF_Kontenbeschriftungen.csv',
      'ledermann-datev/EXTF_Stammdaten.csv',
      'rechnungspilot/datev-export_EXTF510.csv',
    ]);
  });

  it.each(files)('%s: 31 header fields, EXTF, header 700 or 510, every row as wide as the heading line', (f) => {
    const x = read(f);
    expect(x.header).toHaveLength(31);
    expect(x.info.kennzeichen).toBe('EXTF');
    expect([700, 510]).toContain(x.info.headerVersion);
    for (const row of x.rows) expect(row).toHaveLength(x.headings.length);
  });

  it('ledermann Buchungsstapel (header 700, version 9, Windows-1252): header fields and both bookings', () => {
    const x = read('ledermann-datev/EXTF_Buchungsstapel.csv');
    expect(x.encoding).toBe('windows-1252');
    expect(x.crlf).toBe(true);
    expect(x.info).toMatchObject({ headerVersion: 700, category: 21, formatName: 'Buchungsstapel', formatVersion: 9, consultant: '1001', client: '456', fiscalYearStart: '20180101', accountLength: 4, periodFrom: '20180201', periodTo: '20180228', label: 'Beispiel-Buchungen', currency: 'EUR' });
    expect(x.headings).toHaveLength(120);
    expect(x.rows.map((r) => [r[0]!.value, r[1]!.value, r[6]!.value, r[7]!.value, r[8]!.value, r[9]!.value, r[10]!.value, r[13]!.value])).toEqual([
      ['24,95', 'H', '1200', '4940', '8', '2102', '', 'Fachbuch: Controlling für Dummies'],
      ['5950,00', 'S', '10000', '8400', '', '2202', 'RE201802-135', 'Honorar FiBu-Seminar'],
    ]);
  });

  it('ledermann Debitoren/Kreditoren (category 16, version 5): 254 columns, umlauts decoded', () => {
    const x = read('ledermann-datev/EXTF_Stammdaten.csv');
    expect(x.info).toMatchObject({ headerVersion: 700, category: 16, formatName: 'Debitoren/Kreditoren', formatVersion: 5 });
    expect(x.headings).toHaveLength(254);
    expect(x.rows.map((r) => r[0]!.value)).toEqual(['10000', '70001', '70002', '70003']);
    expect(x.rows[0]![18]!.value).toBe('Köln');
  });

  it('RechnungsPilot export (header 510, version 7, UTF-8 with BOM): 22 bookings with lock flag', () => {
    const x = read('rechnungspilot/datev-export_EXTF510.csv');
    expect(x.encoding).toBe('utf-8');
    expect(x.info).toMatchObject({ headerVersion: 510, category: 21, formatVersion: 7, lock: '1', chart: '03' });
    expect(x.rows).toHaveLength(22);
    expect(x.header[8]!.value).toBe('PC-Wittfoot UG (haftungsbeschränkt)');
    for (const r of x.rows) expect(r[1]!.value).toMatch(/^[SH]$/);
  });
});

describe('our writer against the corpus', () => {
  it('the corpus has no format-version-13 Buchungsstapel; our file is the only one (v13, 125 columns)', () => {
    const versions = ['ledermann-datev/EXTF_Buchungsstapel.csv', 'rechnungspilot/datev-export_EXTF510.csv'].map((f) => read(f).info.formatVersion);
    expect(versions).not.toContain(13);
    const ours = ourBatch();
    expect([ours.info.headerVersion, ours.info.category, ours.info.formatVersion, ours.headings.length]).toEqual([700, 21, 13, 125]);
  });

  it('header layout matches the corpus header 700: 31 fields, same quoting of fields 1–22, 24, 30, 31', () => {
    const corpus = read('ledermann-datev/EXTF_Buchungsstapel.csv');
    const ours = ourBatch();
    expect(ours.header).toHaveLength(corpus.header.length);
    const positions = [...Array.from({ length: 22 }, (_, i) => i), 23, 29, 30];
    // Field 21 (Festschreibung) is empty in the corpus; we write it explicitly, unquoted like a number.
    for (const i of positions) expect([i + 1, ours.header[i]!.quoted]).toEqual([i + 1, corpus.header[i]!.quoted]);
    expect(ours.header[20]!.value).toBe('0');
  });

  it('column headings: every heading unchanged since version 7 is spelled as in the corpus; only the known v13 renames differ', () => {
    const corpus = read('rechnungspilot/datev-export_EXTF510.csv');
    const differing = corpus.headings.flatMap((h, i) => (h === BUCHUNGSSTAPEL_COLUMNS[i]!.name ? [] : [i + 1]));
    const zusatzInhalt = Array.from({ length: 20 }, (_, n) => 49 + 2 * n);
    // 39 Kost-Menge, 40/41 "(Bestimmung)", "Zusatzinformation- Inhalt n" (DATEV's v13 spelling), 97 USt, 103 Buchungs GUID
    // (was Leerfeld), 105 SEPA-Mandatsreferenz, 116 "Datum Zuord. Steuerperiode".
    expect(differing).toEqual([39, 40, 41, ...zusatzInhalt, 97, 103, 105, 116]);
  });

  it('Debitoren/Kreditoren headings equal the corpus version-5 file exactly, and the quoting of every column matches', () => {
    const corpus = read('ledermann-datev/EXTF_Stammdaten.csv');
    expect(DEBITOREN_HEADINGS).toBe(corpus.headings.join(';'));
    const meyer = customer({ id: 1, number: '', companyName: 'Meyer GmbH', country: null, language: null, paymentTermsDays: null, debitorAccount: '10001' });
    const ours = readExtf(
      writeDebitoren({ settings, customers: [meyer], from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false }).files[0]!.bytes,
    );
    const corpusRow = corpus.rows[1]!; // 70001 Meyer GmbH
    expect(ours.rows[0]!.map((f) => f.quoted)).toEqual(corpusRow.map((f) => f.quoted));
    expect(ours.rows[0]!.map((f) => f.value).filter(Boolean)).toEqual(['10001', 'Meyer GmbH', '2', 'Meyer GmbH']);
  });
});
