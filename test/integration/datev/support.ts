// Builds a small real ledger for DATEV tests through the billing and ledger services.
import { Decimal } from '../../../shared/money';
import type { IsoDate } from '../../../shared/dates';
import { cancelInvoiceIn, issueInvoiceIn, issuerSnapshot, type DraftLine } from '../../../main/billing/service';
import { bookPaymentIn } from '../../../main/ledger/service';
import { GERMAN_TAX_GROUPS } from '../../../main/catalog/rules';
import type { TestCompany } from '../../support/company';

const who = { actor: 'test', at: '2026-04-01T08:00:00.000Z' };

export function line(description: string, net: string, taxGroupCode: string, rate: string, serviceDate: IsoDate, account03: string): DraftLine {
  return {
    description,
    quantity: new Decimal(1),
    unitPrice: new Decimal(net),
    discountPercent: null,
    taxRate: new Decimal(rate),
    taxGroupCode,
    treatment: GERMAN_TAX_GROUPS.find((g) => g.code === taxGroupCode)?.treatment ?? 'STANDARD',
    taxNote: taxGroupCode === 'DE_SMALL_BUSINESS' ? 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.' : taxGroupCode === 'EU_REVERSE_CHARGE' ? 'Steuerschuldnerschaft des Leistungsempfängers' : null,
    requiresVatId: taxGroupCode === 'EU_REVERSE_CHARGE',
    periodStart: null,
    periodEnd: null,
    serviceDate,
    activityId: null,
    contractId: null,
    articleId: null,
    unit: 'Stück',
    taxGroupId: null,
    accountSkr03: account03,
    accountSkr04: null,
  };
}

export async function issue(t: TestCompany, customerId: number, date: IsoDate, lines: DraftLine[]): Promise<{ id: number; number: string }> {
  const db = t.session.company().db;
  return db.transaction(async () =>
    issueInvoiceIn(db.raw, { customerId, contractId: null, projectId: null, currency: 'EUR', issueDate: date, paymentMethod: 'TRANSFER', lines, billingRunId: null }, { issuer: issuerSnapshot(db.raw), applyCredit: false }, who),
  );
}

export async function cancel(t: TestCompany, invoiceId: number, date: IsoDate): Promise<number> {
  const db = t.session.company().db;
  return db.transaction(async () => cancelInvoiceIn(db.raw, invoiceId, date, who));
}

export async function pay(t: TestCompany, customerId: number, date: IsoDate, cents: number, invoiceIds: number[], text = 'Überweisung'): Promise<number> {
  const db = t.session.company().db;
  return db.transaction(async () => bookPaymentIn(db.raw, { customerId, date, amountCents: cents, text, invoiceIds }, who));
}

export const DATEV_SETTINGS = {
  consultantNumber: 1001,
  clientNumber: 10042,
  fiscalYearStart: '01-01',
  chart: 'SKR03' as const,
  accountLength: 4,
  bankAccount: '1200',
  revenueAccounts: {
    DE_STANDARD: { account: '8400', buKey: '' },
    DE_REDUCED: { account: '8300', buKey: '' },
    DE_SMALL_BUSINESS: { account: '8195', buKey: '' },
    EU_REVERSE_CHARGE: { account: '8337', buKey: '' },
    NON_EU: { account: '8338', buKey: '' },
  },
  manualCreditAccount: '8700',
  manualDebitAccount: '8200',
  feeAccount: '2700',
  debitorMode: 'CUSTOMER' as const,
  debitorRangeFrom: '10000',
  debitorRangeTo: '69999',
  singleDebitor: '10000',
  lockBookings: false,
  initials: '',
  currency: 'EUR',
};
