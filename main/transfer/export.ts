// Full data export: every dataset that exists in this company file, as CSV (`;`, Windows-1252
// or UTF-8 with BOM) or JSON. Tables of areas not installed yet are reported as absent.
// Amounts stored as *_cents become decimal amounts, *_units become 4-decimal unit prices;
// CSV writes these and the decimals stored as text (quantities, discounts, tax rates) with a
// decimal comma (Excel de-DE reads them as numbers), JSON as "1234.56". Text columns stay as stored.
import type BetterSqlite3 from 'better-sqlite3';
import { CUSTOMER_IMPORT_FIELDS, PAYMENT_METHOD_EXPORT_LABELS, type ExportCsvEncoding, type ExportFile, type ExportFormat, type ExportResult } from '../../shared/api/transfer';
import { fromCents, fromPriceUnits, toPlain, UNIT_PRICE_DECIMALS } from '../../shared/money';
import { charactersOutsideWindows1252, encodeCsv, writeCsv, writeJson, type CsvCell } from './rules-export';

interface Lookup {
  /** Column of the dataset's table holding the foreign id. */
  readonly column: string;
  readonly table: string;
  readonly as: string;
  readonly field?: string;
}

interface Dataset {
  readonly key: string;
  readonly label: string;
  readonly table: string;
  readonly lookups?: readonly Lookup[];
}

/** In the order a reader would want them; tables named as the areas own them. */
export const DATASETS: readonly Dataset[] = [
  { key: 'customers', label: 'Kunden', table: 'customer' },
  { key: 'customer_accounts', label: 'Kundenkonten', table: 'customer_account', lookups: [{ column: 'customer_id', table: 'customer', as: 'customer_number' }] },
  { key: 'projects', label: 'Projekte', table: 'project' },
  { key: 'product_groups', label: 'Warengruppen', table: 'product_group' },
  { key: 'articles', label: 'Artikel', table: 'article', lookups: [{ column: 'product_group_id', table: 'product_group', as: 'product_group_name', field: 'name' }] },
  { key: 'price_variants', label: 'Preisvarianten', table: 'price_variant', lookups: [{ column: 'article_id', table: 'article', as: 'article_number' }] },
  { key: 'contracts', label: 'Verträge', table: 'contract', lookups: [{ column: 'customer_id', table: 'customer', as: 'customer_number' }] },
  {
    key: 'contract_items',
    label: 'Vertragspositionen',
    table: 'subscription_item',
    lookups: [
      { column: 'contract_id', table: 'contract', as: 'contract_number' },
      { column: 'article_id', table: 'article', as: 'article_number' },
    ],
  },
  { key: 'activities', label: 'Leistungen', table: 'activity', lookups: [{ column: 'contract_id', table: 'contract', as: 'contract_number' }] },
  { key: 'invoices', label: 'Rechnungen', table: 'invoice', lookups: [{ column: 'customer_id', table: 'customer', as: 'customer_number' }] },
  { key: 'invoice_lines', label: 'Rechnungspositionen', table: 'invoice_line', lookups: [{ column: 'invoice_id', table: 'invoice', as: 'invoice_number' }] },
  { key: 'invoice_taxes', label: 'Rechnungssteuern', table: 'invoice_tax', lookups: [{ column: 'invoice_id', table: 'invoice', as: 'invoice_number' }] },
  { key: 'account_entries', label: 'Kontobewegungen', table: 'account_entry', lookups: [{ column: 'account_id', table: 'customer_account', as: 'account_number' }] },
  { key: 'bank_transactions', label: 'Banktransaktionen', table: 'bank_transaction' },
];

function tableColumns(raw: BetterSqlite3.Database, table: string): string[] {
  return (raw.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
}

type Value = string | number | null;

interface Table {
  readonly columns: readonly string[];
  /** Output columns that hold decimals; only these get a decimal comma in CSV. */
  readonly decimalColumns: ReadonlySet<string>;
  readonly rows: Iterable<Readonly<Record<string, Value>>>;
  readonly count: number;
}

/** Decimals the schema keeps as exact TEXT (never a float): quantities, discounts in percent, tax rates. */
const DECIMAL_TEXT_COLUMNS: ReadonlySet<string> = new Set(['quantity', 'min_quantity', 'discount', 'rate', 'tax_rate']);

type ColumnMeaning = 'cents' | 'price-units' | 'decimal' | 'as-stored';

/**
 * What a table column holds, by the schema's column names — never by what a value looks like:
 * an article number "4711.001" or a phone "0221.4711" is text and must import back unchanged.
 */
function meaningOf(column: string): ColumnMeaning {
  if (column.endsWith('_cents')) return 'cents';
  if (column.endsWith('_units')) return 'price-units';
  if (DECIMAL_TEXT_COLUMNS.has(column)) return 'decimal';
  return 'as-stored';
}

/** Folded copies of names for search and sort (shared/search-key.ts): derived, not data. */
const SEARCH_KEY_COLUMNS: ReadonlySet<string> = new Set(['name_key', 'city_key']);

/** Rows of a dataset with amounts converted; BLOB columns (original bank files) and search keys are left out. */
function readDataset(raw: BetterSqlite3.Database, d: Dataset): Table | null {
  const own = tableColumns(raw, d.table).filter((c) => !SEARCH_KEY_COLUMNS.has(c));
  if (own.length === 0) return null;
  const selects = own.map((c) => `t."${c}"`);
  const joins: string[] = [];
  const extra: string[] = [];
  (d.lookups ?? []).forEach((l, i) => {
    if (!own.includes(l.column)) return;
    const field = l.field ?? 'number';
    if (!tableColumns(raw, l.table).includes(field)) return;
    joins.push(`LEFT JOIN "${l.table}" j${i} ON j${i}.id = t."${l.column}"`);
    selects.push(`j${i}."${field}" AS "${l.as}"`);
    extra.push(l.as);
  });
  const [{ n }] = raw.prepare(`SELECT count(*) AS n FROM "${d.table}"`).all() as [{ n: number }];
  const stmt = raw.prepare(`SELECT ${selects.join(', ')} FROM "${d.table}" t ${joins.join(' ')} ORDER BY t.rowid`);
  const first = stmt.get() as Record<string, unknown> | undefined;
  const blobs = new Set(Object.entries(first ?? {}).filter(([, v]) => Buffer.isBuffer(v)).map(([k]) => k));
  const columns = [...own, ...extra].filter((c) => !blobs.has(c)).map(renamed);
  const decimalColumns = new Set(own.filter((c) => meaningOf(c) !== 'as-stored').map(renamed));
  function* rows(): Generator<Record<string, Value>> {
    for (const r of stmt.iterate() as Iterable<Record<string, unknown>>) {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(r)) {
        if (Buffer.isBuffer(v) || blobs.has(k)) continue;
        out[renamed(k)] = convert(k, v);
      }
      yield out;
    }
  }
  return { columns, decimalColumns, rows: rows(), count: n };
}

const renamed = (column: string) => column.replace(/_(cents|units)$/, '');

function convert(column: string, v: unknown): Value {
  if (v === null || v === undefined) return null;
  const meaning = meaningOf(column);
  if (meaning === 'cents' && (typeof v === 'number' || typeof v === 'bigint')) return toPlain(fromCents(v));
  if (meaning === 'price-units' && (typeof v === 'number' || typeof v === 'bigint')) return toPlain(fromPriceUnits(v), UNIT_PRICE_DECIMALS);
  if (typeof v === 'bigint') return v.toString();
  return v as string | number;
}

/** Customers under the import titles, so the export imports back unchanged (round trip). */
function readCustomers(raw: BetterSqlite3.Database): Table {
  const [{ n }] = raw.prepare(`SELECT count(*) AS n FROM customer`).all() as [{ n: number }];
  const stmt = raw.prepare(`SELECT * FROM customer ORDER BY id`);
  const kindLabel = { COMPANY: 'Firma', PERSON: 'Person' } as Record<string, string>;
  function* rows(): Generator<Record<string, Value>> {
    for (const r of stmt.iterate() as Iterable<Record<string, string | number | null>>) {
      yield {
        Kundennummer: r.number ?? null,
        Art: kindLabel[String(r.kind)] ?? String(r.kind),
        Firma: r.company_name ?? null,
        Vorname: r.first_name ?? null,
        Nachname: r.last_name ?? null,
        'Straße': r.street ?? null,
        PLZ: r.zip ?? null,
        Ort: r.city ?? null,
        Land: r.country ?? null,
        'E-Mail': r.email ?? null,
        Telefon: r.phone ?? null,
        'USt-IdNr.': r.vat_id ?? null,
        Sprache: r.language ?? null,
        Zahlungsart: PAYMENT_METHOD_EXPORT_LABELS[String(r.payment_method)] ?? String(r.payment_method),
        'Zahlungsziel (Tage)': r.payment_terms_days ?? null,
        IBAN: r.iban ?? null,
        BIC: r.bic ?? null,
        Notizen: r.notes ?? null,
        Debitorenkonto: r.debitor_account ?? null,
        Sammelrechnung: r.collective_invoicing === 1 ? 'ja' : 'nein',
        Aktiv: r.active === 1 ? 'ja' : 'nein',
        'Angelegt am': r.created_at ?? null,
      };
    }
  }
  // A customer has no decimal column (payment terms are whole days): every cell is written as stored.
  return { columns: [...CUSTOMER_IMPORT_FIELDS.map((f) => f.label), 'Aktiv', 'Angelegt am'], decimalColumns: new Set(), rows: rows(), count: n };
}

/** "1234.56" → "1234,56" for Excel de-DE; called only for decimal columns. */
const germanDecimal = (v: Value): CsvCell => (typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? v.replace('.', ',') : v);

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly csvEncoding: ExportCsvEncoding;
  readonly exportedAt: string;
  readonly sandbox: boolean;
}

export function exportAll(raw: BetterSqlite3.Database, o: ExportOptions): ExportResult {
  const files: ExportFile[] = [];
  const absent: string[] = [];
  const warnings: string[] = [];
  const prefix = o.sandbox ? 'SANDBOX-' : '';
  for (const d of DATASETS) {
    const table = d.key === 'customers' ? readCustomers(raw) : readDataset(raw, d);
    if (!table) {
      absent.push(d.key);
      continue;
    }
    let bytes: Buffer;
    if (o.format === 'json') {
      bytes = Buffer.from(writeJson(d.key, [...table.rows], { label: d.label, exportedAt: o.exportedAt, ...(o.sandbox ? { sandbox: true } : {}) }), 'utf8');
    } else {
      const rows = (function* () {
        for (const r of table.rows) yield table.columns.map((c) => (table.decimalColumns.has(c) ? germanDecimal(r[c] ?? null) : (r[c] ?? null)));
      })();
      const text = writeCsv(table.columns, rows);
      if (o.csvEncoding === 'Windows-1252' && /[\u0080-\uffff]/.test(text)) {
        const lost = charactersOutsideWindows1252(text);
        if (lost.length > 0) {
          warnings.push(`${d.label}: Windows-1252 kann ${lost.map((c) => `„${c}“`).join(' ')} nicht darstellen; diese Zeichen stehen als „?“ in der Datei. Für diese Daten bitte „UTF-8 mit BOM“ wählen.`);
        }
      }
      bytes = encodeCsv(text, o.csvEncoding);
    }
    files.push({ dataset: d.key, label: d.label, fileName: `${prefix}${d.key}.${o.format}`, rows: table.count, base64: bytes.toString('base64') });
  }
  return { files, absent, warnings };
}
