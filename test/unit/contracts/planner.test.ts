import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, type Decimal } from '../../../shared/money';
import {
  planActivities,
  type ExistingActivity,
  type PlanInput,
  type PlannedActivity,
  type PlannerContract,
  type PlannerItem,
} from '../../../main/contracts/rules-planner';
import { subscriptionArticleProblems } from '../../../main/contracts/rules-articles';

const noDiscount = { percent: null, from: null, until: null };

const aContract = (over: Partial<PlannerContract> = {}): PlannerContract => ({
  startDate: '2026-01-01',
  interval: { count: 1, unit: 'MONTH' },
  trial: null,
  trialOutcome: 'CONTINUE',
  minimumTerm: null,
  renewal: null,
  notice: null,
  endDate: null,
  billInAdvance: true,
  billedUntil: null,
  discount: noDiscount,
  ...over,
});

const anItem = (over: Partial<PlannerItem> = {}): PlannerItem => ({
  id: 1,
  articleId: 10,
  articleName: 'Abo A',
  quantity: dec(1),
  priceOverride: null,
  discount: noDiscount,
  activeFrom: '2026-01-01',
  activeUntil: null,
  billFrom: null,
  ...over,
});

const addDaysIso = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const prices: Record<number, string> = { 10: '30', 11: '30', 20: '60', 30: '25' };
const priceOf = (item: PlannerItem): Decimal => dec(prices[item.articleId] ?? '0');

/** A tiny in-memory store that applies plans, so tests can run the planner repeatedly. */
class Store {
  private nextId = 1;
  rows: ExistingActivity[] = [];
  apply(plan: ReturnType<typeof planActivities>): void {
    const gone = new Set(plan.remove);
    this.rows = this.rows.filter((r) => !gone.has(r.id));
    for (const p of plan.create) this.rows.push(this.fromPlanned(p));
  }
  fromPlanned(p: PlannedActivity): ExistingActivity {
    return {
      id: this.nextId++,
      itemId: p.itemId,
      articleId: p.articleId,
      origin: p.origin,
      periodAnchor: p.periodAnchor,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      dueDate: p.dueDate,
      serviceDate: p.serviceDate,
      quantity: p.quantity,
      unitPrice: p.unitPrice,
      discount: p.discount,
      net: p.net,
      state: 'OPEN',
      released: false,
    };
  }
  /** A billing run on `date`: every OPEN activity due by then becomes BILLED. */
  bill(date: string): void {
    this.rows = this.rows.map((r) => (r.state === 'OPEN' && r.dueDate <= date ? { ...r, state: 'BILLED' } : r));
  }
  summary(): string[] {
    return this.rows
      .filter((r) => r.state !== 'VOIDED' || !r.released)
      .map((r) => `${r.itemId}:${r.origin}:${r.periodStart}..${r.periodEnd}:${r.net.toFixed(2)}:${r.state}`)
      .sort();
  }
}

const run = (store: Store, input: Omit<PlanInput, 'activities' | 'priceOf' | 'horizonDays'> & { horizonDays?: number }) => {
  const plan = planActivities({ horizonDays: 31, priceOf, ...input, activities: store.rows });
  store.apply(plan);
  return plan;
};

describe('activity planner (DOMAIN §6)', () => {
  it('S2 a contract starting 01.03.2027 gets nothing until the horizon reaches it', () => {
    const store = new Store();
    const contract = aContract({ startDate: '2027-03-01' });
    const items = [anItem({ activeFrom: '2027-03-01' })];
    run(store, { contract, items, today: '2026-11-28', horizonDays: 0 });
    run(store, { contract, items, today: '2027-02-28', horizonDays: 0 });
    expect(store.rows).toEqual([]);
    run(store, { contract, items, today: '2027-03-01', horizonDays: 0 });
    expect(store.summary()).toEqual(['1:SUBSCRIPTION:2027-03-01..2027-03-31:30.00:OPEN']);
  });

  it('S3 billed until 01.01.2027: no activity for any period before it', () => {
    const store = new Store();
    const contract = aContract({ startDate: '2025-01-01', billedUntil: '2027-01-01' });
    run(store, { contract, items: [anItem({ activeFrom: '2025-01-01' })], today: '2027-01-01', horizonDays: 0 });
    expect(store.summary()).toEqual(['1:SUBSCRIPTION:2027-01-01..2027-01-31:30.00:OPEN']);
  });

  it('S11 in arrears: January is due on 01.02.2026, not on 31.01.', () => {
    const store = new Store();
    const contract = aContract({ billInAdvance: false });
    run(store, { contract, items: [anItem()], today: '2026-01-31', horizonDays: 0 });
    expect(store.rows).toEqual([]);
    run(store, { contract, items: [anItem()], today: '2026-02-01', horizonDays: 0 });
    expect(store.rows.map((r) => [r.periodStart, r.periodEnd, r.dueDate])).toEqual([['2026-01-01', '2026-01-31', '2026-02-01']]);
  });

  it('honours the horizon: today + 31 days by default', () => {
    const store = new Store();
    run(store, { contract: aContract(), items: [anItem()], today: '2026-01-01' });
    expect(store.rows.map((r) => r.dueDate)).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('S13 upgrade on 16.01.2026 from A 30,00 to B 60,00: −15,48 for A, 30,97 for B, then February 60,00', () => {
    const store = new Store();
    const contract = aContract();
    run(store, { contract, items: [anItem()], today: '2026-01-01', horizonDays: 0 });
    store.bill('2026-01-01');
    const upgraded = [anItem({ activeUntil: '2026-01-15' }), anItem({ id: 2, articleId: 20, articleName: 'Abo B', activeFrom: '2026-01-16' })];
    const plan = run(store, { contract, items: upgraded, today: '2026-01-16' });
    expect(plan.create.map((p) => `${p.origin} ${p.net.toFixed(2)} ${p.description}`)).toEqual([
      'PRORATION -15.48 Anteilige Gutschrift Abo A 01.01.–31.01.2026: jetzt 15 von 31 Tagen',
      'SUBSCRIPTION 30.97 Abo B 16.01.–31.01.2026 (anteilig 16 von 31 Tagen)',
      'SUBSCRIPTION 60.00 Abo B 01.02.–28.02.2026',
    ]);
    store.bill('2026-02-01');
    expect(store.summary()).toEqual([
      '1:PRORATION:2026-01-01..2026-01-31:-15.48:BILLED',
      '1:SUBSCRIPTION:2026-01-01..2026-01-31:30.00:BILLED',
      '2:SUBSCRIPTION:2026-01-16..2026-01-31:30.97:BILLED',
      '2:SUBSCRIPTION:2026-02-01..2026-02-28:60.00:BILLED',
    ]);
  });

  describe('S5 pause of a weekly box from Monday 05.01.2026', () => {
    const contract = aContract({ startDate: '2026-01-05', interval: { count: 1, unit: 'WEEK' } });
    const box = anItem({ articleId: 30, articleName: 'AboBox', activeFrom: '2026-01-05' });
    const paused = [
      { ...box, activeUntil: '2026-03-01' },
      { ...box, id: 2, activeFrom: '2026-03-09' },
    ];

    it('S5 pause 02.03.–08.03. entered on 20.02.: no activity for the week of 02.03., weekly again from 09.03.', () => {
      const store = new Store();
      run(store, { contract, items: [box], today: '2026-02-20' });
      expect(store.rows.some((r) => r.periodStart === '2026-03-02')).toBe(true);
      run(store, { contract, items: paused, today: '2026-02-20' });
      const starts = store.rows.map((r) => r.periodStart).sort();
      expect(starts).not.toContain('2026-03-02');
      expect(starts.filter((s) => s >= '2026-02-23')).toEqual(['2026-02-23', '2026-03-09', '2026-03-16', '2026-03-23']);
      expect(store.rows.every((r) => r.net.eq(25))).toBe(true);
    });

    it('S5 the same pause after the week of 02.03. was invoiced gives a proration of −25,00', () => {
      const store = new Store();
      run(store, { contract, items: [box], today: '2026-03-02', horizonDays: 0 });
      store.bill('2026-03-02');
      const plan = run(store, { contract, items: paused, today: '2026-03-04', horizonDays: 0 });
      expect(plan.create.map((p) => [p.origin, p.periodStart, p.net.toFixed(2)])).toEqual([['PRORATION', '2026-03-02', '-25.00']]);
    });
  });

  it('S12 an extraordinary termination on 15.03. prorates the last period and removes later ones', () => {
    const store = new Store();
    run(store, { contract: aContract(), items: [anItem()], today: '2026-03-01' });
    store.bill('2026-03-01');
    run(store, { contract: aContract({ endDate: '2026-03-15' }), items: [anItem()], today: '2026-03-05' });
    const open = store.summary().filter((s) => s.endsWith('OPEN'));
    expect(open).toEqual(['1:PRORATION:2026-03-01..2026-03-31:-15.48:OPEN']);
  });

  it.each([
    // pause in a billed January (31 days, monthly 30,00): credit for the old item's unused days,
    // plus an ordinary prorated activity for the re-added item; together they are the paused days.
    ['2026-01-10', '2026-01-19', ['1 PRORATION -21.29', '2 SUBSCRIPTION 11.61'], '-9.68'],
    ['2026-01-02', '2026-01-31', ['1 PRORATION -29.03'], '-29.03'],
    ['2026-01-31', '2026-01-31', ['1 PRORATION -0.97'], '-0.97'],
  ])('a pause %s–%s inside a billed month: %o, together %s', (from, until, lines, total) => {
    const store = new Store();
    run(store, { contract: aContract(), items: [anItem()], today: '2026-01-01', horizonDays: 0 });
    store.bill('2026-01-01');
    const paused = [anItem({ activeUntil: addDaysIso(from, -1) }), anItem({ id: 2, activeFrom: addDaysIso(until, 1) })];
    const plan = run(store, { contract: aContract(), items: paused, today: '2026-01-20', horizonDays: 0 });
    const january = plan.create.filter((p) => p.periodAnchor === '2026-01-01');
    expect(january.map((p) => `${p.itemId} ${p.origin} ${p.net.toFixed(2)}`)).toEqual(lines);
    expect(january.reduce((acc, p) => acc.plus(p.net), dec(0)).toFixed(2)).toBe(total);
  });

  it('downgrade in arrears: nothing billed yet, so both parts of the month are ordinary prorated activities', () => {
    const store = new Store();
    const contract = aContract({ billInAdvance: false });
    const items = [anItem({ articleId: 20, activeUntil: '2026-01-15' }), anItem({ id: 2, articleId: 10, activeFrom: '2026-01-16' })];
    run(store, { contract, items, today: '2026-02-01', horizonDays: 0 });
    expect(store.summary()).toEqual([
      '1:SUBSCRIPTION:2026-01-01..2026-01-15:29.03:OPEN',
      '2:SUBSCRIPTION:2026-01-16..2026-01-31:15.48:OPEN',
    ]);
    expect(store.rows.map((r) => r.dueDate)).toEqual(['2026-01-16', '2026-02-01']);
  });

  it('a storno alone never re-bills; billFrom releases the VOIDED period and it is generated again (S6)', () => {
    const contract = aContract({ startDate: '2020-03-10', interval: { count: 3, unit: 'MONTH' } });
    const item = anItem({ articleId: 40, activeFrom: '2020-03-10', priceOverride: dec(300) });
    const store = new Store();
    run(store, { contract, items: [item], today: '2020-06-10', horizonDays: 0 });
    store.bill('2020-06-10');
    store.rows = store.rows.map((r) => (r.periodStart === '2020-06-10' ? { ...r, state: 'VOIDED' } : r));
    run(store, { contract, items: [item], today: '2020-09-08' });
    expect(store.summary()).toEqual([
      '1:SUBSCRIPTION:2020-03-10..2020-06-09:300.00:BILLED',
      '1:SUBSCRIPTION:2020-06-10..2020-09-09:300.00:VOIDED',
      '1:SUBSCRIPTION:2020-09-10..2020-12-09:300.00:OPEN',
    ]);
    // 10 % discount granted, billFrom 10.06.2020: the service marks the VOIDED period released.
    const discounted = { ...contract, discount: { percent: dec(10), from: null, until: null } };
    const rebill = { ...item, billFrom: '2020-06-10' };
    store.rows = store.rows.map((r) => (r.state === 'VOIDED' && r.periodStart >= '2020-06-10' ? { ...r, released: true } : r));
    run(store, { contract: discounted, items: [rebill], today: '2020-09-08' });
    expect(store.summary()).toEqual([
      '1:SUBSCRIPTION:2020-03-10..2020-06-09:300.00:BILLED',
      '1:SUBSCRIPTION:2020-06-10..2020-09-09:270.00:OPEN',
      '1:SUBSCRIPTION:2020-09-10..2020-12-09:270.00:OPEN',
    ]);
  });

  it('a changed quantity replaces OPEN activities at once and leaves billed periods alone', () => {
    const store = new Store();
    run(store, { contract: aContract(), items: [anItem()], today: '2026-01-01' });
    store.bill('2026-01-01');
    run(store, { contract: aContract(), items: [anItem({ quantity: dec(2) })], today: '2026-01-10' });
    expect(store.summary()).toEqual([
      '1:SUBSCRIPTION:2026-01-01..2026-01-31:30.00:BILLED',
      '1:SUBSCRIPTION:2026-02-01..2026-02-28:60.00:OPEN',
    ]);
  });

  it('an article swapped for one at the same price replaces the OPEN activities at once, with the new article and its name', () => {
    const store = new Store();
    run(store, { contract: aContract(), items: [anItem()], today: '2026-01-01' });
    const before = store.rows.map((r) => r.id);
    expect(before).toHaveLength(2);
    const swapped = anItem({ articleId: 11, articleName: 'Abo A ermäßigt' });
    const plan = run(store, { contract: aContract(), items: [swapped], today: '2026-01-01' });
    expect([...plan.remove].sort((a, b) => a - b)).toEqual(before);
    const line = (p: PlannedActivity) => `${p.articleId} ${p.periodStart}..${p.periodEnd} ${p.unitPrice.toFixed(2)} ${p.net.toFixed(2)} ${p.description}`;
    expect(plan.create.map(line)).toEqual([
      '11 2026-01-01..2026-01-31 30.00 30.00 Abo A ermäßigt 01.01.–31.01.2026',
      '11 2026-02-01..2026-02-28 30.00 30.00 Abo A ermäßigt 01.02.–28.02.2026',
    ]);
    expect(store.rows.map((r) => `${r.articleId} ${r.state}`)).toEqual(['11 OPEN', '11 OPEN']);
    const again = run(store, { contract: aContract(), items: [swapped], today: '2026-01-01' });
    expect(again).toEqual({ create: [], remove: [] });
  });

  it('time-limited contract discount for the first 2 months, item discount stacked', () => {
    const store = new Store();
    const contract = aContract({ discount: { percent: dec(50), from: '2026-01-01', until: '2026-02-28' } });
    run(store, { contract, items: [anItem({ discount: { percent: dec(10), from: null, until: null } })], today: '2026-03-01', horizonDays: 0 });
    expect(store.rows.map((r) => `${r.periodStart} ${r.discount.toString()} ${r.net.toFixed(2)}`)).toEqual([
      '2026-01-01 55 13.50',
      '2026-02-01 55 13.50',
      '2026-03-01 10 27.00',
    ]);
  });

  it('a trial of one month is not billed', () => {
    const store = new Store();
    run(store, { contract: aContract({ trial: { count: 1, unit: 'MONTH' } }), items: [anItem()], today: '2026-02-01', horizonDays: 0 });
    expect(store.summary()).toEqual(['1:SUBSCRIPTION:2026-02-01..2026-02-28:30.00:OPEN']);
  });

  it('leaves one-time activities alone', () => {
    const oneTime: ExistingActivity = {
      id: 99, itemId: null, articleId: 50, origin: 'ONE_TIME', periodAnchor: null, periodStart: '2026-01-05', periodEnd: '2026-01-05',
      dueDate: '2026-01-05', serviceDate: '2026-01-05', quantity: dec(1), unitPrice: dec(5), discount: dec(0), net: dec(5),
      state: 'OPEN', released: false,
    };
    const plan = planActivities({ contract: aContract(), items: [], activities: [oneTime], today: '2026-01-10', horizonDays: 31, priceOf });
    expect(plan).toEqual({ create: [], remove: [] });
  });

  it('property: generation twice equals generation once, for any start, interval, item window and day', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => {
      const d = new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    fc.assert(
      fc.property(
        day,
        fc.constantFrom<'DAY' | 'WEEK' | 'MONTH' | 'YEAR'>('DAY', 'WEEK', 'MONTH', 'YEAR'),
        fc.constantFrom(1, 2, 3, 6),
        fc.boolean(),
        day,
        fc.option(day, { nil: null }),
        day,
        (start, unit, count, inAdvance, from, until, today) => {
          const contract = aContract({ startDate: start, interval: { count, unit }, billInAdvance: inAdvance });
          const items = [anItem({ activeFrom: from, activeUntil: until })];
          const store = new Store();
          run(store, { contract, items, today, horizonDays: unit === 'DAY' ? 5 : 31 });
          store.bill(today);
          const once = store.summary();
          const again = planActivities({ contract, items, activities: store.rows, today, horizonDays: unit === 'DAY' ? 5 : 31, priceOf });
          expect(again).toEqual({ create: [], remove: [] });
          expect(store.summary()).toEqual(once);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('assignable articles (S4)', () => {
  const contract = { projectId: 1, projectName: 'P1', intervalUnit: 'MONTH' as const };
  it('S4 a P1 article with unit MONTH is offered for a 6-MONTH contract in P1', () => {
    expect(subscriptionArticleProblems({ kind: 'SUBSCRIPTION', unit: 'MONTH', projectIds: [1], active: true }, contract)).toEqual([]);
  });
  it('S4 a P2 article with unit MONTH is not, with its reason', () => {
    expect(subscriptionArticleProblems({ kind: 'SUBSCRIPTION', unit: 'MONTH', projectIds: [2], active: true }, contract)).toEqual([
      'Gehört nicht zum Projekt des Vertrags (P1)',
    ]);
  });
  it('S4 a P1 article with unit YEAR is not, with its reason', () => {
    expect(subscriptionArticleProblems({ kind: 'SUBSCRIPTION', unit: 'YEAR', projectIds: [1], active: true }, contract)).toEqual([
      'Einheit Jahr passt nicht zum Abrechnungsintervall des Vertrags (Einheit Monat)',
    ]);
  });
  it('a one-time article is not a subscription article', () => {
    expect(subscriptionArticleProblems({ kind: 'ONE_TIME', unit: 'Stück', projectIds: [1], active: true }, contract)).toEqual([
      'Kein Abo-Artikel (Einmalartikel werden als Leistung erfasst)',
    ]);
  });
});
