import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { aCatalog, aContract, activityLines, anArticle, anItem, aCustomer, generateOn, markBilled, type Catalog } from './support';

describe('contracts and the subscription engine on a real company file (DOMAIN §6, §14)', () => {
  let t: TestCompany;
  let cat: Catalog;

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    cat = await aCatalog(t);
  });
  afterEach(async () => t.close());

  const due = async (contractId: number, to: string) =>
    (await t.call('activities.list', { contractId, billed: false, to, limit: 500 })).rows.map((r) => `${r.periodStart}..${r.periodEnd} ${r.net}`);

  it('S2 future start: nothing before 01.03.2027, status FUTURE, the run on 01.03.2027 has 01.03.–31.03.2027', async () => {
    const article = await anArticle(t, cat, '49,00');
    const contract = await aContract(t, cat, { startDate: '2027-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2027-03-01') });
    expect((await t.call('contracts.get', { id: contract.id })).status).toBe('FUTURE');
    await generateOn(t, '2026-11-28');
    expect(await activityLines(t, contract.id)).toEqual([]);
    await generateOn(t, '2027-02-28');
    expect(await due(contract.id, '2027-02-28')).toEqual([]);
    await generateOn(t, '2027-03-01');
    expect(await due(contract.id, '2027-03-01')).toEqual(['2027-03-01..2027-03-31 49.00']);
    expect((await t.call('contracts.get', { id: contract.id })).status).toBe('ACTIVE');
  });

  it('S3 billed until 01.01.2027: no activity before it; the run on 01.01.2027 has 01.01.–31.01.2027 only', async () => {
    const article = await anArticle(t, cat, '10,00');
    const contract = await aContract(t, cat, { startDate: '2025-01-01', billedUntil: '2027-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2025-01-01') });
    await generateOn(t, '2027-01-01');
    const all = (await t.call('activities.list', { contractId: contract.id, limit: 500 })).rows;
    expect(all.every((r) => r.periodStart >= '2027-01-01')).toBe(true);
    expect(await due(contract.id, '2027-01-01')).toEqual(['2027-01-01..2027-01-31 10.00']);
  });

  it('S4 assignable articles: P1/MONTH offered for a 6-MONTH contract in P1; P2/MONTH and P1/YEAR not, each with its reason', async () => {
    const ok = await anArticle(t, cat, '60,00', { name: 'Wartung monatlich' });
    const otherProject = await anArticle(t, cat, '60,00', { name: 'Lizenz P2', projectIds: [cat.p2] });
    const yearly = await anArticle(t, cat, '600,00', { name: 'Wartung jährlich', unit: 'YEAR' });
    const contract = await aContract(t, cat, { interval: { count: 6, unit: 'MONTH' } });
    const options = await t.call('contracts.articleOptions', { contractId: contract.id });
    const byId = (id: number) => options.find((o) => o.articleId === id);
    expect(byId(ok)).toMatchObject({ allowed: true, reasons: [] });
    expect(byId(otherProject)).toMatchObject({ allowed: false, reasons: ['Gehört nicht zum Projekt des Vertrags (Abo-Boxen)'] });
    expect(byId(yearly)).toMatchObject({
      allowed: false,
      reasons: ['Einheit Jahr passt nicht zum Abrechnungsintervall des Vertrags (Einheit Monat)'],
    });
    const refused = await t.tryCall('contracts.addItem', { contractId: contract.id, item: anItem(yearly, '2026-01-01') });
    expect(fieldErrorOf(refused, 'articleId')).toMatch(/Einheit Jahr passt nicht/);
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(ok, '2026-01-01') });
    expect((await t.call('contracts.get', { id: contract.id })).items.map((i) => i.articleName)).toEqual(['Wartung monatlich']);
  });

  describe('S5 pause of a weekly AboBox (25,00 net, ermäßigt) from Monday 05.01.2026', () => {
    async function weeklyBox() {
      const box = await anArticle(t, cat, '25,00', { name: 'AboBox', unit: 'WEEK', productGroupId: cat.reduced });
      const contract = await aContract(t, cat, { startDate: '2026-01-05', interval: { count: 1, unit: 'WEEK' } });
      const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(box, '2026-01-05') });
      return { contractId: contract.id, itemId: withItem.items[0]?.id ?? 0 };
    }

    it('S5 pause 02.03.–08.03.2026 entered on 20.02.2026: no activity for the week of 02.03.; weekly again from 09.03.', async () => {
      const { contractId, itemId } = await weeklyBox();
      await generateOn(t, '2026-02-20');
      expect((await activityLines(t, contractId)).some((l) => l.includes('2026-03-02..2026-03-08'))).toBe(true);
      const paused = await t.call('contracts.pauseItem', { itemId, from: '2026-03-02', until: '2026-03-08' });
      expect(paused.items.map((i) => [i.activeFrom, i.activeUntil])).toEqual([
        ['2026-01-05', '2026-03-01'],
        ['2026-03-09', null],
      ]);
      const lines = await activityLines(t, contractId);
      expect(lines.some((l) => l.includes('2026-03-02'))).toBe(false);
      expect(lines.filter((l) => l >= 'SUBSCRIPTION 2026-02-23')).toEqual([
        'SUBSCRIPTION 2026-02-23..2026-03-01 25.00 OPEN',
        'SUBSCRIPTION 2026-03-09..2026-03-15 25.00 OPEN',
        'SUBSCRIPTION 2026-03-16..2026-03-22 25.00 OPEN',
        'SUBSCRIPTION 2026-03-23..2026-03-29 25.00 OPEN', // due 23.03. = 20.02. + 31 days
      ]);
      await generateOn(t, '2026-03-20');
      expect((await activityLines(t, contractId)).some((l) => l.includes('2026-03-02'))).toBe(false);
    });

    it('S5 the same pause entered after the week of 02.03. was invoiced produces a proration activity of −25,00', async () => {
      const { contractId, itemId } = await weeklyBox();
      await t.call('activities.setHorizon', { days: 0 });
      await generateOn(t, '2026-03-02');
      await markBilled(t, '2026-03-02');
      t.clock.set('2026-03-04T10:00:00Z');
      await t.call('contracts.pauseItem', { itemId, from: '2026-03-02', until: '2026-03-08' });
      const open = (await t.call('activities.list', { contractId, billed: false, limit: 50 })).rows;
      expect(open.map((r) => [r.origin, r.periodStart, r.periodEnd, r.net])).toEqual([['PRORATION', '2026-03-02', '2026-03-08', '-25.00']]);
    });
  });

  it('S10 month ends: start 31.01.2026 monthly gives 31.01.–27.02., 28.02.–30.03., 31.03.–29.04.2026', async () => {
    const article = await anArticle(t, cat, '20,00');
    const contract = await aContract(t, cat, { startDate: '2026-01-31' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-31') });
    await t.call('activities.setHorizon', { days: 0 });
    await generateOn(t, '2026-03-31');
    expect(await activityLines(t, contract.id)).toEqual([
      'SUBSCRIPTION 2026-01-31..2026-02-27 20.00 OPEN',
      'SUBSCRIPTION 2026-02-28..2026-03-30 20.00 OPEN',
      'SUBSCRIPTION 2026-03-31..2026-04-29 20.00 OPEN',
    ]);
  });

  it('S11 in arrears: the run on 31.01.2026 has nothing; the run on 01.02.2026 has 01.01.–31.01.2026', async () => {
    const article = await anArticle(t, cat, '15,00');
    const contract = await aContract(t, cat, { billInAdvance: false });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await generateOn(t, '2026-01-31');
    expect(await due(contract.id, '2026-01-31')).toEqual([]);
    await generateOn(t, '2026-02-01');
    expect(await due(contract.id, '2026-02-01')).toEqual(['2026-01-01..2026-01-31 15.00']);
  });

  describe('S12 term and notice: start 01.01.2026, minimum term 12 months, renewal 3 months, notice 1 month', () => {
    const terms = {
      minimumTerm: { count: 12, unit: 'MONTH' as const },
      renewal: { count: 3, unit: 'MONTH' as const },
      notice: { count: 1, unit: 'MONTH' as const },
    };

    it('S12 notice received 15.11.2026 ends it on 31.12.2026; no activities after the end', async () => {
      const article = await anArticle(t, cat, '30,00');
      const contract = await aContract(t, cat, terms);
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
      const noticed = await t.call('contracts.notice', { id: contract.id, receivedOn: '2026-11-15' });
      expect([noticed.endDate, noticed.status, noticed.endReason]).toEqual(['2026-12-31', 'NOTICE_GIVEN', 'NOTICE']);
      await generateOn(t, '2027-02-01');
      const lines = await activityLines(t, contract.id);
      expect(lines.at(-1)).toBe('SUBSCRIPTION 2026-12-01..2026-12-31 30.00 OPEN');
      expect((await t.call('contracts.get', { id: contract.id })).status).toBe('ENDED');
    });

    it('S12 notice received 10.12.2026 ends it on 31.03.2027', async () => {
      const contract = await aContract(t, cat, terms);
      const noticed = await t.call('contracts.notice', { id: contract.id, receivedOn: '2026-12-10' });
      expect(noticed.endDate).toBe('2027-03-31');
    });

    it('an extraordinary termination on 15.03.2026 prorates the billed March (−15,48) and removes April', async () => {
      const article = await anArticle(t, cat, '30,00');
      const contract = await aContract(t, cat, terms);
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
      await generateOn(t, '2026-03-05');
      await markBilled(t, '2026-03-05');
      const ended = await t.call('contracts.terminate', { id: contract.id, endDate: '2026-03-15' });
      expect(ended.endReason).toBe('TERMINATION');
      expect(await activityLines(t, contract.id, false)).toEqual(['PRORATION 2026-03-01..2026-03-31 -15.48 OPEN']);
    });
  });

  it('S13 upgrade on 16.01.2026 from A 30,00 to B 60,00: −15,48 and 30,97; the run on 01.02.2026 has those and February 60,00', async () => {
    const a = await anArticle(t, cat, '30,00', { name: 'Tarif A' });
    const b = await anArticle(t, cat, '60,00', { name: 'Tarif B' });
    const contract = await aContract(t, cat);
    const withA = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(a, '2026-01-01') });
    await t.call('activities.setHorizon', { days: 0 });
    await generateOn(t, '2026-01-01');
    await markBilled(t, '2026-01-01');
    t.clock.set('2026-01-16T10:00:00Z');
    await t.call('contracts.changeItem', { itemId: withA.items[0]?.id ?? 0, date: '2026-01-16', articleId: b, quantity: '1' });
    const open = (await t.call('activities.list', { contractId: contract.id, billed: false, limit: 50 })).rows;
    expect(open.map((r) => [r.origin, r.articleName, r.net])).toEqual([
      ['PRORATION', 'Tarif A', '-15.48'],
      ['SUBSCRIPTION', 'Tarif B', '30.97'],
    ]);
    await generateOn(t, '2026-02-01');
    expect(await due(contract.id, '2026-02-01')).toEqual([
      '2026-01-01..2026-01-31 -15.48',
      '2026-01-16..2026-01-31 30.97',
      '2026-02-01..2026-02-28 60.00',
    ]);
  });

  it('a contract change while activities exist regenerates them at once (10 % discount)', async () => {
    const article = await anArticle(t, cat, '100,00');
    const contract = await aContract(t, cat);
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await generateOn(t, '2026-01-01');
    await markBilled(t, '2026-01-01');
    const current = await t.call('contracts.get', { id: contract.id });
    await t.call('contracts.update', {
      id: contract.id,
      contract: { customerId: current.customerId, projectId: current.projectId, startDate: '2026-01-01', interval: current.interval, discount: '10' },
    });
    expect(await activityLines(t, contract.id)).toEqual([
      'SUBSCRIPTION 2026-01-01..2026-01-31 100.00 BILLED',
      'SUBSCRIPTION 2026-02-01..2026-02-28 90.00 OPEN',
    ]);
    const audit = await t.call('audit.list', { entity: 'Vertrag', entityId: contract.number, limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(['UPDATE', 'CREATE']);
  });

  it('S6 (contract part) a storno alone never re-bills; billFrom 10.06.2020 releases the voided period with today\'s 10 % discount', async () => {
    const article = await anArticle(t, cat, '300,00', { unit: 'MONTH' });
    const contract = await aContract(t, cat, {
      startDate: '2020-03-10',
      interval: { count: 3, unit: 'MONTH' },
      renewal: { count: 3, unit: 'MONTH' },
    });
    t.clock.set('2020-03-10T09:00:00Z');
    const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-03-10') });
    const itemId = withItem.items[0]?.id ?? 0;
    await t.call('activities.setHorizon', { days: 0 });
    await generateOn(t, '2020-06-10');
    await markBilled(t, '2020-06-10');
    // The billing engineer's storno marks the second period's activity VOIDED.
    t.session.company().db.raw.prepare(`UPDATE activity SET state = 'VOIDED' WHERE period_start = '2020-06-10'`).run();
    await generateOn(t, '2020-09-08');
    expect(await activityLines(t, contract.id)).toEqual([
      'SUBSCRIPTION 2020-03-10..2020-06-09 300.00 BILLED',
      'SUBSCRIPTION 2020-06-10..2020-09-09 300.00 VOIDED',
    ]);
    const current = await t.call('contracts.get', { id: contract.id });
    await t.call('contracts.update', {
      id: contract.id,
      contract: { customerId: current.customerId, projectId: current.projectId, startDate: '2020-03-10', interval: current.interval, renewal: current.renewal, discount: '10' },
    });
    await t.call('contracts.updateItem', { itemId, item: anItem(article, '2020-03-10', { billFrom: '2020-06-10' }) });
    expect(await activityLines(t, contract.id)).toEqual([
      'SUBSCRIPTION 2020-03-10..2020-06-09 300.00 BILLED',
      'SUBSCRIPTION 2020-06-10..2020-09-09 300.00 VOIDED',
      'SUBSCRIPTION 2020-06-10..2020-09-09 270.00 OPEN',
    ]);
  });

  it('generation is idempotent: running twice on the same day creates nothing', async () => {
    const article = await anArticle(t, cat, '12,00');
    const contract = await aContract(t, cat);
    t.clock.set('2026-01-01T09:00:00Z');
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    const first = await generateOn(t, '2026-06-01');
    const second = await generateOn(t, '2026-06-01');
    expect(first.created).toBeGreaterThan(0);
    expect([second.created, second.removed, second.errors]).toEqual([0, 0, []]);
  });

  it('a contract whose price cannot be resolved is reported in German; the others are generated', async () => {
    const chfOnly = await anArticle(t, cat, '10,00', { variants: [{ price: '10,00', currency: 'CHF', minQuantity: null, validFrom: null }] });
    const fine = await anArticle(t, cat, '10,00');
    const broken = await aContract(t, cat, { startDate: '2026-12-01' });
    const ok = await aContract(t, cat, { startDate: '2026-12-01' });
    await t.call('contracts.addItem', { contractId: ok.id, item: anItem(fine, '2026-12-01') });
    const refused = await t.tryCall('contracts.addItem', { contractId: broken.id, item: anItem(chfOnly, '2026-12-01') });
    expect(refused.ok ? '' : refused.error.code).toBe('PRICE_NOT_FOUND');
    const result = await generateOn(t, '2026-12-01');
    expect(result.errors).toEqual([]);
    expect(await activityLines(t, ok.id)).toEqual([
      'SUBSCRIPTION 2026-12-01..2026-12-31 10.00 OPEN',
      'SUBSCRIPTION 2027-01-01..2027-01-31 10.00 OPEN',
    ]);
    // A price variant removed later (data imported without EUR prices) only stops that contract.
    t.session.company().db.raw.prepare(`UPDATE price_variant SET currency = 'CHF' WHERE article_id = ?`).run(fine);
    const other = await anArticle(t, cat, '5,00');
    const third = await aContract(t, cat, { startDate: '2027-01-01' });
    await t.call('contracts.addItem', { contractId: third.id, item: anItem(other, '2027-01-01') });
    const next = await generateOn(t, '2027-01-01');
    expect(next.errors.map((e) => e.contractNumber)).toEqual([ok.number]);
    expect(next.errors[0]?.message).toMatch(/kein Preis in EUR/);
    expect(await activityLines(t, third.id)).toEqual([
      'SUBSCRIPTION 2027-01-01..2027-01-31 5.00 OPEN',
      'SUBSCRIPTION 2027-02-01..2027-02-28 5.00 OPEN',
    ]);
  });

  it('one-time activities: resolved price, overridable; only unbilled activities can be deleted', async () => {
    const setup = await anArticle(t, cat, '99,00', { name: 'Einrichtung', kind: 'ONE_TIME', unit: 'Pauschale' });
    const contract = await aContract(t, cat);
    const recorded = await t.call('activities.recordOneTime', { contractId: contract.id, articleId: setup, quantity: '2', date: '2026-02-10' });
    expect([recorded.origin, recorded.unitPrice, recorded.net, recorded.description]).toEqual(['ONE_TIME', '99.0000', '198.00', 'Einrichtung']);
    const cheaper = await t.call('activities.recordOneTime', {
      contractId: contract.id,
      articleId: setup,
      quantity: '1',
      date: '2026-02-11',
      description: 'Einrichtung (Rabatt)',
      unitPrice: '49,50',
    });
    expect(cheaper.net).toBe('49.50');
    await t.call('activities.delete', { id: cheaper.id });
    await markBilled(t, '2026-02-10');
    const refused = await t.tryCall('activities.delete', { id: recorded.id });
    expect(refused.ok ? '' : refused.error.message).toBe('Nur nicht abgerechnete Leistungen können gelöscht werden.');
    expect(await activityLines(t, contract.id)).toEqual(['ONE_TIME 2026-02-10..2026-02-10 198.00 BILLED']);
  });

  it('a one-time activity dated after the contract end (terminated to 31.03.2026) is refused; on the end day it is recorded', async () => {
    const visit = await anArticle(t, cat, '50,00', { name: 'Vor-Ort-Termin', kind: 'ONE_TIME', unit: 'Stück' });
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    await t.call('contracts.terminate', { id: contract.id, endDate: '2026-03-31' });
    const oneTime = (date: string) => ({ contractId: contract.id, articleId: visit, quantity: '1', date, description: null, unitPrice: null });
    const refused = await t.tryCall('activities.recordOneTime', oneTime('2026-05-15'));
    expect(refused.ok ? '' : refused.error.code).toBe('VALIDATION');
    expect(fieldErrorOf(refused, 'date')).toBe('Das Leistungsdatum darf nicht nach dem Vertragsende (31.03.2026) liegen');
    expect(await activityLines(t, contract.id)).toEqual([]);
    const onEndDay = await t.call('activities.recordOneTime', oneTime('2026-03-31'));
    expect([onEndDay.serviceDate, onEndDay.net, onEndDay.state]).toEqual(['2026-03-31', '50.00', 'OPEN']);
  });

  it('swapping an unbilled item\'s article for one at the same price regenerates its OPEN activities with the new article at once', async () => {
    const standard = await anArticle(t, cat, '25,00', { name: 'Box Standard' });
    const food = await anArticle(t, cat, '25,00', { name: 'Box Lebensmittel', productGroupId: cat.reduced });
    const contract = await aContract(t, cat, { startDate: '2026-11-01' });
    const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(standard, '2026-11-01') });
    const itemId = withItem.items[0]?.id ?? 0;
    const rows = async () =>
      (await t.call('activities.list', { contractId: contract.id, limit: 500 })).rows.map(
        (r) => `${r.articleId === food ? 'food' : 'standard'} ${r.periodStart}..${r.periodEnd} ${r.net} ${r.state} ${r.description}`,
      );
    expect(await rows()).toEqual([
      'standard 2026-11-01..2026-11-30 25.00 OPEN Box Standard 01.11.–30.11.2026',
      'standard 2026-12-01..2026-12-31 25.00 OPEN Box Standard 01.12.–31.12.2026',
    ]);
    await t.call('contracts.updateItem', { itemId, item: anItem(food, '2026-11-01') });
    expect(await rows()).toEqual([
      'food 2026-11-01..2026-11-30 25.00 OPEN Box Lebensmittel 01.11.–30.11.2026',
      'food 2026-12-01..2026-12-31 25.00 OPEN Box Lebensmittel 01.12.–31.12.2026',
    ]);
  });

  it('Leistungen list filters by contract number, customer, origin, billed and due-date range', async () => {
    const box = await anArticle(t, cat, '25,00', { unit: 'WEEK' });
    const other = await aCustomer(t, 'Zweitkunde AG');
    const c1 = await aContract(t, cat, { startDate: '2026-01-05', interval: { count: 1, unit: 'WEEK' } });
    const c2 = await aContract(t, cat, { customerId: other, startDate: '2026-01-05', interval: { count: 1, unit: 'WEEK' } });
    for (const c of [c1, c2]) await t.call('contracts.addItem', { contractId: c.id, item: anItem(box, '2026-01-05') });
    await generateOn(t, '2026-01-05');
    const q = (input: Parameters<typeof t.call<'activities.list'>>[1]) => t.call('activities.list', { limit: 500, ...input });
    expect((await q({ contractNumber: c1.number })).rows.every((r) => r.contractNumber === c1.number)).toBe(true);
    expect((await q({ customerId: other })).rows.every((r) => r.customerName === 'Zweitkunde AG')).toBe(true);
    expect((await q({ origin: 'SUBSCRIPTION', from: '2026-01-12', to: '2026-01-18' })).rows.map((r) => r.contractNumber)).toEqual([
      c1.number,
      c2.number,
    ]);
    expect((await q({ origin: 'PRORATION' })).total).toBe(0);
    expect((await q({ billed: true })).total).toBe(0);
  });

  describe('bad input is refused with a German message and nothing is written', () => {
    async function counts() {
      const raw = t.session.company().db.raw;
      const n = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
      return [n('SELECT count(*) AS n FROM subscription_item'), n('SELECT count(*) AS n FROM activity'), n('SELECT count(*) AS n FROM audit_log')];
    }

    it.each([
      ['a negative quantity on a subscription item', { quantity: '-1' }, 'quantity', 'Die Menge eines Abo-Artikels muss größer als 0 sein'],
      ['a discount above 100 %', { discount: '120' }, 'discount', 'Rabatt muss zwischen 0 und 100 % liegen'],
      ['a discount below 0 %', { discount: '-5' }, 'discount', 'Rabatt muss zwischen 0 und 100 % liegen'],
      ['an end before the start', { activeUntil: '2025-12-31', activeFrom: '2026-01-01' }, 'activeUntil', 'Aktiv bis darf nicht vor Aktiv ab liegen'],
      ['billFrom before the contract start', { billFrom: '2025-12-01' }, 'billFrom', 'Abrechnung ab darf nicht vor dem Vertragsbeginn (01.01.2026) liegen'],
    ])('%s', async (_label, over, field, message) => {
      const article = await anArticle(t, cat, '10,00');
      const contract = await aContract(t, cat);
      const before = await counts();
      const result = await t.tryCall('contracts.addItem', { contractId: contract.id, item: { ...anItem(article, '2026-01-01'), ...over } });
      expect(fieldErrorOf(result, `item.${field}`) ?? fieldErrorOf(result, field)).toBe(message);
      expect(await counts()).toEqual(before);
    });

    it('an item outside the contract project and a unit mismatch', async () => {
      const p2 = await anArticle(t, cat, '10,00', { name: 'Fremdprojekt', projectIds: [cat.p2] });
      const weekly = await anArticle(t, cat, '10,00', { name: 'Wochenbox', unit: 'WEEK' });
      const contract = await aContract(t, cat);
      const before = await counts();
      const outside = await t.tryCall('contracts.addItem', { contractId: contract.id, item: anItem(p2, '2026-01-01') });
      expect(fieldErrorOf(outside, 'articleId')).toBe('Fremdprojekt kann nicht zugeordnet werden: Gehört nicht zum Projekt des Vertrags (Abo-Boxen)');
      const mismatch = await t.tryCall('contracts.addItem', { contractId: contract.id, item: anItem(weekly, '2026-01-01') });
      expect(fieldErrorOf(mismatch, 'articleId')).toBe(
        'Wochenbox kann nicht zugeordnet werden: Einheit Woche passt nicht zum Abrechnungsintervall des Vertrags (Einheit Monat)',
      );
      expect(await counts()).toEqual(before);
    });

    it('a termination before the start and a contract discount outside 0–100 %', async () => {
      const contract = await aContract(t, cat);
      const before = await counts();
      const early = await t.tryCall('contracts.terminate', { id: contract.id, endDate: '2025-12-31' });
      expect(fieldErrorOf(early, 'endDate')).toBe('Das Vertragsende darf nicht vor dem Vertragsbeginn (01.01.2026) liegen');
      const customerId = contract.customerId;
      const bad = await t.tryCall('contracts.create', {
        contract: { customerId, projectId: cat.p1, startDate: '2026-01-01', interval: { count: 1, unit: 'MONTH' }, discount: '101' },
      });
      expect(fieldErrorOf(bad, 'contract.discount')).toBe('Rabatt muss zwischen 0 und 100 % liegen');
      expect(await counts()).toEqual(before);
    });
  });
});
