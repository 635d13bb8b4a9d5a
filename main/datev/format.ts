// Field formatting of the DATEV-Format (../shared/conformance/DATEV-EXTF.md §2): decimal
// comma without thousands separator, dates TTMM / TTMMJJJJ / JJJJMMTT, the 17-digit header
// timestamp, quoting and escaping of text, and the Windows-1252 character check. Pure: the
// creation instant is an argument.
import iconv from 'iconv-lite';
import type { IsoDate } from '../../shared/dates';
import { isIsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { Decimal } from '../../shared/money';

export const FIELD_SEPARATOR = ';';
export const ENCODING = 'win1252';

/**
 * Booking amount from whole cents (see DatevBooking.cents): always positive, two decimals,
 * decimal comma, no thousands separator (119000 → "1190,00"). Euros and cents are split as
 * integers: exact, and no Decimal per line.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Betrag ${cents} ist keine ganze Zahl von Cent`);
  if (cents === 0) throw new AppError('VALIDATION', 'Ein DATEV-Umsatz von 0,00 ist nicht zulässig.');
  const magnitude = Math.abs(cents);
  const rest = magnitude % 100;
  const fixed = `${(magnitude - rest) / 100},${rest < 10 ? '0' : ''}${rest}`;
  if (fixed.length > 13) throw new AppError('VALIDATION', `Betrag ${fixed} ist für DATEV zu groß (höchstens 10 Vorkomma-Stellen).`);
  return fixed;
}

/** Tax rate or other decimal with two places: 19 → "19,00". */
export function formatRate(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP).replace('.', ',');
}

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Dates reach the writer as IsoDate strings; a cheap shape check, the calendar check only on a miss. */
function checked(date: IsoDate): IsoDate {
  const mm = date.slice(5, 7);
  const dd = date.slice(8, 10);
  // Days 01–28 of months 01–12 exist in every year; anything else gets the full calendar check.
  const ok = SHAPE.test(date) && ((mm >= '01' && mm <= '12' && dd >= '01' && dd <= '28') || isIsoDate(date));
  if (!ok) throw new Error(`Ungültiges Datum: ${date}`);
  return date;
}

/**
 * A date formatter that remembers its last answer: a column of an export in date order repeats
 * its date line after line. Give each column its own (two columns that alternate would miss).
 */
export function rememberingLast(format: (date: IsoDate) => string): (date: IsoDate) => string {
  let lastDate = '';
  let lastText = '';
  return (date) => {
    if (date !== lastDate) {
      lastText = format(date);
      lastDate = date;
    }
    return lastText;
  };
}

/** Belegdatum: TTMM, the year comes from the batch period in the header. */
export const formatBelegdatum = rememberingLast((date) => {
  const d = checked(date);
  return d.slice(8, 10) + d.slice(5, 7);
});

/** Leistungsdatum, Fälligkeit and other booking dates: TTMMJJJJ. */
export function formatDateLong(date: IsoDate): string {
  const d = checked(date);
  return d.slice(8, 10) + d.slice(5, 7) + d.slice(0, 4);
}

/** Header dates: JJJJMMTT. */
export function formatHeaderDate(date: IsoDate): string {
  const d = checked(date);
  return d.slice(0, 4) + d.slice(5, 7) + d.slice(8, 10);
}

const BERLIN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Header field 6 "Erzeugt am": JJJJMMTTHHMMSSmmm (17 digits), German local time of the instant. */
export function formatTimestamp(instantIso: string): string {
  const instant = new Date(instantIso);
  if (Number.isNaN(instant.getTime())) throw new Error(`Ungültiger Zeitpunkt: ${instantIso}`);
  const parts = Object.fromEntries(BERLIN.formatToParts(instant).map((p) => [p.type, p.value]));
  const ms = String(instant.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}${ms}`;
}

// --- text -----------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * A text field as written: control characters (line breaks, tabs) become one blank, an
 * embedded double quote is doubled, the whole is wrapped in double quotes. Empty → "".
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\u0000-\u001f\u007f]/;

export function quoteText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return '"' + value + '"';
  const clean = value.replace(CONTROL, ' ');
  return '"' + clean.replace(/"/g, '""') + '"';
}

/** Belegfeld 1 allows letters, digits and $ & % * + - / only (no blanks, no dots), ≤ 36. */
const BELEGFELD_OK = /^[A-Za-z0-9$&%*+\-/]*$/;

export function belegfeld(value: string, max = 36): string {
  if (value.length <= max && BELEGFELD_OK.test(value)) return value;
  return value.replace(/[^A-Za-z0-9$&%*+\-/]/g, '').slice(0, max);
}

/** Cuts a text to DATEV's maximum length (counted in characters, which are single bytes in Windows-1252). */
export function limit(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max);
}

// --- Windows-1252 ------------------------------------------------------------------------

const WIN1252 = ((): ReadonlySet<string> => {
  const bytes = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  const decoded = iconv.decode(bytes, ENCODING);
  const set = new Set<string>();
  for (const ch of decoded) {
    if (ch === '\ufffd') continue;
    const back = iconv.encode(ch, ENCODING);
    if (back.length === 1) set.add(ch);
  }
  return set;
})();

/** Fallbacks for common characters outside Windows-1252 that have a readable substitute. */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200b': '',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u1e9e': 'SS',
};

/** Every character of Windows-1252 except the control characters: the fast path of toWin1252. */
const ALL_WIN1252 = new RegExp(
  '^[' +
    [...WIN1252]
      .filter((c) => c >= ' ')
      .map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
      .join('') +
    ']*$',
);

export interface CharReplacement {
  /** The character as found (may be a surrogate pair, e.g. an emoji). */
  readonly char: string;
  readonly codePoint: string;
  readonly replacement: string;
  /** Where it was found, e.g. "Buchungstext RE-2026-000001". */
  readonly where: string;
}

/**
 * Makes a text representable in Windows-1252: characters inside pass unchanged; others get
 * a readable substitute (diacritics removed: "ő" → "o", "ł" → "l") or "?"; every replacement
 * is reported to `report` so the summary can list it.
 */
export function toWin1252(value: string, where: string | (() => string), report: (r: CharReplacement) => void): string {
  if (ALL_WIN1252.test(value)) return value;
  const place = typeof where === 'string' ? where : where();
  let out = '';
  let changed = false;
  for (const ch of value) {
    if (WIN1252.has(ch)) {
      out += ch;
      continue;
    }
    changed = true;
    let replacement = SUBSTITUTES[ch];
    if (replacement === undefined) {
      const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      replacement = stripped !== '' && [...stripped].every((c) => WIN1252.has(c)) ? stripped : '?';
    }
    out += replacement;
    report({ char: ch, codePoint: 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0'), replacement, where: place });
  }
  return changed ? out : value;
}

/** Windows-1252 byte of every UTF-16 code unit that has one, -1 otherwise. */
const WIN1252_BYTE = ((): Int16Array => {
  const table = new Int16Array(0x10000).fill(-1);
  for (let b = 0; b < 256; b++) {
    const ch = iconv.decode(Buffer.from([b]), ENCODING);
    if (ch.length === 1 && ch !== '\ufffd' && WIN1252.has(ch)) table[ch.charCodeAt(0)] = b;
  }
  return table;
})();
// Characters whose Windows-1252 byte equals their Latin-1 code (not U+0080–U+009F, where the two differ).
// eslint-disable-next-line no-control-regex
const SAME_IN_LATIN1 = /^[\u0000-\u007f\u00a0-\u00ff]*$/;
/** Printable and the same in Latin-1, no double quote: written into a text field unchanged. */
const NOTHING_TO_ESCAPE = /^[\u0020\u0021\u0023-\u007e\u00a0-\u00ff]*$/;
const QUESTION_MARK = 0x3f;
const QUOTE = 0x22;

/**
 * Writes records straight into Windows-1252 bytes, field by field, without building a string
 * per line: the hot path of large exports. Plain values have passed toWin1252 (a character
 * without a byte would become „?“ rather than break the file); text fields refuse such a
 * character, so the caller can replace it and report where.
 */
export class Win1252Writer {
  private buf: Buffer;
  private used = 0;

  constructor(estimatedBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, estimatedBytes));
  }

  private ensure(extra: number): void {
    if (this.used + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + extra));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }

  /** Bytes prepared once (runs of empty columns). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(n);
    if (n > 24) {
      this.buf.set(bytes, this.used);
      this.used += n;
      return;
    }
    // Short runs (often a lone separator) are cheaper copied by hand than through set().
    const buf = this.buf;
    let at = this.used;
    for (let i = 0; i < n; i++) buf[at++] = bytes[i]!;
    this.used = at;
  }

  /** A value as it is (numbers, accounts, dates, already quoted header fields). */
  plain(value: string): void {
    const n = value.length;
    this.ensure(n);
    if (n > 8 && SAME_IN_LATIN1.test(value)) {
      this.used += this.buf.write(value, this.used, 'latin1');
      return;
    }
    const buf = this.buf;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const code = value.charCodeAt(i);
      if (code < 0x80) {
        buf[at++] = code;
        continue;
      }
      const byte = WIN1252_BYTE[code]!;
      buf[at++] = byte < 0 ? QUESTION_MARK : byte;
    }
    this.used = at;
  }

  /**
   * A text field as quoteText writes it. The usual text (printable Latin-1, no quote) is only
   * wrapped in quotes, so it is copied straight in; any other goes through quoteText and
   * plain(), so the escaping rule lives in one place. Returns false and writes nothing when the
   * text holds a character without a Windows-1252 byte (the caller replaces it first, see
   * toWin1252): the usual text is checked and written in one pass.
   */
  quoted(value: string): boolean {
    const n = value.length;
    this.ensure(n + 2);
    const buf = this.buf;
    let at = this.used;
    buf[at++] = QUOTE;
    if (n > 24) {
      // Longer texts: checked by one expression and copied natively.
      if (!NOTHING_TO_ESCAPE.test(value)) return this.escaped(value);
      at += buf.write(value, at, 'latin1');
    } else {
      // Short ones are cheaper through a loop than a native call.
      for (let i = 0; i < n; i++) {
        const code = value.charCodeAt(i);
        if ((code < 0x20 || code > 0x7e || code === QUOTE) && (code < 0xa0 || code > 0xff)) return this.escaped(value);
        buf[at++] = code;
      }
    }
    buf[at++] = QUOTE;
    this.used = at;
    return true;
  }

  /** A text that needs escaping or the Windows-1252 table; nothing is written when a character has no byte. */
  private escaped(value: string): boolean {
    const text = quoteText(value);
    if (!ALL_WIN1252.test(text)) return false;
    this.plain(text);
    return true;
  }

  /** Ends a record with CR LF. */
  endRecord(): void {
    this.ensure(2);
    this.buf[this.used++] = 0x0d;
    this.buf[this.used++] = 0x0a;
  }

  /** The bytes written (a view, no copy: a file of 100 000 lines is some 40 MB). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }
}

// --- accounts -------------------------------------------------------------------------------

/** G/L accounts have exactly `length` digits (Sachkontenlänge 4–8). */
export function checkGlAccount(account: string, length: number, label: string): string | null {
  if (!/^\d+$/.test(account)) return `${label}: „${account}“ ist keine Kontonummer (nur Ziffern).`;
  if (account.length !== length) return `${label}: Sachkonto ${account} hat nicht ${length} Stellen (Sachkontenlänge ${length}).`;
  return null;
}

/** Personal accounts (Debitoren) have Sachkontenlänge + 1 digits; debitors start with 1–6. */
export function checkDebitorAccount(account: string, length: number): string | null {
  if (!/^\d+$/.test(account)) return `Debitorenkonto „${account}“ ist keine Kontonummer (nur Ziffern).`;
  if (account.length !== length + 1) return `Debitorenkonto ${account} hat nicht ${length + 1} Stellen (Sachkontenlänge ${length} + 1).`;
  if (!/^[1-6]/.test(account)) return `Debitorenkonto ${account} liegt nicht im Debitorenbereich (1…–6…).`;
  return null;
}

/**
 * Extends a 4-digit chart account to a longer Sachkontenlänge the way DATEV does when the
 * account length is raised: zeros are appended (1200 → 12000 for length 5).
 */
export function extendAccount(account: string, length: number): string {
  return account.length >= length ? account : account.padEnd(length, '0');
}
