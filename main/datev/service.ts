// DATEV export service: reads the real ledger (account_entry with its invoices, lines, tax
// rows, allocations and bank accounts), runs the pure booking rules and the EXTF writer, and
// records every export with its files' exact bytes and the entries it contains.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  DatevExportDto,
  DatevFileContentDto,
  DatevFileDto,
  DatevSettingsDto,
  DatevSettingsView,
  DatevSummaryDto,
} from '../../shared/api/datev';
import type { TaxTreatment } from '../../shared/api/catalog';
import { ASCII_NOTE } from '../../shared/api/datev';
import type { IsoDate } from '../../shared/dates';
import { addDays, formatDate } from '../../shared/dates';
import { AppError, notFound } from '../../shared/errors';
import { Decimal, fromCents, toPlain } from '../../shared/money';
import { getSetting, setSetting } from '../company/settings';
import { rawOf, type CompanyDb } from '../db/company-db';
import { extendAccount } from './format';
import type { DatevCustomer, DatevSettings, DocumentPart, LedgerItem, MoneyEntry, OtherEntryType } from './model';
import { accountLabels, checkSettings, defaultSettings, distributeTax, sharedDebitorError, sharedDebitors, type Debitor, type DebitorSource } from './rules';
import { bookAndWrite, writeDebitoren, type DatevFile } from './writer';

export const SETTINGS_KEY = 'datev.settings';

export interface ExportContext {
  /** Company id: namespace of the Buchungs GUIDs. */
  readonly companyId: string;
  readonly sandbox: boolean;
  readonly actor: string;
  /** ISO instant of the export. */
  readonly now: string;
}

/**
 * Reads through better-sqlite3 on the manager's own connection (inside its transaction): an
 * export reads every ledger entry of the range, and TypeORM's query path costs several times
 * more per row.
 */
const q = async <T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> => rawOf(m).prepare(sql).all(...params) as T[];

// --- settings -------------------------------------------------------------------------------

interface TaxGroupRow {
  code: string;
  name: string;
  account_skr03: string | null;
  account_skr04: string | null;
}

async function taxGroups(m: EntityManager): Promise<TaxGroupRow[]> {
  return q<TaxGroupRow>(m, `SELECT code, name, account_skr03, account_skr04 FROM tax_group ORDER BY id`);
}

/** Stored settings, or the chart defaults; every tax group of the file gets a revenue account pre-filled from the catalog. */
export async function loadSettings(m: EntityManager): Promise<{ settings: DatevSettings; configured: boolean; groups: TaxGroupRow[] }> {
  const stored = await getSetting<DatevSettings | null>(m, SETTINGS_KEY, null);
  const base = stored ?? defaultSettings('SKR03', 4);
  const groups = await taxGroups(m);
  const revenueAccounts = { ...base.revenueAccounts };
  for (const g of groups) {
    if (revenueAccounts[g.code]) continue;
    const chartAccount = base.chart === 'SKR03' ? g.account_skr03 : g.account_skr04;
    if (chartAccount) revenueAccounts[g.code] = { account: extendAccount(chartAccount, base.accountLength), buKey: '' };
  }
  return { settings: { ...base, revenueAccounts }, configured: stored !== null, groups };
}

export async function settingsView(m: EntityManager): Promise<DatevSettingsView> {
  const { settings, configured, groups } = await loadSettings(m);
  return { settings, configured, taxGroups: groups.map((g) => ({ code: g.code, name: g.name })), asciiNote: ASCII_NOTE };
}

export async function saveSettings(db: CompanyDb, input: DatevSettingsDto, who: { actor: string; at: string }): Promise<DatevSettingsView> {
  const errors = checkSettings(input);
  const first = Object.values(errors)[0];
  if (first !== undefined) throw new AppError('VALIDATION', first, { fields: errors });
  await db.transaction(async (m) => setSetting(m, SETTINGS_KEY, input, who));
  return settingsView(db.dataSource.manager);
}

// --- reading the ledger ---------------------------------------------------------------------

interface EntryRow {
  id: number;
  type: string;
  entry_date: string;
  amount_cents: number;
  text: string;
  reference: string | null;
  invoice_id: number | null;
  bank_transaction_id: number | null;
  reverses_entry_id: number | null;
  customer_id: number;
}

/** The customer columns the export uses (all columns of 100 000 customers take three times as long to read). */
const CUSTOMER_COLUMNS = `id, number, kind, company_name, first_name, last_name, street, zip, city, country, email, phone, vat_id, iban, bic, language, payment_terms_days, debitor_account`;

interface CustomerRow {
  id: number;
  number: string;
  kind: 'COMPANY' | 'PERSON';
  company_name: string | null;
  first_name: string | null;
  last_name: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  vat_id: string | null;
  iban: string | null;
  bic: string | null;
  language: string | null;
  payment_terms_days: number | null;
  debitor_account: string | null;
}

interface InvoiceRow {
  id: number;
  number: string;
  kind: 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE';
  currency: string;
  issue_date: string;
  due_date: string | null;
  period_end: string | null;
  /** The VAT ID on the document's recipient snapshot (JSON), null when absent. */
  recipient_vat_id: string | null;
  cancels_number: string | null;
}

interface LineRow {
  invoice_id: number;
  tax_group_code: string;
  tax_treatment: TaxTreatment;
  tax_rate: string;
  account: string | null;
  group_account: string | null;
  net_cents: number;
  service_date: string | null;
}

interface TaxRow {
  invoice_id: number;
  rate: string;
  tax_cents: number;
}

const chunk = <T>(xs: readonly T[], n = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** Rows by key, each list in the order read. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

async function byIds<T>(m: EntityManager, sql: (placeholders: string) => string, ids: readonly number[]): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunk([...new Set(ids)])) for (const row of await q<T>(m, sql(part.map(() => '?').join(',')), part)) out.push(row);
  return out;
}

function toCustomer(r: CustomerRow): DatevCustomer {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    companyName: r.company_name,
    firstName: r.first_name,
    lastName: r.last_name,
    street: r.street,
    zip: r.zip,
    city: r.city,
    country: r.country,
    email: r.email,
    phone: r.phone,
    vatId: r.vat_id,
    iban: r.iban,
    bic: r.bic,
    language: r.language,
    paymentTermsDays: r.payment_terms_days,
    debitorAccount: r.debitor_account,
  };
}

// Rates are stored as text ("19", "19.00"): the same text is the same rate, otherwise compare the numbers.
const sameRate = (a: string, b: string): boolean => a === b || new Decimal(a).equals(new Decimal(b));

/** Ledger entries of the range as DATEV ledger items, in booking order (date, id). */
export async function readLedger(
  m: EntityManager,
  settings: DatevSettings,
  from: IsoDate,
  to: IsoDate,
  onlyNew: boolean,
): Promise<{ items: LedgerItem[]; customers: DatevCustomer[]; alreadyExported: number; errors: string[] }> {
  const all = await q<EntryRow & { exported: number }>(
    m,
    `SELECT e.id, e.type, e.entry_date, e.amount_cents, e.text, e.reference, e.invoice_id, e.bank_transaction_id, e.reverses_entry_id, ca.customer_id,
            EXISTS (SELECT 1 FROM datev_export_item x WHERE x.entry_id = e.id) AS exported
       FROM account_entry e JOIN customer_account ca ON ca.id = e.account_id
      WHERE e.entry_date BETWEEN ? AND ?
      ORDER BY e.entry_date, e.id`,
    [from, to],
  );
  const alreadyExported = all.filter((e) => e.exported).length;
  const entries = onlyNew ? all.filter((e) => !e.exported) : all;
  // What the entries refer to is read for the whole range in one statement per table (with
  // "nur neue Buchungen" a little more than needed; only the entries' own ids are looked up).
  const inRange = `SELECT r.id, r.type, r.invoice_id, r.bank_transaction_id, r.reverses_entry_id, r.account_id FROM account_entry r WHERE r.entry_date BETWEEN ? AND ?`;
  const documentsInRange = `SELECT invoice_id FROM (${inRange}) WHERE invoice_id IS NOT NULL AND type IN ('INVOICE', 'CANCELLATION')`;
  const range = [from, to];
  const customers = new Map(
    (
      await q<CustomerRow>(
        m,
        `SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE id IN (SELECT ca.customer_id FROM (${inRange}) r JOIN customer_account ca ON ca.id = r.account_id)`,
        range,
      )
    ).map((r) => [r.id, toCustomer(r)]),
  );
  const invoices = new Map(
    (
      await q<InvoiceRow>(
        m,
        `SELECT i.id, i.number, i.kind, i.currency, i.issue_date, i.due_date, i.period_end, o.number AS cancels_number,
                CASE WHEN json_valid(i.recipient_json) THEN json_extract(i.recipient_json, '$.vatId') END AS recipient_vat_id
           FROM invoice i LEFT JOIN invoice o ON o.id = i.cancels_invoice_id WHERE i.id IN (${documentsInRange})`,
        range,
      )
    ).map((r) => [r.id, r]),
  );
  const chartCol = settings.chart === 'SKR03' ? 'account_skr03' : 'account_skr04';
  const lines = await q<LineRow>(
    m,
    `SELECT l.invoice_id, l.tax_group_code, l.tax_treatment, l.tax_rate, l.${chartCol} AS account, g.${chartCol} AS group_account,
            sum(l.net_cents) AS net_cents, max(coalesce(l.service_date, l.period_end)) AS service_date
       FROM invoice_line l LEFT JOIN tax_group g ON g.code = l.tax_group_code
      WHERE l.invoice_id IN (${documentsInRange})
      GROUP BY l.invoice_id, l.tax_group_code, l.tax_treatment, l.tax_rate, l.${chartCol}, g.${chartCol}
      ORDER BY l.invoice_id, min(l.position)`,
    range,
  );
  const taxes = await q<TaxRow>(
    m,
    `SELECT invoice_id, rate, sum(tax_cents) AS tax_cents FROM invoice_tax WHERE invoice_id IN (${documentsInRange}) GROUP BY invoice_id, rate`,
    range,
  );
  const linesOf = groupBy(lines, (l) => l.invoice_id);
  const taxesOf = groupBy(taxes, (t) => t.invoice_id);

  // The invoices an entry's money went to. A counter-entry has none of its own: it takes the
  // reversed entry's, so DATEV re-opens those invoices. Only the allocations themselves count;
  // the negative ones by which a Gegenbuchung released them must not take the invoice numbers
  // off the original entry when it is exported (again) after its reversal.
  const allocations = await q<{ credit_entry_id: number; amount_cents: number; number: string; currency: string }>(
    m,
    `SELECT a.credit_entry_id, a.amount_cents, i.number, i.currency
       FROM allocation a JOIN account_entry d ON d.id = a.debit_entry_id JOIN invoice i ON i.id = d.invoice_id
      WHERE a.amount_cents > 0 AND a.credit_entry_id IN (SELECT coalesce(reverses_entry_id, id) FROM (${inRange})) ORDER BY a.id`,
    range,
  );
  const allocOf = new Map<number, { invoiceNumber: string; cents: number }[]>();
  // The currency of a foreign-currency invoice the money went to (otherwise it is the batch currency).
  const invoiceCurrencyOf = new Map<number, string>();
  for (const a of allocations) {
    const list = allocOf.get(a.credit_entry_id) ?? [];
    const existing = list.find((x) => x.invoiceNumber === a.number);
    if (existing) existing.cents += a.amount_cents;
    else list.push({ invoiceNumber: a.number, cents: a.amount_cents });
    allocOf.set(a.credit_entry_id, list);
    if (a.currency !== settings.currency && !invoiceCurrencyOf.has(a.credit_entry_id)) invoiceCurrencyOf.set(a.credit_entry_id, a.currency);
  }
  const bankOf = new Map(
    (
      await q<{ id: number; datev_account: string | null; currency: string }>(
        m,
        `SELECT t.id, a.datev_account, t.currency FROM bank_transaction t JOIN bank_account a ON a.id = t.bank_account_id
          WHERE t.id IN (SELECT bank_transaction_id FROM (${inRange}) WHERE bank_transaction_id IS NOT NULL)`,
        range,
      )
    ).map((r) => [r.id, r]),
  );

  const items: LedgerItem[] = [];
  const errors: string[] = [];
  for (const e of entries) {
    const customer = customers.get(e.customer_id)!;
    const inv = e.invoice_id !== null ? invoices.get(e.invoice_id) : undefined;
    if ((e.type === 'INVOICE' || e.type === 'CANCELLATION') && inv) {
      const invLines = linesOf.get(inv.id) ?? [];
      const invTaxes = taxesOf.get(inv.id) ?? [];
      const parts: DocumentPart[] = [];
      const rates = [...new Set(invLines.map((l) => l.tax_rate))];
      for (const rate of rates) {
        const ofRate = invLines.filter((l) => l.tax_rate === rate);
        const tax = fromCents(invTaxes.filter((t) => sameRate(t.rate, rate)).reduce((s, t) => s + t.tax_cents, 0));
        const shares = distributeTax(ofRate.map((l) => fromCents(l.net_cents)), tax);
        ofRate.forEach((l, i) => {
          // The line keeps the account of its product group or tax group; only a product-group
          // override (an account that differs from the tax group's) beats the DATEV settings.
          const override = l.account !== null && l.account !== l.group_account ? extendAccount(l.account, settings.accountLength) : null;
          parts.push({ taxGroupCode: l.tax_group_code, treatment: l.tax_treatment, rate, account: override, net: fromCents(l.net_cents), tax: shares[i]! });
        });
      }
      const serviceDate = invLines.map((l) => l.service_date).filter((d): d is string => d !== null).sort().pop() ?? inv.period_end ?? inv.issue_date;
      items.push({
        source: 'DOCUMENT',
        entryId: e.id,
        documentKind: inv.kind,
        date: e.entry_date,
        number: inv.number,
        cancelsNumber: inv.cancels_number,
        customer,
        recipientVatId: inv.recipient_vat_id,
        currency: inv.currency,
        dueDate: inv.due_date,
        serviceDate,
        parts,
      });
      continue;
    }
    if (e.type === 'INVOICE' || e.type === 'CANCELLATION') {
      errors.push(`Kontobewegung ${e.id} (${e.type === 'INVOICE' ? 'Rechnung' : 'Storno'} vom ${formatDate(e.entry_date)}) hat keinen Beleg`);
      continue;
    }
    const bank = e.bank_transaction_id !== null ? bankOf.get(e.bank_transaction_id) : undefined;
    const allocated = e.reverses_entry_id ?? e.id;
    const item: MoneyEntry = {
      source: 'ENTRY',
      entryId: e.id,
      type: e.type as OtherEntryType,
      date: e.entry_date,
      amount: fromCents(e.amount_cents),
      text: e.text,
      reference: e.reference,
      customer,
      // The money's own currency: what the bank booked, else what the invoices it settles were written in.
      currency: bank?.currency ?? invoiceCurrencyOf.get(allocated) ?? settings.currency,
      bankAccount: bank?.datev_account ? extendAccount(bank.datev_account, settings.accountLength) : null,
      viaBank: e.bank_transaction_id !== null,
      reversal: e.reverses_entry_id !== null,
      allocations: (allocOf.get(allocated) ?? []).map((a) => ({ invoiceNumber: a.invoiceNumber, amount: fromCents(a.cents) })),
    };
    items.push(item);
  }
  return { items, customers: [...customers.values()], alreadyExported, errors };
}

// --- preview and export ---------------------------------------------------------------------

interface Prepared {
  readonly summary: DatevSummaryDto;
  readonly files: DatevFile[];
  readonly settings: DatevSettings;
}

const TYPE_OF = (i: LedgerItem): string => (i.source === 'DOCUMENT' ? (i.documentKind === 'INVOICE' ? 'INVOICE' : i.documentKind) : i.type);

/** The summary lists at most this many messages; the rest are counted. */
const MAX_MESSAGES = 200;

function capped(messages: readonly string[], noun: string): string[] {
  if (messages.length <= MAX_MESSAGES) return [...messages];
  return [...messages.slice(0, MAX_MESSAGES), `… und ${messages.length - MAX_MESSAGES} weitere ${noun}`];
}

/**
 * Two customers on one debitor account refuse the export: the booked customers' accounts are
 * checked against every customer of the file, since DATEV keeps what earlier exports delivered.
 */
async function sharedDebitorErrors(m: EntityManager, settings: DatevSettings, debitors: ReadonlyMap<number, Debitor>, known: readonly DatevCustomer[]): Promise<string[]> {
  if (settings.debitorMode === 'SINGLE' || debitors.size === 0) return [];
  const all = await q<DebitorSource>(m, `SELECT id, number, debitor_account AS debitorAccount FROM customer ORDER BY id`);
  const shared = sharedDebitors(settings, debitors, all);
  if (shared.length === 0) return [];
  const byId = new Map(known.map((c) => [c.id, c]));
  const missing = shared.map((s) => s.otherId).filter((id) => !byId.has(id));
  for (const r of await byIds<CustomerRow>(m, (p) => `SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE id IN (${p})`, missing)) byId.set(r.id, toCustomer(r));
  return shared.map((s) => {
    const [first, second] = [byId.get(s.bookedId)!, byId.get(s.otherId)!].sort((a, b) => a.id - b.id);
    return sharedDebitorError(settings, s.account, first!, second!);
  });
}

/**
 * Entries dated into a period that was already exported but booked after that export (a bank
 * statement of 31.03. imported in April): an export of a later range would never deliver them.
 * An entry of an exported range that existed at the export is in it (a zero amount has no
 * booking), so only entries with a higher id than the export's last one are candidates.
 */
async function lateEntriesNote(m: EntityManager, from: IsoDate): Promise<string | null> {
  const rows = await q<{ id: number; entry_date: string; date_from: string; date_to: string }>(
    m,
    `WITH last AS (SELECT i.export_id, max(i.entry_id) AS last_id FROM datev_export_item i JOIN datev_export y ON y.id = i.export_id
                    WHERE y.date_from < ? GROUP BY i.export_id)
     SELECT e.id, e.entry_date, x.date_from, x.date_to
       FROM datev_export x JOIN last l ON l.export_id = x.id
       JOIN account_entry e ON e.entry_date BETWEEN x.date_from AND x.date_to AND e.id > l.last_id
      WHERE e.entry_date < ? AND e.amount_cents <> 0
        AND NOT EXISTS (SELECT 1 FROM datev_export_item i WHERE i.entry_id = e.id)
      ORDER BY e.entry_date, e.id`,
    [from, from],
  );
  if (rows.length === 0) return null;
  const count = new Set(rows.map((r) => r.id)).size;
  const first = rows[0]!.entry_date;
  const last = rows[rows.length - 1]!.entry_date;
  const dayBefore = addDays(from, -1);
  const rangeFrom = rows.reduce((d, r) => (r.date_from < d ? r.date_from : d), first);
  const rangeTo = rows.reduce((d, r) => (r.date_to > d ? r.date_to : d), last);
  const dates = first === last ? `vom ${formatDate(first)}` : `vom ${formatDate(first)} bis ${formatDate(last)}`;
  return (
    `${count} Kontobewegung(en) ${dates} wurden erst nach dem DATEV-Export ihres Zeitraums gebucht und noch nicht exportiert; ` +
    `dieser Export enthält sie nicht. Bitte den Zeitraum ${formatDate(rangeFrom)}–${formatDate(rangeTo < dayBefore ? rangeTo : dayBefore)} erneut mit „Nur neue Buchungen“ exportieren.`
  );
}

async function prepare(m: EntityManager, ctx: ExportContext, from: IsoDate, to: IsoDate, onlyNew: boolean): Promise<Prepared> {
  const { settings, configured, groups } = await loadSettings(m);
  const errors: string[] = [];
  if (!configured) errors.push('DATEV-Einstellungen sind noch nicht gespeichert (Einstellungen → DATEV: Berater- und Mandantennummer).');
  if (configured) errors.push(...Object.values(checkSettings(settings)));
  const ledger = await readLedger(m, settings, from, to, onlyNew);
  for (const e of ledger.errors) errors.push(e);
  const batchInput = { settings, from, to, createdAt: ctx.now, exportedBy: ctx.actor, sandbox: ctx.sandbox };
  const booked = new Set(ledger.items.map((i) => i.customer.id));
  const bookedCustomers = ledger.customers.filter((c) => booked.has(c.id));
  const result = bookAndWrite(ledger.items, batchInput, ctx.companyId, errors.length === 0);
  for (const e of result.errors) errors.push(e);
  for (const e of await sharedDebitorErrors(m, settings, result.debitors, ledger.customers)) errors.push(e);
  const warnings = result.warnings.map((w) => w.message);
  let files: DatevFile[] = [];
  if (errors.length === 0 && result.files.length > 0) {
    const debitoren = writeDebitoren({ ...batchInput, customers: bookedCustomers });
    files = [...result.files, ...debitoren.files];
    for (const w of debitoren.warnings) warnings.push(w.message);
  }
  const late = await lateEntriesNote(m, from);
  if (late !== null) warnings.unshift(late);
  if (!onlyNew && ledger.alreadyExported > 0) {
    warnings.unshift(`${ledger.alreadyExported} Kontobewegung(en) dieses Zeitraums wurden bereits exportiert. Mit „Nur neue Buchungen“ werden nur die noch nicht exportierten übergeben.`);
  }
  const bankAccounts = await q<{ account: string; name: string }>(
    m,
    `SELECT datev_account AS account, name FROM bank_account WHERE datev_account IS NOT NULL AND datev_account <> '' ORDER BY id`,
  );
  const labels = accountLabels(settings, { taxGroups: groups, bankAccounts, customers: bookedCustomers, debitors: result.debitors });
  const byType: Record<string, number> = {};
  const foreign = new Map<string, number>();
  for (const i of ledger.items) {
    byType[TYPE_OF(i)] = (byType[TYPE_OF(i)] ?? 0) + 1;
    if (i.currency !== settings.currency) foreign.set(i.currency, (foreign.get(i.currency) ?? 0) + 1);
  }
  // The sums per account add amounts as written, whatever their currency: say so.
  for (const [currency, n] of foreign) {
    warnings.push(`Summen je Konto: ${n} Kontobewegung(en) in ${currency} sind ohne Umrechnung zu den ${settings.currency}-Beträgen addiert.`);
  }
  const summary: DatevSummaryDto = {
    from,
    to,
    onlyNew,
    sandbox: ctx.sandbox,
    entryCount: ledger.items.length,
    bookingCount: result.bookingCount,
    byType,
    sums: result.sums.map((s) => ({ account: s.account, label: labels.get(s.account) ?? '', debit: toPlain(s.debit), credit: toPlain(s.credit) })),
    warnings: capped(warnings, 'Hinweise'),
    errors: capped(errors, 'Fehler'),
    alreadyExported: ledger.alreadyExported,
    fileNames: files.map((f) => f.fileName),
    customerCount: booked.size,
  };
  return { summary, files, settings };
}

export async function previewExport(m: EntityManager, ctx: ExportContext, from: IsoDate, to: IsoDate, onlyNew: boolean): Promise<DatevSummaryDto> {
  return (await prepare(m, ctx, from, to, onlyNew)).summary;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export async function runExport(
  db: CompanyDb,
  ctx: ExportContext,
  input: { from: IsoDate; to: IsoDate; onlyNew: boolean; confirmReexport: boolean },
): Promise<DatevExportDto> {
  const id = await db.transaction(async (m) => {
    const { summary, files, settings } = await prepare(m, ctx, input.from, input.to, input.onlyNew);
    if (summary.errors.length > 0) {
      throw new AppError('VALIDATION', `DATEV-Export nicht möglich: ${summary.errors[0]}`, { errors: summary.errors });
    }
    if (summary.bookingCount === 0) {
      throw new AppError('VALIDATION', `Im Zeitraum ${formatDate(input.from)}–${formatDate(input.to)} gibt es ${input.onlyNew ? 'keine neuen ' : 'keine '}Buchungen.`);
    }
    if (!input.onlyNew && summary.alreadyExported > 0 && !input.confirmReexport) {
      throw new AppError(
        'CONFLICT',
        `${summary.alreadyExported} Kontobewegung(en) im Zeitraum ${formatDate(input.from)}–${formatDate(input.to)} wurden bereits exportiert. Wählen Sie „Nur neue Buchungen“ oder bestätigen Sie den erneuten Export.`,
        { alreadyExported: summary.alreadyExported },
      );
    }
    const raw = db.raw;
    const exportId = Number(
      raw
        .prepare(
          `INSERT INTO datev_export(date_from, date_to, only_new, sandbox, booking_count, entry_count, settings_json, summary_json, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.from, input.to, input.onlyNew ? 1 : 0, ctx.sandbox ? 1 : 0, summary.bookingCount, summary.entryCount, JSON.stringify(settings), JSON.stringify(summary), ctx.actor, ctx.now).lastInsertRowid,
    );
    const insertFile = raw.prepare(
      `INSERT INTO datev_export_file(export_id, file_name, kind, period_from, period_to, booking_count, sha256, size_bytes, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertItem = raw.prepare(`INSERT INTO datev_export_item(export_id, file_id, entry_id, booking_count) VALUES (?, ?, ?, ?)`);
    for (const f of files) {
      const fileId = Number(insertFile.run(exportId, f.fileName, f.kind, f.period?.from ?? null, f.period?.to ?? null, f.bookingCount, sha256(f.bytes), f.bytes.length, f.bytes).lastInsertRowid);
      for (const entryId of f.entryIds) insertItem.run(exportId, fileId, entryId, 1);
    }
    return exportId;
  });
  return getExport(db.dataSource.manager, id);
}

interface ExportRow {
  id: number;
  date_from: string;
  date_to: string;
  only_new: number;
  sandbox: number;
  booking_count: number;
  entry_count: number;
  summary_json: string;
  created_by: string;
  created_at: string;
}

interface FileRow {
  id: number;
  export_id: number;
  file_name: string;
  kind: 'BUCHUNGSSTAPEL' | 'DEBITOREN';
  period_from: string | null;
  period_to: string | null;
  booking_count: number;
  sha256: string;
  size_bytes: number;
}

const fileDto = (f: FileRow): DatevFileDto => ({
  id: f.id,
  fileName: f.file_name,
  kind: f.kind,
  periodFrom: f.period_from,
  periodTo: f.period_to,
  bookingCount: f.booking_count,
  sha256: f.sha256,
  sizeBytes: f.size_bytes,
});

function exportDto(r: ExportRow, files: FileRow[]): DatevExportDto {
  return {
    id: r.id,
    from: r.date_from,
    to: r.date_to,
    onlyNew: r.only_new === 1,
    sandbox: r.sandbox === 1,
    bookingCount: r.booking_count,
    entryCount: r.entry_count,
    createdBy: r.created_by,
    createdAt: r.created_at,
    files: files.filter((f) => f.export_id === r.id).map(fileDto),
    summary: JSON.parse(r.summary_json) as DatevSummaryDto,
  };
}

const FILE_COLUMNS = `id, export_id, file_name, kind, period_from, period_to, booking_count, sha256, size_bytes`;

export async function getExport(m: EntityManager, id: number): Promise<DatevExportDto> {
  const [row] = await q<ExportRow>(m, `SELECT * FROM datev_export WHERE id = ?`, [id]);
  if (!row) throw notFound(`DATEV-Export ${id}`);
  return exportDto(row, await q<FileRow>(m, `SELECT ${FILE_COLUMNS} FROM datev_export_file WHERE export_id = ? ORDER BY id`, [id]));
}

export async function listExports(m: EntityManager, limit: number): Promise<DatevExportDto[]> {
  const rows = await q<ExportRow>(m, `SELECT * FROM datev_export ORDER BY id DESC LIMIT ?`, [limit]);
  if (rows.length === 0) return [];
  const files = await byIds<FileRow>(m, (p) => `SELECT ${FILE_COLUMNS} FROM datev_export_file WHERE export_id IN (${p}) ORDER BY id`, rows.map((r) => r.id));
  return rows.map((r) => exportDto(r, files));
}

/** The stored bytes of an exported file: a re-download is byte-identical to the first one. */
export async function fileContent(m: EntityManager, fileId: number): Promise<DatevFileContentDto & { bytes: Buffer }> {
  const [row] = await q<{ file_name: string; content: Buffer; sha256: string }>(m, `SELECT file_name, content, sha256 FROM datev_export_file WHERE id = ?`, [fileId]);
  if (!row) throw notFound(`DATEV-Datei ${fileId}`);
  const bytes = Buffer.from(row.content);
  if (sha256(bytes) !== row.sha256) throw new AppError('INTEGRITY', `DATEV-Datei ${row.file_name}: Prüfsumme stimmt nicht mit dem Export überein.`);
  return { fileName: row.file_name, base64: bytes.toString('base64'), sha256: row.sha256, bytes };
}

