// SWIFT MT940/MT942 — our own small parser (the available npm packages are unmaintained or
// drop the German :86: subfields). Tolerant like the banks' files are: wrapped lines, missing
// entry dates, SWIFT block envelopes, blank lines, 30 February. A statement whose balances do
// not add up is imported with a visible warning; a file without any MT940 field, or with a :61:
// line that cannot be read, is refused.
import { refuseFile, refuseUnreadableBooking } from './refuse';
import { Decimal } from '../../../shared/money';
import { daysInMonth, isoDate, type IsoDate } from '../../../shared/dates';
import type { ParsedBalance, ParsedFile, ParsedStatement, ParsedTransaction } from './model';

interface Field {
  readonly tag: string;
  readonly value: string;
  /** File line of the tag, so messages can name it. */
  readonly line: number;
}

const TAG_LINE = /^:(\d{2}[A-Z]?|NS):(.*)$/;
const KNOWN_TAGS = new Set(['20', '21', '25', '28', '28C', '60F', '60M', '61', '62F', '62M', '64', '65', '86', '13', '13D', '34F', '90D', '90C', 'NS']);
const STRUCTURAL_TAGS = new Set(['20', '25', '28C', '60F', '60M', '61', '62F', '62M', '64', '86']);

export function looksLikeMt940(text: string): boolean {
  return /(^|\n|\{4:)\s*:(20|25|28C|60F|61):/.test(text.slice(0, 8192));
}

function splitFields(text: string): Field[][] {
  // The SWIFT envelope is cut line by line, so every piece keeps the number of its file line.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((raw, i) =>
      raw
        .replace(/\{[1-3]:[^}]*\}/g, '')
        .replace(/\{4:/g, '\n')
        .replace(/-\}/g, '\n-')
        .replace(/\{5:[^}]*\}/g, '')
        .split('\n')
        .map((piece) => ({ text: piece, line: i + 1 })),
    );
  const messages: Field[][] = [];
  let current: { tag: string; lines: string[]; line: number }[] = [];
  const flush = () => {
    if (current.length > 0) messages.push(current.map((f) => ({ tag: f.tag, value: f.lines.join('\n'), line: f.line })));
    current = [];
  };
  // A tag broken over two lines (":" alone, then "86:…") is joined back.
  for (let i = 0; i < lines.length - 1; i++) {
    const here = lines[i];
    const next = lines[i + 1];
    if (here && next && here.text.trim() === ':' && /^\d{2}[A-Z]?:/.test(next.text)) {
      here.text = ':' + next.text;
      next.text = '';
    }
  }
  for (const { text: raw, line: lineNumber } of lines) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ').replace(/\s+$/, '');
    const m = TAG_LINE.exec(line.trimStart());
    if (m) {
      const tag = m[1] ?? '';
      // A new :20: starts a new statement inside the same message block.
      if (tag === '20' && current.some((f) => f.tag === '61' || f.tag === '62F' || f.tag === '62M')) flush();
      current.push({ tag, lines: [m[2] ?? ''], line: lineNumber });
    } else if (line.trim() === '-' || line.trim() === '}') {
      flush();
    } else if (line.trim() !== '' && current.length > 0) {
      current[current.length - 1]?.lines.push(line);
    }
  }
  flush();
  return messages;
}

export function parseMt940(text: string): ParsedFile {
  const messages = splitFields(text);
  const any = messages.some((m) => m.some((f) => STRUCTURAL_TAGS.has(f.tag)));
  if (!any) refuseFile('Die Datei ist keine MT940-Datei: keine MT940-Felder (:20:, :25:, :60F:, :61:, :62F:) gefunden.');

  const warnings: string[] = [];
  const statements: ParsedStatement[] = [];
  messages.forEach((fields, i) => {
    if (!fields.some((f) => STRUCTURAL_TAGS.has(f.tag))) return;
    statements.push(parseMessage(fields, i, warnings));
  });
  for (const m of messages) for (const f of m) if (!KNOWN_TAGS.has(f.tag)) warnings.push(`Unbekanntes Feld :${f.tag}: wurde übergangen.`);
  if (statements.every((s) => s.transactions.length === 0)) warnings.push('Die Datei enthält keine Umsätze.');
  return { format: 'MT940', variant: messages.some((m) => m.some((f) => f.tag === '13D' || f.tag === '34F')) ? 'MT942' : 'MT940', statements, warnings };
}

function parseMessage(fields: Field[], index: number, warnings: string[]): ParsedStatement {
  let accountIban: string | null = null;
  let accountId: string | null = null;
  let statementId: string | null = null;
  let currency: string | null = null;
  let opening: ParsedBalance | null = null;
  let closing: ParsedBalance | null = null;
  const pending: { line: ParsedLine; details: string | null; source: string }[] = [];
  const label = () => statementId ?? String(index + 1);

  for (const f of fields) {
    switch (f.tag) {
      case '20':
        break;
      case '25': {
        const v = f.value.replace(/\s+/g, '');
        const ibanMatch = /^([A-Z]{2}\d{2}[A-Z0-9]{10,30}?)([A-Z]{3})?$/.exec(v);
        if (ibanMatch && !/^\d/.test(v)) {
          accountIban = ibanMatch[1] ?? null;
          accountId = accountIban;
          currency ??= ibanMatch[2] ?? null;
        } else {
          const cur = /([A-Z]{3})$/.exec(v);
          if (cur) currency ??= cur[1] ?? null;
          accountId = v.replace(/[A-Z]{3}$/, '') || v;
        }
        break;
      }
      case '28':
      case '28C':
        statementId = f.value.trim() || null;
        break;
      case '60F':
      case '60M': {
        const b = parseBalance(f.value, warnings, label());
        if (b) {
          opening ??= b;
          currency ??= b.currency;
        }
        break;
      }
      case '62F':
      case '62M': {
        const b = parseBalance(f.value, warnings, label());
        if (b) closing = b;
        break;
      }
      case '61': {
        const line = parseLine(f.value, warnings, label(), f.line);
        pending.push({ line, details: null, source: `Zeile ${f.line}` });
        break;
      }
      case '86': {
        const last = pending[pending.length - 1];
        if (last && last.details === null) last.details = f.value;
        break;
      }
      default:
        break;
    }
  }
  const cur = currency ?? 'EUR';
  const transactions = pending.map(({ line, details, source }) => toTransaction(line, details, cur, source));
  if (opening && closing) {
    const total = transactions.reduce((s, t) => s.plus(t.amount), new Decimal(0));
    if (!opening.amount.plus(total).eq(closing.amount)) {
      warnings.push(
        `Auszug ${label()}: Saldo stimmt nicht – Anfangssaldo ${opening.amount.toFixed(2)} + Umsätze ${total.toFixed(2)} = ${opening.amount.plus(total).toFixed(2)}, die Bank meldet als Endsaldo ${closing.amount.toFixed(2)} ${closing.currency}.`,
      );
    }
  }
  return { accountIban, accountId, currency: cur, statementId, openingBalance: opening, closingBalance: closing, transactions };
}

function mtAmount(raw: string): Decimal | null {
  const s = raw.trim();
  if (!/^\d+(,\d*)?$/.test(s) && !/^\d+\.\d+$/.test(s)) return null;
  const normal = s.replace(',', '.').replace(/\.$/, '');
  return new Decimal(normal === '' ? '0' : normal);
}

/** YYMMDD → ISO; a day beyond the month's end (30 February in German files) is clamped. */
function mtDate(yymmdd: string, warnings: string[], where: string): IsoDate | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const yy = Number(m[1]);
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const last = daysInMonth(year, month);
  if (day > last) {
    warnings.push(`${where}: ungültiges Datum ${m[3]}.${m[2]}.${year} – als ${String(last).padStart(2, '0')}.${m[2]}.${year} übernommen.`);
    return isoDate(year, month, last);
  }
  return isoDate(year, month, day);
}

function parseBalance(value: string, warnings: string[], where: string): ParsedBalance | null {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,.]+)/.exec(value.replace(/\s+/g, ''));
  if (!m) {
    warnings.push(`Auszug ${where}: Saldo „${value.trim()}“ nicht lesbar.`);
    return null;
  }
  const amount = mtAmount(m[4] ?? '');
  if (!amount) return null;
  return { amount: m[1] === 'D' ? amount.negated() : amount, date: mtDate(m[2] ?? '', warnings, `Auszug ${where}`), currency: m[3] ?? 'EUR' };
}

interface ParsedLine {
  readonly valueDate: IsoDate;
  readonly entryMonthDay: string | null;
  readonly amount: Decimal;
  readonly customerRef: string | null;
  readonly bankRef: string | null;
  readonly supplementary: string | null;
}

const LINE_61 = /^(\d{6})\s*(\d{4}|\s{4})?\s*(RC|RD|EC|ED|C|D)([A-Z])?([\d,.]+)\s*([NFS][A-Z0-9]{2}[A-Z0-9 ])?([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;

/** A :61: line; one that cannot be read refuses the file (skipping it would lose a payment). */
function parseLine(raw: string, warnings: string[], where: string, fileLine: number): ParsedLine {
  // Some banks wrap right after the debit/credit mark: "1811261126CR" / "30,00N062NONREF".
  const value = /^\d{6}(\d{4})?\s*R?[CD][A-Z]?\n/.test(raw) ? raw.replace('\n', '') : raw;
  const m = LINE_61.exec(value);
  const amount = m ? mtAmount(m[5] ?? '') : null;
  const valueDate = m ? mtDate(m[1] ?? '', warnings, `Auszug ${where}`) : null;
  if (!m || !amount || !valueDate) refuseUnreadableBooking(`Zeile ${fileLine}: Umsatzzeile „${value.split('\n')[0]?.trim() ?? ''}“ ist nicht lesbar`);
  const mark = m[3] ?? 'C';
  // C credit, D debit; RC = reversal of a credit (money out), RD = reversal of a debit (money in).
  const credit = mark === 'C' || mark === 'RD' || mark === 'EC';
  const entry = (m[2] ?? '').trim();
  const customerRef = (m[7] ?? '').trim();
  return {
    valueDate,
    entryMonthDay: entry.length === 4 ? entry : null,
    amount: credit ? amount : amount.negated(),
    customerRef: customerRef && customerRef !== 'NONREF' ? customerRef : null,
    bankRef: (m[8] ?? '').trim() || null,
    supplementary: (m[9] ?? '').trim() || null,
  };
}

function bookingDateOf(line: ParsedLine): IsoDate {
  if (!line.entryMonthDay) return line.valueDate;
  const year = Number(line.valueDate.slice(0, 4));
  const month = Number(line.entryMonthDay.slice(0, 2));
  const day = Number(line.entryMonthDay.slice(2, 4));
  if (month < 1 || month > 12 || day < 1) return line.valueDate;
  // Entry date in January for a value date in December (or the reverse) crosses the year.
  const valueMonth = Number(line.valueDate.slice(5, 7));
  let y = year;
  if (valueMonth === 12 && month === 1) y = year + 1;
  if (valueMonth === 1 && month === 12) y = year - 1;
  return isoDate(y, month, Math.min(day, daysInMonth(y, month)));
}

interface Details {
  bookingText: string | null;
  name: string | null;
  iban: string | null;
  bic: string | null;
  remittance: string;
  endToEndId: string | null;
}

const SEPA_KEYS = ['EREF', 'KREF', 'MREF', 'CRED', 'DEBT', 'COAM', 'OAMT', 'SVWZ', 'ABWA', 'ABWE', 'IBAN', 'BIC'] as const;

/** Splits "EREF+…MREF+…SVWZ+…" into its parts (German SEPA purpose codes). */
export function splitSepaPurpose(text: string): Partial<Record<(typeof SEPA_KEYS)[number], string>> & { rest: string } {
  const re = new RegExp(`(${SEPA_KEYS.join('|')})\\+`, 'g');
  const hits = [...text.matchAll(re)];
  if (hits.length === 0) return { rest: text.trim() };
  const out: Partial<Record<(typeof SEPA_KEYS)[number], string>> & { rest: string } = { rest: text.slice(0, hits[0]?.index ?? 0).trim() };
  hits.forEach((h, i) => {
    const start = (h.index ?? 0) + h[0].length;
    const end = hits[i + 1]?.index ?? text.length;
    const key = h[1] as (typeof SEPA_KEYS)[number];
    out[key] ??= text.slice(start, end).trim();
  });
  return out;
}

function parseDetails(raw: string | null): Details {
  const none: Details = { bookingText: null, name: null, iban: null, bic: null, remittance: '', endToEndId: null };
  if (!raw) return none;
  const structured = /^\s*\d{3}\s*([?/])/.exec(raw);
  if (structured) {
    const sep = structured[1] === '/' ? '/' : '?';
    const flat = raw.replace(/\n/g, '');
    const body = flat.slice(flat.indexOf(sep));
    const sub: Record<string, string> = {};
    const re = new RegExp(`\\${sep}(\\d{2})([^${sep === '?' ? '?' : '/'}]*)`, 'g');
    for (const m of body.matchAll(re)) {
      const k = m[1] ?? '';
      sub[k] = (sub[k] ?? '') + (m[2] ?? '');
    }
    const purposeKeys = Object.keys(sub)
      .filter((k) => (k >= '20' && k <= '29') || (k >= '60' && k <= '63'))
      .sort();
    const purpose = purposeKeys.map((k) => sub[k] ?? '').join('');
    const sepa = splitSepaPurpose(purpose);
    const name = [sub['32'], sub['33']].filter(Boolean).join('').trim() || null;
    const account = (sub['31'] ?? '').trim();
    const e2e = sepa.EREF && sepa.EREF !== 'NOTPROVIDED' ? sepa.EREF : null;
    const text = sepa.SVWZ ?? ([sepa.rest, ...Object.entries(sepa).filter(([k]) => k !== 'rest').map(([k, v]) => `${k}+${v}`)].filter(Boolean).join(' ') || purpose);
    return {
      bookingText: (sub['00'] ?? '').trim() || null,
      name,
      iban: /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(account) ? account : (sepa.IBAN ?? null),
      bic: (sub['30'] ?? '').trim() || sepa.BIC || null,
      remittance: text.replace(/\s+/g, ' ').trim(),
      endToEndId: e2e,
    };
  }
  // Dutch/international style: /NAME/…/REMI/…/EREF/… or free text.
  const flat = raw.replace(/\n/g, ' ');
  if (/\/(NAME|REMI|EREF|IBAN|CNTP)\//.test(flat)) {
    const get = (key: string) => new RegExp(`/${key}/([^/]*)`).exec(flat)?.[1]?.trim() || null;
    const cntp = /\/CNTP\/([^/]*)\/([^/]*)\/([^/]*)\//.exec(flat);
    return {
      bookingText: null,
      name: get('NAME') ?? (cntp?.[3]?.trim() || null),
      iban: get('IBAN') ?? (cntp?.[1]?.trim() || null),
      bic: get('BIC') ?? (cntp?.[2]?.trim() || null),
      remittance: (get('REMI') ?? flat).replace(/\s+/g, ' ').trim(),
      endToEndId: get('EREF'),
    };
  }
  return { ...none, remittance: flat.replace(/\s+/g, ' ').trim() };
}

function toTransaction(line: ParsedLine, rawDetails: string | null, currency: string, source: string): ParsedTransaction {
  const d = parseDetails(rawDetails);
  return {
    bookingDate: bookingDateOf(line),
    valueDate: line.valueDate,
    amount: line.amount,
    currency,
    counterpartyName: d.name,
    counterpartyIban: d.iban ? d.iban.replace(/\s+/g, '').toUpperCase() : null,
    counterpartyBic: d.bic,
    remittance: d.remittance || line.supplementary || '',
    endToEndId: d.endToEndId ?? line.customerRef,
    bankReference: line.bankRef,
    bookingText: d.bookingText,
    source,
  };
}
