// Test fixtures for the bank area: invoices issued through the billing area's issueInvoiceIn
// (with their INVOICE ledger entry), open amounts and balances, and CAMT files.
import type { TestCompany } from '../../support/company';
import { Decimal, fromCents } from '../../../shared/money';
import { invoiceStatus, type InvoiceStatus } from '../../../main/billing/rules';
import { issueInvoiceIn, issuerSnapshot, type DraftLine } from '../../../main/billing/service';

/** Issues a real invoice through the billing area (one line at 19 %); numbers continue from `counter`. */
export function issueInvoice(t: TestCompany, customerId: number, net: string, issueDate = '2026-11-01'): { id: number; number: string; grossCents: number } {
  const db = t.session.company().db;
  const who = { actor: 'test', at: '2026-11-01T08:00:00Z' };
  const line: DraftLine = {
    description: 'Abo Software',
    quantity: new Decimal(1),
    unitPrice: new Decimal(net),
    discountPercent: null,
    taxRate: new Decimal(19),
    taxGroupCode: 'STANDARD',
    treatment: 'STANDARD',
    taxNote: null,
    requiresVatId: false,
    periodStart: null,
    periodEnd: null,
    serviceDate: issueDate,
    activityId: null,
    contractId: null,
    articleId: null,
    unit: 'Stück',
    taxGroupId: null,
    accountSkr03: '8400',
    accountSkr04: '4400',
  };
  const issue = db.raw.transaction(() =>
    issueInvoiceIn(
      db.raw,
      { customerId, contractId: null, projectId: null, currency: 'EUR', issueDate, paymentMethod: null, lines: [line], billingRunId: null },
      { issuer: issuerSnapshot(db.raw), applyCredit: false },
      who,
    ),
  );
  return issue();
}

/** The next invoice number of the year will be RE-YYYY-(last + 1). */
export function setInvoiceCounter(t: TestCompany, year: number, last: number): void {
  t.session
    .company()
    .db.raw.prepare(`INSERT INTO number_range_counter(range_key, period, last_value) VALUES ('INVOICE', ?, ?) ON CONFLICT DO UPDATE SET last_value = excluded.last_value`)
    .run(String(year), last);
}

export function invoiceState(t: TestCompany, invoiceId: number): { open: string; status: InvoiceStatus } {
  const db = t.session.company().db;
  const row = db.raw
    .prepare(
      `SELECT i.gross_cents, COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.debit_entry_id = e.id), 0) AS allocated
       FROM invoice i JOIN account_entry e ON e.invoice_id = i.id AND e.type = 'INVOICE' WHERE i.id = ?`,
    )
    .get(invoiceId) as { gross_cents: number; allocated: number };
  const gross = fromCents(row.gross_cents);
  const allocated = fromCents(row.allocated);
  return { open: gross.minus(allocated).toFixed(2), status: invoiceStatus(gross, allocated, false) };
}

export function customerBalance(t: TestCompany, customerId: number): string {
  const row = t.session
    .company()
    .db.raw.prepare(`SELECT COALESCE(SUM(e.amount_cents), 0) AS c FROM account_entry e JOIN customer_account a ON a.id = e.account_id WHERE a.customer_id = ?`)
    .get(customerId) as { c: number };
  return fromCents(row.c).toFixed(2);
}

export interface CamtLine {
  readonly amount: string;
  readonly credit?: boolean;
  readonly ref?: string;
  readonly name?: string;
  readonly iban?: string;
  readonly text?: string;
  readonly date?: string;
}

export function camt053(iban: string, lines: readonly CamtLine[], statementId = 'AUSZUG-1'): string {
  const entries = lines
    .map((e) => {
      const credit = e.credit ?? true;
      const party = credit ? 'Dbtr' : 'Cdtr';
      return `<Ntry><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${e.date ?? '2026-11-27'}</Dt></BookgDt><ValDt><Dt>${e.date ?? '2026-11-27'}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${e.ref}</AcctSvcrRef>` : ''}
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><${party}><Pty><Nm>${e.name ?? ''}</Nm></Pty></${party}>
${e.iban ? `<${party}Acct><Id><IBAN>${e.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties><RmtInf><Ustrd>${e.text ?? ''}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M-${statementId}</MsgId><CreDtTm>2026-11-27T20:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${statementId}</Id><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

export const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
