// How the audit log (Protokolle) names what changed: each object type's fields by the labels of
// its own screen (translated where that screen is: customers, company profile), enum values and
// yes/no in words, dates as TT.MM.JJJJ. The log stores field names and raw values as written.
import { BANK_TX_STATE_LABELS } from '../../../shared/api/bank';
import { ARTICLE_KIND_LABELS, SUBSCRIPTION_UNIT_LABELS, TAX_TREATMENT_LABELS } from '../../../shared/api/catalog';
import { TRIAL_OUTCOME_LABELS } from '../../../shared/api/contracts';
import { PAYMENT_METHOD_LABELS } from '../../../shared/api/customers';
import { DEBITOR_MODE_LABELS } from '../../../shared/api/datev';
import { formatDate, formatPeriod, isIsoDate } from '../../../shared/dates';
import { dec, formatDecimal, fromPriceUnits } from '../../../shared/money';

/** The i18n functions the labels need (react-i18next's t and i18n.exists). */
export interface Translator {
  t(key: string): string;
  exists(key: string): boolean;
}

type Labels = Readonly<Record<string, string>>;

const PROFILE_SETTING = 'company.profile';

/** Settings are audited under their key; these are their names on their screens. */
const SETTING_LABELS: Labels = {
  'bank.autoBookThreshold': 'Schwelle für automatische Verbuchung',
  'billing.applyCredit': 'Guthaben mit neuen Rechnungen verrechnen',
  'activities.horizonDays': 'Vorlauf der Leistungen (Tage)',
  'datev.settings': 'DATEV-Einstellungen',
  'documents.settings': 'Belege und Briefkopf',
  'backup.keep': 'Aufbewahrte Sicherungen',
};

const CONTRACT_FIELDS: Labels = {
  number: 'Vertragsnummer',
  customerId: 'Kunden-ID',
  projectId: 'Projekt-ID',
  currency: 'Währung',
  startDate: 'Vertragsbeginn',
  intervalCount: 'Abrechnungsintervall (Anzahl)',
  intervalUnit: 'Abrechnungsintervall (Einheit)',
  billInAdvance: 'Rechnungsstellung im Voraus',
  trialCount: 'Testphase (Anzahl)',
  trialUnit: 'Testphase (Einheit)',
  trialOutcome: 'Nach der Testphase',
  minimumTermCount: 'Mindestlaufzeit (Anzahl)',
  minimumTermUnit: 'Mindestlaufzeit (Einheit)',
  renewalCount: 'Vertragsverlängerung (Anzahl)',
  renewalUnit: 'Vertragsverlängerung (Einheit)',
  noticeCount: 'Kündigungsfrist (Anzahl)',
  noticeUnit: 'Kündigungsfrist (Einheit)',
  billedUntil: 'Abgerechnet bis',
  endDate: 'Vertragsende',
  endReason: 'Grund des Vertragsendes',
  noticeReceivedOn: 'Kündigung eingegangen am',
  paymentMethod: 'Zahlungsart',
  discount: 'Rabatt %',
  discountFrom: 'Rabatt ab',
  discountUntil: 'Rabatt bis',
  notes: 'Notizen',
};

const ITEM_FIELDS: Labels = {
  contractId: 'Vertrags-ID',
  articleId: 'Artikel-ID',
  quantity: 'Menge',
  priceOverrideUnits: 'Preis netto',
  discount: 'Rabatt %',
  discountFrom: 'Rabatt ab',
  discountUntil: 'Rabatt bis',
  activeFrom: 'Aktiv ab',
  activeUntil: 'Aktiv bis',
  billFrom: 'Abrechnung ab',
};

/** Artikel, Preis, Steuergruppe, Warengruppe, Projekt. */
const CATALOG_FIELDS: Labels = {
  name: 'Name',
  articleNumber: 'Artikelnummer',
  projectNumber: 'Projektnummer',
  description: 'Beschreibung',
  kind: 'Art',
  unit: 'Einheit',
  productGroup: 'Warengruppe',
  projects: 'Projekte',
  variants: 'Preisvarianten',
  code: 'Kürzel',
  invoiceNote: 'Rechnungshinweis',
  accountSkr03: 'Erlöskonto SKR03',
  accountSkr04: 'Erlöskonto SKR04',
  requiresVatId: 'USt-IdNr. erforderlich',
  treatment: 'Steuerliche Behandlung',
  rates: 'Steuersätze',
  taxGroup: 'Steuergruppe',
};

const BANK_ACCOUNT_FIELDS: Labels = { iban: 'IBAN', name: 'Bezeichnung', datevAccount: 'DATEV-Konto' };

const DATEV_FIELDS: Labels = {
  consultantNumber: 'Beraternummer',
  clientNumber: 'Mandantennummer',
  fiscalYearStart: 'Beginn Wirtschaftsjahr',
  chart: 'Kontenrahmen',
  accountLength: 'Sachkontenlänge',
  bankAccount: 'Bankkonto',
  revenueAccounts: 'Erlöskonten',
  manualCreditAccount: 'Konto für Gutschriften',
  manualDebitAccount: 'Konto für Belastungen',
  feeAccount: 'Konto für Gebühren',
  debitorMode: 'Debitorenkonto',
  debitorRangeFrom: 'Debitorenbereich von',
  debitorRangeTo: 'Debitorenbereich bis',
  singleDebitor: 'Sammeldebitor',
  lockBookings: 'Festschreibung',
  initials: 'Diktatkürzel',
  currency: 'Währung',
};

const DOCUMENT_SETTINGS_FIELDS: Labels = {
  managingDirector: 'Geschäftsführung',
  registerEntry: 'Registereintrag',
  website: 'Website',
  letterhead: 'Briefkopf',
  footerNote: 'Fußzeile',
  logo: 'Logo',
  paymentTermsText: 'Zahlungsbedingungen',
  introText: 'Einleitungstext',
  closingText: 'Schlusstext',
};

/** Fields several objects share, and those whose audit records use German names already (ledger, bank, billing, jobs, …). */
const SHARED_FIELDS: Labels = {
  active: 'Aktiv',
  value: 'Wert',
  kunde: 'Kunde',
  rechnungen: 'Rechnungen',
  guthaben: 'Guthaben',
  automatisch: 'Automatisch verbucht',
  status: 'Status',
  rueckgaengig: 'Rückgängig gemacht',
  art: 'Art',
  betrag: 'Betrag',
  datum: 'Datum',
  text: 'Buchungstext',
  gegenbuchungZu: 'Gegenbuchung zu',
  vertrag: 'Vertrag',
  artikel: 'Artikel',
  zeitraum: 'Leistungszeitraum',
  netto: 'Netto',
  archiviert: 'Archiviert unter',
  sha256: 'SHA-256',
  zeitplan: 'Zeitplan',
  aktiv: 'Aktiv',
  storniertDurch: 'Storniert durch',
  storniertUndNeuAbgerechnet: 'Storniert und neu abgerechnet',
  rechnungslauf: 'Rechnungslauf',
  format: 'Format',
  startwert: 'Startwert',
};

const ENTITY_FIELDS: Readonly<Record<string, Labels>> = {
  Vertrag: CONTRACT_FIELDS,
  Vertragsposition: ITEM_FIELDS,
  Artikel: CATALOG_FIELDS,
  Preis: CATALOG_FIELDS,
  Steuergruppe: CATALOG_FIELDS,
  Warengruppe: CATALOG_FIELDS,
  Projekt: CATALOG_FIELDS,
  Bankkonto: BANK_ACCOUNT_FIELDS,
};

const SETTING_FIELDS: Readonly<Record<string, Labels>> = { 'datev.settings': DATEV_FIELDS, 'documents.settings': DOCUMENT_SETTINGS_FIELDS };

/** The translated section of an object's fields, where its screen is translated. */
function i18nSection(entity: string, entityId: string): string | null {
  if (entity === 'Kunde') return 'customers';
  if (entity === 'Einstellung' && entityId === PROFILE_SETTING) return 'company';
  return null;
}

export function auditFieldLabel(entity: string, entityId: string, field: string, tr: Translator): string {
  const section = i18nSection(entity, entityId);
  if (section && tr.exists(`${section}.${field}`)) return tr.t(`${section}.${field}`);
  const own = entity === 'Einstellung' ? SETTING_FIELDS[entityId] : ENTITY_FIELDS[entity];
  return own?.[field] ?? SHARED_FIELDS[field] ?? field;
}

/**
 * The object column: a setting by its name, a number range or job by its label (both come from
 * main: names maps their keys), anything else by its number.
 */
export function auditObjectLabel(entity: string, entityId: string, tr: Translator, names: Readonly<Record<string, string>> = {}): string {
  if (entity === 'Einstellung') return `${entity} ${entityId === PROFILE_SETTING ? tr.t('nav.companyProfile') : (SETTING_LABELS[entityId] ?? entityId)}`;
  if (entity === 'Nummernkreis' || entity === 'Auftrag') return `${entity} ${names[entityId] ?? entityId}`;
  return `${entity} ${entityId}`;
}

const UNIT_FIELDS = ['intervalUnit', 'trialUnit', 'minimumTermUnit', 'renewalUnit', 'noticeUnit'];
const AMOUNT_FIELDS = ['betrag', 'guthaben', 'netto'];
/** Amounts are recorded in the API's plain notation ("1234.5"). */
const PLAIN_AMOUNT = /^-?\d+(\.\d+)?$/;
const ISO_PERIOD = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

function enumLabels(field: string, tr: Translator): Labels | undefined {
  if (UNIT_FIELDS.includes(field)) return SUBSCRIPTION_UNIT_LABELS;
  switch (field) {
    case 'kind':
      return { COMPANY: tr.t('customers.kindCompany'), PERSON: tr.t('customers.kindPerson'), ...ARTICLE_KIND_LABELS };
    case 'paymentMethod':
      return PAYMENT_METHOD_LABELS;
    case 'language':
      return { de: 'Deutsch', en: 'Englisch' };
    case 'trialOutcome':
      return TRIAL_OUTCOME_LABELS;
    case 'treatment':
      return TAX_TREATMENT_LABELS;
    case 'status':
      return BANK_TX_STATE_LABELS;
    case 'debitorMode':
      return DEBITOR_MODE_LABELS;
    default:
      return undefined;
  }
}

function dateText(value: string): string | null {
  if (isIsoDate(value)) return formatDate(value);
  const period = ISO_PERIOD.exec(value);
  return period?.[1] && period[2] && isIsoDate(period[1]) && isIsoDate(period[2]) ? formatPeriod(period[1], period[2]) : null;
}

/** A recorded value as the user reads it on the object's screen. */
export function auditValueText(field: string, value: unknown, tr: Translator): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return tr.t(value ? 'common.yes' : 'common.no');
  if (field === 'priceOverrideUnits' && typeof value === 'number') return formatDecimal(fromPriceUnits(value), 2);
  if (typeof value === 'string') {
    const label = enumLabels(field, tr)?.[value];
    if (label !== undefined) return label;
    if (AMOUNT_FIELDS.includes(field) && PLAIN_AMOUNT.test(value)) return formatDecimal(dec(value), 2);
    return dateText(value) ?? value;
  }
  if (typeof value === 'number') return String(value);
  if (field === 'logo') return 'hinterlegt';
  if (Array.isArray(value)) return value.map((v) => auditValueText(field, v, tr)).join(', ');
  return JSON.stringify(value);
}
