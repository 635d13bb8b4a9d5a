// ISO 20022 camt.052 (Rpt), camt.053 (Stmt) and camt.054 (Ntfctn), every version in the corpus
// (001.01 … 001.08): the element names the parser reads are the same across versions, the
// party moved under <Pty> from 001.04 on and both shapes are read.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../shared/errors';
import { Decimal } from '../../../shared/money';
import { isIsoDate, type IsoDate } from '../../../shared/dates';
import type { ParsedBalance, ParsedFile, ParsedStatement, ParsedTransaction, StatementFormat } from './model';
import { hasDoctypeOrEntity, unescapeXmlText } from './xml-text';

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Bal', 'Ustrd', 'Strd', 'AdrLine']);

function makeParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
}

/** The bare XML parse (no validation, no normalisation) — the bench compares import time against it. */
export function parseXmlOnly(text: string): unknown {
  return makeParser().parse(text);
}

export function looksLikeCamt(text: string): boolean {
  const head = text.slice(0, 4096);
  return /urn:iso:std:iso:20022:tech:xsd:camt\.05[234]/.test(head) || /<(\w+:)?(BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)\b/.test(text.slice(0, 8192));
}

function refuse(message: string): never {
  throw new AppError('VALIDATION', message, { fields: { file: message } });
}

export function parseCamt(text: string): ParsedFile {
  if (hasDoctypeOrEntity(text)) {
    refuse('Die XML-Datei enthält eine DOCTYPE- oder ENTITY-Deklaration und wird aus Sicherheitsgründen nicht eingelesen.');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    refuse(`Die XML-Datei ist beschädigt oder unvollständig (Zeile ${valid.err.line}: ${valid.err.msg}).`);
  }
  const root = makeParser().parse(text) as Node;
  const doc = obj(root['Document']);
  if (!doc) refuse('Die Datei ist kein ISO-20022-Kontoauszug (kein <Document>-Element).');
  const ns = /urn:iso:std:iso:20022:tech:xsd:(camt\.05[234]\.\d{3}\.\d{2})/.exec(text.slice(0, 4096))?.[1] ?? null;

  let format: StatementFormat;
  let records: Node[];
  // Version 001.01 names the message element with a suffix (BkToCstmrAcctRptV01).
  const msg = (name: string) => obj(doc[name]) ?? obj(doc[`${name}V01`]);
  const stmt = msg('BkToCstmrStmt');
  const rpt = msg('BkToCstmrAcctRpt');
  const ntf = msg('BkToCstmrDbtCdtNtfctn');
  if (stmt) {
    format = 'CAMT.053';
    records = arr(stmt['Stmt']);
  } else if (rpt) {
    format = 'CAMT.052';
    records = arr(rpt['Rpt']);
  } else if (ntf) {
    format = 'CAMT.054';
    records = arr(ntf['Ntfctn']);
  } else {
    refuse('Die XML-Datei ist kein camt.052/053/054-Kontoauszug.');
  }
  if (records.length === 0) {
    refuse(`Die ${format}-Datei enthält keinen Auszug (${format === 'CAMT.053' ? '<Stmt>' : format === 'CAMT.052' ? '<Rpt>' : '<Ntfctn>'} fehlt).`);
  }

  const warnings: string[] = [];
  const statements = records.map((record, i) => parseRecord(record, i, warnings));
  return { format, variant: ns ?? format.toLowerCase(), statements, warnings };
}

function parseRecord(record: Node, index: number, warnings: string[]): ParsedStatement {
  const acct = obj(record['Acct']);
  const acctId = obj(acct?.['Id']);
  const iban = str(acctId?.['IBAN']);
  const otherId = str(obj(acctId?.['Othr'])?.['Id']) ?? str(obj(acctId?.['PrtryAcct'])?.['Id']);
  const currency = str(acct?.['Ccy']) ?? 'EUR';
  const statementId = str(record['Id']);

  let opening: ParsedBalance | null = null;
  let closing: ParsedBalance | null = null;
  for (const bal of arr(record['Bal'])) {
    const code = str(obj(obj(bal['Tp'])?.['CdOrPrtry'])?.['Cd']);
    const b = balanceOf(bal);
    if (!b) continue;
    if ((code === 'OPBD' || code === 'PRCD') && !opening) opening = b;
    if (code === 'CLBD') closing = b;
  }

  // Entries without BookgDt (allowed in camt.052/054) take the value date, else the report's date.
  const recordDate = dateOf(record['CreDtTm']) ?? dateOf(obj(record['FrToDt'])?.['ToDtTm']);
  const transactions: ParsedTransaction[] = [];
  arr(record['Ntry']).forEach((entry, n) => {
    const tx = parseEntry(entry, currency, recordDate);
    if (typeof tx === 'string') warnings.push(`Auszug ${statementId ?? index + 1}, Buchung ${n + 1}: ${tx}`);
    else transactions.push(tx);
  });

  const pending = arr(record['Ntry']).filter((e) => {
    const sts = str(e['Sts']) ?? str(obj(e['Sts'])?.['Cd']);
    return sts === 'PDNG' || sts === 'INFO';
  }).length;
  if (pending > 0) {
    warnings.push(`Auszug ${statementId ?? index + 1}: ${pending} Umsätze sind nur vorgemerkt (Status PDNG/INFO); sie wurden übernommen – bitte mit dem Tagesauszug abgleichen.`);
  }

  if (opening && closing && opening.currency === closing.currency && transactions.every((t) => t.currency === opening.currency)) {
    const total = transactions.reduce((s, t) => s.plus(t.amount), new Decimal(0));
    if (!opening.amount.plus(total).eq(closing.amount)) {
      warnings.push(
        `Auszug ${statementId ?? index + 1}: Anfangssaldo ${opening.amount.toFixed(2)} + Umsätze ${total.toFixed(2)} ergibt nicht den Endsaldo ${closing.amount.toFixed(2)} ${closing.currency}.`,
      );
    }
  }
  return { accountIban: iban, accountId: iban ?? otherId, currency, statementId, openingBalance: opening, closingBalance: closing, transactions };
}

function balanceOf(bal: Node): ParsedBalance | null {
  const amt = amountOf(bal['Amt']);
  if (!amt) return null;
  const sign = str(bal['CdtDbtInd']) === 'DBIT' ? -1 : 1;
  return { amount: amt.value.times(sign), currency: amt.currency ?? 'EUR', date: dateOf(bal['Dt']) };
}

function parseEntry(entry: Node, accountCurrency: string, recordDate: IsoDate | null): ParsedTransaction | string {
  const amt = amountOf(entry['Amt']);
  if (!amt) return 'Betrag fehlt oder ist ungültig.';
  const cdi = str(entry['CdtDbtInd']);
  if (cdi !== 'CRDT' && cdi !== 'DBIT') return 'Soll/Haben-Kennzeichen fehlt.';
  const bookingDate = dateOf(entry['BookgDt']) ?? dateOf(entry['ValDt']) ?? recordDate;
  if (!bookingDate) return 'Buchungsdatum fehlt.';
  const incoming = cdi === 'CRDT';

  const txs = arr(entry['NtryDtls']).flatMap((d) => arr(d['TxDtls']));
  let endToEndId: string | null = null;
  let name: string | null = null;
  let iban: string | null = null;
  let bic: string | null = null;
  let txRef: string | null = null;
  const texts: string[] = [];
  for (const tx of txs) {
    const refs = obj(tx['Refs']);
    const e2e = str(refs?.['EndToEndId']);
    if (!endToEndId && e2e && e2e !== 'NOTPROVIDED') endToEndId = e2e;
    txRef ??= str(refs?.['AcctSvcrRef']);
    const parties = obj(tx['RltdPties']);
    const party = obj(parties?.[incoming ? 'Dbtr' : 'Cdtr']);
    const partyName = str(party?.['Nm']) ?? str(obj(party?.['Pty'])?.['Nm']);
    name ??= partyName;
    const account = obj(obj(parties?.[incoming ? 'DbtrAcct' : 'CdtrAcct'])?.['Id']);
    iban ??= str(account?.['IBAN']);
    const agent = obj(obj(obj(tx['RltdAgts'])?.[incoming ? 'DbtrAgt' : 'CdtrAgt'])?.['FinInstnId']);
    bic ??= str(agent?.['BIC']) ?? str(agent?.['BICFI']);
    const rmt = obj(tx['RmtInf']);
    for (const u of arr(rmt?.['Ustrd'])) {
      const s = typeof u === 'string' ? u : str(u);
      if (s) texts.push(unescapeXmlText(s));
    }
    for (const s of arr(rmt?.['Strd'])) {
      const ref = str(obj(s['CdtrRefInf'])?.['Ref']);
      if (ref) texts.push(unescapeXmlText(ref));
      for (const add of arr(s['AddtlRmtInf'] as unknown)) if (typeof add === 'string') texts.push(unescapeXmlText(add));
    }
  }
  const addtl = str(entry['AddtlNtryInf']);
  return {
    bookingDate,
    valueDate: dateOf(entry['ValDt']),
    amount: incoming ? amt.value : amt.value.negated(),
    currency: amt.currency ?? accountCurrency,
    counterpartyName: name ? unescapeXmlText(name) : null,
    counterpartyIban: iban ? iban.replace(/\s+/g, '').toUpperCase() : null,
    counterpartyBic: bic,
    remittance: texts.join(' ').replace(/\s+/g, ' ').trim(),
    endToEndId,
    bankReference: str(entry['AcctSvcrRef']) ?? txRef,
    bookingText: addtl ? unescapeXmlText(addtl) : null,
  };
}

function amountOf(node: unknown): { value: Decimal; currency: string | null } | null {
  const o = obj(node);
  const raw = o ? str(o['#text']) : str(node);
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return null;
  return { value: new Decimal(raw), currency: o ? str(o['@Ccy']) : null };
}

function dateOf(node: unknown): IsoDate | null {
  const o = obj(node);
  const raw = o ? (str(o['Dt']) ?? str(o['DtTm'])) : str(node);
  if (!raw) return null;
  const d = raw.slice(0, 10);
  return isIsoDate(d) ? d : null;
}

function obj(value: unknown): Node | null {
  if (Array.isArray(value)) return obj(value[0]);
  return typeof value === 'object' && value !== null ? (value as Node) : null;
}

function arr(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list as Node[];
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  const o = obj(value);
  if (o && typeof o['#text'] === 'string') return str(o['#text']);
  return null;
}
