// A CAMT.053 with 10 000 transactions against 10 000 open invoices (2 000 customers):
// import + match through the router (validate, parse, normalise, dedup, store, suggest for
// every line) versus parsing the same XML alone with the same parser, in one run.
// `camt.ratio` is the figure (target ≤ 3). `camt.autobook.ratio` additionally books
// every line at or above the threshold (≈ 7 000 payments with allocations and audit rows).
import { createTestCompany } from '../support/company';
import { parseXmlOnly } from '../../main/bank/parsers/camt';
import { seedCustomers } from './customers.bench';
import { report, timeMs, type Bench } from './support';

const CUSTOMERS = 2_000;
const INVOICES = 10_000;
const TRANSACTIONS = 10_000;

function iban(i: number): string {
  // Valid German IBANs are not needed for matching; the index compares normalised strings.
  return `DE${String(10 + (i % 89)).padStart(2, '0')}${String(100000000000000000n + BigInt(i)).slice(0, 18)}`;
}

function seedInvoices(raw: import('better-sqlite3').Database): void {
  const inv = raw.prepare(
    `INSERT INTO invoice(number, kind, customer_id, currency, issue_date, due_date, issuer_json, recipient_json, payment_method, payment_terms_days,
       net_cents, tax_cents, gross_cents, created_by, created_at)
     VALUES (?, 'INVOICE', ?, 'EUR', '2026-11-01', '2026-11-15', '{}', '{}', 'TRANSFER', 14, ?, ?, ?, 'bench', '2026-11-01T08:00:00Z')`,
  );
  const entry = raw.prepare(
    `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at)
     VALUES (?, 'INVOICE', '2026-11-01', ?, 'Rechnung', ?, ?, 'bench', '2026-11-01T08:00:00Z')`,
  );
  const setIban = raw.prepare(`UPDATE customer SET iban = ? WHERE id = ?`);
  raw.transaction(() => {
    for (let c = 1; c <= CUSTOMERS; c++) setIban.run(iban(c), c);
    for (let i = 1; i <= INVOICES; i++) {
      const customer = ((i - 1) % CUSTOMERS) + 1;
      const net = 5000 + ((i * 37) % 20000);
      const tax = Math.round(net * 0.19);
      const number = `RE-2026-${String(i).padStart(6, '0')}`;
      const id = inv.run(number, customer, net, tax, net + tax).lastInsertRowid;
      entry.run(customer, net + tax, number, id);
    }
  })();
}

function statement(raw: import('better-sqlite3').Database): string {
  const invoices = raw.prepare(`SELECT number, customer_id, gross_cents FROM invoice ORDER BY id`).all() as { number: string; customer_id: number; gross_cents: number }[];
  const parts: string[] = [];
  for (let i = 0; i < TRANSACTIONS; i++) {
    const inv = invoices[(i * 7919) % invoices.length] ?? { number: 'X', customer_id: 1, gross_cents: 100 };
    const kind = i % 10;
    // 70 % name the invoice (full amount), 20 % known IBAN with a partial amount, 10 % unknown.
    const cents = kind < 7 ? inv.gross_cents : kind < 9 ? inv.gross_cents - 100 : 1234 + i;
    const text = kind < 7 ? `Rechnung ${inv.number} Danke` : kind < 9 ? `Zahlung Kunde` : `Spende ${i}`;
    const payer = kind < 9 ? iban(inv.customer_id) : `DE99${String(i).padStart(18, '7')}`;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    parts.push(`<Ntry><NtryRef>${i}</NtryRef><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt><AcctSvcrRef>BREF${i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E${i}</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Zahler ${i}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${payer}</IBAN></Id></DbtrAcct></RltdPties><RltdAgts><DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt></RltdAgts><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-27T20:00:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
${parts.join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
}

async function runOnce(autoBook: boolean): Promise<{ parseMs: number; importMs: number; result: { newCount: number; autoBooked: number } }> {
  const t = await createTestCompany();
  try {
    const raw = t.session.company().db.raw;
    await seedCustomers(raw, CUSTOMERS, t.clock.now().toISOString());
    seedInvoices(raw);
    const xml = statement(raw);
    const bytes = Buffer.from(xml);
    // Both sides warm: the parser has seen this document once before either is timed.
    parseXmlOnly(bytes.toString('utf8'));
    const parseMs = await timeMs(() => parseXmlOnly(bytes.toString('utf8')));
    let result = { newCount: 0, autoBooked: 0 };
    const importMs = await timeMs(async () => {
      result = await t.call('bank.import', { fileName: 'bench.xml', contentBase64: bytes.toString('base64'), autoBook });
    });
    return { parseMs, importMs, result };
  } finally {
    await t.close();
  }
}

export const camtBench: Bench = {
  name: 'camt',
  async run() {
    const plain = await runOnce(false);
    if (plain.result.newCount !== TRANSACTIONS) throw new Error(`camt bench: ${plain.result.newCount} statt ${TRANSACTIONS} Umsätzen importiert`);
    report('camt.parse', plain.parseMs, 'ms');
    report('camt.import+match', plain.importMs, 'ms');
    report('camt.ratio', plain.importMs / plain.parseMs, 'x');
    const booked = await runOnce(true);
    report('camt.autobook.count', booked.result.autoBooked, 'payments');
    report('camt.autobook.ratio', booked.importMs / booked.parseMs, 'x');
  },
};
