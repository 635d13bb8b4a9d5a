// Document models for the scenarios of DOMAIN §14 and the special cases of §3/§7, built the way
// the billing engine fills them (decimal strings, IsoDates). Shared by unit and integration tests.
import type { DocumentLine, InvoiceDocument, IssuerSnapshot, RecipientSnapshot, TaxSummaryRow } from '../../../main/documents/model';

export const issuer: IssuerSnapshot = {
  name: 'Boxenstopp Abo GmbH',
  street: 'Hauptstraße 12',
  zip: '80331',
  city: 'München',
  country: 'DE',
  taxNumber: '143/123/45678',
  vatId: 'DE123456789',
  email: 'rechnung@boxenstopp.example',
  phone: '089 123456-0',
  website: 'www.boxenstopp.example',
  bankName: 'Stadtsparkasse München',
  iban: 'DE02701500000000594937',
  bic: 'SSKMDEMMXXX',
  managingDirector: 'Erika Mustermann',
  registerEntry: 'Amtsgericht München, HRB 123456',
  letterhead: ['Abo-Boxen für Genießer'],
  footerNote: null,
  logo: null,
};

export const recipient: RecipientSnapshot = {
  customerNumber: 'K-10001',
  name: 'Müller & Söhne KG',
  contact: 'z. Hd. Herrn Jürgen Müller',
  street: 'Gartenweg 5',
  zip: '50667',
  city: 'Köln',
  country: 'DE',
  vatId: null,
};

export function line(overrides: Partial<DocumentLine> = {}): DocumentLine {
  return {
    position: 1,
    description: 'Abo-Box',
    quantity: '1',
    unit: 'Monat',
    unitPrice: '84.0336',
    discountPercent: null,
    net: '84.03',
    taxRate: '19',
    periodStart: '2020-06-01',
    periodEnd: '2020-06-30',
    serviceDate: null,
    ...overrides,
  };
}

export function standardTax(rate: string, net: string, tax: string): TaxSummaryRow {
  return { treatment: 'STANDARD', rate, net, tax, note: null };
}

export function anInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: 'INVOICE',
    number: 'RE-2020-000001',
    issueDate: '2020-06-01',
    currency: 'EUR',
    issuer,
    recipient,
    contractNumber: 'V-1001',
    refersTo: null,
    lines: [line()],
    taxes: [standardTax('19', '84.03', '15.97')],
    netTotal: '84.03',
    taxTotal: '15.97',
    grossTotal: '100.00',
    creditApplied: '0.00',
    amountDue: '100.00',
    remainingCredit: null,
    payment: { method: 'TRANSFER', dueDate: '2020-06-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
    introText: 'Wir berechnen Ihnen folgende Leistungen:',
    closingText: 'Vielen Dank für Ihren Auftrag.',
    sandbox: false,
    ...overrides,
  };
}

/** S1 June 2020: 84,03 net + 19 % 15,97 = 100,00. */
export const s1June = anInvoice();

/** S1 July 2020: 86,21 net + 16 % 13,79 = 100,00 (temporary VAT cut). */
export const s1July = anInvoice({
  number: 'RE-2020-000002',
  issueDate: '2020-07-01',
  lines: [line({ unitPrice: '86.2069', net: '86.21', taxRate: '16', periodStart: '2020-07-01', periodEnd: '2020-07-31' })],
  taxes: [standardTax('16', '86.21', '13.79')],
  netTotal: '86.21',
  taxTotal: '13.79',
  grossTotal: '100.00',
  amountDue: '100.00',
  payment: { method: 'TRANSFER', dueDate: '2020-07-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
});

/** S6 interim invoice: 300,00 less 10 % = 270,00 + 51,30 = 321,30, settled from 357,00 credit. */
export const s6Interim = anInvoice({
  number: 'RE-2020-000003',
  issueDate: '2020-09-08',
  contractNumber: 'V-1006',
  lines: [
    line({ description: 'Wartungsvertrag Quartal', unit: 'Quartal', quantity: '1', unitPrice: '300.0000', discountPercent: '10', net: '270.00', taxRate: '19', periodStart: '2020-06-10', periodEnd: '2020-09-09' }),
  ],
  taxes: [standardTax('19', '270.00', '51.30')],
  netTotal: '270.00',
  taxTotal: '51.30',
  grossTotal: '321.30',
  creditApplied: '321.30',
  amountDue: '0.00',
  remainingCredit: '35.70',
  payment: { method: 'TRANSFER', dueDate: '2020-09-22', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
});

/** S6 storno of invoice 2 (10.06.–09.09.2020, 357,00 gross). */
export const s6Storno = anInvoice({
  kind: 'CANCELLATION',
  number: 'ST-2020-000001',
  issueDate: '2020-09-08',
  contractNumber: 'V-1006',
  refersTo: { number: 'RE-2020-000002', issueDate: '2020-06-10' },
  lines: [line({ description: 'Wartungsvertrag Quartal', unit: 'Quartal', quantity: '-1', unitPrice: '300.0000', net: '-300.00', periodStart: '2020-06-10', periodEnd: '2020-09-09' })],
  taxes: [standardTax('19', '-300.00', '-57.00')],
  netTotal: '-300.00',
  taxTotal: '-57.00',
  grossTotal: '-357.00',
  amountDue: '-357.00',
  payment: { method: 'TRANSFER', dueDate: null, terms: null },
  introText: null,
});

export const creditNote = anInvoice({
  kind: 'CREDIT_NOTE',
  number: 'GS-2026-000001',
  issueDate: '2026-01-20',
  refersTo: null,
  contractNumber: 'V-1001',
  lines: [line({ description: 'Gutschrift für Ausfall der Lieferung', quantity: '1', unit: 'Pauschale', unitPrice: '-25.0000', net: '-25.00', taxRate: '7', periodStart: null, periodEnd: null, serviceDate: '2026-01-12' })],
  taxes: [standardTax('7', '-25.00', '-1.75')],
  netTotal: '-25.00',
  taxTotal: '-1.75',
  grossTotal: '-26.75',
  amountDue: '-26.75',
  payment: { method: 'TRANSFER', dueDate: null, terms: null },
  introText: null,
});

export const KLEINUNTERNEHMER_NOTE = 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).';

/** S8: Kleinunternehmer — 0 VAT, no tax line, the § 19 note. */
export const smallBusiness = anInvoice({
  number: 'RE-2026-000008',
  issueDate: '2026-02-01',
  issuer: { ...issuer, vatId: null, managingDirector: null, registerEntry: null, name: 'Erika Mustermann Kreativservice' },
  lines: [line({ description: 'Grafik-Abo', unitPrice: '119.0000', net: '119.00', taxRate: '0', periodStart: '2026-02-01', periodEnd: '2026-02-28' })],
  taxes: [{ treatment: 'KLEINUNTERNEHMER', rate: '0', net: '119.00', tax: '0.00', note: KLEINUNTERNEHMER_NOTE }],
  netTotal: '119.00',
  taxTotal: '0.00',
  grossTotal: '119.00',
  amountDue: '119.00',
  payment: { method: 'TRANSFER', dueDate: '2026-02-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
});

export const REVERSE_CHARGE_NOTE = 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL).';

export const reverseCharge = anInvoice({
  number: 'RE-2026-000009',
  issueDate: '2026-03-01',
  recipient: { ...recipient, name: 'Alpen Software GmbH', contact: null, street: 'Ringstraße 1', zip: '1010', city: 'Wien', country: 'AT', vatId: 'ATU12345678' },
  lines: [line({ description: 'Software-Lizenz Premium', unitPrice: '500.0000', net: '500.00', taxRate: '0', periodStart: '2026-03-01', periodEnd: '2026-03-31' })],
  taxes: [{ treatment: 'REVERSE_CHARGE', rate: '0', net: '500.00', tax: '0.00', note: REVERSE_CHARGE_NOTE }],
  netTotal: '500.00',
  taxTotal: '0.00',
  grossTotal: '500.00',
  amountDue: '500.00',
  payment: { method: 'TRANSFER', dueDate: '2026-03-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
});

/** S7: 119,00 invoice less 50,00 credit → 69,00 due. */
export const withCredit = anInvoice({
  number: 'RE-2026-000007',
  issueDate: '2026-04-01',
  lines: [line({ unitPrice: '100.0000', net: '100.00', periodStart: '2026-04-01', periodEnd: '2026-04-30' })],
  taxes: [standardTax('19', '100.00', '19.00')],
  netTotal: '100.00',
  taxTotal: '19.00',
  grossTotal: '119.00',
  creditApplied: '50.00',
  amountDue: '69.00',
  payment: { method: 'TRANSFER', dueDate: '2026-04-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
});

/** 60 monthly lines (1,00 … 60,00 net, 19 %), enough for three pages. */
export function sixtyLines(): InvoiceDocument {
  const lines: DocumentLine[] = [];
  let netCents = 0;
  for (let i = 1; i <= 60; i++) {
    lines.push(line({ position: i, description: `Zusatzmodul ${i}`, unitPrice: `${i}.0000`, net: `${i}.00`, periodStart: '2026-05-01', periodEnd: '2026-05-31' }));
    netCents += i * 100;
  }
  const net = (netCents / 100).toFixed(2); // 1830.00 — an integer sum, not money arithmetic
  return anInvoice({
    number: 'RE-2026-000060',
    issueDate: '2026-05-01',
    lines,
    taxes: [standardTax('19', net, '347.70')],
    netTotal: net,
    taxTotal: '347.70',
    grossTotal: '2177.70',
    amountDue: '2177.70',
    payment: { method: 'TRANSFER', dueDate: '2026-05-15', terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.' },
  });
}
