// Billing runs, interim invoices, storno and invoice reading (DOMAIN §7). The per-invoice
// work is synchronous on the better-sqlite3 handle inside `db.transaction`: a run bills
// customers in chunks, one transaction per chunk and a SAVEPOINT per invoice, so each invoice
// is atomic, a failing contract is rolled back alone and reported, and a second connection
// running the same date waits for the write lock and then finds nothing left to bill.
import type { Page } from '../../shared/api/define';
import type {
  BillingRunDto,
  BillingRunErrorDto,
  InvoiceDetailDto,
  InvoiceKind,
  InvoiceLineDto,
  InvoiceRowDto,
  InvoiceStatusDto,
  InvoiceTaxDto,
  IssuerSnapshotDto,
  RecipientSnapshotDto,
} from '../../shared/api/billing';
import type { TaxTreatment } from '../../shared/api/catalog';
import type { CompanyProfile } from '../../shared/api/company';
import { addDays, formatDate, maxDate, minDate, type IsoDate } from '../../shared/dates';
import { AppError, notFound } from '../../shared/errors';
import { dec, fromCents, fromPriceUnits, toCents, toPlain, toPriceUnits, type Decimal } from '../../shared/money';
import { resolveTaxRate } from '../catalog/rules';
import { horizonDaysIn, regenerateContractIn } from '../contracts/generation';
import { customerNameMatch } from '../customers/search';
import { getSettingIn } from '../company/settings';
import { collectGarbage, inSavepoint, stmt, type CompanyDb, type Raw } from '../db/company-db';
import { likeContaining } from '../db/like';
import { ENTRY_TYPE_LABELS, type EntryType } from '../ledger/rules';
import { archiveInvoiceDocument } from '../documents/service';
import { nextNumberIn } from '../company/number-ranges';
import { accountIdOf, availableCreditCents, insertAllocation, insertEntry, invoiceAllocatedCents, type Who } from '../ledger/service';
import {
  assertInvoiceComplete,
  calculateInvoice,
  checkVatIdRequirement,
  documentKindFor,
  groupDueActivities,
  invoiceStatus,
  stornoReference,
  type InvoiceCalculation,
  type LineInput,
} from './rules';

export const APPLY_CREDIT_SETTING = 'billing.applyCredit';
const CHUNK_CUSTOMERS = 200;
// A long run keeps the JS heap small, so V8 rarely collects the wrappers of prepared statements
// and their native memory grows by ~30 KB per contract: a full collection every few chunks keeps
// a 100 000-contract run flat.
const GC_EVERY_CHUNKS = 5;
const BUSY_RETRY_MS = 120_000;

function isBusy(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const code = String(err?.driverError?.code ?? err?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Another connection (a second window, the CLI, the scheduler) may be billing too: wait for it. */
async function whenFree<T>(fn: () => Promise<T>): Promise<T> {
  const until = Date.now() + BUSY_RETRY_MS;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 50)));
    }
  }
}

// --- small helpers --------------------------------------------------------------------------

function tableExists(raw: Raw, name: string): boolean {
  return stmt(raw, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}


export function issuerSnapshot(raw: Raw): IssuerSnapshotDto {
  const p = getSettingIn<CompanyProfile | null>(raw, 'company.profile', null);
  if (!p) throw new AppError('INTEGRITY', 'Die Firmendatei hat kein Firmenprofil.');
  return {
    name: p.name,
    street: p.street,
    zip: p.zip,
    city: p.city,
    country: p.country,
    taxNumber: p.taxNumber,
    vatId: p.vatId,
    email: p.email,
    phone: p.phone,
    bankName: p.bankName,
    iban: p.iban,
    bic: p.bic,
  };
}

interface CustomerSql {
  id: number;
  number: string;
  kind: string;
  company_name: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string;
  email: string | null;
  vat_id: string | null;
  iban: string | null;
  bic: string | null;
  payment_method: string;
  payment_terms_days: number;
}

function customerRow(raw: Raw, id: number): CustomerSql {
  const c = stmt(raw, `SELECT * FROM customer WHERE id = ?`).get(id) as CustomerSql | undefined;
  if (!c) throw notFound(`Kunde ${id}`);
  return c;
}

export function recipientSnapshot(c: CustomerSql): RecipientSnapshotDto {
  const person = [c.first_name, c.last_name].filter((s) => s && s.trim() !== '').join(' ');
  return {
    customerId: c.id,
    customerNumber: c.number,
    name: c.display_name,
    contact: c.kind === 'COMPANY' && person !== '' ? person : null,
    street: c.street,
    zip: c.zip,
    city: c.city,
    country: c.country,
    vatId: c.vat_id,
    email: c.email,
    iban: c.iban,
    bic: c.bic,
  };
}

// --- issuing ----------------------------------------------------------------------------------

export interface DraftLine extends LineInput {
  readonly activityId: number | null;
  readonly contractId: number | null;
  readonly articleId: number | null;
  readonly unit: string;
  readonly taxGroupId: number | null;
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
}

export interface InvoiceDraft {
  readonly customerId: number;
  readonly contractId: number | null;
  readonly projectId: number | null;
  readonly currency: string;
  readonly issueDate: IsoDate;
  readonly paymentMethod: string | null;
  readonly lines: readonly DraftLine[];
  readonly billingRunId: number | null;
}

export interface IssueOptions {
  readonly issuer: IssuerSnapshotDto;
  readonly applyCredit: boolean;
}

export interface IssuedInvoice {
  readonly id: number;
  readonly number: string;
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
}

/**
 * The invoice the lines make, refused (naming what is missing) for reverse charge without the
 * customer's VAT ID and while a § 14 field is missing.
 */
function issuableCalculation(lines: readonly LineInput[], customer: CustomerSql, issuer: IssuerSnapshotDto, issueDate: IsoDate): InvoiceCalculation {
  checkVatIdRequirement(lines, customer.vat_id);
  const calc = calculateInvoice(lines);
  assertInvoiceComplete(calc, issuer, recipientSnapshot(customer), issueDate);
  return calc;
}

/**
 * Issues one invoice (or credit note, when its total is negative) with lines, tax rows, its
 * ledger entry and the credit applied, inside the caller's transaction. Refuses reverse
 * charge without VAT ID and any missing § 14 field, naming it.
 */
export function issueInvoiceIn(raw: Raw, draft: InvoiceDraft, options: IssueOptions, who: Who): IssuedInvoice {
  const customer = customerRow(raw, draft.customerId);
  const calc = issuableCalculation(draft.lines, customer, options.issuer, draft.issueDate);
  const recipient = recipientSnapshot(customer);
  const kind = documentKindFor(calc.gross);
  const number = nextNumberIn(raw, kind, draft.issueDate);
  const netCents = toCents(calc.net);
  const taxCents = toCents(calc.tax);
  const grossCents = netCents + taxCents;
  const accountId = accountIdOf(raw, draft.customerId);
  const creditCents = options.applyCredit && grossCents > 0 ? Math.min(grossCents, availableCreditCents(raw, accountId)) : 0;
  const starts = calc.lines.map((l) => l.periodStart ?? l.serviceDate).filter((d): d is string => d !== null);
  const ends = calc.lines.map((l) => l.periodEnd ?? l.serviceDate).filter((d): d is string => d !== null);
  const paymentMethod = draft.paymentMethod ?? customer.payment_method;
  const r = stmt(
    raw,
    `INSERT INTO invoice(number, kind, customer_id, contract_id, project_id, billing_run_id, currency, issue_date, due_date,
       period_start, period_end, cancels_invoice_id, issuer_json, recipient_json, notes_json, payment_method, payment_terms_days,
       net_cents, tax_cents, gross_cents, credit_applied_cents, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    number,
    kind,
    draft.customerId,
    draft.contractId,
    draft.projectId,
    draft.billingRunId,
    draft.currency,
    draft.issueDate,
    addDays(draft.issueDate, customer.payment_terms_days),
    starts.length ? starts.reduce(minDate) : null,
    ends.length ? ends.reduce(maxDate) : null,
    JSON.stringify(options.issuer),
    JSON.stringify(recipient),
    JSON.stringify(calc.notes),
    paymentMethod,
    customer.payment_terms_days,
    netCents,
    taxCents,
    grossCents,
    creditCents,
    who.actor,
    who.at,
  );
  const invoiceId = Number(r.lastInsertRowid);
  const insertLine = stmt(
    raw,
    `INSERT INTO invoice_line(invoice_id, position, activity_id, contract_id, article_id, description, quantity, unit, unit_price_units,
       discount, net_cents, tax_rate, tax_group_id, tax_group_code, tax_treatment, tax_note, account_skr03, account_skr04, period_start, period_end, service_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [i, l] of calc.lines.entries()) {
    const d = draft.lines[i] as DraftLine;
    insertLine.run(
      invoiceId,
      l.position,
      d.activityId,
      d.contractId,
      d.articleId,
      l.description,
      l.quantity.toString(),
      d.unit,
      toPriceUnits(l.unitPrice),
      l.discountPercent?.toString() ?? null,
      toCents(l.net),
      l.taxRate.toString(),
      d.taxGroupId,
      l.taxGroupCode,
      l.treatment,
      l.taxNote,
      d.accountSkr03,
      d.accountSkr04,
      l.periodStart,
      l.periodEnd,
      l.serviceDate,
    );
  }
  const insertTax = stmt(raw, `INSERT INTO invoice_tax(invoice_id, treatment, rate, net_cents, tax_cents, note) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const t of calc.taxes) insertTax.run(invoiceId, t.treatment, t.rate.toString(), toCents(t.net), toCents(t.tax), t.note);
  const entryId = insertEntry(
    raw,
    { accountId, type: 'INVOICE', date: draft.issueDate, amountCents: grossCents, text: `${kind === 'CREDIT_NOTE' ? 'Gutschrift' : 'Rechnung'} ${number}`, reference: number, invoiceId },
    who,
  );
  if (creditCents > 0) {
    let rest = creditCents;
    for (const c of stmt(
      raw,
      `SELECT e.id, -e.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a WHERE a.credit_entry_id = e.id), 0) AS open_cents
       FROM account_entry e WHERE e.account_id = ? AND e.amount_cents < 0 AND open_cents > 0 ORDER BY e.entry_date, e.id`,
    ).all(accountId) as { id: number; open_cents: number }[]) {
      if (rest <= 0) break;
      const take = Math.min(rest, c.open_cents);
      insertAllocation(raw, c.id, entryId, take, who.at);
      rest -= take;
    }
  }
  return { id: invoiceId, number, netCents, taxCents, grossCents };
}

// --- tax look-up per run ------------------------------------------------------------------------

interface ArticleTaxInfo {
  unit: string;
  taxGroupId: number;
  code: string;
  name: string;
  treatment: TaxTreatment;
  note: string | null;
  requiresVatId: boolean;
  accountSkr03: string | null;
  accountSkr04: string | null;
  rates: { rate: Decimal; validFrom: IsoDate | null; validTo: IsoDate | null }[];
}

/** Article → product group → tax group and its rates, loaded once per article and run. */
export class TaxLookup {
  private readonly articles = new Map<number, ArticleTaxInfo>();
  constructor(private readonly raw: Raw) {}

  article(articleId: number): ArticleTaxInfo {
    let info = this.articles.get(articleId);
    if (!info) {
      const row = stmt(
        this.raw,
        `SELECT a.unit, g.id AS tax_group_id, g.code, g.name, g.treatment, g.invoice_note, g.requires_vat_id,
           coalesce(p.account_skr03, g.account_skr03) AS skr03, coalesce(p.account_skr04, g.account_skr04) AS skr04
         FROM article a JOIN product_group p ON p.id = a.product_group_id JOIN tax_group g ON g.id = p.tax_group_id WHERE a.id = ?`,
      ).get(articleId) as
        | {
            unit: string;
            tax_group_id: number;
            code: string;
            name: string;
            treatment: TaxTreatment;
            invoice_note: string | null;
            requires_vat_id: number;
            skr03: string | null;
            skr04: string | null;
          }
        | undefined;
      if (!row) throw new AppError('NOT_FOUND', `Artikel ${articleId} oder seine Steuergruppe fehlt.`);
      const rates = (stmt(this.raw, `SELECT rate, valid_from, valid_to FROM tax_rate WHERE tax_group_id = ?`).all(row.tax_group_id) as { rate: string; valid_from: string | null; valid_to: string | null }[]).map(
        (r) => ({ rate: dec(r.rate), validFrom: r.valid_from, validTo: r.valid_to }),
      );
      info = {
        unit: row.unit,
        taxGroupId: row.tax_group_id,
        code: row.code,
        name: row.name,
        treatment: row.treatment,
        note: row.invoice_note,
        requiresVatId: row.requires_vat_id === 1,
        accountSkr03: row.skr03,
        accountSkr04: row.skr04,
        rates,
      };
      this.articles.set(articleId, info);
    }
    return info;
  }

  rate(info: ArticleTaxInfo, serviceDate: IsoDate): Decimal {
    return resolveTaxRate({ code: info.code, name: info.name }, info.rates, serviceDate).rate;
  }
}

// --- billing run --------------------------------------------------------------------------------

interface ActivitySql {
  id: number;
  contract_id: number;
  article_id: number;
  origin: string;
  period_start: string | null;
  period_end: string | null;
  due_date: string;
  service_date: string | null;
  quantity: string;
  unit_price_units: number;
  discount: string | null;
  net_cents: number;
  description: string;
  customer_id: number;
  project_id: number | null;
  currency: string;
  contract_number: string;
  payment_method: string | null;
  collective_invoicing: number;
  customer_name: string;
}

const ACTIVITY_SELECT = `SELECT a.id, a.contract_id, a.article_id, a.origin, a.period_start, a.period_end, a.due_date, a.service_date,
    a.quantity, a.unit_price_units, a.discount, a.net_cents, a.description,
    c.customer_id, c.project_id, c.currency, c.number AS contract_number, c.payment_method, cu.collective_invoicing, cu.display_name AS customer_name
  FROM activity a JOIN contract c ON c.id = a.contract_id JOIN customer cu ON cu.id = c.customer_id
  WHERE a.state = 'OPEN' AND a.due_date <= ?`;

function draftLine(a: ActivitySql, tax: TaxLookup): DraftLine {
  const info = tax.article(a.article_id);
  const serviceDate = a.origin === 'ONE_TIME' ? (a.service_date ?? a.due_date) : (a.period_end ?? a.service_date ?? a.due_date);
  const rate = tax.rate(info, serviceDate);
  return {
    activityId: a.id,
    contractId: a.contract_id,
    articleId: a.article_id,
    unit: info.unit,
    taxGroupId: info.taxGroupId,
    accountSkr03: info.accountSkr03,
    accountSkr04: info.accountSkr04,
    description: a.description,
    quantity: dec(a.quantity),
    unitPrice: fromPriceUnits(a.unit_price_units),
    discountPercent: a.discount === null || dec(a.discount).isZero() ? null : dec(a.discount),
    net: fromCents(a.net_cents),
    taxRate: rate,
    taxGroupCode: info.code,
    treatment: info.treatment,
    taxNote: info.note,
    requiresVatId: info.requiresVatId,
    periodStart: a.origin === 'ONE_TIME' ? null : a.period_start,
    periodEnd: a.origin === 'ONE_TIME' ? null : a.period_end,
    serviceDate: a.origin === 'ONE_TIME' ? serviceDate : null,
  };
}

export interface RunOptions {
  readonly date: IsoDate;
  readonly kind?: 'RUN' | 'INTERIM' | 'REBILL';
  /** Interim invoice: only this contract. */
  readonly contractId?: number;
  /** Called after each chunk (job progress): customers done of total. */
  readonly progress?: (current: number, total: number) => void;
  /** Checked between chunks; true stops the run (committed chunks stay, the report says so). */
  readonly cancelled?: () => boolean;
  /** The job run that bills (the Rechnungslauf job): its report is found by it. */
  readonly jobRunId?: number;
}

/** What a run has done so far; chunks add to it. */
export interface RunTally {
  readonly seen: Set<number>;
  /** A contract reported here is not invoiced by this run: billCustomersIn leaves it out. */
  readonly errors: BillingRunErrorDto[];
  readonly invoiceIds: number[];
  net: number;
  tax: number;
  gross: number;
}

export function newTally(): RunTally {
  return { seen: new Set(), errors: [], invoiceIds: [], net: 0, tax: 0, gross: 0 };
}

function addTally(into: RunTally, part: RunTally): void {
  for (const c of part.seen) into.seen.add(c);
  into.errors.push(...part.errors);
  into.invoiceIds.push(...part.invoiceIds);
  into.net += part.net;
  into.tax += part.tax;
  into.gross += part.gross;
}

/** The reason a contract is skipped, as the run report shows it. */
function failureReason(e: unknown): string {
  return e instanceof AppError ? e.message : `Interner Fehler: ${e instanceof Error ? e.message : String(e)}`;
}

function skippedContract(contract: { id: number; number: string; customerName: string }, e: unknown): BillingRunErrorDto {
  return { contractId: contract.id, contractNumber: contract.number, customerName: contract.customerName, reason: failureReason(e) };
}

/** A report line about the run itself (cancelled, failed), not about one contract. */
function runNotice(reason: string): BillingRunErrorDto {
  return { contractId: 0, contractNumber: '', customerName: '', reason };
}

export function startRunIn(raw: Raw, options: RunOptions, kind: BillingRunDto['kind'], who: Who): number {
  return Number(stmt(raw, `INSERT INTO billing_run(kind, run_date, contract_id, started_at, actor, job_run_id) VALUES (?, ?, ?, ?, ?, ?)`).run(kind, options.date, options.contractId ?? null, who.at, who.actor, options.jobRunId ?? null).lastInsertRowid);
}

export function finishRunIn(raw: Raw, runId: number, tally: RunTally, who: Who): void {
  stmt(
    raw,
    `UPDATE billing_run SET finished_at = ?, contracts_seen = ?, invoices_created = ?, net_cents = ?, tax_cents = ?, gross_cents = ?, errors_json = ? WHERE id = ?`,
  ).run(who.at, tally.seen.size, tally.invoiceIds.length, tally.net, tally.tax, tally.gross, JSON.stringify(tally.errors), runId);
}

function dueCustomerIds(raw: Raw, options: RunOptions): number[] {
  if (!(tableExists(raw, 'activity') && tableExists(raw, 'contract'))) return [];
  if (options.contractId !== undefined) {
    const c = stmt(raw, `SELECT customer_id FROM contract WHERE id = ?`).get(options.contractId) as { customer_id: number } | undefined;
    if (!c) throw notFound(`Vertrag ${options.contractId}`);
    return [c.customer_id];
  }
  return (stmt(raw, `SELECT DISTINCT c.customer_id AS id FROM activity a JOIN contract c ON c.id = a.contract_id WHERE a.state = 'OPEN' AND a.due_date <= ? ORDER BY 1`).all(options.date) as { id: number }[]).map((r) => r.id);
}

/** One contract's share of an invoice group, with the lines it would put on the invoice. */
interface ContractPart {
  readonly contract: { id: number; number: string; customerName: string };
  readonly activities: readonly ActivitySql[];
  readonly lines: readonly DraftLine[];
}

/** A group's activities split by contract, in the group's order (groupDueActivities sorts by contract). */
function byContract(activities: readonly ActivitySql[]): ActivitySql[][] {
  const split = new Map<number, ActivitySql[]>();
  for (const a of activities) {
    const own = split.get(a.contract_id);
    if (own) own.push(a);
    else split.set(a.contract_id, [a]);
  }
  return [...split.values()];
}

/**
 * The contracts of a group whose lines can be invoiced, leaving out those already reported as
 * failed. In a Sammelrechnung each contract is checked alone as issueInvoiceIn checks the whole
 * invoice (tax rate, VAT ID, § 14 fields), so only the contracts that fail are left out, each
 * with its own reason; a contract alone on its invoice is checked once, when it is issued.
 */
function invoiceableParts(
  raw: Raw,
  activities: readonly ActivitySql[],
  failed: ReadonlySet<number>,
  tax: TaxLookup,
  issuer: IssuerSnapshotDto,
  issueDate: IsoDate,
  tally: RunTally,
): ContractPart[] {
  const contracts = byContract(activities).filter((own) => !failed.has((own[0] as ActivitySql).contract_id));
  const checkEach = contracts.length > 1;
  const parts: ContractPart[] = [];
  for (const own of contracts) {
    const first = own[0] as ActivitySql;
    const contract = { id: first.contract_id, number: first.contract_number, customerName: first.customer_name };
    try {
      const lines = own.map((a) => draftLine(a, tax));
      if (checkEach) issuableCalculation(lines, customerRow(raw, first.customer_id), issuer, issueDate);
      parts.push({ contract, activities: own, lines });
    } catch (e) {
      tally.errors.push(skippedContract(contract, e));
    }
  }
  return parts;
}

/**
 * Bills the due open activities of some customers inside the caller's transaction: one
 * SAVEPOINT per invoice, so a failing contract is rolled back alone and reported. Contracts
 * the tally already reports as failed (their activities could not be generated) are left out.
 */
export function billCustomersIn(raw: Raw, runId: number, options: RunOptions, customerIds: readonly number[], tax: TaxLookup, tally: RunTally, who: Who): void {
  if (customerIds.length === 0) return;
  const issuer = issuerSnapshot(raw);
  const applyCredit = getSettingIn(raw, APPLY_CREDIT_SETTING, true);
  const placeholders = customerIds.map(() => '?').join(',');
  const contractFilter = options.contractId !== undefined ? ' AND a.contract_id = ?' : '';
  const filterArgs = options.contractId !== undefined ? [options.contractId] : [];
  const activities = raw
    .prepare(`${ACTIVITY_SELECT}${contractFilter} AND c.customer_id IN (${placeholders}) ORDER BY a.contract_id, a.due_date, a.id`)
    .all(options.date, ...filterArgs, ...customerIds) as ActivitySql[];
  const groups = groupDueActivities(
    activities.map((a) => ({ ...a, contractId: a.contract_id, customerId: a.customer_id, projectId: a.project_id, collectiveInvoicing: a.collective_invoicing === 1, dueDate: a.due_date })),
    options.date,
  );
  const markBilled = stmt(raw, `UPDATE activity SET state = 'BILLED', invoice_id = ? WHERE id = ? AND state = 'OPEN'`);
  // Read once: contracts whose generation failed in this run (each contract is in one group only).
  const failedBefore = new Set(tally.errors.map((e) => e.contractId));
  for (const g of groups) {
    for (const c of g.contractIds) tally.seen.add(c);
    const parts = invoiceableParts(raw, g.activities, failedBefore, tax, issuer, options.date, tally);
    const first = parts[0];
    if (first === undefined) continue;
    try {
      const issued = inSavepoint(raw, 'invoice', () => {
        const invoice = issueInvoiceIn(
          raw,
          {
            customerId: g.customerId,
            contractId: g.contractId,
            projectId: g.projectId,
            currency: g.currency,
            issueDate: options.date,
            paymentMethod: (first.activities[0] as ActivitySql).payment_method,
            lines: parts.flatMap((p) => p.lines),
            billingRunId: runId,
          },
          { issuer, applyCredit },
          who,
        );
        for (const a of parts.flatMap((p) => p.activities)) {
          if (markBilled.run(invoice.id, a.id).changes !== 1) throw new AppError('CONFLICT', `Leistung ${a.id} wurde inzwischen abgerechnet.`);
        }
        return invoice;
      });
      tally.invoiceIds.push(issued.id);
      tally.net += issued.netCents;
      tally.tax += issued.taxCents;
      tally.gross += issued.grossCents;
    } catch (e) {
      // A Sammelrechnung's contracts passed alone, so what failed concerns the invoice as a whole.
      for (const p of parts) tally.errors.push(skippedContract(p.contract, e));
    }
  }
}

/**
 * The first statement of a chunk writes, so the chunk holds the write lock before it reads what
 * is open. The first chunk writes the run's record itself: a run that fails before anything is
 * committed leaves no record behind.
 */
function claimRunIn(raw: Raw, runId: number | null, options: RunOptions, kind: BillingRunDto['kind'], who: Who): number {
  if (runId === null) return startRunIn(raw, options, kind, who);
  stmt(raw, `UPDATE billing_run SET finished_at = NULL WHERE id = ?`).run(runId);
  return runId;
}

/**
 * Bills every open activity due on or before the date: one invoice per contract and currency,
 * or per customer/project/currency for collective invoicing. Idempotent (billed activities are
 * no longer OPEN), atomic per invoice, failing contracts skipped and reported.
 */
export async function runBilling(db: CompanyDb, options: RunOptions, who: Who): Promise<BillingRunDto> {
  const raw = db.raw;
  const kind = options.kind ?? (options.contractId !== undefined ? 'INTERIM' : 'RUN');
  const tally = newTally();
  const withContracts = tableExists(raw, 'contract') && tableExists(raw, 'activity');
  if (options.contractId !== undefined && withContracts && !stmt(raw, `SELECT id FROM contract WHERE id = ?`).get(options.contractId)) {
    throw notFound(`Vertrag ${options.contractId}`);
  }
  // Activities due by the run date are generated (idempotently) in the same chunk transaction
  // that bills them, so a run over many contracts commits once per chunk, not per contract.
  const customerIds = withContracts
    ? options.contractId !== undefined
      ? dueCustomerIds(raw, options)
      : (stmt(raw, `SELECT DISTINCT customer_id AS id FROM contract ORDER BY 1`).all() as { id: number }[]).map((r) => r.id)
    : [];
  const tax = new TaxLookup(raw);
  let runId: number | null = null;
  let customersDone = 0;
  try {
    for (let i = 0; i < customerIds.length; i += CHUNK_CUSTOMERS) {
      if (options.cancelled?.() === true) {
        tally.errors.push(runNotice(`Abgebrochen nach ${i} von ${customerIds.length} Kunden; ein neuer Lauf setzt fort.`));
        break;
      }
      const chunk = customerIds.slice(i, i + CHUNK_CUSTOMERS);
      const local = await whenFree(() =>
        db.transaction(async () => {
          const id = claimRunIn(raw, runId, options, kind, who);
          const part = newTally();
          const contracts = options.contractId !== undefined
            ? (stmt(raw, `SELECT c.id, c.number, cu.display_name AS customerName FROM contract c JOIN customer cu ON cu.id = c.customer_id WHERE c.id = ?`).all(options.contractId) as { id: number; number: string; customerName: string }[])
            : (raw.prepare(`SELECT c.id, c.number, cu.display_name AS customerName FROM contract c JOIN customer cu ON cu.id = c.customer_id WHERE c.customer_id IN (${chunk.map(() => '?').join(',')}) ORDER BY c.id`).all(...chunk) as { id: number; number: string; customerName: string }[]);
          const horizon = horizonDaysIn(raw);
          for (const c of contracts) {
            try {
              inSavepoint(raw, 'generate', () => regenerateContractIn(raw, c.id, options.date, who.at, horizon));
            } catch (e) {
              // Reported here, so billCustomersIn leaves the contract's older open activities alone.
              part.errors.push(skippedContract(c, e));
            }
          }
          billCustomersIn(raw, id, options, chunk, tax, part, who);
          return { id, part };
        }),
      );
      runId = local.id;
      customersDone += chunk.length;
      addTally(tally, local.part);
      options.progress?.(customersDone, customerIds.length);
      if ((i / CHUNK_CUSTOMERS) % GC_EVERY_CHUNKS === GC_EVERY_CHUNKS - 1) collectGarbage?.();
    }
  } catch (e) {
    // Earlier chunks are committed and their invoices belong to this run: its record is finished
    // with them and says why the rest was not billed. The caller still sees the failure.
    const partialRunId = runId;
    if (partialRunId !== null) {
      tally.errors.push(runNotice(`Lauf nach ${customersDone} von ${customerIds.length} Kunden abgebrochen: ${failureReason(e)} Ein neuer Lauf setzt fort.`));
      await whenFree(() => db.transaction(async () => finishRunIn(raw, partialRunId, tally, who)));
    }
    throw e;
  }
  const recordedRunId = runId;
  const id = await whenFree(() =>
    db.transaction(async () => {
      // A run without any chunk (nothing to bill, or cancelled at once) is recorded here.
      const id = recordedRunId ?? startRunIn(raw, options, kind, who);
      finishRunIn(raw, id, tally, who);
      return id;
    }),
  );
  return billingRunDto(raw, id);
}

interface RunSql {
  id: number;
  kind: BillingRunDto['kind'];
  run_date: string;
  contract_id: number | null;
  started_at: string;
  finished_at: string | null;
  actor: string;
  contracts_seen: number;
  invoices_created: number;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  errors_json: string;
}

function toRunDto(raw: Raw, r: RunSql): BillingRunDto {
  const ids = (stmt(raw, `SELECT id FROM invoice WHERE billing_run_id = ? ORDER BY id LIMIT 1000`).all(r.id) as { id: number }[]).map((x) => x.id);
  return {
    id: r.id,
    kind: r.kind,
    runDate: r.run_date,
    contractId: r.contract_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    actor: r.actor,
    contractsSeen: r.contracts_seen,
    invoicesCreated: r.invoices_created,
    net: toPlain(fromCents(r.net_cents)),
    tax: toPlain(fromCents(r.tax_cents)),
    gross: toPlain(fromCents(r.gross_cents)),
    errors: JSON.parse(r.errors_json) as BillingRunErrorDto[],
    invoiceIds: ids,
  };
}

export function billingRunDto(raw: Raw, id: number): BillingRunDto {
  const r = stmt(raw, `SELECT * FROM billing_run WHERE id = ?`).get(id) as RunSql | undefined;
  if (!r) throw notFound(`Rechnungslauf ${id}`);
  return toRunDto(raw, r);
}

export function listBillingRuns(raw: Raw, offset: number, limit: number): Page<BillingRunDto> {
  const total = (stmt(raw, `SELECT count(*) AS n FROM billing_run`).get() as { n: number }).n;
  const rows = stmt(raw, `SELECT * FROM billing_run ORDER BY id DESC LIMIT ? OFFSET ?`).all(limit, offset) as RunSql[];
  return { total, offset, limit, rows: rows.map((r) => toRunDto(raw, r)) };
}

/** The run a billing job recorded (it stores the job's run id); null when that job billed nothing yet. */
export function billingRunOfJob(raw: Raw, job: { readonly id: number }): BillingRunDto | null {
  const r = stmt(raw, `SELECT * FROM billing_run WHERE job_run_id = ?`).get(job.id) as RunSql | undefined;
  return r ? toRunDto(raw, r) : null;
}

// --- storno -------------------------------------------------------------------------------------

interface InvoiceSql {
  id: number;
  number: string;
  kind: InvoiceKind;
  customer_id: number;
  contract_id: number | null;
  project_id: number | null;
  billing_run_id: number | null;
  currency: string;
  issue_date: string;
  due_date: string | null;
  period_start: string | null;
  period_end: string | null;
  cancels_invoice_id: number | null;
  issuer_json: string;
  recipient_json: string;
  notes_json: string;
  payment_method: string;
  payment_terms_days: number;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  credit_applied_cents: number;
  created_by: string;
  created_at: string;
}

function invoiceRow(raw: Raw, id: number): InvoiceSql {
  const r = stmt(raw, `SELECT * FROM invoice WHERE id = ?`).get(id) as InvoiceSql | undefined;
  if (!r) throw notFound(`Rechnung ${id}`);
  return r;
}

/**
 * Storno (§7): a Stornorechnung with its own number, negated lines and taxes and the reference
 * "Storno zu Rechnung … vom …"; the original becomes CANCELLED; the amount goes back to the
 * customer account (closing what is open, the rest is credit); its activities become VOIDED.
 */
export function cancelInvoiceIn(raw: Raw, invoiceId: number, date: IsoDate, who: Who): number {
  const original = invoiceRow(raw, invoiceId);
  if (original.kind === 'CANCELLATION') throw new AppError('CONFLICT', `${original.number} ist eine Stornorechnung und kann nicht storniert werden.`);
  const existing = stmt(raw, `SELECT number FROM invoice WHERE cancels_invoice_id = ?`).get(invoiceId) as { number: string } | undefined;
  if (existing) throw new AppError('CONFLICT', `Rechnung ${original.number} ist bereits storniert (${existing.number}).`);
  if (date < original.issue_date) throw new AppError('VALIDATION', `Das Stornodatum liegt vor dem Rechnungsdatum (${formatDate(original.issue_date)}).`, { fields: { date: 'Stornodatum vor Rechnungsdatum' } });
  const number = nextNumberIn(raw, 'CANCELLATION', date);
  const reference = stornoReference(original.number, original.issue_date, formatDate);
  const notes = [reference, ...(JSON.parse(original.notes_json) as string[])];
  const r = stmt(
    raw,
    `INSERT INTO invoice(number, kind, customer_id, contract_id, project_id, billing_run_id, currency, issue_date, due_date,
       period_start, period_end, cancels_invoice_id, issuer_json, recipient_json, notes_json, payment_method, payment_terms_days,
       net_cents, tax_cents, gross_cents, credit_applied_cents, created_by, created_at)
     VALUES (?, 'CANCELLATION', ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(
    number,
    original.customer_id,
    original.contract_id,
    original.project_id,
    original.currency,
    date,
    original.period_start,
    original.period_end,
    original.id,
    original.issuer_json,
    original.recipient_json,
    JSON.stringify(notes),
    original.payment_method,
    original.payment_terms_days,
    -original.net_cents,
    -original.tax_cents,
    -original.gross_cents,
    who.actor,
    who.at,
  );
  const stornoId = Number(r.lastInsertRowid);
  stmt(
    raw,
    `INSERT INTO invoice_line(invoice_id, position, activity_id, contract_id, article_id, description, quantity, unit, unit_price_units,
       discount, net_cents, tax_rate, tax_group_id, tax_group_code, tax_treatment, tax_note, account_skr03, account_skr04, period_start, period_end, service_date)
     SELECT ?, position, activity_id, contract_id, article_id, description,
       CASE WHEN quantity GLOB '-*' THEN substr(quantity, 2) WHEN quantity GLOB '0' OR quantity GLOB '0.*' AND CAST(quantity AS TEXT) NOT GLOB '*[1-9]*' THEN quantity ELSE '-' || quantity END, unit, unit_price_units,
       discount, -net_cents, tax_rate, tax_group_id, tax_group_code, tax_treatment, tax_note, account_skr03, account_skr04, period_start, period_end, service_date
     FROM invoice_line WHERE invoice_id = ? ORDER BY position`,
  ).run(stornoId, original.id);
  stmt(
    raw,
    `INSERT INTO invoice_tax(invoice_id, treatment, rate, net_cents, tax_cents, note)
     SELECT ?, treatment, rate, -net_cents, -tax_cents, note FROM invoice_tax WHERE invoice_id = ? ORDER BY id`,
  ).run(stornoId, original.id);
  const accountId = accountIdOf(raw, original.customer_id);
  const entryId = insertEntry(raw, { accountId, type: 'CANCELLATION', date, amountCents: -original.gross_cents, text: reference, reference: number, invoiceId: stornoId }, who);
  const originalEntry = stmt(raw, `SELECT id FROM account_entry WHERE invoice_id = ? AND type = 'INVOICE'`).get(original.id) as { id: number };
  if (original.gross_cents > 0) {
    const open = original.gross_cents - invoiceAllocatedCents(raw, original.id);
    if (open > 0) insertAllocation(raw, entryId, originalEntry.id, Math.min(open, original.gross_cents), who.at);
  } else if (original.gross_cents < 0) {
    // A cancelled credit note: its unused credit is taken back by the storno's debit.
    const used = (stmt(raw, `SELECT coalesce(sum(amount_cents), 0) AS s FROM allocation WHERE credit_entry_id = ?`).get(originalEntry.id) as { s: number }).s;
    const unused = -original.gross_cents - used;
    if (unused > 0) insertAllocation(raw, originalEntry.id, entryId, unused, who.at);
  }
  if (tableExists(raw, 'activity')) stmt(raw, `UPDATE activity SET state = 'VOIDED' WHERE invoice_id = ? AND state = 'BILLED'`).run(original.id);
  return stornoId;
}

export async function cancelInvoice(db: CompanyDb, invoiceId: number, date: IsoDate, who: Who): Promise<InvoiceDetailDto> {
  const id = await db.transaction(async (m) => {
    const stornoId = cancelInvoiceIn(db.raw, invoiceId, date, who);
    // The Stornorechnung's PDF is rendered and archived in the transaction that issues it.
    await archiveInvoiceDocument(m, stornoId, who);
    return stornoId;
  });
  return invoiceDetail(db.raw, id);
}

// --- reading (also for documents, bank, DATEV) ----------------------------------------------

function statusOf(raw: Raw, r: { id: number; kind: InvoiceKind; gross_cents: number }): { status: InvoiceStatusDto; openCents: number } {
  const cancelled = r.kind !== 'CANCELLATION' && stmt(raw, `SELECT 1 FROM invoice WHERE cancels_invoice_id = ?`).get(r.id) !== undefined;
  if (r.kind === 'CANCELLATION' || r.gross_cents <= 0) {
    return { status: cancelled ? 'CANCELLED' : 'PAID', openCents: 0 };
  }
  const allocated = invoiceAllocatedCents(raw, r.id);
  const status = invoiceStatus(fromCents(r.gross_cents), fromCents(allocated), cancelled);
  return { status, openCents: cancelled ? 0 : Math.max(0, r.gross_cents - allocated) };
}

/** Open amount of an invoice (cents) — for the bank area's matching. */
export function invoiceOpenCents(raw: Raw, invoiceId: number): number {
  return statusOf(raw, invoiceRow(raw, invoiceId)).openCents;
}

/** The whole invoice as a DTO: snapshots, lines, taxes, allocations, status (documents, bank, DATEV). */
export function invoiceDetail(raw: Raw, id: number): InvoiceDetailDto {
  const r = invoiceRow(raw, id);
  const recipient = JSON.parse(r.recipient_json) as RecipientSnapshotDto;
  const lines = (stmt(raw, `SELECT * FROM invoice_line WHERE invoice_id = ? ORDER BY position`).all(id) as {
    position: number;
    activity_id: number | null;
    contract_id: number | null;
    article_id: number | null;
    description: string;
    quantity: string;
    unit: string;
    unit_price_units: number;
    discount: string | null;
    net_cents: number;
    tax_rate: string;
    tax_group_code: string;
    tax_note: string | null;
    account_skr03: string | null;
    account_skr04: string | null;
    period_start: string | null;
    period_end: string | null;
    service_date: string | null;
  }[]).map(
    (l): InvoiceLineDto => ({
      position: l.position,
      activityId: l.activity_id,
      contractId: l.contract_id,
      articleId: l.article_id,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: toPlain(fromPriceUnits(l.unit_price_units), 4),
      discountPercent: l.discount,
      net: toPlain(fromCents(l.net_cents)),
      taxRate: l.tax_rate,
      taxGroupCode: l.tax_group_code,
      taxNote: l.tax_note,
      accountSkr03: l.account_skr03,
      accountSkr04: l.account_skr04,
      periodStart: l.period_start,
      periodEnd: l.period_end,
      serviceDate: l.service_date,
    }),
  );
  const taxes = (stmt(raw, `SELECT * FROM invoice_tax WHERE invoice_id = ? ORDER BY id`).all(id) as { treatment: InvoiceTaxDto['treatment']; rate: string; net_cents: number; tax_cents: number; note: string | null }[]).map(
    (t): InvoiceTaxDto => ({ treatment: t.treatment, rate: t.rate, net: toPlain(fromCents(t.net_cents)), tax: toPlain(fromCents(t.tax_cents)), note: t.note }),
  );
  const ownEntry = stmt(raw, `SELECT id FROM account_entry WHERE invoice_id = ? AND type IN ('INVOICE', 'CANCELLATION')`).get(id) as { id: number } | undefined;
  const allocations = ownEntry
    ? (stmt(
        raw,
        `SELECT o.id, o.type, o.entry_date, o.text, sum(a.amount_cents) AS cents FROM allocation a
         JOIN account_entry o ON o.id = CASE WHEN a.debit_entry_id = ? THEN a.credit_entry_id ELSE a.debit_entry_id END
         WHERE a.debit_entry_id = ? OR a.credit_entry_id = ? GROUP BY o.id HAVING cents <> 0 ORDER BY o.entry_date, o.id`,
      ).all(ownEntry.id, ownEntry.id, ownEntry.id) as { id: number; type: EntryType; entry_date: string; text: string; cents: number }[]).map((a) => ({
        entryId: a.id,
        type: a.type,
        typeLabel: ENTRY_TYPE_LABELS[a.type],
        date: a.entry_date,
        text: a.text,
        amount: toPlain(fromCents(a.cents)),
      }))
    : [];
  const refers = r.cancels_invoice_id === null ? undefined : (stmt(raw, `SELECT id, number, issue_date FROM invoice WHERE id = ?`).get(r.cancels_invoice_id) as { id: number; number: string; issue_date: string });
  const cancelledBy = stmt(raw, `SELECT id, number, issue_date FROM invoice WHERE cancels_invoice_id = ?`).get(id) as { id: number; number: string; issue_date: string } | undefined;
  const contractNumber = r.contract_id !== null && tableExists(raw, 'contract') ? ((stmt(raw, `SELECT number FROM contract WHERE id = ?`).get(r.contract_id) as { number: string } | undefined)?.number ?? null) : null;
  const { status, openCents } = statusOf(raw, r);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    customerId: r.customer_id,
    customerNumber: recipient.customerNumber,
    customerName: recipient.name,
    contractId: r.contract_id,
    contractNumber,
    projectId: r.project_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    currency: r.currency,
    net: toPlain(fromCents(r.net_cents)),
    tax: toPlain(fromCents(r.tax_cents)),
    gross: toPlain(fromCents(r.gross_cents)),
    open: toPlain(fromCents(openCents)),
    status,
    issuer: JSON.parse(r.issuer_json) as IssuerSnapshotDto,
    recipient,
    notes: JSON.parse(r.notes_json) as string[],
    paymentMethod: r.payment_method,
    paymentTermsDays: r.payment_terms_days,
    lines,
    taxes,
    creditApplied: toPlain(fromCents(r.credit_applied_cents)),
    amountDue: toPlain(fromCents(r.gross_cents - r.credit_applied_cents)),
    refersTo: refers ? { id: refers.id, number: refers.number, issueDate: refers.issue_date } : null,
    cancelledBy: cancelledBy ? { id: cancelledBy.id, number: cancelledBy.number, issueDate: cancelledBy.issue_date } : null,
    allocations,
    billingRunId: r.billing_run_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export interface InvoiceListQuery {
  readonly number?: string | undefined;
  readonly customerId?: number | undefined;
  readonly customer?: string | undefined;
  readonly contractId?: number | undefined;
  readonly billingRunId?: number | undefined;
  readonly status?: InvoiceStatusDto | undefined;
  readonly kind?: InvoiceKind | undefined;
  readonly from?: IsoDate | undefined;
  readonly to?: IsoDate | undefined;
  readonly sort: 'number' | 'issueDate' | 'customer' | 'gross';
  readonly direction: 'asc' | 'desc';
  readonly offset: number;
  readonly limit: number;
}

const STATUS_SQL = `CASE
  WHEN i.kind = 'CANCELLATION' THEN 'PAID'
  WHEN EXISTS (SELECT 1 FROM invoice s WHERE s.cancels_invoice_id = i.id) THEN 'CANCELLED'
  WHEN i.gross_cents <= 0 THEN 'PAID'
  WHEN alloc >= i.gross_cents THEN 'PAID'
  WHEN alloc = 0 THEN 'OPEN'
  ELSE 'PARTIALLY_PAID' END`;

// Columns of the list query `x`; customers by their name key, so „Ärztehaus“ sorts under A (DIN 5007-1).
const SORTS: Readonly<Record<InvoiceListQuery['sort'], string>> = {
  number: 'x.number',
  issueDate: 'x.issue_date',
  customer: 'x.customer_key',
  gross: 'x.gross_cents',
};

export function listInvoices(raw: Raw, q: InvoiceListQuery): Page<InvoiceRowDto> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.number?.trim()) {
    where.push(`i.number LIKE ? ESCAPE '\\'`);
    params.push(likeContaining(q.number.trim()));
  }
  if (q.customerId !== undefined) {
    where.push('i.customer_id = ?');
    params.push(q.customerId);
  }
  const customer = q.customer?.trim() ?? '';
  if (customer !== '') {
    const byName = customerNameMatch('cu', customer);
    where.push(`(cu.number LIKE ? ESCAPE '\\' OR ${byName.sql})`);
    params.push(likeContaining(customer), byName.param);
  }
  if (q.contractId !== undefined) {
    where.push('i.contract_id = ?');
    params.push(q.contractId);
  }
  if (q.billingRunId !== undefined) {
    where.push('i.billing_run_id = ?');
    params.push(q.billingRunId);
  }
  if (q.kind) {
    where.push('i.kind = ?');
    params.push(q.kind);
  }
  if (q.from) {
    where.push('i.issue_date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    where.push('i.issue_date <= ?');
    params.push(q.to);
  }
  const base = `FROM (SELECT i.*, coalesce((SELECT sum(a.amount_cents) FROM allocation a JOIN account_entry e ON e.id = a.debit_entry_id WHERE e.invoice_id = i.id AND e.type = 'INVOICE'), 0) AS alloc
      FROM invoice i) i JOIN customer cu ON cu.id = i.customer_id`;
  const inner = `SELECT i.id, i.number, i.kind, i.customer_id, cu.number AS customer_number, cu.display_name AS customer_name, cu.name_key AS customer_key, i.contract_id, i.issue_date, i.due_date,
      i.currency, i.net_cents, i.tax_cents, i.gross_cents, i.alloc, ${STATUS_SQL} AS status ${base} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const statusClause = q.status ? ' WHERE status = ?' : '';
  const statusParams = q.status ? [q.status] : [];
  const total = (raw.prepare(`SELECT count(*) AS n FROM (${inner})${statusClause}`).get(...params, ...statusParams) as { n: number }).n;
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = raw.prepare(`SELECT * FROM (${inner}) x${statusClause.replace('status', 'x.status')} ORDER BY ${SORTS[q.sort]} ${dir}, x.id ${dir} LIMIT ? OFFSET ?`).all(...params, ...statusParams, q.limit, q.offset) as {
    id: number;
    number: string;
    kind: InvoiceKind;
    customer_id: number;
    customer_number: string;
    customer_name: string;
    contract_id: number | null;
    issue_date: string;
    due_date: string | null;
    currency: string;
    net_cents: number;
    tax_cents: number;
    gross_cents: number;
    alloc: number;
    status: InvoiceStatusDto;
  }[];
  return {
    total,
    offset: q.offset,
    limit: q.limit,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      customerId: r.customer_id,
      customerNumber: r.customer_number,
      customerName: r.customer_name,
      contractId: r.contract_id,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      currency: r.currency,
      net: toPlain(fromCents(r.net_cents)),
      tax: toPlain(fromCents(r.tax_cents)),
      gross: toPlain(fromCents(r.gross_cents)),
      open: toPlain(fromCents(r.status === 'CANCELLED' || r.gross_cents <= 0 || r.kind === 'CANCELLATION' ? 0 : Math.max(0, r.gross_cents - r.alloc))),
      status: r.status,
    })),
  };
}

