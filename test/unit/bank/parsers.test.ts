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
  it('warns about entries with status PDNG (camt.052 intraday) but keeps them', () => {
    const xml = camt053(camtEntry({ amount: '5.00', ref: 'P1' }).replace('<Sts><Cd>BOOK</Cd></Sts>', '<Sts><Cd>PDNG</Cd></Sts>'));
    const file = parseStatementFile(enc(xml));
    expect(allTransactions(file)).toHaveLength(1);
    expect(file.warnings.join()).toContain('1 Umsätze sind nur vorgemerkt');
  });
});
