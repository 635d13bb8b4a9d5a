// ISO 20022 camt.052 (Rpt), camt.053 (Stmt) and camt.054 (Ntfctn), every version in the corpus
// (001.01 … 001.08): the element names the parser reads are the same across versions, the
// party moved under <Pty> from 001.04 on and both shapes are read.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuseFile, refuseUnreadableBooking } from './refuse';
import { Decimal, formatMoney } from '../../../shared/money';
import { isIsoDate, type IsoDate } from '../../../shared/dates';
import type { ParsedBalance, ParsedFile, ParsedStatement, ParsedTransaction, StatementFormat } from './model';
import { hasDoctypeOrEntity, unescapeXmlText } from './xml-text';

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Bal', 'Ustrd', 'Strd', 'AdrLine']);

/** Entries the bank has not booked (intraday camt.052, advices): the booked one comes later, and §9 stores each transaction once. */
const NOT_BOOKED = new Set(['PDNG', 'INFO']);

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

export function parseCamt(text: string): ParsedFile {
  if (hasDoctypeOrEntity(text)) {
    refuseFile('Die XML-Datei enthält eine DOCTYPE- oder ENTITY-Deklaration und wird aus Sicherheitsgründen nicht eingelesen.');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    refuseFile(`Die XML-Datei ist beschädigt oder unvollständig (Zeile ${valid.err.line}: ${valid.err.msg}).`);
  }
  const root = makeParser().parse(text) as Node;
  const doc = obj(root['Document']);
  if (!doc) refuseFile('Die Datei ist kein ISO-20022-Kontoauszug (kein <Document>-Element).');
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
    refuseFile('Die XML-Datei ist kein camt.052/053/054-Kontoauszug.');
  }
  if (records.length === 0) {
    refuseFile(`Die ${format}-Datei enthält keinen Auszug (${format === 'CAMT.053' ? '<Stmt>' : format === 'CAMT.052' ? '<Rpt>' : '<Ntfctn>'} fehlt).`);
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
  const label = `Auszug ${statementId ?? index + 1}`;
  const transactions: ParsedTransaction[] = [];
  let notBooked = 0;
  arr(record['Ntry']).forEach((entry, n) => {
    if (NOT_BOOKED.has(str(entry['Sts']) ?? str(obj(entry['Sts'])?.['Cd']) ?? '')) {
      notBooked++;
      return;
    }
    const source = `${label}, Buchung ${n + 1}`;
    const read = parseEntry(entry, currency, recordDate, source, warnings);
    if (typeof read === 'string') refuseUnreadableBooking(`${source}: ${read}`);
    transactions.push(...read);
  });
  if (notBooked > 0) {
    warnings.push(
      `${label}: ${notBooked === 1 ? '1 Umsatz' : `${notBooked} Umsätze`} nicht übernommen – vorgemerkt, noch nicht gebucht (Status PDNG/INFO). Gebuchte Umsätze kommen mit dem Kontoauszug.`,
    );
  }

  if (opening && closing && opening.currency === closing.currency && transactions.every((t) => t.currency === opening.currency)) {
    const total = transactions.reduce((s, t) => s.plus(t.amount), new Decimal(0));
    if (!opening.amount.plus(total).eq(closing.amount)) {
      warnings.push(
        `${label}: Anfangssaldo ${opening.amount.toFixed(2)} + Umsätze ${total.toFixed(2)} ergibt nicht den Endsaldo ${closing.amount.toFixed(2)} ${closing.currency}.`,
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

interface EntryFacts {
  readonly bookingDate: IsoDate;
  readonly valueDate: IsoDate | null;
  readonly currency: string;
  readonly incoming: boolean;
  readonly bookingText: string | null;
}

/** One <TxDtls>: a single payment inside an entry, seen from the account owner's side. */
interface Detail {
  readonly amount: { value: Decimal; currency: string | null } | null;
  readonly direction: string | null;
  readonly name: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly texts: readonly string[];
  readonly endToEndId: string | null;
  readonly bankReference: string | null;
  readonly transactionId: string | null;
}

/** An entry with several <TxDtls> is a batch (Sammelgutschrift, SEPA collection): each payment is its own
 *  transaction so matching sees each payer (§9); if the amounts do not make up the entry it stays whole, by hand only. */
function parseEntry(entry: Node, accountCurrency: string, recordDate: IsoDate | null, source: string, warnings: string[]): ParsedTransaction[] | string {
  const amt = amountOf(entry['Amt']);
  if (!amt) return 'Betrag fehlt oder ist ungültig.';
  const cdi = str(entry['CdtDbtInd']);
  if (cdi !== 'CRDT' && cdi !== 'DBIT') return 'Soll/Haben-Kennzeichen fehlt.';
  const bookingDate = dateOf(entry['BookgDt']) ?? dateOf(entry['ValDt']) ?? recordDate;
  if (!bookingDate) return 'Buchungsdatum fehlt.';
  const addtl = str(entry['AddtlNtryInf']);
  const facts: EntryFacts = {
    bookingDate,
    valueDate: dateOf(entry['ValDt']),
    currency: amt.currency ?? accountCurrency,
    incoming: cdi === 'CRDT',
    bookingText: addtl ? unescapeXmlText(addtl) : null,
  };
  const entryRef = str(entry['AcctSvcrRef']);
  const details = arr(entry['NtryDtls'])
    .flatMap((d) => arr(d['TxDtls']))
    .map((tx) => readDetail(tx, facts.incoming));
  const whole = wholeEntry(amt.value, entryRef, details, facts, source);
  if (details.length < 2) return [whole];

  const payments = batchPayments(details, amt.value, cdi, facts.currency);
  if (typeof payments === 'string') {
    warnings.push(
      `${source}: Sammelbuchung mit ${details.length} Einzelumsätzen als ein Umsatz übernommen, weil ${payments}. Sie wird nicht automatisch verbucht – bitte von Hand zuordnen.`,
    );
    return [{ ...whole, manualOnly: true }];
  }
  return payments.map(({ detail, amount }, k) => ({
    bookingDate: facts.bookingDate,
    valueDate: facts.valueDate,
    amount: facts.incoming ? amount : amount.negated(),
    currency: facts.currency,
    counterpartyName: detail.name,
    counterpartyIban: detail.iban,
    counterpartyBic: detail.bic,
    remittance: oneLine(detail.texts),
    endToEndId: detail.endToEndId,
    bankReference: detail.bankReference ?? entryRef,
    bookingText: facts.bookingText,
    source: `${source}, Einzelumsatz ${k + 1}`,
    batch: { wholeEntry: whole, partId: detail.bankReference ?? detail.transactionId ?? detail.endToEndId ?? String(k + 1) },
  }));
}

function readDetail(tx: Node, incoming: boolean): Detail {
  const refs = obj(tx['Refs']);
  const e2e = str(refs?.['EndToEndId']);
  const parties = obj(tx['RltdPties']);
  const party = obj(parties?.[incoming ? 'Dbtr' : 'Cdtr']);
  const name = str(party?.['Nm']) ?? str(obj(party?.['Pty'])?.['Nm']);
  const iban = str(obj(obj(parties?.[incoming ? 'DbtrAcct' : 'CdtrAcct'])?.['Id'])?.['IBAN']);
  const agent = obj(obj(obj(tx['RltdAgts'])?.[incoming ? 'DbtrAgt' : 'CdtrAgt'])?.['FinInstnId']);
  return {
    // The booked amount of the payment (AmtDtls/TxAmt); from camt 001.03 on also <TxDtls><Amt>.
    amount: amountOf(obj(obj(tx['AmtDtls'])?.['TxAmt'])?.['Amt']) ?? amountOf(tx['Amt']),
    direction: str(tx['CdtDbtInd']),
    name: name ? unescapeXmlText(name) : null,
    iban: iban ? iban.replace(/\s+/g, '').toUpperCase() : null,
    bic: str(agent?.['BIC']) ?? str(agent?.['BICFI']),
    texts: remittanceTexts(obj(tx['RmtInf'])),
    endToEndId: e2e && e2e !== 'NOTPROVIDED' ? e2e : null,
    bankReference: str(refs?.['AcctSvcrRef']),
    transactionId: str(refs?.['TxId']),
  };
}

function remittanceTexts(rmt: Node | null): string[] {
  const texts: string[] = [];
  for (const u of arr(rmt?.['Ustrd'])) {
    const s = typeof u === 'string' ? u : str(u);
    if (s) texts.push(unescapeXmlText(s));
  }
  for (const s of arr(rmt?.['Strd'])) {
    const ref = str(obj(s['CdtrRefInf'])?.['Ref']);
    if (ref) texts.push(unescapeXmlText(ref));
    for (const add of arr(s['AddtlRmtInf'] as unknown)) if (typeof add === 'string') texts.push(unescapeXmlText(add));
  }
  return texts;
}

const oneLine = (texts: readonly string[]) => texts.join(' ').replace(/\s+/g, ' ').trim();

/** The entry as one transaction. References are read as before batches were split, so its dedup key stays
 *  what it was; a counterparty only where all details name the same one. */
function wholeEntry(amount: Decimal, entryRef: string | null, details: readonly Detail[], facts: EntryFacts, source: string): ParsedTransaction {
  return {
    bookingDate: facts.bookingDate,
    valueDate: facts.valueDate,
    amount: facts.incoming ? amount : amount.negated(),
    currency: facts.currency,
    counterpartyName: agreed(details.map((d) => d.name)),
    counterpartyIban: agreed(details.map((d) => d.iban)),
    counterpartyBic: agreed(details.map((d) => d.bic)),
    remittance: oneLine(details.flatMap((d) => d.texts)),
    endToEndId: details.find((d) => d.endToEndId)?.endToEndId ?? null,
    bankReference: entryRef ?? details.find((d) => d.bankReference)?.bankReference ?? null,
    bookingText: facts.bookingText,
    source,
  };
}

/** The one value the details share (missing ones aside), else null: several payers are no one counterparty. */
function agreed(values: readonly (string | null)[]): string | null {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  return distinct.length === 1 ? (distinct[0] ?? null) : null;
}

/** Each detail with its amount when together they are exactly the entry; else why not (German, after „weil“). */
function batchPayments(details: readonly Detail[], entryAmount: Decimal, direction: string, currency: string): { detail: Detail; amount: Decimal }[] | string {
  const payments: { detail: Detail; amount: Decimal }[] = [];
  for (const [k, detail] of details.entries()) {
    if (!detail.amount) return `bei Einzelumsatz ${k + 1} der Betrag fehlt`;
    const detailCurrency = detail.amount.currency ?? currency;
    if (detailCurrency !== currency) return `Einzelumsatz ${k + 1} auf ${detailCurrency} statt ${currency} lautet`;
    if (detail.direction && detail.direction !== direction) return `Einzelumsatz ${k + 1} die Gegenrichtung hat (${detail.direction} statt ${direction})`;
    payments.push({ detail, amount: detail.amount.value });
  }
  const total = payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  if (!total.eq(entryAmount)) return `die Einzelbeträge zusammen ${formatMoney(total, currency)} statt ${formatMoney(entryAmount, currency)} ergeben`;
  return payments;
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
