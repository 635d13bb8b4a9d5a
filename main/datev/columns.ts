// Column layouts of the two DATEV-Format files Abowerk writes (../shared/conformance/DATEV-EXTF.md):
// Buchungsstapel format version 13 (125 columns) and Debitoren/Kreditoren format version 5
// (254 columns). The heading line must be spelled exactly as DATEV's sample, including its
// inconsistencies ("Zusatzinformation - Art 1" next to "Zusatzinformation- Inhalt 1").
// `text` columns are quoted (an empty one is written as ""); all others are never quoted.

export type ColumnKind = 'text' | 'plain';

export interface ColumnDef {
  readonly name: string;
  readonly kind: ColumnKind;
}

const t = (name: string): ColumnDef => ({ name, kind: 'text' });
const p = (name: string): ColumnDef => ({ name, kind: 'plain' });

function beleginfo(): ColumnDef[] {
  const out: ColumnDef[] = [];
  for (let n = 1; n <= 8; n++) out.push(t(`Beleginfo - Art ${n}`), t(`Beleginfo - Inhalt ${n}`));
  return out;
}

function zusatzinformation(): ColumnDef[] {
  const out: ColumnDef[] = [];
  for (let n = 1; n <= 20; n++) out.push(t(`Zusatzinformation - Art ${n}`), t(`Zusatzinformation- Inhalt ${n}`));
  return out;
}

/** Buchungsstapel, format version 13: 125 columns. */
export const BUCHUNGSSTAPEL_COLUMNS: readonly ColumnDef[] = [
  p('Umsatz (ohne Soll/Haben-Kz)'), // 1
  t('Soll/Haben-Kennzeichen'),
  t('WKZ Umsatz'),
  p('Kurs'),
  p('Basis-Umsatz'), // 5
  t('WKZ Basis-Umsatz'),
  p('Konto'),
  p('Gegenkonto (ohne BU-Schlüssel)'),
  t('BU-Schlüssel'),
  p('Belegdatum'), // 10
  t('Belegfeld 1'),
  t('Belegfeld 2'),
  p('Skonto'),
  t('Buchungstext'),
  p('Postensperre'), // 15
  t('Diverse Adressnummer'),
  p('Geschäftspartnerbank'),
  p('Sachverhalt'),
  p('Zinssperre'),
  t('Beleglink'), // 20
  ...beleginfo(), // 21–36
  t('KOST1 - Kostenstelle'), // 37
  t('KOST2 - Kostenstelle'),
  p('Kost-Menge'),
  t('EU-Land u. UStID (Bestimmung)'), // 40
  p('EU-Steuersatz (Bestimmung)'),
  t('Abw. Versteuerungsart'),
  p('Sachverhalt L+L'),
  p('Funktionsergänzung L+L'),
  p('BU 49 Hauptfunktionstyp'), // 45
  p('BU 49 Hauptfunktionsnummer'),
  p('BU 49 Funktionsergänzung'),
  ...zusatzinformation(), // 48–87
  p('Stück'), // 88
  p('Gewicht'),
  p('Zahlweise'), // 90
  t('Forderungsart'),
  p('Veranlagungsjahr'),
  p('Zugeordnete Fälligkeit'),
  p('Skontotyp'),
  t('Auftragsnummer'), // 95
  t('Buchungstyp'),
  p('USt-Schlüssel (Anzahlungen)'),
  t('EU-Land (Anzahlungen)'),
  p('Sachverhalt L+L (Anzahlungen)'),
  p('EU-Steuersatz (Anzahlungen)'), // 100
  p('Erlöskonto (Anzahlungen)'),
  t('Herkunft-Kz'),
  t('Buchungs GUID'),
  p('KOST-Datum'),
  t('SEPA-Mandatsreferenz'), // 105
  p('Skontosperre'),
  t('Gesellschaftername'),
  p('Beteiligtennummer'),
  t('Identifikationsnummer'),
  t('Zeichnernummer'), // 110
  p('Postensperre bis'),
  t('Bezeichnung SoBil-Sachverhalt'),
  p('Kennzeichen SoBil-Buchung'),
  p('Festschreibung'),
  p('Leistungsdatum'), // 115
  p('Datum Zuord. Steuerperiode'),
  p('Fälligkeit'),
  t('Generalumkehr (GU)'),
  p('Steuersatz'),
  t('Land'), // 120
  t('Abrechnungsreferenz'),
  p('BVV-Position'),
  t('EU-Land u. UStID (Ursprung)'),
  p('EU-Steuersatz (Ursprung)'),
  p('Abw. Skontokonto'), // 125
];

/** 1-based column numbers of the Buchungsstapel fields Abowerk fills. */
export const COL = {
  umsatz: 1,
  sollHaben: 2,
  wkz: 3,
  konto: 7,
  gegenkonto: 8,
  buSchluessel: 9,
  belegdatum: 10,
  belegfeld1: 11,
  belegfeld2: 12,
  buchungstext: 14,
  beleginfoArt1: 21,
  beleginfoInhalt1: 22,
  euUstId: 40,
  auftragsnummer: 95,
  buchungsGuid: 103,
  sepaMandat: 105,
  festschreibung: 114,
  leistungsdatum: 115,
  faelligkeit: 117,
  generalumkehr: 118,
  steuersatz: 119,
  land: 120,
} as const;

function bank(n: number): ColumnDef[] {
  return [
    t(`Bankleitzahl ${n}`),
    t(`Bankbezeichnung ${n}`),
    t(`Bankkonto-Nummer ${n}`),
    t(`Länderkennzeichen ${n}`),
    t(`IBAN ${n}`),
    t(`Leerfeld ${n}`),
    t(`SWIFT-Code ${n}`),
    t(`Abw. Kontoinhaber ${n}`),
    p(`Kennz. Haupt-Bankverb. ${n}`),
    p(`Bankverb. ${n} Gültig von`),
    p(`Bankverb. ${n} Gültig bis`),
  ];
}

function range(from: number, to: number, make: (n: number) => ColumnDef): ColumnDef[] {
  const out: ColumnDef[] = [];
  for (let n = from; n <= to; n++) out.push(make(n));
  return out;
}

/** Debitoren/Kreditoren, format version 5: 254 columns. */
export const DEBITOREN_COLUMNS: readonly ColumnDef[] = [
  p('Konto'), // 1
  t('Name (Adressatentyp Unternehmen)'),
  t('Unternehmensgegenstand'),
  t('Name (Adressatentyp natürl. Person)'),
  t('Vorname (Adressatentyp natürl. Person)'), // 5
  t('Name (Adressatentyp keine Angabe)'),
  t('Adressatentyp'),
  t('Kurzbezeichnung'),
  t('EU-Land'),
  t('EU-USt-IdNr.'), // 10
  t('Anrede'),
  t('Titel/Akad. Grad'),
  t('Adelstitel'),
  t('Namensvorsatz'),
  t('Adressart'), // 15
  t('Straße'),
  t('Postfach'),
  t('Postleitzahl'),
  t('Ort'),
  t('Land'), // 20
  t('Versandzusatz'),
  t('Adresszusatz'),
  t('Abweichende Anrede'),
  t('Abw. Zustellbezeichnung 1'),
  t('Abw. Zustellbezeichnung 2'), // 25
  p('Kennz. Korrespondenzadresse'),
  p('Adresse Gültig von'),
  p('Adresse Gültig bis'),
  t('Telefon'),
  t('Bemerkung (Telefon)'), // 30
  t('Telefon Geschäftsleitung'),
  t('Bemerkung (Telefon GL)'),
  t('E-Mail'),
  t('Bemerkung (E-Mail)'),
  t('Internet'), // 35
  t('Bemerkung (Internet)'),
  t('Fax'),
  t('Bemerkung (Fax)'),
  t('Sonstige'),
  t('Bemerkung (Sonstige)'), // 40
  ...bank(1),
  ...bank(2),
  ...bank(3),
  ...bank(4),
  ...bank(5), // 41–95
  p('Leerfeld 11'), // 96
  t('Briefanrede'),
  t('Grußformel'),
  t('Kundennummer'),
  t('Steuernummer'), // 100
  p('Sprache'),
  t('Ansprechpartner'),
  t('Vertreter'),
  t('Sachbearbeiter'),
  p('Diverse-Konto'), // 105
  p('Ausgabeziel'),
  p('Währungssteuerung'),
  p('Kreditlimit (Debitor)'),
  p('Zahlungsbedingung'),
  p('Fälligkeit in Tagen (Debitor)'), // 110
  p('Skonto in Prozent (Debitor)'),
  p('Kreditoren-Ziel 1 (Tage)'),
  p('Kreditoren-Skonto 1 (%)'),
  p('Kreditoren-Ziel 2 (Tage)'),
  p('Kreditoren-Skonto 2 (%)'), // 115
  p('Kreditoren-Ziel 3 Brutto (Tage)'),
  p('Kreditoren-Ziel 4 (Tage)'),
  p('Kreditoren-Skonto 4 (%)'),
  p('Kreditoren-Ziel 5 (Tage)'),
  p('Kreditoren-Skonto 5 (%)'), // 120
  p('Mahnung'),
  p('Kontoauszug'),
  p('Mahntext'),
  p('Mahntext 2'),
  p('Mahntext 3'), // 125
  p('Kontoauszugstext'),
  p('Mahnlimit Betrag'),
  p('Mahnlimit %'),
  p('Zinsberechnung'),
  p('Mahnzinssatz 1'), // 130
  p('Mahnzinssatz 2'),
  p('Mahnzinssatz 3'),
  t('Lastschrift'),
  t('Verfahren'),
  p('Mandantenbank'), // 135
  t('Zahlungsträger'),
  ...range(1, 15, (n) => t(`Indiv. Feld ${n}`)), // 137–151
  t('Abweichende Anrede (Rechnungsadresse)'), // 152
  t('Adressart (Rechnungsadresse)'),
  t('Straße (Rechnungsadresse)'),
  t('Postfach (Rechnungsadresse)'), // 155
  t('Postleitzahl (Rechnungsadresse)'),
  t('Ort (Rechnungsadresse)'),
  t('Land (Rechnungsadresse)'),
  t('Versandzusatz (Rechnungsadresse)'),
  t('Adresszusatz (Rechnungsadresse)'), // 160
  t('Abw. Zustellbezeichnung 1 (Rechnungsadresse)'),
  t('Abw. Zustellbezeichnung 2 (Rechnungsadresse)'),
  p('Adresse Gültig von (Rechnungsadresse)'),
  p('Adresse Gültig bis (Rechnungsadresse)'),
  ...bank(6),
  ...bank(7),
  ...bank(8),
  ...bank(9),
  ...bank(10), // 165–219
  t('Nummer Fremdsystem'), // 220
  p('Insolvent'),
  ...range(1, 10, (n) => t(`SEPA-Mandatsreferenz ${n}`)), // 222–231
  p('Verknüpftes OPOS-Konto'), // 232
  p('Mahnsperre bis'),
  p('Lastschriftsperre bis'),
  p('Zahlungssperre bis'), // 235
  p('Gebührenberechnung'),
  p('Mahngebühr 1'),
  p('Mahngebühr 2'),
  p('Mahngebühr 3'),
  p('Pauschalberechnung'), // 240
  p('Verzugspauschale 1'),
  p('Verzugspauschale 2'),
  p('Verzugspauschale 3'),
  t('Alternativer Suchname'),
  p('Status'), // 245
  p('Anschrift manuell geändert (Korrespondenzadresse)'),
  t('Anschrift individuell (Korrespondenzadresse)'),
  p('Anschrift manuell geändert (Rechnungsadresse)'),
  t('Anschrift individuell (Rechnungsadresse)'),
  p('Fristberechnung bei Debitor'), // 250
  p('Mahnfrist 1'),
  p('Mahnfrist 2'),
  p('Mahnfrist 3'),
  p('Letzte Frist'),
];

/** 1-based column numbers of the Debitoren/Kreditoren fields Abowerk fills. */
export const DEB = {
  konto: 1,
  nameUnternehmen: 2,
  nameNatPerson: 4,
  vornameNatPerson: 5,
  adressatentyp: 7,
  kurzbezeichnung: 8,
  euLand: 9,
  euUstId: 10,
  adressart: 15,
  strasse: 16,
  plz: 18,
  ort: 19,
  land: 20,
  telefon: 29,
  email: 33,
  iban1: 45,
  swift1: 47,
  hauptBankverb1: 49,
  kundennummer: 99,
  sprache: 101,
  faelligkeitTage: 110,
} as const;
