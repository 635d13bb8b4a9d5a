// The activity planner (DOMAIN §6): given a contract, its items, every existing activity of
// it (any state), today and the horizon, it says which activities to create and which OPEN
// ones to remove. Pure: prices come through a callback, dates are arguments. Running it on its
// own output changes nothing (idempotent).
//
// Rules it follows, beyond the spec's words:
// - A period slot is (item, period start). It is frozen while it holds a VOIDED activity that
//   billFrom has not released: a storno alone never re-bills, and never prorates either.
// - A billed slot is corrected by a PRORATION activity for the difference between what the
//   item's active days now come to and what was billed. The billed activity's quantity,
//   price and discount are kept for that: editing an item's price, quantity or discount
//   changes unbilled periods only; a mid-period change is an upgrade/downgrade (end the item,
//   add the new one), which is what touches billed periods.
import { addDays, compareDates, formatPeriod, maxDate, minDate, type IsoDate } from '../../shared/dates';
import { type Decimal, sum, ZERO } from '../../shared/money';
import {
  combineDiscounts,
  discountFor,
  dueDate,
  overlap,
  periodContaining,
  periodDays,
  periodsBetween,
  proratedAmount,
  type DiscountWindow,
  type Period,
} from './rules-periods';
import { billingAnchor, effectiveEnd, type ContractTerms } from './rules-terms';

export const DEFAULT_HORIZON_DAYS = 31;

export type ActivityOrigin = 'SUBSCRIPTION' | 'ONE_TIME' | 'PRORATION';
export type ActivityState = 'OPEN' | 'BILLED' | 'VOIDED';

export interface PlannerContract extends ContractTerms {
  readonly billInAdvance: boolean;
  /** First day not yet billed (outside the app); periods starting before it are skipped. */
  readonly billedUntil: IsoDate | null;
  readonly discount: DiscountWindow;
}

export interface PlannerItem {
  readonly id: number;
  readonly articleId: number;
  readonly articleName: string;
  readonly quantity: Decimal;
  /** Net unit price that replaces the catalog price, or null. */
  readonly priceOverride: Decimal | null;
  readonly discount: DiscountWindow;
  readonly activeFrom: IsoDate;
  /** Last active day (inclusive), or null. */
  readonly activeUntil: IsoDate | null;
  readonly billFrom: IsoDate | null;
}

export interface ExistingActivity {
  readonly id: number;
  readonly itemId: number | null;
  /** The article it bills: its description and, through the product group, its VAT come from it (§3). */
  readonly articleId: number;
  readonly origin: ActivityOrigin;
  /** Start of the full billing period the activity belongs to (null for one-time activities). */
  readonly periodAnchor: IsoDate | null;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly dueDate: IsoDate;
  readonly serviceDate: IsoDate;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount: Decimal;
  readonly net: Decimal;
  readonly state: ActivityState;
  /** A VOIDED activity whose period billFrom has released for re-billing. */
  readonly released: boolean;
}

export interface PlannedActivity {
  readonly itemId: number;
  readonly articleId: number;
  readonly origin: 'SUBSCRIPTION' | 'PRORATION';
  readonly periodAnchor: IsoDate;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly dueDate: IsoDate;
  readonly serviceDate: IsoDate;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount: Decimal;
  readonly net: Decimal;
  readonly description: string;
  /** For a proration: the billed subscription activity it corrects. */
  readonly correctsActivityId: number | null;
}

export interface PlanInput {
  readonly contract: PlannerContract;
  readonly items: readonly PlannerItem[];
  readonly activities: readonly ExistingActivity[];
  readonly today: IsoDate;
  readonly horizonDays: number;
  /** Catalog net unit price of the item's article on a date (throws PRICE_NOT_FOUND). */
  readonly priceOf: (item: PlannerItem, date: IsoDate) => Decimal;
}

export interface Plan {
  readonly create: readonly PlannedActivity[];
  /** OPEN activities to delete (replaced or no longer due). */
  readonly remove: readonly number[];
}

function latest(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return maxDate(a, b);
}

/** Days the item is billable: its own window cut to the contract's billing start and end. */
export function itemWindow(contract: PlannerContract, item: PlannerItem): { start: IsoDate; end: IsoDate | null } | null {
  const start = maxDate(item.activeFrom, billingAnchor(contract));
  const contractEnd = effectiveEnd(contract);
  const end = item.activeUntil === null ? contractEnd : contractEnd === null ? item.activeUntil : minDate(item.activeUntil, contractEnd);
  if (end !== null && compareDates(end, start) < 0) return null;
  return { start, end };
}

/**
 * An OPEN activity is kept only when it is what the planner would create now. The article counts
 * too: swapped for one at the same price, the old activity would still be billed with the old
 * article's description and VAT rate.
 */
function sameActivity(a: ExistingActivity, b: PlannedActivity): boolean {
  return (
    a.origin === b.origin &&
    a.articleId === b.articleId &&
    a.periodStart === b.periodStart &&
    a.periodEnd === b.periodEnd &&
    a.dueDate === b.dueDate &&
    a.serviceDate === b.serviceDate &&
    a.quantity.eq(b.quantity) &&
    a.unitPrice.eq(b.unitPrice) &&
    a.discount.eq(b.discount) &&
    a.net.eq(b.net)
  );
}

/** The activity for a slot; its description is filled in only when it is really created (formatting is costly). */
function subscriptionActivity(input: PlanInput, item: PlannerItem, period: Period, range: { start: IsoDate; end: IsoDate }): PlannedActivity {
  const c = input.contract;
  const days = periodDays(period);
  const active = periodDays(range);
  // Subscription activities take the price valid on the first day of their service period (§4).
  const unitPrice = item.priceOverride ?? input.priceOf(item, range.start);
  const discount = combineDiscounts(discountFor(c.discount, period.start), discountFor(item.discount, period.start));
  const net = proratedAmount(item.quantity, unitPrice, discount, active, days);
  return {
    itemId: item.id,
    articleId: item.articleId,
    origin: 'SUBSCRIPTION',
    periodAnchor: period.start,
    periodStart: range.start,
    periodEnd: range.end,
    dueDate: dueDate(range, c.billInAdvance),
    serviceDate: range.end,
    quantity: item.quantity,
    unitPrice,
    discount,
    net,
    description: '',
    correctsActivityId: null,
  };
}

function describeSubscription(item: PlannerItem, period: Period, a: PlannedActivity): PlannedActivity {
  const days = periodDays(period);
  const active = periodDays({ start: a.periodStart, end: a.periodEnd });
  const partial = active === days ? '' : ` (anteilig ${active} von ${days} Tagen)`;
  return { ...a, description: `${item.articleName} ${formatPeriod(a.periodStart, a.periodEnd)}${partial}` };
}

/** Plans one item's slots; pushes into create/remove. */
function planItem(input: PlanInput, item: PlannerItem, own: readonly ExistingActivity[], create: PlannedActivity[], remove: number[]): void {
  const c = input.contract;
  const anchor = billingAnchor(c);
  const horizon = addDays(input.today, input.horizonDays);
  const skipBefore = latest(c.billedUntil, item.billFrom);
  const window = itemWindow(c, item);

  const slots = new Map<IsoDate, Period>();
  if (window !== null) {
    const from = skipBefore === null ? window.start : maxDate(window.start, skipBefore);
    const to = window.end === null ? horizon : minDate(window.end, horizon);
    for (const p of periodsBetween(anchor, c.interval, from, to)) slots.set(p.start, p);
  }
  const byAnchor = new Map<IsoDate, ExistingActivity[]>();
  for (const a of own) {
    if (a.state === 'VOIDED' && a.released) continue;
    const key = a.periodAnchor ?? a.periodStart;
    // Most activities sit in a slot computed above; only older ones need the period search.
    const p = slots.get(key) ?? (compareDates(key, anchor) >= 0 ? periodContaining(anchor, c.interval, key) : null);
    if (p === null || p.start !== key) {
      // The contract's periods moved (start or interval changed): unbilled leftovers go.
      if (a.state === 'OPEN') remove.push(a.id);
      continue;
    }
    slots.set(p.start, p);
    const list = byAnchor.get(key) ?? [];
    list.push(a);
    byAnchor.set(key, list);
  }

  const ordered = [...slots.values()].sort((x, y) => compareDates(x.start, y.start));
  for (const period of ordered) {
    const acts = byAnchor.get(period.start) ?? [];
    const open = acts.filter((a) => a.state === 'OPEN');
    if (skipBefore !== null && compareDates(period.start, skipBefore) < 0) {
      // Billed outside the app (billedUntil) or before billFrom: nothing is generated here.
      for (const a of open) remove.push(a.id);
      continue;
    }
    if (acts.some((a) => a.state === 'VOIDED')) continue; // frozen until billFrom releases it
    const range = window === null ? null : overlap(period, window);
    const billed = acts.filter((a) => a.state === 'BILLED');

    if (billed.length === 0) {
      const wanted = range !== null && compareDates(dueDate(range, c.billInAdvance), horizon) <= 0;
      const planned = wanted ? subscriptionActivity(input, item, period, range) : null;
      const keep = planned !== null && open.length === 1 && open[0] !== undefined && sameActivity(open[0], planned);
      if (keep) continue;
      for (const a of open) remove.push(a.id);
      if (planned !== null) create.push(describeSubscription(item, period, planned));
      continue;
    }

    // Billed slot: correct the difference with one PRORATION activity.
    const basis = billed.find((a) => a.origin === 'SUBSCRIPTION');
    const quantity = basis?.quantity ?? item.quantity;
    const unitPrice = basis?.unitPrice ?? item.priceOverride ?? input.priceOf(item, period.start);
    const discount = basis?.discount ?? ZERO;
    const days = periodDays(period);
    const activeDays = range === null ? 0 : periodDays(range);
    const target = activeDays === 0 ? ZERO : proratedAmount(quantity, unitPrice, discount, activeDays, days);
    const diff = target.minus(sum(billed.map((a) => a.net)));
    const openSubs = open.filter((a) => a.origin === 'SUBSCRIPTION');
    for (const a of openSubs) remove.push(a.id);
    const openProrations = open.filter((a) => a.origin === 'PRORATION');
    if (diff.isZero()) {
      for (const a of openProrations) remove.push(a.id);
      continue;
    }
    const existing = openProrations.length === 1 ? openProrations[0] : undefined;
    if (existing !== undefined && existing.net.eq(diff)) continue;
    for (const a of openProrations) remove.push(a.id);
    const what = diff.isNegative() ? 'Anteilige Gutschrift' : 'Anteilige Nachberechnung';
    create.push({
      itemId: item.id,
      articleId: item.articleId,
      origin: 'PRORATION',
      periodAnchor: period.start,
      periodStart: period.start,
      periodEnd: period.end,
      // Due when the change is made: the next run bills it.
      dueDate: input.today,
      serviceDate: period.end,
      quantity,
      unitPrice,
      discount,
      net: diff,
      description: `${what} ${item.articleName} ${formatPeriod(period.start, period.end)}: jetzt ${activeDays} von ${days} Tagen`,
      correctsActivityId: basis?.id ?? null,
    });
  }
}

/** The activities to create and the OPEN ones to remove so that the contract's activities are up to date. */
export function planActivities(input: PlanInput): Plan {
  const create: PlannedActivity[] = [];
  const remove: number[] = [];
  const byItem = new Map<number, ExistingActivity[]>();
  for (const a of input.activities) {
    if (a.itemId === null || a.origin === 'ONE_TIME') continue;
    const list = byItem.get(a.itemId) ?? [];
    list.push(a);
    byItem.set(a.itemId, list);
  }
  const known = new Set(input.items.map((i) => i.id));
  for (const [itemId, list] of byItem) {
    // Activities of items that no longer exist: unbilled ones go, the rest stays as it is.
    if (!known.has(itemId)) for (const a of list) if (a.state === 'OPEN') remove.push(a.id);
  }
  for (const item of input.items) planItem(input, item, byItem.get(item.id) ?? [], create, remove);
  return { create, remove };
}
