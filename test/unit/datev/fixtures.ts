// Ledger items of the golden March 2026 (SKR03, Sachkontenlänge 4) used by unit tests.
import { Decimal, fromCents } from '../../../shared/money';
import type { DatevCustomer, DatevSettings, DocumentEntry, LedgerItem, MoneyEntry } from '../../../main/datev/model';
import { defaultSettings } from '../../../main/datev/rules';

/** A booking's amount as a Decimal's text (11900 cents → "119"), as the expectations are written. */
export const euros = (b: { readonly cents: number }): string => fromCents(b.cents).toString();

export const settings: DatevSettings = { ...defaultSettings('SKR03', 4), consultantNumber: 1001, clientNumber: 10042 };

export function customer(over: Partial<DatevCustomer> & Pick<DatevCustomer, 'id' | 'number'>): DatevCustomer {
  return {
    kind: 'COMPANY',
    companyName: null,
    firstName: null,
    lastName: null,
    street: null,
    zip: null,
    city: null,
    country: 'DE',
    email: null,
    phone: null,
    vatId: null,
    iban: null,
    bic: null,
    language: 'de',
    paymentTermsDays: 14,
    debitorAccount: null,
    ...over,
  };
}

export const mueller = customer({ id: 1, number: 'K00001', companyName: 'Müller GmbH', debitorAccount: '10001', street: 'Hauptstr. 1', zip: '50667', city: 'Köln', iban: 'DE12 5001 0517 0648 4898 90', bic: 'INGDDEFFXXX' });
export const zoe = customer({ id: 2, number: 'K00002', kind: 'PERSON', firstName: 'Zoë', lastName: 'Łukasiewicz', debitorAccount: '10002' });
export const acme = customer({ id: 3, number: 'K00003', companyName: 'Acme B.V.', country: 'NL', vatId: 'NL 123456789B01', debitorAccount: '10003' });

const d = (v: string): Decimal => new Decimal(v);

export function doc(over: Partial<DocumentEntry> & Pick<DocumentEntry, 'entryId' | 'number' | 'date' | 'customer' | 'parts'>): DocumentEntry {
  return { source: 'DOCUMENT', documentKind: 'INVOICE', cancelsNumber: null, recipientVatId: null, currency: 'EUR', dueDate: null, serviceDate: null, ...over };
}

export function money(over: Partial<MoneyEntry> & Pick<MoneyEntry, 'entryId' | 'type' | 'date' | 'amount' | 'customer'>): MoneyEntry {
  return { source: 'ENTRY', text: '', reference: null, currency: 'EUR', bankAccount: null, viaBank: false, reversal: false, allocations: [], ...over };
}

export const goldenItems: LedgerItem[] = [
  doc({
    entryId: 1,
    number: 'RE-2026-000001',
    date: '2026-03-01',
    customer: mueller,
    dueDate: '2026-03-15',
    serviceDate: '2026-03-31',
    parts: [
      { taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('100'), tax: d('19') },
      { taxGroupCode: 'DE_REDUCED', treatment: 'STANDARD', rate: '7', account: null, net: d('50'), tax: d('3.5') },
    ],
  }),
  doc({
    entryId: 3,
    number: 'RE-2026-000002',
    date: '2026-03-05',
    customer: zoe,
    dueDate: '2026-03-19',
    serviceDate: '2026-03-31',
    parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('100'), tax: d('19') }],
  }),
  money({
    entryId: 2,
    type: 'PAYMENT',
    date: '2026-03-10',
    amount: d('-172.5'),
    customer: mueller,
    text: 'Überweisung "März"',
    viaBank: true,
    allocations: [{ invoiceNumber: 'RE-2026-000001', amount: d('172.5') }],
  }),
  doc({
    entryId: 4,
    documentKind: 'CANCELLATION',
    number: 'ST-2026-000001',
    cancelsNumber: 'RE-2026-000002',
    date: '2026-03-20',
    customer: zoe,
    dueDate: '2026-03-20',
    serviceDate: '2026-03-31',
    parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('-100'), tax: d('-19') }],
  }),
  money({ entryId: 5, type: 'MANUAL_CREDIT', date: '2026-03-25', amount: d('-20'), customer: mueller, text: 'Kulanz' }),
  money({ entryId: 6, type: 'FEE', date: '2026-03-26', amount: d('5'), customer: zoe, text: 'Rücklastschriftgebühr', reference: 'RL-1' }),
  doc({
    entryId: 7,
    number: 'RE-2026-000003',
    date: '2026-03-27',
    customer: acme,
    recipientVatId: 'NL 123456789B01',
    dueDate: '2026-04-10',
    serviceDate: '2026-03-27',
    parts: [{ taxGroupCode: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE', rate: '0', account: null, net: d('1000'), tax: d('0') }],
  }),
];
