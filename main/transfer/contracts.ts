// Contracts with items from the import. The contracts area's own schemas and rules decide
// (contractFieldsSchema, itemFieldsSchema, subscriptionArticleProblems); writing happens in the
// import's one transaction with the same audit entries as the contract screens, and every new
// contract's activities are generated right away (regenerateContract). The imported contract
// number is kept; existing numbers are skipped (contracts are changed on their own screen,
// where billed periods are protected).
import type { EntityManager } from 'typeorm';
import { contractFieldsSchema, itemFieldsSchema, type ContractFields, type ItemFields } from '../../shared/api/contracts';
import { CONTRACT_IMPORT_FIELDS, type FieldMessage } from '../../shared/api/transfer';
import type { IntervalUnit } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { dec, toPriceUnits } from '../../shared/money';
import { recordAudit } from '../company/audit';
import { ContractEntity, SubscriptionItemEntity, type ContractRecord } from '../contracts/entities';
import { regenerateContract } from '../contracts/generation';
import { subscriptionArticleProblems } from '../contracts/rules-articles';
import type { CompanyDb } from '../db/company-db';
import { highestCounters } from './rules-numbers';
import { fieldMessage, issuesToMessages } from './rules-rows';
import type { ContractImport } from './rules-targets';

interface ArticleInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: 'SUBSCRIPTION' | 'ONE_TIME';
  readonly unit: string;
  readonly active: boolean;
  readonly projectIds: readonly number[];
}

interface CustomerInfo {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly active: boolean;
}

export interface ContractLookup {
  readonly customers: ReadonlyMap<string, CustomerInfo>;
  readonly projects: ReadonlyMap<string, { id: number; name: string }>;
  readonly onlyProject: { id: number; name: string } | null;
  readonly articles: ReadonlyMap<string, ArticleInfo>;
  readonly contracts: ReadonlySet<string>;
}

const key = (s: string) => s.trim().toLowerCase();

export function contractLookup(db: CompanyDb): ContractLookup | null {
  const has = (t: string) => db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t) !== undefined;
  if (!has('contract') || !has('subscription_item') || !has('article') || !has('project')) return null;
  const customers = new Map<string, CustomerInfo>();
  const customerRows = db.raw.prepare(`SELECT id, number, display_name, active FROM customer`).all() as { id: number; number: string; display_name: string; active: number }[];
  for (const r of customerRows) customers.set(r.number, { id: r.id, number: r.number, name: r.display_name, active: r.active === 1 });
  const projects = new Map<string, { id: number; name: string }>();
  const projectRows = db.raw.prepare(`SELECT id, number, name FROM project`).all() as { id: number; number: string; name: string }[];
  for (const r of projectRows) {
    projects.set(key(r.name), { id: r.id, name: r.name });
    projects.set(key(r.number), { id: r.id, name: r.name });
  }
  const articles = new Map<string, ArticleInfo>();
  const rows = db.raw
    .prepare(`SELECT a.id, a.number, a.name, a.kind, a.unit, a.active,
      (SELECT group_concat(ap.project_id) FROM article_project ap WHERE ap.article_id = a.id) AS project_ids FROM article a`)
    .all() as { id: number; number: string; name: string; kind: ArticleInfo['kind']; unit: string; active: number; project_ids: string | null }[];
  for (const r of rows) {
    articles.set(r.number, {
      id: r.id, name: r.name, kind: r.kind, unit: r.unit, active: r.active === 1,
      projectIds: (r.project_ids ?? '').split(',').filter((s) => s !== '').map(Number),
    });
  }
  const contracts = new Set((db.raw.prepare(`SELECT number FROM contract`).all() as { number: string }[]).map((r) => r.number));
  const only = projectRows.length === 1 && projectRows[0] ? { id: projectRows[0].id, name: projectRows[0].name } : null;
  return { customers, projects, onlyProject: only, articles, contracts };
}

export interface CheckedContract {
  readonly number: string;
  readonly fields: ContractFields;
  readonly items: readonly ItemFields[];
}

const F = (k: string) => CONTRACT_IMPORT_FIELDS.find((f) => f.key === k) ?? { key: k, label: k };

// The contracts service refuses a new contract for a deactivated customer; the import must too (it writes past that service).
const inactiveCustomerMessage = (c: { readonly number: string; readonly name: string }) =>
  `Kunde ${c.number} „${c.name}“ ist deaktiviert und bekommt keine neuen Verträge; bitte den Kunden zuerst wieder aktivieren`;

/**
 * The contracts area's fields for an imported contract. Messages go to the row they concern
 * (the head row for contract fields, each item's own row for its article).
 */
export function contractFieldsOf(c: ContractImport, lookup: ContractLookup, headMessages: FieldMessage[], itemMessages: (line: number) => FieldMessage[]): CheckedContract | null {
  const customer = lookup.customers.get(c.customerNumber);
  if (customer === undefined) headMessages.push(fieldMessage(F('customerNumber'), `Kunde ${c.customerNumber} existiert nicht`));
  else if (!customer.active) headMessages.push(fieldMessage(F('customerNumber'), inactiveCustomerMessage(customer)));
  const customerId = customer?.active ? customer.id : undefined;
  const project = c.project === null ? lookup.onlyProject : (lookup.projects.get(key(c.project)) ?? null);
  if (project === null) {
    headMessages.push(fieldMessage(F('project'), c.project === null ? 'Projekt angeben (Nummer oder Name)' : `Projekt „${c.project}“ gibt es nicht`));
  }
  const parsed = contractFieldsSchema.safeParse({
    customerId: customerId ?? 0,
    projectId: project?.id ?? 0,
    currency: c.currency,
    startDate: c.startDate,
    interval: { count: c.intervalCount, unit: c.intervalUnit },
    billInAdvance: c.billInAdvance,
    billedUntil: c.billedUntil,
  });
  if (!parsed.success) {
    const relevant = parsed.error.issues.filter((i) => !['customerId', 'projectId'].includes(String(i.path[0])));
    headMessages.push(...issuesToMessages(CONTRACT_IMPORT_FIELDS, relevant.map((i) => ({ ...i, path: i.path[0] === 'interval' ? ['intervalCount'] : i.path }))));
  }
  const items: ItemFields[] = [];
  for (const item of c.items) {
    const messages = itemMessages(item.line);
    const article = lookup.articles.get(item.articleNumber);
    if (!article) {
      messages.push(fieldMessage(F('articleNumber'), `Artikel ${item.articleNumber} gibt es nicht`));
      continue;
    }
    if (project) {
      const problems = subscriptionArticleProblems(article, { projectId: project.id, projectName: project.name, intervalUnit: c.intervalUnit as IntervalUnit });
      if (problems.length > 0) messages.push(fieldMessage(F('articleNumber'), `${article.name} kann nicht zugeordnet werden: ${problems.join('; ')}`));
    }
    const fields = itemFieldsSchema.safeParse({
      articleId: article.id,
      quantity: item.quantity,
      priceOverride: item.priceOverride,
      discount: item.discount,
      activeFrom: c.startDate,
      billFrom: item.billFrom,
    });
    if (!fields.success) messages.push(...issuesToMessages(CONTRACT_IMPORT_FIELDS, fields.error.issues));
    else items.push(fields.data);
  }
  if (!parsed.success || customerId === undefined || project === null || items.length !== c.items.length) return null;
  return { number: c.number, fields: parsed.data, items };
}

interface Who {
  readonly actor: string;
  readonly at: string;
  readonly today: string;
}

const auditView = (r: object): Record<string, unknown> => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = r as Record<string, unknown>;
  return rest;
};

/** Writes one contract with its items and generates its activities, inside the caller's transaction. */
export async function writeContract(m: EntityManager, c: CheckedContract, who: Who): Promise<void> {
  const f = c.fields;
  // Checked when the file was read; a customer deactivated since then stops the whole import (the transaction rolls back).
  const [customer] = (await m.query(`SELECT number, display_name AS name, active FROM customer WHERE id = ?`, [f.customerId])) as { number: string; name: string; active: number }[];
  if (customer?.active !== 1) {
    throw new AppError('CONFLICT', `Vertrag ${c.number}: ${customer ? inactiveCustomerMessage(customer) : 'Kunde wurde nicht gefunden'}. Es wurde nichts importiert.`);
  }
  const record: Omit<ContractRecord, 'id'> = {
    number: c.number,
    customerId: f.customerId,
    projectId: f.projectId,
    currency: f.currency,
    startDate: f.startDate,
    intervalCount: f.interval.count,
    intervalUnit: f.interval.unit,
    billInAdvance: f.billInAdvance,
    trialCount: f.trial?.count ?? null,
    trialUnit: f.trial?.unit ?? null,
    trialOutcome: f.trialOutcome,
    minimumTermCount: f.minimumTerm?.count ?? null,
    minimumTermUnit: f.minimumTerm?.unit ?? null,
    renewalCount: f.renewal?.count ?? null,
    renewalUnit: f.renewal?.unit ?? null,
    noticeCount: f.notice?.count ?? null,
    noticeUnit: f.notice?.unit ?? null,
    billedUntil: f.billedUntil,
    endDate: null,
    endReason: null,
    noticeReceivedOn: null,
    paymentMethod: f.paymentMethod,
    discount: f.discount,
    discountFrom: f.discountFrom,
    discountUntil: f.discountUntil,
    notes: f.notes,
    createdAt: who.at,
    updatedAt: who.at,
  };
  const saved = await m.getRepository(ContractEntity).save(record);
  await recordAudit(m, { ...who, entity: 'Vertrag', entityId: c.number, action: 'CREATE', after: auditView(saved) });
  for (const i of c.items) {
    const item = await m.getRepository(SubscriptionItemEntity).save({
      contractId: saved.id,
      articleId: i.articleId,
      quantity: i.quantity,
      priceOverrideUnits: i.priceOverride === null ? null : toPriceUnits(dec(i.priceOverride)),
      discount: i.discount,
      discountFrom: i.discountFrom,
      discountUntil: i.discountUntil,
      activeFrom: i.activeFrom,
      activeUntil: i.activeUntil,
      billFrom: i.billFrom,
      createdAt: who.at,
      updatedAt: who.at,
    });
    await recordAudit(m, { ...who, entity: 'Vertragsposition', entityId: `${c.number}/${item.id}`, action: 'CREATE', after: auditView(item) });
  }
  await regenerateContract(m, saved.id, who.today, who.at);
}

/** Moves the CONTRACT counter past imported numbers that have the range's shape. */
export async function advanceContractRange(m: EntityManager, numbers: readonly string[]): Promise<void> {
  const [range] = (await m.query(`SELECT format FROM number_range WHERE key = 'CONTRACT'`)) as { format: string }[];
  if (!range) return;
  for (const [period, counter] of highestCounters(range.format, numbers)) {
    await m.query(
      `INSERT INTO number_range_counter(range_key, period, last_value) VALUES ('CONTRACT', ?, ?)
       ON CONFLICT(range_key, period) DO UPDATE SET last_value = max(last_value, excluded.last_value)`,
      [period, counter],
    );
  }
}
