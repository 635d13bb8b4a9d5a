// Test fixtures for the bank area: issued invoices with their INVOICE ledger entry, written
// straight into the billing tables (the billing service is another area's work), and CAMT files.
import type { TestCompany } from '../../support/company';
import { Decimal, fromCents, toCents } from '../../../shared/money';
import { invoiceStatus, type InvoiceStatus } from '../../../main/billing/rules';

export async function issueTestInvoice(t: TestCompany, customerId: number, number: string, gross: string, issueDate = '2026-11-01'): Promise<number> {
  const db = t.session.company().db;
  const cents = toCents(new Decimal(gross));
  const account = db.raw.prepare(`SELECT id FROM customer_account WHERE customer_id = ?`).get(customerId) as { id: number };
  const inv = db.raw
    .prepare(
      `INSERT INTO invoice(number, kind, customer_id, currency, issue_date, due_date, issuer_json, recipient_json, payment_method, payment_terms_days,
         net_cents, tax_cents, gross_cents, created_by, created_at)
       VALUES (?, 'INVOICE', ?, 'EUR', ?, ?, '{}', '{}', 'TRANSFER', 14, ?, 0, ?, 'test', '2026-11-01T08:00:00Z') RETURNING id`,
    )
    .get(number, customerId, issueDate, issueDate, cents, cents) as { id: number };
  db.raw
    .prepare(
      `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at)
       VALUES (?, 'INVOICE', ?, ?, ?, ?, ?, 'test', '2026-11-01T08:00:00Z')`,
    )
    .run(account.id, issueDate, cents, `Rechnung ${number}`, number, inv.id);
  return inv.id;
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
