// Issues invoices the way the billing service does (rows + ledger entries in one transaction,
// then archiveInvoiceDocument), so the documents area can be tested before billing exists.
import type { EntityManager } from 'typeorm';
import { archiveInvoiceDocument } from '../../../main/documents/service';
import type { TestCompany } from '../../support/company';
import { TEST_PROFILE } from '../../support/company';

export interface LineSpec {
  readonly description: string;
  readonly quantity: string;
  readonly unit: string;
  readonly unitPriceUnits: number;
  readonly discount?: string;
  readonly netCents: number;
  readonly taxRate: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly serviceDate?: string;
}

export interface InvoiceSpec {
  readonly customerId: number;
  readonly number: string;
  readonly kind?: 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE';
  readonly issueDate: string;
  readonly dueDate?: string | null;
  readonly cancelsInvoiceId?: number;
  readonly lines: readonly LineSpec[];
  readonly taxes: readonly { treatment?: string; rate: string; netCents: number; taxCents: number; note?: string }[];
  readonly creditAppliedCents?: number;
  readonly paymentMethod?: string;
  /** Ledger entries booked in the same transaction (signed cents, debit > 0). */
  readonly entries?: readonly { type: string; amountCents: number; text: string }[];
  readonly archive?: boolean;
  /** Issuer snapshot; the test company's profile by default. */
  readonly issuer?: object;
}

export async function aCustomer(t: TestCompany): Promise<{ id: number; accountId: number; number: string }> {
  const customer = await t.call('customers.create', {
    customer: { kind: 'COMPANY', companyName: 'Müller & Söhne KG', street: 'Gartenweg 5', zip: '50667', city: 'Köln', country: 'DE' },
  });
  const accounts = await t.call('customers.accounts', { customerId: customer.id });
  return { id: customer.id, accountId: accounts[0]!.id, number: customer.number };
}

export async function insertInvoice(m: EntityManager, spec: InvoiceSpec, accountId: number): Promise<number> {
  const net = spec.taxes.reduce((s, x) => s + x.netCents, 0);
  const tax = spec.taxes.reduce((s, x) => s + x.taxCents, 0);
  const [customer] = (await m.query(`SELECT number, display_name, street, zip, city, country, vat_id FROM customer WHERE id = ?`, [spec.customerId])) as Record<string, string | null>[];
  const recipient = { number: customer!.number, name: customer!.display_name, street: customer!.street, zip: customer!.zip, city: customer!.city, country: customer!.country, vatId: customer!.vat_id };
  await m.query(
    `INSERT INTO invoice (number, kind, customer_id, currency, issue_date, due_date, cancels_invoice_id, issuer_json, recipient_json, payment_method, payment_terms_days,
       net_cents, tax_cents, gross_cents, credit_applied_cents, created_by, created_at)
     VALUES (?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, 14, ?, ?, ?, ?, 'test', ?)`,
    [
      spec.number,
      spec.kind ?? 'INVOICE',
      spec.customerId,
      spec.issueDate,
      spec.dueDate ?? null,
      spec.cancelsInvoiceId ?? null,
      JSON.stringify(spec.issuer ?? TEST_PROFILE),
      JSON.stringify(recipient),
      spec.paymentMethod ?? 'TRANSFER',
      net,
      tax,
      net + tax,
      spec.creditAppliedCents ?? 0,
      `${spec.issueDate}T08:00:00Z`,
    ],
  );
  const [{ id }] = (await m.query(`SELECT max(id) AS id FROM invoice`)) as [{ id: number }];
  for (const [i, l] of spec.lines.entries()) {
    await m.query(
      `INSERT INTO invoice_line (invoice_id, position, description, quantity, unit, unit_price_units, discount, net_cents, tax_rate, tax_group_code, period_start, period_end, service_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DE_STANDARD', ?, ?, ?)`,
      [id, i + 1, l.description, l.quantity, l.unit, l.unitPriceUnits, l.discount ?? null, l.netCents, l.taxRate, l.periodStart ?? null, l.periodEnd ?? null, l.serviceDate ?? null],
    );
  }
  for (const x of spec.taxes) {
    await m.query(`INSERT INTO invoice_tax (invoice_id, treatment, rate, net_cents, tax_cents, note) VALUES (?, ?, ?, ?, ?, ?)`, [id, x.treatment ?? 'STANDARD', x.rate, x.netCents, x.taxCents, x.note ?? null]);
  }
  for (const e of spec.entries ?? []) {
    await m.query(
      `INSERT INTO account_entry (account_id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
      [accountId, e.type, spec.issueDate, e.amountCents, e.text, spec.number, id, `${spec.issueDate}T08:00:00Z`],
    );
  }
  return id;
}

/** Inserts an issued document and (by default) archives its PDF in the same transaction. */
export async function issue(t: TestCompany, accountId: number, spec: InvoiceSpec): Promise<number> {
  const db = t.session.company().db;
  return db.transaction(async (m) => {
    const id = await insertInvoice(m, spec, accountId);
    if (spec.archive !== false) await archiveInvoiceDocument(m, id, { actor: 'test', at: `${spec.issueDate}T08:00:00.000Z` });
    return id;
  });
}

const quarter = (start: string, end: string, netCents = 30000, discount?: string): LineSpec => ({
  description: 'Wartungsvertrag',
  quantity: '1',
  unit: 'MONTH',
  unitPriceUnits: 3_000_000,
  netCents,
  taxRate: '19',
  periodStart: start,
  periodEnd: end,
  ...(discount ? { discount } : {}),
});

/** S6 as billing books it: two paid invoices, storno of the second, interim invoice from credit. */
export async function s6(t: TestCompany): Promise<{ customerId: number; invoice2: number; storno: number; interim: number }> {
  const c = await aCustomer(t);
  const paid = (gross: number) => [
    { type: 'INVOICE', amountCents: gross, text: 'Rechnung' },
    { type: 'PAYMENT', amountCents: -gross, text: 'Zahlung' },
  ];
  const tax19 = (net: number, taxCents: number) => [{ rate: '19', netCents: net, taxCents }];
  await issue(t, c.accountId, { customerId: c.id, number: 'RE-2020-000001', issueDate: '2020-03-10', dueDate: '2020-03-24', lines: [quarter('2020-03-10', '2020-06-09')], taxes: tax19(30000, 5700), entries: paid(35700) });
  const invoice2 = await issue(t, c.accountId, { customerId: c.id, number: 'RE-2020-000002', issueDate: '2020-06-10', dueDate: '2020-06-24', lines: [quarter('2020-06-10', '2020-09-09')], taxes: tax19(30000, 5700), entries: paid(35700) });
  const storno = await issue(t, c.accountId, {
    customerId: c.id,
    number: 'ST-2020-000001',
    kind: 'CANCELLATION',
    issueDate: '2020-09-08',
    cancelsInvoiceId: invoice2,
    lines: [{ ...quarter('2020-06-10', '2020-09-09', -30000), quantity: '-1' }],
    taxes: tax19(-30000, -5700),
    entries: [{ type: 'CANCELLATION', amountCents: -35700, text: 'Storno' }],
  });
  const interim = await issue(t, c.accountId, {
    customerId: c.id,
    number: 'RE-2020-000003',
    issueDate: '2020-09-08',
    dueDate: '2020-09-22',
    lines: [quarter('2020-06-10', '2020-09-09', 27000, '10')],
    taxes: tax19(27000, 5130),
    creditAppliedCents: 32130,
    entries: [{ type: 'INVOICE', amountCents: 32130, text: 'Zwischenabrechnung' }],
  });
  return { customerId: c.id, invoice2, storno, interim };
}
