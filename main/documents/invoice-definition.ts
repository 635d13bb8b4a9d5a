// The one pdfmake layout for invoices, stornos and credit notes (DOMAIN §7): letterhead, sender
// line and address window (DIN 5008 style), info block, line table with a header row repeated
// on every page, totals per tax rate, notes, payment block with GiroCode, and a footer with
// every company detail § 14 UStG and the HGB ask for plus "Seite x von y".
import { dec, formatDecimal, formatMoney, formatPercent, formatUnitPrice } from '../../shared/money';
import { formatDate } from '../../shared/dates';
import { epcQrMatrix, qrRects } from './epc-qr';
import { DOCUMENT_TITLES, type DocumentLine, type InvoiceDocument, type TaxSummaryRow } from './model';
import type { PdfContent, PdfDocDefinition, PdfNode } from './pdf-types';
import {
  epcPayload,
  formatIban,
  giroCodeTransfer,
  lineServiceText,
  paymentText,
  recipientAddressLines,
  referenceText,
  senderLine,
  serviceSpanText,
} from './rules';

export const SANDBOX_WATERMARK = 'MUSTER – Sandbox';
export const FONT_FAMILY = 'Roboto';

const MM = 72 / 25.4;
const GREY = '#555555';
const LIGHT = '#e6e6e6';
const ACCENT = '#1f3a5f';
const QR_SIZE = 84;

const NUMBER_LABEL = { INVOICE: 'Rechnungsnummer', CANCELLATION: 'Stornorechnungsnr.', CREDIT_NOTE: 'Gutschriftsnummer' } as const;
const DATE_LABEL = { INVOICE: 'Rechnungsdatum', CANCELLATION: 'Stornodatum', CREDIT_NOTE: 'Gutschriftsdatum' } as const;
const TOTAL_LABEL = { INVOICE: 'Rechnungsbetrag', CANCELLATION: 'Stornobetrag', CREDIT_NOTE: 'Gutschriftsbetrag' } as const;

export function buildInvoiceDefinition(doc: InvoiceDocument): PdfDocDefinition {
  const title = `${DOCUMENT_TITLES[doc.kind]} ${doc.number}`;
  const definition: PdfDocDefinition = {
    pageSize: 'A4',
    pageMargins: [25 * MM, 22 * MM, 20 * MM, 34 * MM],
    language: 'de-DE',
    info: {
      title,
      author: doc.issuer.name,
      subject: `${title} vom ${formatDate(doc.issueDate)}`,
      creator: 'Abowerk',
      producer: 'Abowerk (pdfmake)',
      // Fixed from the document itself so the same document always renders to the same bytes.
      creationDate: new Date(`${doc.issueDate}T00:00:00Z`),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: 9, lineHeight: 1.15, color: '#111111' },
    styles: {
      small: { fontSize: 7.5, color: GREY },
      title: { fontSize: 16, bold: true, color: ACCENT },
      tableHeader: { bold: true, fontSize: 8.5, color: '#ffffff', fillColor: ACCENT },
      label: { color: GREY },
      total: { bold: true, fontSize: 10 },
    },
    header: (currentPage) => (currentPage === 1 ? null : continuationHeader(doc)),
    footer: (currentPage, pageCount) => footer(doc, currentPage, pageCount),
    content: [
      letterhead(doc),
      addressAndInfo(doc),
      titleBlock(doc),
      ...(doc.introText ? [{ text: doc.introText, margin: [0, 0, 0, 8] }] : []),
      lineTable(doc),
      totals(doc),
      ...notes(doc),
      paymentBlock(doc),
      ...(doc.closingText ? [{ text: doc.closingText, margin: [0, 12, 0, 0] }] : []),
    ],
  };
  if (doc.issuer.logo) {
    return { ...definition, images: { logo: `data:${doc.issuer.logo.mime};base64,${doc.issuer.logo.base64}` }, ...sandboxMark(doc) };
  }
  return { ...definition, ...sandboxMark(doc) };
}

function sandboxMark(doc: InvoiceDocument): { watermark?: PdfNode } {
  return doc.sandbox ? { watermark: { text: SANDBOX_WATERMARK, color: '#c62828', opacity: 0.2, bold: true, fontSize: 64 } } : {};
}

function money(doc: InvoiceDocument, value: string): string {
  return formatMoney(dec(value), doc.currency);
}

function quantity(value: string): string {
  const q = dec(value);
  return formatDecimal(q, Math.min(q.decimalPlaces(), 4));
}

function letterhead(doc: InvoiceDocument): PdfContent {
  const { issuer } = doc;
  const brand: PdfContent = issuer.logo
    ? { image: 'logo', fit: [170, 56], alignment: 'right' }
    : { text: issuer.name, fontSize: 15, bold: true, color: ACCENT, alignment: 'right' };
  const lines = issuer.letterhead.map((line) => ({ text: line, style: 'small', alignment: 'right' }));
  return { stack: [brand, ...lines], margin: [0, 0, 0, 6], minHeight: 62 };
}

function addressAndInfo(doc: InvoiceDocument): PdfContent {
  const address: PdfContent = {
    width: 85 * MM,
    stack: [
      { text: senderLine(doc.issuer), fontSize: 6.5, color: GREY, decoration: 'underline', margin: [0, 0, 0, 6] },
      ...recipientAddressLines(doc).map((line) => ({ text: line, fontSize: 10 })),
    ],
  };
  const rows: [string, string][] = [
    [NUMBER_LABEL[doc.kind], doc.number],
    [DATE_LABEL[doc.kind], formatDate(doc.issueDate)],
    ['Kundennummer', doc.recipient.customerNumber],
  ];
  if (doc.contractNumber) rows.push(['Vertragsnummer', doc.contractNumber]);
  const span = serviceSpanText(doc);
  if (span) rows.push([span.includes('–') ? 'Leistungszeitraum' : 'Leistungsdatum', span]);
  if (doc.recipient.vatId) rows.push(['Ihre USt-IdNr.', doc.recipient.vatId]);
  if (doc.kind === 'INVOICE' && doc.payment.dueDate && dec(doc.amountDue).greaterThan(0)) rows.push(['Fällig am', formatDate(doc.payment.dueDate)]);
  const info: PdfContent = {
    width: '*',
    margin: [20, 10, 0, 0],
    table: {
      widths: ['auto', '*'],
      body: rows.map(([label, value]) => [
        { text: label, style: 'label' },
        { text: value, alignment: 'right' },
      ]),
    },
    layout: 'noBorders',
  };
  return { columns: [address, info], columnGap: 10, margin: [0, 0, 0, 26], minHeight: 45 * MM };
}

function titleBlock(doc: InvoiceDocument): PdfContent {
  const reference = referenceText(doc);
  return {
    stack: [
      { text: `${DOCUMENT_TITLES[doc.kind]} Nr. ${doc.number}`, style: 'title' },
      ...(reference ? [{ text: reference, bold: true, margin: [0, 3, 0, 0] }] : []),
    ],
    margin: [0, 0, 0, 10],
  };
}

function continuationHeader(doc: InvoiceDocument): PdfContent {
  return {
    columns: [
      { text: `${DOCUMENT_TITLES[doc.kind]} ${doc.number} vom ${formatDate(doc.issueDate)}`, style: 'small' },
      { text: doc.issuer.name, style: 'small', alignment: 'right' },
    ],
    margin: [25 * MM, 12 * MM, 20 * MM, 0],
  };
}

export const LINE_TABLE_HEADERS = ['Pos.', 'Leistung', 'Menge', 'Einheit', 'Einzelpreis', 'USt', 'Betrag (netto)'] as const;

const onlySmallBusiness = (doc: InvoiceDocument): boolean => doc.taxes.length > 0 && doc.taxes.every((t) => t.treatment === 'KLEINUNTERNEHMER');

/**
 * A Kleinunternehmer invoice (§ 19 UStG, DOMAIN S8) shows 0 % USt per line but no tax line; with
 * no tax charged its amounts are not "netto".
 */
function lineTableHeaders(doc: InvoiceDocument): readonly string[] {
  return onlySmallBusiness(doc) ? [...LINE_TABLE_HEADERS.slice(0, -1), 'Betrag'] : LINE_TABLE_HEADERS;
}

function lineTable(doc: InvoiceDocument): PdfContent {
  const header = lineTableHeaders(doc).map((text, i) => ({ text, style: 'tableHeader', alignment: i >= 2 && i !== 3 ? 'right' : 'left' }));
  const body = doc.lines.map((line) => lineRow(doc, line));
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [22, '*', 38, 50, 58, 30, 64],
      body: [header, ...body],
    },
    layout: {
      hLineWidth: (i: number) => (i <= 1 ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: () => LIGHT,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  };
}

function lineRow(doc: InvoiceDocument, line: DocumentLine): PdfContent[] {
  const service = lineServiceText(line);
  const details: PdfContent[] = [{ text: line.description }];
  if (service) details.push({ text: service, style: 'small' });
  if (line.discountPercent && !dec(line.discountPercent).isZero()) {
    details.push({ text: `abzüglich ${formatPercent(dec(line.discountPercent))} Rabatt`, style: 'small' });
  }
  return [
    { text: String(line.position) },
    { stack: details },
    { text: quantity(line.quantity), alignment: 'right' },
    { text: line.unit },
    { text: `${formatUnitPrice(dec(line.unitPrice))}`, alignment: 'right' },
    { text: formatPercent(dec(line.taxRate)), alignment: 'right' },
    { text: money(doc, line.net), alignment: 'right' },
  ];
}

/** Label of a tax row; a Kleinunternehmer row has none (it prints no tax line at all). */
export function taxRowLabel(doc: InvoiceDocument, row: TaxSummaryRow): string | null {
  const base = `${money(doc, row.net)}`;
  switch (row.treatment) {
    case 'STANDARD':
      return `zzgl. Umsatzsteuer ${formatPercent(dec(row.rate))} auf ${base}`;
    case 'REVERSE_CHARGE':
      return `Umsatzsteuer 0 % auf ${base} (Reverse Charge)`;
    case 'NOT_TAXABLE':
      return `Umsatzsteuer 0 % auf ${base} (nicht steuerbar)`;
    case 'KLEINUNTERNEHMER':
      return null;
  }
}

function totals(doc: InvoiceDocument): PdfContent {
  const rows: PdfContent[][] = [];
  if (!onlySmallBusiness(doc)) rows.push([{ text: 'Summe netto' }, { text: money(doc, doc.netTotal), alignment: 'right' }]);
  for (const row of doc.taxes) {
    const label = taxRowLabel(doc, row);
    if (label !== null) rows.push([{ text: label }, { text: money(doc, row.tax), alignment: 'right' }]);
  }
  rows.push([
    { text: TOTAL_LABEL[doc.kind], style: 'total' },
    { text: money(doc, doc.grossTotal), style: 'total', alignment: 'right' },
  ]);
  if (!dec(doc.creditApplied).isZero()) {
    // Positive after „abzüglich“ (S7: „abzüglich Guthaben 50,00“): a minus sign would make it a double negative.
    rows.push([{ text: 'abzüglich Guthaben' }, { text: money(doc, doc.creditApplied), alignment: 'right' }]);
    rows.push([
      { text: 'Zu zahlender Betrag', style: 'total' },
      { text: money(doc, doc.amountDue), style: 'total', alignment: 'right' },
    ]);
  }
  const lastBold = rows.length - 1;
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 250,
        table: { widths: ['*', 'auto'], body: rows },
        layout: {
          hLineWidth: (i: number) => (i === 0 ? 0.8 : i === lastBold || i === rows.length ? 0.8 : 0),
          vLineWidth: () => 0,
          hLineColor: () => '#888888',
          paddingTop: () => 2.5,
          paddingBottom: () => 2.5,
        },
      },
    ],
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

function notes(doc: InvoiceDocument): PdfContent[] {
  const texts: string[] = [];
  for (const note of new Set(doc.taxes.map((t) => t.note).filter((n): n is string => n !== null && n.trim() !== ''))) {
    texts.push(note);
  }
  if (doc.taxes.some((t) => t.treatment === 'REVERSE_CHARGE')) {
    texts.push(`USt-IdNr. des leistenden Unternehmers: ${doc.issuer.vatId ?? '–'} · USt-IdNr. des Leistungsempfängers: ${doc.recipient.vatId ?? '–'}`);
  }
  if (doc.remainingCredit !== null && dec(doc.remainingCredit).greaterThan(0)) {
    texts.push(`Ihr verbleibendes Guthaben: ${money(doc, doc.remainingCredit)}`);
  }
  if (texts.length === 0) return [];
  return [{ stack: texts.map((text) => ({ text, margin: [0, 0, 0, 2] })), margin: [0, 12, 0, 0] }];
}

function paymentBlock(doc: InvoiceDocument): PdfContent {
  const text = paymentText(doc);
  const left: PdfContent[] = [];
  if (text) left.push({ text, margin: [0, 0, 0, 3] });
  // Terms and bank details only when something is to be paid (not after full credit settlement).
  const payable = doc.kind === 'INVOICE' && dec(doc.amountDue).greaterThan(0);
  if (doc.payment.terms && payable) left.push({ text: doc.payment.terms, margin: [0, 0, 0, 3] });
  const { issuer } = doc;
  if (payable && doc.payment.method === 'TRANSFER' && issuer.iban) {
    left.push({
      table: {
        widths: ['auto', '*'],
        body: [
          [{ text: 'Empfänger', style: 'label' }, issuer.name],
          [{ text: 'IBAN', style: 'label' }, formatIban(issuer.iban)],
          ...(issuer.bic ? [[{ text: 'BIC', style: 'label' }, issuer.bic]] : []),
          ...(issuer.bankName ? [[{ text: 'Bank', style: 'label' }, issuer.bankName]] : []),
          [{ text: 'Verwendungszweck', style: 'label' }, doc.number],
        ],
      },
      layout: 'noBorders',
    });
  }
  const transfer = giroCodeTransfer(doc);
  const columns: PdfContent[] = [{ width: '*', stack: left }];
  if (transfer) {
    columns.push({
      width: QR_SIZE,
      stack: [
        { canvas: qrRects(epcQrMatrix(epcPayload(transfer)), QR_SIZE) },
        { text: 'GiroCode', style: 'small', alignment: 'center' },
      ],
    });
  }
  if (left.length === 0 && !transfer) return { text: '' };
  return { columns, columnGap: 16, margin: [0, 14, 0, 0], unbreakable: true };
}

function footer(doc: InvoiceDocument, currentPage: number, pageCount: number): PdfContent {
  const { issuer } = doc;
  const compact = (lines: (string | null)[]): PdfNode => ({ stack: lines.filter((l): l is string => l !== null && l.trim() !== '').map((text) => ({ text })) });
  // Fixed widths for the short columns leave the widest one to the legal lines.
  const columns: PdfContent[] = [
    { width: 86, ...compact([issuer.name, issuer.street, `${issuer.zip} ${issuer.city}`]) },
    { width: 98, ...compact([issuer.phone ? `Tel. ${issuer.phone}` : null, issuer.email, issuer.website]) },
    { width: 118, ...compact([issuer.bankName, issuer.iban ? `IBAN ${formatIban(issuer.iban)}` : null, issuer.bic ? `BIC ${issuer.bic}` : null]) },
    {
      width: '*',
      ...compact([
        issuer.managingDirector ? `Geschäftsführung: ${issuer.managingDirector}` : null,
        issuer.registerEntry,
        issuer.taxNumber ? `Steuernummer: ${issuer.taxNumber}` : null,
        issuer.vatId ? `USt-IdNr.: ${issuer.vatId}` : null,
      ]),
    },
  ];
  return {
    margin: [25 * MM, 6, 20 * MM, 0],
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 165 * MM, y2: 0, lineWidth: 0.5, lineColor: '#999999' }] },
      { columns, columnGap: 8, fontSize: 6.8, color: GREY, margin: [0, 4, 0, 0] },
      {
        columns: [
          { text: issuer.footerNote ?? '', fontSize: 6.8, color: GREY },
          { text: `Seite ${currentPage} von ${pageCount}`, fontSize: 7.5, alignment: 'right', width: 'auto' },
        ],
        margin: [0, 3, 0, 0],
      },
    ],
  };
}
