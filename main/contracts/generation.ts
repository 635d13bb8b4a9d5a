// Activity generation (DOMAIN §6): loads a contract, its items and activities, runs the pure
// planner and writes its result inside the caller's transaction. generateActivities runs it for
// every contract, one transaction per contract; a contract that fails is reported, the rest go on.
import type { EntityManager } from 'typeorm';
import type { GenerationResultDto } from '../../shared/api/contracts';
import type { Interval, IntervalUnit, IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { dec, fromCents, fromPriceUnits, toCents, toPriceUnits, type Decimal } from '../../shared/money';
import { resolvePrice } from '../catalog/rules';
import { getSettingIn } from '../company/settings';
import { inSavepoint, rawOf, stmt, type CompanyDb, type Raw } from '../db/company-db';
import type { ContractRecord, SubscriptionItemRecord } from './entities';
import { DEFAULT_HORIZON_DAYS, planActivities, type ExistingActivity, type Plan, type PlannerContract, type PlannerItem } from './rules-planner';
import type { ContractTerms } from './rules-terms';

export const HORIZON_SETTING = 'activities.horizonDays';

/** How far ahead activities are planned (Einstellungen), read inside the caller's transaction. */
export function horizonDaysIn(raw: Raw): number {
  return getSettingIn<number>(raw, HORIZON_SETTING, DEFAULT_HORIZON_DAYS);
}

export async function horizonDays(m: EntityManager): Promise<number> {
  return horizonDaysIn(rawOf(m));
}

const interval = (count: number | null, unit: string | null): Interval | null =>
  count === null || unit === null ? null : { count, unit: unit as IntervalUnit };

export function termsOf(c: ContractRecord): ContractTerms {
  return {
    startDate: c.startDate,
    interval: { count: c.intervalCount, unit: c.intervalUnit as IntervalUnit },
    trial: interval(c.trialCount, c.trialUnit),
    trialOutcome: c.trialOutcome === 'END' ? 'END' : 'CONTINUE',
    minimumTerm: interval(c.minimumTermCount, c.minimumTermUnit),
    renewal: interval(c.renewalCount, c.renewalUnit),
    notice: interval(c.noticeCount, c.noticeUnit),
    endDate: c.endDate,
  };
}

export function plannerContractOf(c: ContractRecord): PlannerContract {
  return {
    ...termsOf(c),
    billInAdvance: Boolean(c.billInAdvance),
    billedUntil: c.billedUntil,
    discount: { percent: c.discount === null ? null : dec(c.discount), from: c.discountFrom, until: c.discountUntil },
  };
}

interface ArticleInfo {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly variants: { price: Decimal; currency: string; minQuantity: Decimal | null; validFrom: IsoDate | null }[];
}

function loadArticles(raw: Raw, ids: readonly number[]): Map<number, ArticleInfo> {
  const map = new Map<number, ArticleInfo>();
  if (ids.length === 0) return map;
  const article = stmt(raw, `SELECT id, number, name FROM article WHERE id = ?`);
  const variants = stmt(raw, `SELECT price_units, currency, min_quantity, valid_from FROM price_variant WHERE article_id = ? ORDER BY id`);
  for (const id of ids) {
    const a = article.get(id) as { id: number; number: string; name: string } | undefined;
    if (!a) continue;
    const rows = variants.all(id) as { price_units: number; currency: string; min_quantity: string | null; valid_from: string | null }[];
    map.set(a.id, {
      ...a,
      variants: rows.map((v) => ({
        price: fromPriceUnits(v.price_units),
        currency: v.currency,
        minQuantity: v.min_quantity === null ? null : dec(v.min_quantity),
        validFrom: v.valid_from,
      })),
    });
  }
  return map;
}

interface ActivitySql {
  id: number;
  item_id: number | null;
  article_id: number;
  origin: string;
  period_anchor: string | null;
  period_start: string;
  period_end: string;
  due_date: string;
  service_date: string;
  quantity: string;
  unit_price_units: number;
  discount: string;
  net_cents: number;
  state: string;
  released_at: string | null;
}

const SELECT_CONTRACT = `SELECT id, number, customer_id AS customerId, project_id AS projectId, currency, start_date AS startDate,
    interval_count AS intervalCount, interval_unit AS intervalUnit, bill_in_advance AS billInAdvance, trial_count AS trialCount,
    trial_unit AS trialUnit, trial_outcome AS trialOutcome, minimum_term_count AS minimumTermCount, minimum_term_unit AS minimumTermUnit,
    renewal_count AS renewalCount, renewal_unit AS renewalUnit, notice_count AS noticeCount, notice_unit AS noticeUnit,
    billed_until AS billedUntil, end_date AS endDate, discount, discount_from AS discountFrom, discount_until AS discountUntil
  FROM contract WHERE id = ?`;
const SELECT_ITEMS = `SELECT id, contract_id AS contractId, article_id AS articleId, quantity, price_override_units AS priceOverrideUnits,
    discount, discount_from AS discountFrom, discount_until AS discountUntil, active_from AS activeFrom, active_until AS activeUntil,
    bill_from AS billFrom
  FROM subscription_item WHERE contract_id = ? ORDER BY id`;
const SELECT_ACTIVITIES = `SELECT id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date, service_date, quantity,
    unit_price_units, discount, net_cents, state, released_at
  FROM activity WHERE contract_id = ? AND item_id IS NOT NULL`;

/** Plans one contract against the database's current state (nothing written). */
export async function planContract(m: EntityManager, contractId: number, today: IsoDate): Promise<Plan> {
  const raw = rawOf(m);
  return planContractIn(raw, contractId, today, horizonDaysIn(raw));
}

/** planContract on prepared statements (synchronous; the caller's transaction is the connection's). */
function planContractIn(raw: Raw, contractId: number, today: IsoDate, horizon: number): Plan {
  const contract = stmt(raw, SELECT_CONTRACT).get(contractId) as ContractRecord | undefined;
  if (!contract) throw new AppError('NOT_FOUND', `Vertrag ${contractId} wurde nicht gefunden.`);
  const items = stmt(raw, SELECT_ITEMS).all(contractId) as SubscriptionItemRecord[];
  const articles = loadArticles(raw, [...new Set(items.map((i) => i.articleId))]);
  const rows = stmt(raw, SELECT_ACTIVITIES).all(contractId) as ActivitySql[];
  const activities: ExistingActivity[] = rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    articleId: r.article_id,
    origin: r.origin as ExistingActivity['origin'],
    periodAnchor: r.period_anchor,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    serviceDate: r.service_date,
    quantity: dec(r.quantity),
    unitPrice: fromPriceUnits(r.unit_price_units),
    discount: dec(r.discount),
    net: fromCents(r.net_cents),
    state: r.state as ExistingActivity['state'],
    released: r.released_at !== null,
  }));
  const plannerItems: PlannerItem[] = items.map((i: SubscriptionItemRecord) => ({
    id: i.id,
    articleId: i.articleId,
    articleName: articles.get(i.articleId)?.name ?? `Artikel ${i.articleId}`,
    quantity: dec(i.quantity),
    priceOverride: i.priceOverrideUnits === null ? null : fromPriceUnits(i.priceOverrideUnits),
    discount: { percent: i.discount === null ? null : dec(i.discount), from: i.discountFrom, until: i.discountUntil },
    activeFrom: i.activeFrom,
    activeUntil: i.activeUntil,
    billFrom: i.billFrom,
  }));
  return planActivities({
    contract: plannerContractOf(contract),
    items: plannerItems,
    activities,
    today,
    horizonDays: horizon,
    priceOf: (item, date) => {
      const article = articles.get(item.articleId);
      if (!article) throw new AppError('NOT_FOUND', `Artikel ${item.articleId} wurde nicht gefunden.`);
      return resolvePrice(article, article.variants, contract.currency, item.quantity, date).price;
    },
  });
}

const INSERT_ACTIVITY = `INSERT INTO activity(contract_id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date,
    service_date, quantity, unit_price_units, discount, net_cents, description, state, corrects_activity_id, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)`;
const DELETE_OPEN = `DELETE FROM activity WHERE id = ? AND state = 'OPEN'`;

/** Writes a plan with prepared statements on the connection (inside the caller's transaction). */
function applyPlan(raw: Raw, contractId: number, plan: Plan, createdAt: string): void {
  if (plan.remove.length > 0) {
    const del = stmt(raw, DELETE_OPEN);
    for (const id of plan.remove) del.run(id);
  }
  if (plan.create.length === 0) return;
  const insert = stmt(raw, INSERT_ACTIVITY);
  for (const a of plan.create) {
    insert.run(
      contractId,
      a.itemId,
      a.articleId,
      a.origin,
      a.periodAnchor,
      a.periodStart,
      a.periodEnd,
      a.dueDate,
      a.serviceDate,
      a.quantity.toString(),
      toPriceUnits(a.unitPrice),
      a.discount.toString(),
      toCents(a.net),
      a.description,
      a.correctsActivityId,
      createdAt,
    );
  }
}

/**
 * Regenerates one contract's activities now, inside the caller's transaction (synchronous, on
 * the handle). Runs over many contracts read the horizon once and pass it.
 */
export function regenerateContractIn(raw: Raw, contractId: number, today: IsoDate, createdAt: string, horizon = horizonDaysIn(raw)): { created: number; removed: number } {
  const plan = planContractIn(raw, contractId, today, horizon);
  applyPlan(raw, contractId, plan, createdAt);
  return { created: plan.create.length, removed: plan.remove.length };
}

/** The same through a transaction's manager (used after every change to a contract). */
export async function regenerateContract(m: EntityManager, contractId: number, today: IsoDate, createdAt: string): Promise<{ created: number; removed: number }> {
  return regenerateContractIn(rawOf(m), contractId, today, createdAt);
}

/** Contracts per write transaction; each contract has its own savepoint, so one failure costs only itself. */
const CHUNK = 50;

export interface GenerateOptions {
  /** Called after each contract (for job progress). */
  readonly progress?: (current: number, total: number) => void;
  /** Checked between contracts; true stops the run (everything done so far stays committed). */
  readonly cancelled?: () => boolean;
  readonly now?: string;
}

/**
 * Generates the activities of every contract for `date` (today in production). Idempotent:
 * running it twice on the same date creates nothing the second time.
 */
export async function generateActivities(db: CompanyDb, date: IsoDate, options: GenerateOptions = {}): Promise<GenerationResultDto> {
  const raw = db.raw;
  const contracts = stmt(raw, `SELECT id, number FROM contract ORDER BY id`).all() as { id: number; number: string }[];
  const createdAt = options.now ?? `${date}T00:00:00.000Z`;
  let created = 0;
  let removed = 0;
  let seen = 0;
  const errors: { contractNumber: string; message: string }[] = [];
  for (let i = 0; i < contracts.length; i += CHUNK) {
    if (options.cancelled?.() === true) break;
    const chunk = contracts.slice(i, i + CHUNK);
    await db.transaction(async () => {
      const horizon = horizonDaysIn(raw);
      for (const c of chunk) {
        try {
          const done = inSavepoint(raw, 'contract_generation', () => regenerateContractIn(raw, c.id, date, createdAt, horizon));
          created += done.created;
          removed += done.removed;
        } catch (e) {
          errors.push({ contractNumber: c.number, message: e instanceof Error ? e.message : String(e) });
        }
        seen += 1;
      }
    });
    options.progress?.(seen, contracts.length);
  }
  return { date, contracts: seen, created, removed, errors };
}
