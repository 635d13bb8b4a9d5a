// Statement import edge cases on a real company file: batch entries with several payers (§9
// matching sees each payer), pending camt.052 entries (§9 each transaction stored once), amounts
// with a third decimal (§2) and bank CSV rows that cannot be read (no payment silently lost).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { b64, camt053, customerBalance, invoiceState, issueInvoice, setInvoiceCounter } from './support';
import { DEFAULT_AUTO_BOOK_THRESHOLD } from '../../../main/bank/rules-matching';

const COMPANY_IBAN = 'DE89370400440532013000';
const IBAN_A = 'DE02120300000000202051';
const IBAN_B = 'DE02100500000054540402';
const ALPHA = { name: 'Alpha Software GmbH', iban: IBAN_A };
const BETA = { name: 'Beta Handel KG', iban: IBAN_B };

interface Payment {
  readonly amount: string;
  readonly name: string;
  readonly iban: string;
  readonly text: string;
  readonly e2e: string;
}

/** camt.053 with one CRDT entry (Sammelgutschrift) holding a <TxDtls> per payment. */
function batchStatement(total: string, payments: readonly Payment[]): string {
  const detail = (p: Payment) => `<TxDtls><Refs><EndToEndId>${p.e2e}</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">${p.amount}</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Pty><Nm>${p.name}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${p.iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>${p.text}</Ustrd></RmtInf></TxDtls>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M-B</MsgId><CreDtTm>2026-11-27T20:00:00</CreDtTm></GrpHdr>
<Stmt><Id>AUSZUG-B</Id><Acct><Id><IBAN>${COMPANY_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">${total}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt>
<AcctSvcrRef>BATCH-1</AcctSvcrRef><NtryDtls><Btch><NbOfTxs>${payments.length}</NbOfTxs></Btch>${payments.map(detail).join('\n')}</NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
}

/** camt.052 (intraday) or camt.053 with one 119,00 credit of A in the given status. */
function oneEntry(kind: 'camt.052' | 'camt.053', status: 'PDNG' | 'INFO' | 'BOOK', extra: string): string {
  const [msg, rec] = kind === 'camt.052' ? ['BkToCstmrAcctRpt', 'Rpt'] : ['BkToCstmrStmt', 'Stmt'];
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:${kind}.001.08"><${msg}><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-27T12:00:00</CreDtTm></GrpHdr>
<${rec}><Id>R-${kind}</Id><CreDtTm>2026-11-27T12:00:00</CreDtTm><Acct><Id><IBAN>${COMPANY_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">119.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>${status}</Cd></Sts>${extra}
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>${ALPHA.name}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${IBAN_A}</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>RE-2026-000101</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></${rec}></${msg}></Document>`;
}

describe('§9 batch entries, pending entries and their dedup on a real company file', () => {
  let t: TestCompany;
  let a: { id: number };
  let b: { id: number };
  let a101: { id: number };
  let b201: { id: number };

  beforeEach(async () => {
    t = await createTestCompany();
    a = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: ALPHA.name, street: 'Am Markt 1', zip: '50667', city: 'Köln', iban: IBAN_A } });
    b = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: BETA.name, street: 'Hafenstraße 2', zip: '20457', city: 'Hamburg', iban: IBAN_B } });
    setInvoiceCounter(t, 2026, 100);
    a101 = issueInvoice(t, a.id, '100.00'); // RE-2026-000101, 119,00
    setInvoiceCounter(t, 2026, 200);
    b201 = issueInvoice(t, b.id, '50.00'); // RE-2026-000201, 59,50
  });
  afterEach(async () => t.close());

  const rows = async () =>
    (await t.call('bank.transactions.list', { state: 'ALL' })).rows.map((r) => ({
      amount: r.amount,
      name: r.counterpartyName,
      iban: r.counterpartyIban,
      text: r.remittance,
      state: r.state,
      bookings: r.bookings.map((x) => [x.kind, x.customerName, x.invoiceNumber, x.amount]),
    }));

  const twoPayers = () =>
    batchStatement('178.50', [
      { ...ALPHA, amount: '119.00', text: 'RE-2026-000101', e2e: 'E2E-A' },
      { ...BETA, amount: '59.50', text: 'RE-2026-000201', e2e: 'E2E-B' },
    ]);

  it('a batch credit from two payers becomes two transactions, each booked on its own payer’s invoice; importing it again adds nothing', async () => {
    const first = await t.call('bank.import', { fileName: 'sammler.xml', contentBase64: b64(twoPayers()) });
    expect(first).toMatchObject({ format: 'CAMT.053', newCount: 2, duplicateCount: 0, rejectedCount: 0, autoBooked: 2, warnings: [] });
    expect(await rows()).toEqual([
      { amount: '59.50', name: BETA.name, iban: IBAN_B, text: 'RE-2026-000201', state: 'BOOKED', bookings: [['INVOICE', BETA.name, 'RE-2026-000201', '59.50']] },
      { amount: '119.00', name: ALPHA.name, iban: IBAN_A, text: 'RE-2026-000101', state: 'BOOKED', bookings: [['INVOICE', ALPHA.name, 'RE-2026-000101', '119.00']] },
    ]);
    expect([invoiceState(t, a101.id), invoiceState(t, b201.id)]).toEqual([
      { open: '0.00', status: 'PAID' },
      { open: '0.00', status: 'PAID' },
    ]);
    expect([customerBalance(t, a.id), customerBalance(t, b.id)]).toEqual(['0.00', '0.00']);

    const again = await t.call('bank.import', { fileName: 'sammler.xml', contentBase64: b64(twoPayers()) });
    expect(again).toMatchObject({ newCount: 0, duplicateCount: 2, autoBooked: 0 });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(2);
  });

  it('a batch stored whole by an earlier import (as before batches were split) is not stored a second time as its payments', async () => {
    // What the import stored for this entry before the split: one line, the entry's bank reference and total.
    const before = await t.call('bank.import', { fileName: 'alt.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '178.50', ref: 'BATCH-1', ...ALPHA, text: 'RE-2026-000101 RE-2026-000201' }])), autoBook: false });
    expect(before.newCount).toBe(1);
    const again = await t.call('bank.import', { fileName: 'sammler.xml', contentBase64: b64(twoPayers()) });
    expect(again).toMatchObject({ newCount: 0, duplicateCount: 2, autoBooked: 0 });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(1);
  });

  it('a batch stored as its payments (camt.054 first) is not stored again when the day statement brings the entry whole', async () => {
    expect(await t.call('bank.import', { fileName: 'einzelumsaetze.xml', contentBase64: b64(twoPayers()) })).toMatchObject({ newCount: 2, autoBooked: 2 });
    const whole = camt053(COMPANY_IBAN, [{ amount: '178.50', ref: 'BATCH-1', text: 'SAMMLER 2 POSTEN' }]);
    expect(await t.call('bank.import', { fileName: 'tagesauszug.xml', contentBase64: b64(whole) })).toMatchObject({ newCount: 0, duplicateCount: 1, autoBooked: 0 });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(2);
    expect([customerBalance(t, a.id), customerBalance(t, b.id)]).toEqual(['0.00', '0.00']);
  });

  it('a batch whose payments do not make up the entry stays one line that is never booked automatically, only by hand', async () => {
    // Whole: 119,00 naming RE-2026-000101 — a match strong enough for automatic booking; the details say 100,00 + 10,00.
    const xml = batchStatement('119.00', [
      { ...ALPHA, amount: '100.00', text: 'RE-2026-000101', e2e: 'E2E-A' },
      { ...BETA, amount: '10.00', text: 'Spende', e2e: 'E2E-B' },
    ]);
    const result = await t.call('bank.import', { fileName: 'sammler.xml', contentBase64: b64(xml) });
    expect(result).toMatchObject({ newCount: 1, autoBooked: 0 });
    expect(result.warnings).toEqual([
      'Auszug AUSZUG-B, Buchung 1: Sammelbuchung mit 2 Einzelumsätzen als ein Umsatz übernommen, weil die Einzelbeträge zusammen 110,00\u00a0€ statt 119,00\u00a0€ ergeben. Sie wird nicht automatisch verbucht – bitte von Hand zuordnen.',
    ]);
    const [line] = (await t.call('bank.transactions.list', { state: 'ALL' })).rows;
    expect(line).toMatchObject({ amount: '119.00', counterpartyName: null, counterpartyIban: null, remittance: 'RE-2026-000101 Spende', state: 'OPEN' });
    expect(line?.suggestion?.score).toBeGreaterThanOrEqual(DEFAULT_AUTO_BOOK_THRESHOLD);
    expect(line?.suggestion?.reasons).toContain('Sammelbuchung – nur von Hand verbuchen');
    expect(line?.suggestion?.allocations).toEqual([{ invoiceId: a101.id, invoiceNumber: 'RE-2026-000101', amount: '119.00', openAmount: '119.00' }]);

    // A later automatic run over all open lines leaves it alone too.
    expect(await t.call('bank.match', { auto: true })).toMatchObject({ autoBooked: 0 });
    expect(invoiceState(t, a101.id)).toEqual({ open: '119.00', status: 'OPEN' });

    const booked = await t.call('bank.book', { transactionId: line?.id ?? 0, allocations: [{ invoiceId: a101.id, amount: '100.00' }] });
    expect(booked.bookings.map((x) => [x.kind, x.amount, x.automatic])).toEqual([
      ['INVOICE', '100.00', false],
      ['CREDIT', '19.00', false],
    ]);
  });

  it('a pending camt.052 entry is not stored; the booked one of the day statement is stored once and paid once', async () => {
    const intraday = await t.call('bank.import', { fileName: 'intraday.xml', contentBase64: b64(oneEntry('camt.052', 'PDNG', '<ValDt><Dt>2026-11-27</Dt></ValDt>')) });
    expect(intraday).toMatchObject({ format: 'CAMT.052', newCount: 0, duplicateCount: 0, rejectedCount: 0, autoBooked: 0 });
    expect(intraday.warnings).toEqual(['Auszug R-camt.052: 1 Umsatz nicht übernommen – vorgemerkt, noch nicht gebucht (Status PDNG/INFO). Gebuchte Umsätze kommen mit dem Kontoauszug.']);
    expect(invoiceState(t, a101.id)).toEqual({ open: '119.00', status: 'OPEN' });

    const booked = '<BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt><AcctSvcrRef>2026112700042</AcctSvcrRef>';
    const day = await t.call('bank.import', { fileName: 'tagesauszug.xml', contentBase64: b64(oneEntry('camt.053', 'BOOK', booked)) });
    expect(day).toMatchObject({ format: 'CAMT.053', newCount: 1, duplicateCount: 0, autoBooked: 1, warnings: [] });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(1);
    expect(invoiceState(t, a101.id)).toEqual({ open: '0.00', status: 'PAID' });
    expect(customerBalance(t, a.id)).toBe('0.00');

    const infoAgain = await t.call('bank.import', { fileName: 'avis.xml', contentBase64: b64(oneEntry('camt.052', 'INFO', '<ValDt><Dt>2026-11-27</Dt></ValDt>')) });
    expect(infoAgain).toMatchObject({ newCount: 0, autoBooked: 0 });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(1);
  });
});

describe('statement files that are refused as a whole, with nothing written', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  const stored = () => {
    const raw = t.session.company().db.raw;
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { accounts: count('bank_account'), imports: count('bank_import'), transactions: count('bank_transaction') };
  };
  const NOTHING = { accounts: 0, imports: 0, transactions: 0 };
  const CENTS = 'Beträge auf Kontoauszügen sind centgenau; die Datei wurde nicht eingelesen.';
  const ING_HEADING = 'Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung';

  const refusals: readonly [string, string, string, string][] = [
    [
      '§2 MT940 amount with 3 decimals, naming the file line',
      'a.sta',
      ':20:STARTUMS\r\n:25:10020030/1234567\r\n:28C:1/1\r\n:60F:C261126EUR0,00\r\n:61:2611271127CR119,00NTRFNONREF//B1\r\n:86:166?00GUTSCHRIFT?20RE-2026-000101\r\n:61:2611271127CR10,005NTRFNONREF//B2\r\n:86:166?00GUTSCHRIFT?20Test\r\n:62F:C261127EUR129,005\r\n-\r\n',
      `Zeile 7: Der Betrag 10,005 hat mehr als 2 Nachkommastellen. ${CENTS}`,
    ],
    [
      '§2 CAMT amount with 3 decimals, naming the entry',
      'a.xml',
      camt053(COMPANY_IBAN, [{ amount: '119.00', ref: 'R1', text: 'RE-2026-000101' }, { amount: '0.125', ref: 'R2', text: 'Zins' }]),
      `Auszug AUSZUG-1, Buchung 2: Der Betrag 0,125 hat mehr als 2 Nachkommastellen. ${CENTS}`,
    ],
    [
      '§2 CSV amount with 3 decimals, naming the file line',
      'a.csv',
      `IBAN;${COMPANY_IBAN}\n\n${ING_HEADING}\n27.11.2026;27.11.2026;A;Gutschrift;x;1,00;EUR\n27.11.2026;27.11.2026;B;Gutschrift;y;-7,499;EUR\n`,
      `Zeile 5: Der Betrag -7,499 hat mehr als 2 Nachkommastellen. ${CENTS}`,
    ],
    [
      'a CSV booking row whose amount cannot be read (a column missing), naming the file line',
      'ing.csv',
      `IBAN;${COMPANY_IBAN}\n\n${ING_HEADING}\n\n09.12.2025;09.12.2025;VISA Firma;Lastschrift;KAUFUMSATZ;-13,98;EUR\n28.11.2025;28.11.2025;Rente;97052181157Z00511 RV-RENTE 11.2025;2.647,74;EUR\n`,
      'Zeile 6: Betrag „EUR“ ist keine gültige Zahl (der Zeile fehlt eine Spalte). Die Datei wurde nicht eingelesen, damit kein Umsatz verloren geht – bitte die Zeile prüfen oder den Auszug neu aus dem Online-Banking exportieren.',
    ],
  ];
  for (const [what, fileName, content, message] of refusals) {
    it(what, async () => {
      const result = await t.tryCall('bank.import', { fileName, contentBase64: b64(content) });
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message, details: { fields: { file: message } } } });
      expect(stored()).toEqual(NOTHING);
    });
  }

  it('a CSV balance line without a booking date is no booking: skipped with a warning naming its file line, counted as rejected', async () => {
    const csv = `IBAN;${COMPANY_IBAN}\n\n${ING_HEADING}\n27.11.2026;27.11.2026;A;Gutschrift;RE-2026-000101;119,00;EUR\n\nEndsaldo;;;;;5.119,00;EUR\n`;
    const result = await t.call('bank.import', { fileName: 'ing.csv', contentBase64: b64(csv) });
    expect(result).toMatchObject({ newCount: 1, rejectedCount: 1, warnings: ['Zeile 6: „Endsaldo“ ist kein Buchungsdatum – keine Buchungszeile, übergangen.'] });
  });
});
