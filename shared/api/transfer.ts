// Import (CSV wizard), full data export and backup/restore: channels, DTOs and the field
// definitions of the three import targets (customers, articles with price variants,
// contracts with items). Header aliases are compared after normalising (lower case, umlauts
// folded, everything but letters and digits removed).
import { channel } from './define';
import { idSchema, z } from './zod-de';

export const IMPORT_ENCODINGS = ['UTF-8', 'Windows-1252', 'ISO-8859-1', 'UTF-16LE'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export const CSV_SEPARATORS = [';', ',', '\t'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];
export const IMPORT_TARGETS = ['customers', 'articles', 'contracts'] as const;
export type ImportTargetKey = (typeof IMPORT_TARGETS)[number];
export const IMPORT_TARGET_LABELS: Readonly<Record<ImportTargetKey, string>> = {
  customers: 'Kunden',
  articles: 'Artikel mit Preisvarianten',
  contracts: 'Verträge mit Positionen',
};

export type FieldType = 'text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'enum';

export interface ImportFieldDef {
  readonly key: string;
  /** German column title; the export writes it, so an exported file maps back by itself. */
  readonly label: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Header spellings (German and English) that map to this field automatically. */
  readonly aliases: readonly string[];
  /** enum: accepted spellings (normalised) → code. */
  readonly options?: Readonly<Record<string, string>>;
  /** Grouped targets: 'line' fields repeat per row (price variant, contract item). */
  readonly part?: 'head' | 'line';
}

const KIND_OPTIONS = { company: 'COMPANY', firma: 'COMPANY', unternehmen: 'COMPANY', person: 'PERSON', privatperson: 'PERSON', privat: 'PERSON', privatkunde: 'PERSON' };
const PAYMENT_OPTIONS = {
  transfer: 'TRANSFER', ueberweisung: 'TRANSFER', rechnung: 'TRANSFER', banktransfer: 'TRANSFER',
  directdebit: 'DIRECT_DEBIT', lastschrift: 'DIRECT_DEBIT', sepalastschrift: 'DIRECT_DEBIT', sepa: 'DIRECT_DEBIT',
  creditcard: 'CREDIT_CARD', kreditkarte: 'CREDIT_CARD', paypal: 'PAYPAL',
};
const LANGUAGE_OPTIONS = { de: 'de', deutsch: 'de', german: 'de', en: 'en', englisch: 'en', english: 'en' };

/** Payment methods as the export writes them (and the import reads them back). */
export const PAYMENT_METHOD_EXPORT_LABELS: Readonly<Record<string, string>> = {
  TRANSFER: 'Überweisung',
  DIRECT_DEBIT: 'Lastschrift',
  CREDIT_CARD: 'Kreditkarte',
  PAYPAL: 'PayPal',
};

export const CUSTOMER_IMPORT_FIELDS: readonly ImportFieldDef[] = [
  { key: 'number', label: 'Kundennummer', type: 'text', aliases: ['kundennummer', 'kundennr', 'kdnr', 'knr', 'customernumber', 'customerno', 'customerid', 'customer', 'nummer', 'number', 'nr'] },
  { key: 'kind', label: 'Art', type: 'enum', options: KIND_OPTIONS, aliases: ['art', 'kundenart', 'typ', 'kundentyp', 'kind', 'type', 'customertype'] },
  { key: 'companyName', label: 'Firma', type: 'text', aliases: ['firma', 'firmenname', 'unternehmen', 'company', 'companyname', 'organisation', 'organization'] },
  { key: 'firstName', label: 'Vorname', type: 'text', aliases: ['vorname', 'firstname', 'givenname', 'first'] },
  { key: 'lastName', label: 'Nachname', type: 'text', aliases: ['nachname', 'familienname', 'lastname', 'surname', 'familyname', 'name', 'last'] },
  { key: 'street', label: 'Straße', type: 'text', aliases: ['strasse', 'str', 'strassehausnummer', 'strassenr', 'anschrift', 'adresse', 'street', 'address', 'streetaddress', 'address1'] },
  { key: 'zip', label: 'PLZ', type: 'text', aliases: ['plz', 'postleitzahl', 'zip', 'zipcode', 'postalcode', 'postcode'] },
  { key: 'city', label: 'Ort', type: 'text', aliases: ['ort', 'stadt', 'wohnort', 'city', 'town'] },
  { key: 'country', label: 'Land', type: 'text', aliases: ['land', 'laendercode', 'landiso', 'country', 'countrycode'] },
  { key: 'email', label: 'E-Mail', type: 'text', aliases: ['email', 'emailadresse', 'mail', 'emailaddress'] },
  { key: 'phone', label: 'Telefon', type: 'text', aliases: ['telefon', 'tel', 'telefonnummer', 'phone', 'phonenumber', 'telephone'] },
  { key: 'vatId', label: 'USt-IdNr.', type: 'text', aliases: ['ustidnr', 'ustid', 'ustidnummer', 'umsatzsteuerid', 'umsatzsteueridentifikationsnummer', 'vatid', 'vatnumber', 'vat'] },
  { key: 'language', label: 'Sprache', type: 'enum', options: LANGUAGE_OPTIONS, aliases: ['sprache', 'language'] },
  { key: 'paymentMethod', label: 'Zahlungsart', type: 'enum', options: PAYMENT_OPTIONS, aliases: ['zahlungsart', 'zahlweise', 'zahlungsmethode', 'paymentmethod', 'payment'] },
  { key: 'paymentTermsDays', label: 'Zahlungsziel (Tage)', type: 'integer', aliases: ['zahlungszieltage', 'zahlungsziel', 'paymenttermsdays', 'paymentterms', 'termsdays'] },
  { key: 'iban', label: 'IBAN', type: 'text', aliases: ['iban', 'kontonummeriban'] },
  { key: 'bic', label: 'BIC', type: 'text', aliases: ['bic', 'swift', 'swiftbic', 'swiftcode'] },
  { key: 'notes', label: 'Notizen', type: 'text', aliases: ['notizen', 'notiz', 'bemerkung', 'bemerkungen', 'anmerkungen', 'kommentar', 'notes', 'note', 'comment', 'comments'] },
  { key: 'debitorAccount', label: 'Debitorenkonto', type: 'text', aliases: ['debitorenkonto', 'debitor', 'debitorennummer', 'debtoraccount', 'debitoraccount'] },
  { key: 'collectiveInvoicing', label: 'Sammelrechnung', type: 'boolean', aliases: ['sammelrechnung', 'collectiveinvoicing', 'collectiveinvoice'] },
];

export const ARTICLE_IMPORT_FIELDS: readonly ImportFieldDef[] = [
  { key: 'number', label: 'Artikelnummer', type: 'text', required: true, part: 'head', aliases: ['artikelnummer', 'artikelnr', 'artnr', 'articlenumber', 'articleno', 'sku', 'nummer', 'number'] },
  { key: 'name', label: 'Bezeichnung', type: 'text', required: true, part: 'head', aliases: ['bezeichnung', 'artikelname', 'artikel', 'name', 'articlename', 'title'] },
  { key: 'description', label: 'Beschreibung', type: 'text', part: 'head', aliases: ['beschreibung', 'description', 'text'] },
  { key: 'kind', label: 'Artikelart', type: 'enum', part: 'head', aliases: ['artikelart', 'art', 'typ', 'kind', 'type'],
    options: { abo: 'SUBSCRIPTION', aboartikel: 'SUBSCRIPTION', subscription: 'SUBSCRIPTION', wiederkehrend: 'SUBSCRIPTION', einmalig: 'ONE_TIME', einmalartikel: 'ONE_TIME', onetime: 'ONE_TIME' } },
  { key: 'unit', label: 'Einheit', type: 'text', required: true, part: 'head', aliases: ['einheit', 'unit', 'me', 'mengeneinheit'] },
  { key: 'productGroup', label: 'Warengruppe', type: 'text', required: true, part: 'head', aliases: ['warengruppe', 'productgroup', 'gruppe', 'group'] },
  { key: 'projects', label: 'Projekte', type: 'text', part: 'head', aliases: ['projekte', 'projekt', 'projects', 'project'] },
  { key: 'price', label: 'Preis netto', type: 'decimal', required: true, part: 'line', aliases: ['preisnetto', 'nettopreis', 'preis', 'einzelpreis', 'price', 'netprice', 'unitprice'] },
  { key: 'currency', label: 'Währung', type: 'text', part: 'line', aliases: ['waehrung', 'currency', 'wkz'] },
  { key: 'minQuantity', label: 'Mindestmenge', type: 'decimal', part: 'line', aliases: ['mindestmenge', 'abmenge', 'minquantity', 'minimumquantity', 'minqty'] },
  { key: 'validFrom', label: 'Gültig ab', type: 'date', part: 'line', aliases: ['gueltigab', 'gueltigvon', 'validfrom', 'from'] },
];

export const CONTRACT_IMPORT_FIELDS: readonly ImportFieldDef[] = [
  { key: 'number', label: 'Vertragsnummer', type: 'text', required: true, part: 'head', aliases: ['vertragsnummer', 'vertragsnr', 'contractnumber', 'contractno', 'vertrag', 'contract'] },
  { key: 'customerNumber', label: 'Kundennummer', type: 'text', required: true, part: 'head', aliases: ['kundennummer', 'kundennr', 'kdnr', 'customernumber', 'customerno', 'customer'] },
  { key: 'project', label: 'Projekt', type: 'text', part: 'head', aliases: ['projekt', 'projektnummer', 'project', 'projectnumber'] },
  { key: 'startDate', label: 'Vertragsbeginn', type: 'date', required: true, part: 'head', aliases: ['vertragsbeginn', 'beginn', 'start', 'startdatum', 'startdate', 'begin'] },
  { key: 'intervalCount', label: 'Intervall Anzahl', type: 'integer', required: true, part: 'head', aliases: ['intervallanzahl', 'intervall', 'abrechnungsintervall', 'intervalcount', 'interval'] },
  { key: 'intervalUnit', label: 'Intervall Einheit', type: 'enum', required: true, part: 'head', aliases: ['intervalleinheit', 'intervallunit', 'intervalunit', 'unit'],
    options: { tag: 'DAY', tage: 'DAY', day: 'DAY', days: 'DAY', woche: 'WEEK', wochen: 'WEEK', week: 'WEEK', weeks: 'WEEK', monat: 'MONTH', monate: 'MONTH', month: 'MONTH', months: 'MONTH', jahr: 'YEAR', jahre: 'YEAR', year: 'YEAR', years: 'YEAR' } },
  { key: 'billInAdvance', label: 'Im Voraus', type: 'boolean', part: 'head', aliases: ['imvoraus', 'rechnungsstellungimvoraus', 'vorauszahlung', 'billinadvance', 'inadvance'] },
  { key: 'currency', label: 'Währung', type: 'text', part: 'head', aliases: ['waehrung', 'currency'] },
  { key: 'billedUntil', label: 'Abgerechnet bis', type: 'date', part: 'head', aliases: ['abgerechnetbis', 'billeduntil'] },
  { key: 'articleNumber', label: 'Artikelnummer', type: 'text', required: true, part: 'line', aliases: ['artikelnummer', 'artikelnr', 'artnr', 'articlenumber', 'article', 'artikel'] },
  { key: 'quantity', label: 'Menge', type: 'decimal', part: 'line', aliases: ['menge', 'anzahl', 'quantity', 'qty'] },
  { key: 'priceOverride', label: 'Abweichender Preis', type: 'decimal', part: 'line', aliases: ['abweichenderpreis', 'sonderpreis', 'preis', 'priceoverride', 'price'] },
  { key: 'discount', label: 'Rabatt %', type: 'decimal', part: 'line', aliases: ['rabatt', 'rabattprozent', 'discount', 'discountpercent'] },
  { key: 'billFrom', label: 'Abrechnung ab', type: 'date', part: 'line', aliases: ['abrechnungab', 'billfrom'] },
];

export const IMPORT_FIELDS: Readonly<Record<ImportTargetKey, readonly ImportFieldDef[]>> = {
  customers: CUSTOMER_IMPORT_FIELDS,
  articles: ARTICLE_IMPORT_FIELDS,
  contracts: CONTRACT_IMPORT_FIELDS,
};

/** Field key → column title of the file (null = not imported). */
export type ColumnMapping = Readonly<Record<string, string | null>>;

export interface FieldMessage {
  /** Field key, or 'row' for the whole row. */
  readonly field: string;
  readonly label: string;
  readonly message: string;
}

export type RowStatus = 'new' | 'update' | 'skip' | 'invalid';
export const ROW_STATUS_LABELS: Readonly<Record<RowStatus, string>> = {
  new: 'neu',
  update: 'aktualisieren',
  skip: 'vorhanden (übersprungen)',
  invalid: 'fehlerhaft',
};

export interface PreviewRow {
  /** Line in the file (header = 1). */
  readonly line: number;
  readonly status: RowStatus;
  /** Field key → the cell as read (after mapping). */
  readonly values: Readonly<Record<string, string>>;
  readonly messages: readonly FieldMessage[];
}

export interface ImportTotals {
  readonly rows: number;
  readonly new: number;
  readonly update: number;
  readonly skip: number;
  readonly invalid: number;
}

export interface AnalyzeResult {
  readonly fileId: string;
  readonly fileName: string;
  readonly byteLength: number;
  readonly detectedEncoding: ImportEncoding;
  readonly encoding: ImportEncoding;
  readonly detectedSeparator: CsvSeparator;
  readonly separator: CsvSeparator;
  readonly header: readonly string[];
  readonly rowCount: number;
  /** Automatic mapping from the header (German and English titles). */
  readonly mapping: ColumnMapping;
  /** The first rows as read, for a quick look at the encoding. */
  readonly sample: readonly (readonly string[])[];
}

export interface PreviewResult {
  readonly rows: readonly PreviewRow[];
  readonly totals: ImportTotals;
}

export interface ImportResult {
  readonly totals: ImportTotals;
  /** Rows written (0 in strict mode when any row is invalid, or when cancelled). */
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  readonly cancelled: boolean;
  readonly strictRefused: boolean;
  /** CSV of the invalid rows with a "Fehler" column, base64 (null when there are none). */
  readonly errorReport: { readonly fileName: string; readonly base64: string } | null;
}

export interface ImportProfileDto {
  readonly id: number;
  readonly target: ImportTargetKey;
  readonly name: string;
  readonly mapping: ColumnMapping;
  readonly encoding: ImportEncoding | null;
  readonly separator: CsvSeparator | null;
  readonly updatedAt: string;
}

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_CSV_ENCODINGS = ['Windows-1252', 'UTF-8-BOM'] as const;
export type ExportCsvEncoding = (typeof EXPORT_CSV_ENCODINGS)[number];

export interface ExportFile {
  readonly dataset: string;
  readonly label: string;
  readonly fileName: string;
  readonly rows: number;
  readonly base64: string;
}

export interface ExportResult {
  readonly files: readonly ExportFile[];
  /** Datasets whose tables do not exist in this company file (area not installed). */
  readonly absent: readonly string[];
  /** German notes for the user, e.g. characters Windows-1252 cannot hold. */
  readonly warnings: readonly string[];
}

export interface BackupDto {
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly createdAt: string;
}

export interface RestoreResult {
  readonly restoredFrom: string;
  readonly safetyCopy: string;
  readonly integrity: string;
}

const encodingSchema = z.enum(IMPORT_ENCODINGS, { error: 'Unbekannte Kodierung' });
const separatorSchema = z.enum(CSV_SEPARATORS, { error: 'Trennzeichen: Semikolon, Komma oder Tabulator' });
const targetSchema = z.enum(IMPORT_TARGETS, { error: 'Unbekanntes Importziel' });
const mappingSchema = z.record(z.string(), z.string().nullable());
const fileIdSchema = z.string().min(1, { message: 'Datei fehlt – bitte erneut auswählen' });

const importOptions = {
  fileId: fileIdSchema,
  target: targetSchema,
  encoding: encodingSchema,
  separator: separatorSchema,
  mapping: mappingSchema,
  updateExisting: z.boolean().default(false),
};

export const transferChannels = {
  'transfer.analyze': channel<AnalyzeResult>()(
    z.object({
      fileName: z.string().min(1).max(260),
      /** File bytes, base64; the size limit is checked on the encoded length before decoding. */
      dataBase64: z.string(),
      target: targetSchema,
      encoding: encodingSchema.nullish(),
      separator: separatorSchema.nullish(),
    }),
  ),
  'transfer.preview': channel<PreviewResult>()(
    z.object({ ...importOptions, limit: z.number().int().min(1).max(500).default(100), jobId: z.string().min(1).max(100).optional() }),
  ),
  'transfer.import': channel<ImportResult>()(
    z.object({ ...importOptions, strict: z.boolean().default(false), jobId: z.string().min(1).max(100).optional() }),
  ),
  'transfer.cancel': channel<{ readonly cancelled: boolean }>()(z.object({ jobId: z.string().min(1) })),
  'transfer.profiles': channel<readonly ImportProfileDto[]>()(z.object({ target: targetSchema })),
  'transfer.saveProfile': channel<ImportProfileDto>()(
    z.object({
      target: targetSchema,
      name: z.string({ error: 'Name des Profils fehlt' }).trim().min(1, { message: 'Name des Profils fehlt' }).max(100),
      mapping: mappingSchema,
      encoding: encodingSchema.nullish(),
      separator: separatorSchema.nullish(),
    }),
  ),
  'transfer.deleteProfile': channel<null>()(z.object({ id: idSchema })),
  'transfer.export': channel<ExportResult>()(
    z.object({ format: z.enum(EXPORT_FORMATS).default('csv'), csvEncoding: z.enum(EXPORT_CSV_ENCODINGS).default('Windows-1252') }),
  ),
  'transfer.backups': channel<readonly BackupDto[]>()(z.object({})),
  'transfer.backup': channel<BackupDto>()(z.object({})),
  'transfer.restore': channel<RestoreResult>()(
    z.object({
      path: z.string().min(1, { message: 'Sicherung fehlt' }),
      confirm: z.literal(true, { error: 'Die Wiederherstellung muss bestätigt werden' }),
    }),
  ),
};
