// Writes the golden Buchungsstapel from the booking rules stated by hand below (not from the
// writer): each line is given sparsely as {column number: raw field}; every other column is
// empty, quoted "" where DATEV-EXTF.md §4 types the column as text. Run once:
//   node test/unit/datev/golden/make-golden.mjs
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

// Text columns of format version 13 (1-based), from the column table in DATEV-EXTF.md §4.
const TEXT = new Set([2, 3, 6, 9, 11, 12, 14, 16, 20, 40, 42, 91, 95, 96, 98, 102, 103, 105, 107, 109, 110, 112, 118, 120, 121, 123]);
for (let c = 21; c <= 38; c++) TEXT.add(c);
for (let c = 48; c <= 87; c++) TEXT.add(c);

// Buchungs GUID: sha256("abowerk-datev:" + company namespace), first 15 hex digits, then the
// line (3 hex digits) and the ledger entry id (12 hex digits).
const NS = createHash('sha256').update('abowerk-datev:golden-ns').digest('hex').slice(0, 15);
function guid(entry, line) {
  return `${NS.slice(0, 8)}-${NS.slice(8, 12)}-5${NS.slice(12, 15)}-8${line.toString(16).padStart(3, '0')}-${entry.toString(16).padStart(12, '0')}`;
}
const q = (s) => `"${s.replace(/"/g, '""')}"`;

function line(sparse) {
  const f = [];
  for (let c = 1; c <= 125; c++) f.push(c in sparse ? sparse[c] : TEXT.has(c) ? '""' : '');
  return f.join(';');
}

const lines = [
  '"EXTF";700;21;"Buchungsstapel";13;20260401093000000;;"AW";"Anna Admin";"";1001;10042;20260101;4;20260301;20260331;"Abowerk 01.03.2026-31.03.2026";"";1;0;0;"EUR";;"";;;"03";;;"";""',
  null, // heading line, inserted below from DATEV-EXTF.md's spelling
  // Invoice RE-2026-000001 (01.03.): 100,00 + 19 % and 50,00 + 7 % → debitor S against 8400 / 8300.
  line({ 1: '119,00', 2: q('S'), 3: q('EUR'), 7: '10001', 8: '8400', 10: '0103', 11: q('RE-2026-000001'), 14: q('Müller GmbH RE-2026-000001'), 103: q(guid(1, 1)), 114: '0', 115: '31032026', 117: '15032026' }),
  line({ 1: '53,50', 2: q('S'), 3: q('EUR'), 7: '10001', 8: '8300', 10: '0103', 11: q('RE-2026-000001'), 14: q('Müller GmbH RE-2026-000001'), 103: q(guid(1, 2)), 114: '0', 115: '31032026', 117: '15032026' }),
  // Invoice RE-2026-000002 (05.03.) to a person whose name has "Ł" (outside Windows-1252 → "L").
  line({ 1: '119,00', 2: q('S'), 3: q('EUR'), 7: '10002', 8: '8400', 10: '0503', 11: q('RE-2026-000002'), 14: q('Zoë Lukasiewicz RE-2026-000002'), 103: q(guid(3, 1)), 114: '0', 115: '31032026', 117: '19032026' }),
  // Payment 10.03. of 172,50 for RE-2026-000001: bank S against debitor, invoice number in Belegfeld 1.
  line({ 1: '172,50', 2: q('S'), 3: q('EUR'), 7: '1200', 8: '10001', 10: '1003', 11: q('RE-2026-000001'), 14: q('Zahlung Müller GmbH RE-2026-000001'), 21: q('Text Kundenkonto'), 22: q('Überweisung "März"'), 103: q(guid(2, 1)), 114: '0' }),
  // Cancellation ST-2026-000001 (20.03.) of RE-2026-000002: the reverse, debitor H; Belegfeld 1 = cancelled invoice.
  line({ 1: '119,00', 2: q('H'), 3: q('EUR'), 7: '10002', 8: '8400', 10: '2003', 11: q('RE-2026-000002'), 14: q('Zoë Lukasiewicz Storno ST-2026-000001 zu RE-2026-000002'), 21: q('Stornorechnung'), 22: q('ST-2026-000001'), 103: q(guid(4, 1)), 114: '0', 115: '31032026' }),
  // Manual Gutschrift 25.03. of 20,00 (not from the bank): debitor H against 8700.
  line({ 1: '20,00', 2: q('H'), 3: q('EUR'), 7: '10001', 8: '8700', 10: '2503', 14: q('Gutschrift Müller GmbH'), 21: q('Text Kundenkonto'), 22: q('Kulanz'), 103: q(guid(5, 1)), 114: '0' }),
  // Fee 26.03. of 5,00: debitor S against 2700, reference in Belegfeld 1.
  line({ 1: '5,00', 2: q('S'), 3: q('EUR'), 7: '10002', 8: '2700', 10: '2603', 11: q('RL-1'), 14: q('Gebühr Zoë Lukasiewicz RL-1'), 21: q('Text Kundenkonto'), 22: q('Rücklastschriftgebühr'), 103: q(guid(6, 1)), 114: '0' }),
  // Reverse-charge invoice RE-2026-000003 (27.03.): debitor S against 8337, customer's VAT ID in column 40.
  line({ 1: '1000,00', 2: q('S'), 3: q('EUR'), 7: '10003', 8: '8337', 10: '2703', 11: q('RE-2026-000003'), 14: q('Acme B.V. RE-2026-000003'), 40: q('NL123456789B01'), 103: q(guid(7, 1)), 114: '0', 115: '27032026', 117: '10042026' }),
];

const headings = [
  'Umsatz (ohne Soll/Haben-Kz)', 'Soll/Haben-Kennzeichen', 'WKZ Umsatz', 'Kurs', 'Basis-Umsatz', 'WKZ Basis-Umsatz', 'Konto',
  'Gegenkonto (ohne BU-Schlüssel)', 'BU-Schlüssel', 'Belegdatum', 'Belegfeld 1', 'Belegfeld 2', 'Skonto', 'Buchungstext', 'Postensperre',
  'Diverse Adressnummer', 'Geschäftspartnerbank', 'Sachverhalt', 'Zinssperre', 'Beleglink',
];
for (let n = 1; n <= 8; n++) headings.push(`Beleginfo - Art ${n}`, `Beleginfo - Inhalt ${n}`);
headings.push('KOST1 - Kostenstelle', 'KOST2 - Kostenstelle', 'Kost-Menge', 'EU-Land u. UStID (Bestimmung)', 'EU-Steuersatz (Bestimmung)',
  'Abw. Versteuerungsart', 'Sachverhalt L+L', 'Funktionsergänzung L+L', 'BU 49 Hauptfunktionstyp', 'BU 49 Hauptfunktionsnummer', 'BU 49 Funktionsergänzung');
for (let n = 1; n <= 20; n++) headings.push(`Zusatzinformation - Art ${n}`, `Zusatzinformation- Inhalt ${n}`);
headings.push('Stück', 'Gewicht', 'Zahlweise', 'Forderungsart', 'Veranlagungsjahr', 'Zugeordnete Fälligkeit', 'Skontotyp', 'Auftragsnummer',
  'Buchungstyp', 'USt-Schlüssel (Anzahlungen)', 'EU-Land (Anzahlungen)', 'Sachverhalt L+L (Anzahlungen)', 'EU-Steuersatz (Anzahlungen)',
  'Erlöskonto (Anzahlungen)', 'Herkunft-Kz', 'Buchungs GUID', 'KOST-Datum', 'SEPA-Mandatsreferenz', 'Skontosperre', 'Gesellschaftername',
  'Beteiligtennummer', 'Identifikationsnummer', 'Zeichnernummer', 'Postensperre bis', 'Bezeichnung SoBil-Sachverhalt', 'Kennzeichen SoBil-Buchung',
  'Festschreibung', 'Leistungsdatum', 'Datum Zuord. Steuerperiode', 'Fälligkeit', 'Generalumkehr (GU)', 'Steuersatz', 'Land',
  'Abrechnungsreferenz', 'BVV-Position', 'EU-Land u. UStID (Ursprung)', 'EU-Steuersatz (Ursprung)', 'Abw. Skontokonto');
if (headings.length !== 125) throw new Error(`headings: ${headings.length}`);
lines[1] = headings.join(';');

const out = new URL('./EXTF_Buchungsstapel_golden.csv', import.meta.url);
writeFileSync(out, iconv.encode(lines.join('\r\n') + '\r\n', 'win1252'));
process.stderr.write(`written ${out.pathname}\n`);
