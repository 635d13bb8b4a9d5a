// German names of input fields for the one-line summary of a validation error („Eingaben
// ungültig – Datum: …“). Forms show each message at its field; the summary is what a list
// filter, a dialog or the CLI shows, so it names the field in words, never as a schema path.
const LABELS: Readonly<Record<string, string>> = {
  accountLength: 'Sachkontenlänge',
  allocations: 'Zuordnungen',
  amount: 'Betrag',
  articleId: 'Artikel',
  articleNumber: 'Artikelnummer',
  bankAccountId: 'Bankkonto',
  bankName: 'Bank',
  bic: 'BIC',
  city: 'Ort',
  clientNumber: 'Mandantennummer',
  code: 'Kürzel',
  companyName: 'Firma',
  consultantNumber: 'Beraternummer',
  contractId: 'Vertrag',
  contractNumber: 'Vertragsnummer',
  currency: 'Währung',
  customerId: 'Kunde',
  date: 'Datum',
  debitorAccount: 'Debitorenkonto',
  description: 'Beschreibung',
  email: 'E-Mail',
  filePath: 'Datei',
  fileName: 'Dateiname',
  firstName: 'Vorname',
  fiscalYearStart: 'Beginn des Wirtschaftsjahres',
  from: 'Von',
  iban: 'IBAN',
  lastName: 'Nachname',
  name: 'Name',
  number: 'Nummer',
  phone: 'Telefon',
  price: 'Preis',
  productGroupId: 'Warengruppe',
  projectId: 'Projekt',
  quantity: 'Menge',
  rate: 'Steuersatz',
  reference: 'Verwendungszweck',
  search: 'Suche',
  startDate: 'Beginn',
  startValue: 'Startwert',
  street: 'Straße',
  taxGroupId: 'Steuergruppe',
  taxNumber: 'Steuernummer',
  text: 'Text',
  to: 'Bis',
  validFrom: 'Gültig ab',
  vatId: 'USt-IdNr.',
  website: 'Webseite',
  zip: 'PLZ',
};

/**
 * The field of a schema path in words: the last named segment, with the row of a list
 * („Gültig ab (Zeile 2)“); null when the field has no German name here (the message alone).
 */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  const names = path.filter((p): p is string => typeof p === 'string');
  const label = LABELS[names[names.length - 1] ?? ''];
  if (label === undefined) return null;
  const row = path.findLast((p): p is number => typeof p === 'number');
  return row === undefined ? label : `${label} (Zeile ${row + 1})`;
}
