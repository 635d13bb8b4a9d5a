// Pure rules of invoice documents: which § 14 UStG fields are missing, the texts printed for
// periods, references and payment, and the EPC/GiroCode payload. No database, no clock.
import { dec, formatMoney, toPlain } from '../../shared/money';
import { formatDate, formatPeriod } from '../../shared/dates';
import type { DocumentLine, InvoiceDocument, IssuerSnapshot, TaxSummaryRow } from './model';

const blank = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === '';

/** What § 14 Abs. 4 UStG asks of a document; an InvoiceDocument is one, and so is billing's draft before issuing. */
export interface MandatoryFacts {
  readonly kind: InvoiceDocument['kind'];
  readonly issuer: Pick<IssuerSnapshot, 'taxNumber' | 'vatId'> & NullableAddress;
  readonly recipient: { readonly vatId: string | null } & NullableAddress;
  readonly number: string | null;
  readonly issueDate: string | null;
  readonly refersTo: InvoiceDocument['refersTo'];
  readonly lines: readonly (Pick<DocumentLine, 'position' | 'description' | 'periodStart' | 'periodEnd' | 'serviceDate'> & { readonly quantity: string | null })[];
  readonly taxes: readonly Pick<TaxSummaryRow, 'treatment' | 'rate' | 'note'>[];
}

interface NullableAddress {
  readonly name: string | null;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
}

/**
 * The § 14 Abs. 4 UStG fields a document lacks, each named in German with where to fill it in.
 * The one list: billing refuses to issue while it is not empty (DOMAIN §7), before a number is
 * drawn, and the archive checks every document against it again.
 */
export function missingMandatoryFields(doc: MandatoryFacts): string[] {
  const missing: string[] = [];
  const { issuer, recipient } = doc;
  if (blank(issuer.name)) missing.push('Name des Rechnungsstellers (Firmenprofil)');
  if (blank(issuer.street) || blank(issuer.zip) || blank(issuer.city)) missing.push('Anschrift des Rechnungsstellers (Firmenprofil)');
  if (blank(issuer.taxNumber) && blank(issuer.vatId)) missing.push('Steuernummer oder USt-IdNr. des Rechnungsstellers (Firmenprofil)');
  if (blank(recipient.name)) missing.push('Name des Kunden');
  if (blank(recipient.street) || blank(recipient.zip) || blank(recipient.city)) missing.push(`Anschrift des Kunden${blank(recipient.name) ? '' : ` ${recipient.name}`}`);
  if (blank(doc.number)) missing.push('Rechnungsnummer');
  if (blank(doc.issueDate)) missing.push('Rechnungsdatum');
  if (doc.lines.length === 0) missing.push('mindestens eine Rechnungsposition');
  for (const line of doc.lines) {
    if (blank(line.description)) missing.push(`Bezeichnung der Position ${line.position}`);
    if (blank(line.quantity)) missing.push(`Menge der Position ${line.position}`);
    if (line.serviceDate === null && (line.periodStart === null || line.periodEnd === null)) {
      missing.push(`Leistungsdatum oder Leistungszeitraum der Position ${line.position}`);
    }
  }
  if (doc.taxes.length === 0) missing.push('Steuersatz und Steuerbetrag (oder Hinweis auf die Steuerbefreiung)');
  for (const tax of doc.taxes) {
    if (tax.treatment !== 'STANDARD' && blank(tax.note)) missing.push(`Hinweis auf die Steuerbefreiung (${tax.rate} %, Steuergruppe)`);
  }
  if (doc.taxes.some((t) => t.treatment === 'REVERSE_CHARGE')) {
    if (blank(recipient.vatId)) missing.push('USt-IdNr. des Kunden (Reverse Charge)');
    if (blank(issuer.vatId)) missing.push('USt-IdNr. des Rechnungsstellers (Reverse Charge, Firmenprofil)');
  }
  if (doc.kind === 'CANCELLATION' && doc.refersTo === null) missing.push('Nummer und Datum der stornierten Rechnung');
  return missing;
}

/** "Leistungszeitraum 01.06.–30.06.2020" or "Leistungsdatum 15.01.2026" under a line. */
export function lineServiceText(line: DocumentLine): string | null {
  if (line.periodStart !== null && line.periodEnd !== null) {
    return `Leistungszeitraum ${formatPeriod(line.periodStart, line.periodEnd)}`;
  }
  if (line.serviceDate !== null) return `Leistungsdatum ${formatDate(line.serviceDate)}`;
  return null;
}

/** The span of all lines' service dates, shown in the info block ("Leistungszeitraum"). */
export function documentServiceSpan(doc: InvoiceDocument): { from: string; to: string } | null {
  const dates = doc.lines.flatMap((l) => [l.periodStart, l.periodEnd, l.serviceDate]).filter((d): d is string => d !== null);
  if (dates.length === 0) return null;
  const sorted = [...dates].sort();
  return { from: sorted[0] as string, to: sorted[sorted.length - 1] as string };
}

export function serviceSpanText(doc: InvoiceDocument): string | null {
  const span = documentServiceSpan(doc);
  if (span === null) return null;
  return span.from === span.to ? formatDate(span.from) : formatPeriod(span.from, span.to);
}

/** "Storno zu Rechnung RE-2020-000002 vom 10.06.2020" (DOMAIN §7). */
export function referenceText(doc: InvoiceDocument): string | null {
  if (doc.refersTo === null) return null;
  const what = doc.kind === 'CANCELLATION' ? 'Storno zu Rechnung' : 'Bezug: Rechnung';
  return `${what} ${doc.refersTo.number} vom ${formatDate(doc.refersTo.issueDate)}`;
}

/** The sentence on payment under the totals, or null when nothing is to be paid. */
export function paymentText(doc: InvoiceDocument): string | null {
  const due = dec(doc.amountDue);
  if (doc.kind === 'CANCELLATION') {
    return 'Der Betrag wird Ihrem Kundenkonto gutgeschrieben und mit offenen oder künftigen Rechnungen verrechnet.';
  }
  if (doc.kind === 'CREDIT_NOTE' || due.isNegative()) {
    return 'Der Betrag wird Ihrem Kundenkonto gutgeschrieben.';
  }
  if (due.isZero()) {
    return dec(doc.creditApplied).isZero() ? null : 'Der Rechnungsbetrag ist vollständig mit Ihrem Guthaben verrechnet. Bitte überweisen Sie nichts.';
  }
  const amount = formatMoney(due, doc.currency);
  const dueDate = doc.payment.dueDate === null ? '' : ` bis zum ${formatDate(doc.payment.dueDate)}`;
  switch (doc.payment.method) {
    case 'TRANSFER':
      return `Bitte überweisen Sie ${amount}${dueDate} unter Angabe der Rechnungsnummer ${doc.number} auf das unten genannte Konto.`;
    case 'DIRECT_DEBIT':
      return `Der Betrag von ${amount} wird${doc.payment.dueDate === null ? '' : ` zum ${formatDate(doc.payment.dueDate)}`} per SEPA-Lastschrift von Ihrem Konto eingezogen.`;
    case 'OTHER':
      return `Bitte zahlen Sie ${amount}${dueDate}.`;
  }
}

// --- EPC / GiroCode --------------------------------------------------------------------

export interface EpcTransfer {
  readonly name: string;
  readonly iban: string;
  readonly bic: string | null;
  /** Amount in EUR, 0,01 … 999.999.999,99. */
  readonly amount: string;
  /** Unstructured remittance text (max. 140 characters). */
  readonly text: string;
}

const EPC_MAX_BYTES = 331;

/**
 * The payload of an EPC069-12 QR code (version 002, UTF-8, SCT). Lines are joined with LF;
 * the optional purpose and structured reference stay empty and the trailing
 * beneficiary-to-originator line is left out.
 */
export function epcPayload(transfer: EpcTransfer): string {
  const amount = dec(transfer.amount);
  if (amount.lessThan('0.01') || amount.greaterThan('999999999.99')) {
    throw new Error(`GiroCode: Betrag ${transfer.amount} liegt außerhalb von 0,01 bis 999.999.999,99`);
  }
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase(),
    truncate(transfer.name.trim(), 70),
    transfer.iban.replace(/\s+/g, '').toUpperCase(),
    `EUR${toPlain(amount, 2)}`,
    '',
    '',
    truncate(transfer.text.trim(), 140),
  ];
  const payload = lines.join('\n');
  if (new TextEncoder().encode(payload).length > EPC_MAX_BYTES) {
    throw new Error('GiroCode: Inhalt ist länger als 331 Byte');
  }
  return payload;
}

function truncate(value: string, max: number): string {
  return [...value].slice(0, max).join('');
}

/**
 * A GiroCode is printed only when the customer pays by transfer, something is due in EUR and
 * the issuer has an IBAN — never on a storno or credit note.
 */
export function giroCodeTransfer(doc: InvoiceDocument): EpcTransfer | null {
  const { issuer } = doc;
  if (doc.kind !== 'INVOICE' || doc.payment.method !== 'TRANSFER' || doc.currency !== 'EUR') return null;
  if (blank(issuer.iban) || !dec(doc.amountDue).greaterThan(0)) return null;
  return {
    name: issuer.name,
    iban: issuer.iban as string,
    bic: issuer.bic,
    amount: doc.amountDue,
    text: `${doc.number} Kd.-Nr. ${doc.recipient.customerNumber}`,
  };
}

/** The issuer's address in one line, as printed above the recipient's window. */
export function senderLine(issuer: IssuerSnapshot): string {
  return [issuer.name, issuer.street, `${issuer.zip} ${issuer.city}`].filter((s) => !blank(s)).join(' · ');
}

/** IBAN in groups of four, as printed. */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  DE: 'Deutschland',
  AT: 'Österreich',
  CH: 'Schweiz',
  FR: 'Frankreich',
  NL: 'Niederlande',
  BE: 'Belgien',
  LU: 'Luxemburg',
  IT: 'Italien',
  ES: 'Spanien',
  PL: 'Polen',
  DK: 'Dänemark',
  CZ: 'Tschechien',
  GB: 'Vereinigtes Königreich',
  US: 'Vereinigte Staaten',
};

/** Address lines of the recipient window; the country only when abroad. */
export function recipientAddressLines(doc: InvoiceDocument): string[] {
  const r = doc.recipient;
  const lines = [r.name];
  if (!blank(r.contact)) lines.push(r.contact as string);
  lines.push(r.street, `${r.zip} ${r.city}`);
  if (r.country !== doc.issuer.country) lines.push((COUNTRY_NAMES[r.country] ?? r.country).toUpperCase());
  return lines;
}
