import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseStatementFile, allTransactions } from '../../../main/bank/parsers';
import { decodeStatementBytes, checkStatementSize } from '../../../main/bank/parsers/decode';
import { parseGermanDate, parseBankAmount, parseBankCsv } from '../../../main/bank/parsers/csv';
import { splitSepaPurpose } from '../../../main/bank/parsers/mt940';
import { AppError } from '../../../shared/errors';

const enc = (s: string) => new TextEncoder().encode(s);

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error('expected a refusal');
}

export function camt053(entries: string, opts: { opening?: string; closing?: string } = {}): string {
  const bal = (cd: string, amt: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${cd}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amt.replace('-', '')}</Amt><CdtDbtInd>${amt.startsWith('-') ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>2026-11-27</Dt></Dt></Bal>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-27T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
${opts.opening ? bal('OPBD', opts.opening) : ''}${opts.closing ? bal('CLBD', opts.closing) : ''}
${entries}</Stmt></BkToCstmrStmt></Document>`;
}

export function camtEntry(e: { amount: string; credit?: boolean; ref?: string; e2e?: string; name?: string; iban?: string; text?: string; date?: string }): string {
  const credit = e.credit ?? true;
  return `<Ntry>${e.ref ? `<NtryRef>x</NtryRef>` : ''}<Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${e.date ?? '2026-11-27'}</Dt></BookgDt><ValDt><Dt>${e.date ?? '2026-11-27'}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${e.ref}</AcctSvcrRef>` : ''}
<NtryDtls><TxDtls><Refs><EndToEndId>${e.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs>
<RltdPties><${credit ? 'Dbtr' : 'Cdtr'}><Pty><Nm>${e.name ?? 'Unbekannt'}</Nm></Pty></${credit ? 'Dbtr' : 'Cdtr'}>${e.iban ? `<${credit ? 'DbtrAcct' : 'CdtrAcct'}><Id><IBAN>${e.iban}</IBAN></Id></${credit ? 'DbtrAcct' : 'CdtrAcct'}>` : ''}</RltdPties>
<RmtInf><Ustrd>${e.text ?? ''}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
}

describe('CAMT', () => {
  it('reads a camt.053 entry into the normalized model (credit positive, debit negative)', () => {
    const xml = camt053(
      camtEntry({ amount: '119.00', ref: 'B1', name: 'Müller &amp; Söhne GmbH', iban: 'DE89370400440532013000', text: 'RE-2026-000101', e2e: 'E2E-1' }) +
        camtEntry({ amount: '10.50', credit: false, ref: 'B2', name: 'Bürobedarf', text: 'Papier' }),
      { opening: '100.00', closing: '208.50' },
    );
    const file = parseStatementFile(enc(xml), { fileName: 'auszug.xml' });
    expect(file.format).toBe('CAMT.053');
    expect(file.variant).toBe('camt.053.001.08');
    expect(file.warnings).toEqual([]);
    const [a, b] = allTransactions(file);
    expect(a?.amount.toFixed(2)).toBe('119.00');
    expect(a?.counterpartyName).toBe('Müller & Söhne GmbH');
    expect(a?.counterpartyIban).toBe('DE89370400440532013000');
    expect(a?.remittance).toBe('RE-2026-000101');
    expect(a?.endToEndId).toBe('E2E-1');
    expect(a?.bankReference).toBe('B1');
    expect(a?.bookingDate).toBe('2026-11-27');
    expect(b?.amount.toFixed(2)).toBe('-10.50');
    expect(b?.endToEndId).toBeNull();
    expect(file.statements[0]?.accountIban).toBe('DE02120300000000202051');
  });

  it('warns (does not refuse) when the balances do not add up', () => {
    const file = parseStatementFile(enc(camt053(camtEntry({ amount: '1.00', ref: 'X' }), { opening: '0.00', closing: '2.00' })));
    expect(file.warnings.join()).toContain('ergibt nicht den Endsaldo');
    expect(allTransactions(file)).toHaveLength(1);
  });

  it('refuses a DOCTYPE with entities (billion laughs) without expanding it', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol3;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(refusal(() => parseStatementFile(enc(lol)))).toMatch(/DOCTYPE- oder ENTITY-Deklaration/);
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Id>&xxe;</Id></Stmt></BkToCstmrStmt></Document>`;
    expect(refusal(() => parseStatementFile(enc(xxe)))).toMatch(/Sicherheitsgründen/);
  });

  it('refuses truncated XML with the line of the damage', () => {
    const xml = camt053(camtEntry({ amount: '1.00', ref: 'X' }));
    expect(refusal(() => parseStatementFile(enc(xml.slice(0, xml.length - 40))))).toMatch(/beschädigt oder unvollständig/);
  });

  it('leaves unknown entities as text instead of expanding anything', () => {
    const file = parseStatementFile(enc(camt053(camtEntry({ amount: '1.00', ref: 'X', text: 'A &amp; B &#8364; &foo;' }))));
    expect(allTransactions(file)[0]?.remittance).toBe('A & B € &foo;');
  });
});

describe('MT940', () => {
  const mt = (closing: string) => `:20:STARTUMS
:25:10020030/1234567
:28C:00001/001
:60F:C261126EUR1000,00
:61:2611271127CR119,00NTRFNONREF//BANKREF1
:86:166?00GUTSCHR. UEBERWEISUNG?109310?20EREF+E2E-77?21SVWZ+RE-2026-0001?2201 Danke?30GENODEF1S05?31DE89370400440532013000?32MUELLER GMBH
:61:2611271127D50,NMSCNONREF
:86:105?00BASISLASTSCHRIFT?20Miete
:62F:C261127EUR${closing}
-`;

  it('reads :61:/:86: with the German ?-subfields and SEPA tokens', () => {
    const file = parseStatementFile(enc(mt('1069,00')), { fileName: 'x.sta' });
    expect(file.format).toBe('MT940');
    expect(file.warnings).toEqual([]);
    const [a, b] = allTransactions(file);
    expect(a?.amount.toFixed(2)).toBe('119.00');
    expect(a?.remittance).toBe('RE-2026-000101 Danke');
    expect(a?.endToEndId).toBe('E2E-77');
    expect(a?.counterpartyIban).toBe('DE89370400440532013000');
    expect(a?.counterpartyName).toBe('MUELLER GMBH');
    expect(a?.bankReference).toBe('BANKREF1');
    expect(a?.bookingText).toBe('GUTSCHR. UEBERWEISUNG');
    expect(b?.amount.toFixed(2)).toBe('-50.00');
    expect(file.statements[0]?.accountId).toBe('10020030/1234567');
  });

  it('imports a statement with a wrong closing balance with a visible warning', () => {
    const file = parseStatementFile(enc(mt('9999,99')), { fileName: 'x.sta' });
    expect(allTransactions(file)).toHaveLength(2);
    expect(file.warnings.join()).toMatch(/Saldo stimmt nicht.*9999\.99/);
  });

  it('treats RC as a reversal of a credit (money out) and RD as money in', () => {
    const text = `:20:X\n:25:1/2\n:60F:C260101EUR0,00\n:61:260102RC10,00NTRFNONREF\n:61:260102RD4,00NTRFNONREF\n:62F:D260102EUR6,00\n-`;
    const txs = allTransactions(parseStatementFile(enc(text)));
    expect(txs.map((t) => t.amount.toFixed(2))).toEqual(['-10.00', '4.00']);
  });

  it('reads the non-standard :NS: field as a field of its own, not as more lines of the field before', () => {
    const text = `:20:STARTUMS\n:25:1222333444\n:28C:1/1\n:NS:22Test GmbH\n23Testkonto\n:60F:C260101EUR0,00\n:61:2601020102CR10,00NTRFNONREF//BANKREF2\n:NS:01Verwendungszweck\n:62F:C260102EUR10,00\n-`;
    const file = parseStatementFile(enc(text), { fileName: 'x.sta' });
    expect(file.warnings).toEqual([]);
    expect(file.statements[0]?.statementId).toBe('1/1');
    const [t] = allTransactions(file);
    expect([t?.amount.toFixed(2), t?.bankReference]).toEqual(['10.00', 'BANKREF2']);
  });

  it('refuses a file without any MT940 field', () => {
    expect(refusal(() => parseStatementFile(enc('1\n2\n3\n'), { fileName: 'x.sta' }))).toMatch(/keine MT940-Datei/);
  });

  it('splits SEPA purpose tokens', () => {
    expect(splitSepaPurpose('EREF+A1 MREF+M2 CRED+DE11 SVWZ+Rechnung 5')).toMatchObject({ EREF: 'A1', MREF: 'M2', CRED: 'DE11', SVWZ: 'Rechnung 5' });
  });
});

describe('CSV and decoding', () => {
  it('decodes Windows-1252 through iconv-lite (0x80 is €, not U+0080)', () => {
    const bytes = iconv.encode('Betrag €; Gebühr', 'win1252');
    expect(decodeStatementBytes(bytes)).toEqual({ text: 'Betrag €; Gebühr', encoding: 'Windows-1252' });
  });

  it('strips the UTF-8 BOM and keeps valid UTF-8 as it is', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Währung')]);
    expect(decodeStatementBytes(bytes)).toEqual({ text: 'Währung', encoding: 'UTF-8' });
  });

  it('parses German dates and amounts strictly', () => {
    expect(parseGermanDate('05.12.25')).toBe('2025-12-05');
    expect(parseGermanDate('31.02.2026')).toBeNull();
    expect(parseBankAmount('-1.143,41')?.toFixed(2)).toBe('-1143.41');
    expect(parseBankAmount('9,90-')?.toFixed(2)).toBe('-9.90');
    expect(parseBankAmount('4.093,32 €')?.toFixed(2)).toBe('4093.32');
    expect(parseBankAmount('1,234.56')).toBeNull();
  });

  it('reads a VR-format export (Volksbank/GLS/Sparda) by its heading', () => {
    const csv =
      'Bezeichnung Auftragskonto;IBAN Auftragskonto;BIC Auftragskonto;Bankname Auftragskonto;Buchungstag;Valutadatum;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;BIC (SWIFT-Code) Zahlungsbeteiligter;Buchungstext;Verwendungszweck;Betrag;Waehrung;Saldo nach Buchung;Bemerkung;Gekennzeichneter Umsatz;Glaeubiger ID;Mandatsreferenz\n' +
      'Giro;DE02120300000000202051;BYLADEM1001;Bank;27.11.2026;27.11.2026;Müller GmbH;DE89370400440532013000;COBADEFFXXX;Gutschrift;RE-2026-000101;1.119,00;EUR;5000,00;;;;\n';
    const file = parseBankCsv(csv);
    expect(file.variant).toBe('Volksbank/GLS/Sparda (VR-Format)');
    const tx = file.statements[0]?.transactions[0];
    expect(tx?.amount.toFixed(2)).toBe('1119.00');
    expect(tx?.counterpartyName).toBe('Müller GmbH');
    expect(tx?.remittance).toBe('RE-2026-000101');
    expect(file.statements[0]?.accountIban).toBe('DE02120300000000202051');
  });

  it('leaves out rows the bank has not booked yet (Sparkasse „Umsatz vorgemerkt“), saying so once', () => {
    const csv =
      '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"\n' +
      '"DE89370400440532013000";"05.12.25";"08.12.25";"FOLGELASTSCHRIFT";"Domain";"";"";"";"";"";"";"IT GmbH";"DE89370400440532013003";"GENODEM1XXX";"-10,57";"EUR";"Umsatz vorgemerkt"\n' +
      '"DE89370400440532013000";"04.12.25";"04.12.25";"GUTSCHR. UEBERWEISUNG";"RE-2026-000101";"";"";"";"";"";"";"Müller GmbH";"DE02120300000000202051";"BYLADEM1001";"119,00";"EUR";"Umsatz gebucht"\n';
    const file = parseBankCsv(csv);
    expect(file.variant).toBe('Sparkasse (CSV-CAMT)');
    expect(allTransactions(file).map((t) => [t.bookingDate, t.amount.toFixed(2)])).toEqual([['2025-12-04', '119.00']]);
    expect(file.warnings).toEqual(['1 Umsatz nicht übernommen – vorgemerkt, noch nicht gebucht. Gebuchte Umsätze kommen mit einem späteren Export.']);
  });

  it('reads a generic mapping with separate Soll/Haben columns', () => {
    const csv = 'Datum;Text;Soll;Haben\n01.12.2026;Miete;100,00;\n02.12.2026;RE-2026-000101;;119,00\n';
    const file = parseBankCsv(csv, { mapping: { columns: { bookingDate: 'Datum', remittance: 'Text', debit: 'Soll', credit: 'Haben' } } });
    expect(file.statements[0]?.transactions.map((t) => t.amount.toFixed(2))).toEqual(['-100.00', '119.00']);
  });

  it('refuses an unknown CSV layout with a German hint to the mapping', () => {
    expect(refusal(() => parseBankCsv('a;b;c\n1;2;3\n'))).toMatch(/Spaltenzuordnung/);
  });

  it('refuses files over the size limit before decoding, with a German size message', () => {
    expect(refusal(() => checkStatementSize(50 * 1024 * 1024))).toMatch(/zu groß \(50 MB\).*bis 20 MB/);
    expect(refusal(() => parseStatementFile(new Uint8Array(0)))).toMatch(/leer/);
  });
});

describe('CAMT pending entries', () => {
  // §9 "Each transaction is stored once": a pending entry comes again, booked and with its own
  // reference, in the day statement; importing it now would store the payment twice.
  it('§9 does not import entries with status PDNG or INFO and says how many were left for the statement', () => {
    const status = (sts: string, entry: string) => entry.replace('<Sts><Cd>BOOK</Cd></Sts>', `<Sts><Cd>${sts}</Cd></Sts>`);
    const xml = camt053(
      status('PDNG', camtEntry({ amount: '5.00', ref: 'P1' })) + camtEntry({ amount: '7.00', ref: 'B1' }) + status('INFO', camtEntry({ amount: '9.00', ref: 'I1' })),
      { opening: '100.00', closing: '107.00' },
    );
    const file = parseStatementFile(enc(xml));
    expect(allTransactions(file).map((t) => [t.amount.toFixed(2), t.bankReference])).toEqual([['7.00', 'B1']]);
    // The booked balances add up without the pending entries: no balance warning.
    expect(file.warnings).toEqual(['Auszug S1: 2 Umsätze nicht übernommen – vorgemerkt, noch nicht gebucht (Status PDNG/INFO). Gebuchte Umsätze kommen mit dem Kontoauszug.']);
  });

  it('reads the status also in the old form <Sts>PDNG</Sts> and names a single entry in the singular', () => {
    const xml = camt053(camtEntry({ amount: '5.00', ref: 'P1' }).replace('<Sts><Cd>BOOK</Cd></Sts>', '<Sts>PDNG</Sts>'));
    const file = parseStatementFile(enc(xml));
    expect(allTransactions(file)).toEqual([]);
    expect(file.warnings).toEqual(['Auszug S1: 1 Umsatz nicht übernommen – vorgemerkt, noch nicht gebucht (Status PDNG/INFO). Gebuchte Umsätze kommen mit dem Kontoauszug.']);
  });
});

interface BatchDetail {
  readonly amount?: string;
  readonly currency?: string;
  /** Write the amount as <TxDtls><Amt> (camt 001.03+) instead of <AmtDtls><TxAmt><Amt>. */
  readonly plainAmt?: boolean;
  readonly direction?: 'CRDT' | 'DBIT';
  readonly name: string;
  readonly iban: string;
  readonly text: string;
  readonly e2e?: string;
  readonly ref?: string;
}

/** One incoming entry (Sammelgutschrift) with a <TxDtls> per payer. */
function batchEntry(amount: string, details: readonly BatchDetail[], entryRef: string | null = 'BATCH-1'): string {
  const detail = (d: BatchDetail) => {
    const amt = d.amount === undefined ? '' : `<Amt Ccy="${d.currency ?? 'EUR'}">${d.amount}</Amt>`;
    return `<TxDtls><Refs>${d.ref ? `<AcctSvcrRef>${d.ref}</AcctSvcrRef>` : ''}<EndToEndId>${d.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs>
${d.plainAmt ? amt : amt && `<AmtDtls><TxAmt>${amt}</TxAmt></AmtDtls>`}${d.direction ? `<CdtDbtInd>${d.direction}</CdtDbtInd>` : ''}
<RltdPties><Dbtr><Pty><Nm>${d.name}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${d.iban}</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>${d.text}</Ustrd></RmtInf></TxDtls>`;
  };
  return `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt>${entryRef ? `<AcctSvcrRef>${entryRef}</AcctSvcrRef>` : ''}
<NtryDtls><Btch><NbOfTxs>${details.length}</NbOfTxs></Btch>${details.map(detail).join('')}</NtryDtls><AddtlNtryInf>SAMMLER-GUTSCHRIFT</AddtlNtryInf></Ntry>`;
}

const ALPHA = { name: 'Alpha Software GmbH', iban: 'DE02120300000000202051', text: 'RE-2026-000101' };
const BETA = { name: 'Beta Handel KG', iban: 'DE02100500000054540402', text: 'RE-2026-000201' };

describe('§9 CAMT batch entries (several <TxDtls> in one <Ntry>)', () => {
  it('splits a batch credit into one transaction per payer: own amount, name, IBAN, text and references', () => {
    const xml = camt053(batchEntry('178.50', [
      { ...ALPHA, amount: '119.00', e2e: 'E2E-A' },
      { ...BETA, amount: '59.50', e2e: 'E2E-B', ref: 'DETAIL-B' },
    ]), { opening: '0.00', closing: '178.50' });
    const file = parseStatementFile(enc(xml));
    expect(file.warnings).toEqual([]);
    const rows = allTransactions(file).map((t) => ({
      amount: t.amount.toFixed(2),
      name: t.counterpartyName,
      iban: t.counterpartyIban,
      text: t.remittance,
      e2e: t.endToEndId,
      ref: t.bankReference,
      partId: t.batch?.partId,
      source: t.source,
      manualOnly: t.manualOnly,
    }));
    expect(rows).toEqual([
      { amount: '119.00', name: ALPHA.name, iban: ALPHA.iban, text: ALPHA.text, e2e: 'E2E-A', ref: 'BATCH-1', partId: 'E2E-A', source: 'Auszug S1, Buchung 1, Einzelumsatz 1', manualOnly: undefined },
      { amount: '59.50', name: BETA.name, iban: BETA.iban, text: BETA.text, e2e: 'E2E-B', ref: 'DETAIL-B', partId: 'DETAIL-B', source: 'Auszug S1, Buchung 1, Einzelumsatz 2', manualOnly: undefined },
    ]);
    // Each part remembers the whole entry (for re-imports of files read before the split).
    const whole = allTransactions(file)[0]?.batch?.wholeEntry;
    expect([whole?.amount.toFixed(2), whole?.bankReference, whole?.counterpartyName, whole?.remittance]).toEqual(['178.50', 'BATCH-1', null, 'RE-2026-000101 RE-2026-000201']);
  });

  it('reads the amount from <TxDtls><Amt> when <AmtDtls> is missing, and numbers parts without references by position', () => {
    const xml = camt053(batchEntry('20.00', [
      { ...ALPHA, amount: '12.50', plainAmt: true },
      { ...BETA, amount: '7.50', plainAmt: true },
    ], null));
    const txs = allTransactions(parseStatementFile(enc(xml)));
    expect(txs.map((t) => [t.amount.toFixed(2), t.counterpartyName, t.bankReference, t.batch?.partId])).toEqual([
      ['12.50', ALPHA.name, null, '1'],
      ['7.50', BETA.name, null, '2'],
    ]);
  });

  const keptWhole: readonly [string, string, readonly BatchDetail[]][] = [
    ['the amounts add up to another sum', 'weil die Einzelbeträge zusammen 170,00\u00a0€ statt 178,50\u00a0€ ergeben', [{ ...ALPHA, amount: '119.00' }, { ...BETA, amount: '51.00' }]],
    ['an amount is missing', 'weil bei Einzelumsatz 2 der Betrag fehlt', [{ ...ALPHA, amount: '119.00' }, { ...BETA }]],
    ['an amount is in another currency', 'weil Einzelumsatz 2 auf CHF statt EUR lautet', [{ ...ALPHA, amount: '119.00' }, { ...BETA, amount: '59.50', currency: 'CHF' }]],
    ['a detail runs the other way', 'weil Einzelumsatz 1 die Gegenrichtung hat (DBIT statt CRDT)', [{ ...ALPHA, amount: '119.00', direction: 'DBIT' }, { ...BETA, amount: '59.50' }]],
  ];
  for (const [when, why, details] of keptWhole) {
    it(`keeps the entry as one transaction, never booked automatically, when ${when}`, () => {
      const file = parseStatementFile(enc(camt053(batchEntry('178.50', details))));
      expect(allTransactions(file).map((t) => [t.amount.toFixed(2), t.counterpartyName, t.counterpartyIban, t.remittance, t.bankReference, t.manualOnly, t.batch])).toEqual([
        ['178.50', null, null, 'RE-2026-000101 RE-2026-000201', 'BATCH-1', true, undefined],
      ]);
      expect(file.warnings).toEqual([
        `Auszug S1, Buchung 1: Sammelbuchung mit 2 Einzelumsätzen als ein Umsatz übernommen, ${why}. Sie wird nicht automatisch verbucht – bitte von Hand zuordnen.`,
      ]);
    });
  }

  it('an entry with a single <TxDtls> stays as it was: the entry amount and that payer', () => {
    const txs = allTransactions(parseStatementFile(enc(camt053(batchEntry('119.00', [{ ...ALPHA, amount: '118.00' }])))));
    expect(txs.map((t) => [t.amount.toFixed(2), t.counterpartyName, t.manualOnly, t.batch])).toEqual([['119.00', ALPHA.name, undefined, undefined]]);
  });
});

describe('a booking that cannot be read refuses the file, naming where (skipping it would lose a payment)', () => {
  const TAIL = '. Die Datei wurde nicht eingelesen, damit kein Umsatz verloren geht – bitte die Zeile prüfen oder den Auszug neu aus dem Online-Banking exportieren.';

  it('MT940: an unreadable :61: line, by its file line', () => {
    const text = ':20:X\n:25:1/2\n:60F:C260101EUR0,00\n:61:260102C10,00NTRFNONREF\n:61:26010XC5,00NTRF\n:62F:C260102EUR15,00\n-';
    expect(refusal(() => parseStatementFile(enc(text), { fileName: 'a.sta' }))).toBe(`Zeile 5: Umsatzzeile „26010XC5,00NTRF“ ist nicht lesbar${TAIL}`);
  });

  it('CAMT: an entry without amount, by statement and entry', () => {
    const xml = camt053(camtEntry({ amount: '1.00', ref: 'A' }) + camtEntry({ amount: 'abc', ref: 'B' }));
    expect(refusal(() => parseStatementFile(enc(xml)))).toBe(`Auszug S1, Buchung 2: Betrag fehlt oder ist ungültig${TAIL}`);
  });
});

describe('§2 amounts carry 2 decimals: a statement with a third decimal is refused, naming where', () => {
  const refused: readonly [string, string, string][] = [
    [
      'MT940 :61: (file line of the tag)',
      ':20:STARTUMS\r\n:25:10020030/1234567\r\n:28C:1/1\r\n:60F:C261126EUR0,00\r\n:61:2611271127CR119,00NTRFNONREF//B1\r\n:86:166?00GUTSCHRIFT?20RE-2026-000101\r\n:61:2611271127CR10,005NTRFNONREF//B2\r\n:86:166?00GUTSCHRIFT?20Test\r\n:62F:C261127EUR129,005\r\n-\r\n',
      'Zeile 7: Der Betrag 10,005 hat mehr als 2 Nachkommastellen.',
    ],
    ['CAMT entry', camt053(camtEntry({ amount: '1.00', ref: 'A' }) + camtEntry({ amount: '10.005', credit: false, ref: 'B' })), 'Auszug S1, Buchung 2: Der Betrag -10,005 hat mehr als 2 Nachkommastellen.'],
    [
      'CAMT batch part',
      camt053(batchEntry('20.00', [{ ...ALPHA, amount: '10.005' }, { ...BETA, amount: '9.995' }])),
      'Auszug S1, Buchung 1, Einzelumsatz 1: Der Betrag 10,005 hat mehr als 2 Nachkommastellen.',
    ],
    [
      'CSV row (file line)',
      'Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n\n27.11.2026;27.11.2026;A;Gutschrift;x;1,00;EUR\n27.11.2026;27.11.2026;B;Gutschrift;y;10,005;EUR\n',
      'Zeile 4: Der Betrag 10,005 hat mehr als 2 Nachkommastellen.',
    ],
  ];
  for (const [where, text, message] of refused) {
    it(`${where}`, () => {
      expect(refusal(() => parseStatementFile(enc(text), { fileName: where.startsWith('MT940') ? 'a.sta' : 'a.csv' }))).toBe(
        `${message} Beträge auf Kontoauszügen sind centgenau; die Datei wurde nicht eingelesen.`,
      );
    });
  }

  it('accepts trailing zeros (8.850, 10,000) as the 2-decimal amounts they are', () => {
    const camt = allTransactions(parseStatementFile(enc(camt053(camtEntry({ amount: '8.850', ref: 'A' })))));
    const mt = allTransactions(parseStatementFile(enc(':20:X\n:25:1/2\n:60F:C260101EUR0,00\n:61:260102C10,000NTRFNONREF\n:62F:C260102EUR10,00\n-'), { fileName: 'a.sta' }));
    expect([...camt, ...mt].map((t) => t.amount.toFixed(2))).toEqual(['8.85', '10.00']);
  });
});

describe('bank CSV rows: real file lines; a money row that cannot be read refuses the file', () => {
  const heading = 'Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung';

  it('refuses a booking row with an unreadable amount, naming its file line (preamble, blank lines and quoted line breaks counted)', () => {
    const csv = [
      'Umsatzanzeige;Datei erstellt am: 09.12.2025 15:23',
      '',
      'IBAN;DE89370400440532013000',
      '',
      heading,
      '09.12.2025;09.12.2025;A;Lastschrift;"zwei',
      'Zeilen";-13,98;EUR',
      '',
      '28.11.2025;28.11.2025;Rente;97052181157Z00511 RV-RENTE 11.2025;2.647,74;EUR',
      '',
    ].join('\r\n');
    expect(refusal(() => parseBankCsv(csv))).toBe(
      'Zeile 9: Betrag „EUR“ ist keine gültige Zahl (der Zeile fehlt eine Spalte). Die Datei wurde nicht eingelesen, damit kein Umsatz verloren geht – bitte die Zeile prüfen oder den Auszug neu aus dem Online-Banking exportieren.',
    );
  });

  it('refuses a booking row whose date is shaped like a date but is none (31.02.)', () => {
    expect(refusal(() => parseBankCsv(`${heading}\n31.02.2026;01.03.2026;A;Gutschrift;x;5,00;EUR\n`))).toMatch(/^Zeile 2: Buchungsdatum „31\.02\.2026“ ist kein gültiges Datum\. Die Datei wurde nicht eingelesen/);
  });

  it('skips a row without a booking date (a balance line) with a warning naming its file line', () => {
    const csv = `${heading}\n\n27.11.2026;27.11.2026;A;Gutschrift;RE-2026-000101;119,00;EUR\n\nEndsaldo;;;;;1.119,00;EUR\n`;
    const file = parseBankCsv(csv);
    expect(allTransactions(file).map((t) => [t.amount.toFixed(2), t.source])).toEqual([['119.00', 'Zeile 3']]);
    expect(file.warnings).toEqual(['Zeile 5: „Endsaldo“ ist kein Buchungsdatum – keine Buchungszeile, übergangen.']);
  });

  it('a generic mapping follows the same rule and names the file line', () => {
    const mapping = { columns: { bookingDate: 'Datum', remittance: 'Text', amount: 'Betrag' } };
    const good = parseBankCsv('Datum;Text;Betrag\n01.12.2026;Miete;-100,00\n\nSumme;;-100,00\n', { mapping });
    expect([allTransactions(good).length, good.warnings]).toEqual([1, ['Zeile 4: „Summe“ ist kein Buchungsdatum – keine Buchungszeile, übergangen.']]);
    expect(refusal(() => parseBankCsv('Datum;Text;Betrag\n01.12.2026;Miete;-100,00\n\n02.12.2026;RE-2026-000101;1l9,00\n', { mapping }))).toBe(
      'Zeile 4: Betrag „1l9,00“ ist keine gültige Zahl. Die Datei wurde nicht eingelesen, damit kein Umsatz verloren geht – bitte die Zeile prüfen oder den Auszug neu aus dem Online-Banking exportieren.',
    );
  });
});
