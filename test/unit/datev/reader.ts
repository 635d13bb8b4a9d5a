// Independent EXTF reader for tests: it shares no code with main/datev. It decodes the bytes
// (Windows-1252, or UTF-8 when a BOM says so), splits records at CR LF, and parses
// semicolon-separated fields with DATEV's quoting ("…" with "" for an embedded quote),
// remembering which fields were quoted.
import iconv from 'iconv-lite';

export interface ExtfField {
  readonly value: string;
  readonly quoted: boolean;
}

export interface ExtfFile {
  readonly encoding: 'windows-1252' | 'utf-8';
  readonly crlf: boolean;
  readonly endsWithCrlf: boolean;
  readonly header: ExtfField[];
  readonly headings: string[];
  readonly rows: ExtfField[][];
  /** Header fields by meaning (header version 510 and 700 share the layout of fields 1–31). */
  readonly info: {
    readonly kennzeichen: string;
    readonly headerVersion: number;
    readonly category: number;
    readonly formatName: string;
    readonly formatVersion: number;
    readonly createdAt: string;
    readonly consultant: string;
    readonly client: string;
    readonly fiscalYearStart: string;
    readonly accountLength: number;
    readonly periodFrom: string;
    readonly periodTo: string;
    readonly label: string;
    readonly lock: string;
    readonly currency: string;
    readonly chart: string;
  };
}

export function parseRecord(line: string): ExtfField[] {
  const out: ExtfField[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= line.length) throw new Error(`Unterminated quote in: ${line.slice(0, 80)}`);
        const ch = line[i]!;
        if (ch === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
      out.push({ value, quoted: true });
      if (i < line.length && line[i] !== ';') throw new Error(`Garbage after quote at ${i}: ${line.slice(i, i + 20)}`);
    } else {
      const end = line.indexOf(';', i);
      const value = end < 0 ? line.slice(i) : line.slice(i, end);
      out.push({ value, quoted: false });
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) break;
    i += 1; // separator
    if (i === line.length) {
      out.push({ value: '', quoted: false });
      break;
    }
  }
  return out;
}

function splitRecords(text: string): string[] {
  // Records end at CR LF outside quotes; the writer never puts line breaks into fields.
  const records = text.split(/\r\n|\n/);
  if (records[records.length - 1] === '') records.pop();
  return records;
}

export function readExtf(bytes: Buffer): ExtfFile {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bom ? bytes.subarray(3).toString('utf8') : iconv.decode(bytes, 'win1252');
  const records = splitRecords(text);
  if (records.length < 2) throw new Error('EXTF file needs a header record and a heading line');
  const header = parseRecord(records[0]!);
  const headings = records[1]!.split(';');
  const rows = records.slice(2).map(parseRecord);
  const h = (n: number): string => header[n - 1]?.value ?? '';
  return {
    encoding: bom ? 'utf-8' : 'windows-1252',
    crlf: text.includes('\r\n') && !/[^\r]\n/.test(text),
    endsWithCrlf: text.endsWith('\r\n'),
    header,
    headings,
    rows,
    info: {
      kennzeichen: h(1),
      headerVersion: Number(h(2)),
      category: Number(h(3)),
      formatName: h(4),
      formatVersion: Number(h(5)),
      createdAt: h(6),
      consultant: h(11),
      client: h(12),
      fiscalYearStart: h(13),
      accountLength: Number(h(14)),
      periodFrom: h(15),
      periodTo: h(16),
      label: h(17),
      lock: h(21),
      currency: h(22),
      chart: h(27),
    },
  };
}

/** "1190,00" → cents as bigint (exact). */
export function amountCents(value: string): bigint {
  const m = /^(\d+),(\d{2})$/.exec(value);
  if (!m) throw new Error(`Not a DATEV amount: ${value}`);
  return BigInt(m[1]! + m[2]!);
}

/** Column value by heading name. */
export function col(file: ExtfFile, row: ExtfField[], heading: string): string {
  const i = file.headings.indexOf(heading);
  if (i < 0) throw new Error(`No column ${heading}`);
  return row[i]?.value ?? '';
}

/** Debit and credit per account in cents, reading Umsatz, Soll/Haben, Konto, Gegenkonto. */
export function sumsByAccount(file: ExtfFile): Map<string, { debit: bigint; credit: bigint }> {
  const map = new Map<string, { debit: bigint; credit: bigint }>();
  const add = (account: string, debit: boolean, cents: bigint): void => {
    const cur = map.get(account) ?? { debit: 0n, credit: 0n };
    map.set(account, debit ? { ...cur, debit: cur.debit + cents } : { ...cur, credit: cur.credit + cents });
  };
  for (const row of file.rows) {
    const cents = amountCents(row[0]!.value);
    const s = row[1]!.value === 'S';
    add(row[6]!.value, s, cents);
    add(row[7]!.value, !s, cents);
  }
  return map;
}
