// Contracts, subscription items and activities (DOMAIN §6). Every change regenerates the
// contract's activities in the same transaction, so the user never waits for a background cycle.
import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import type {
  ActivityRow,
  ArticleOptionDto,
  ContractDto,
  ContractFields,
  ContractRow,
  ItemFields,
  SubscriptionItemDto,
} from '../../shared/api/contracts';
import { activityListSchema } from '../../shared/api/contracts';
import type { z } from '../../shared/api/zod-de';
import { addDays, compareDates, formatDate, type IntervalUnit, type IsoDate } from '../../shared/dates';
import { AppError, fieldError, notFound } from '../../shared/errors';
import { dec, fromCents, fromPriceUnits, lineNet, toCents, toPlain, toPriceUnits } from '../../shared/money';
import { resolveArticlePrice } from '../catalog/service';
import { recordAudit } from '../company/audit';
import { nextNumber } from '../company/number-ranges';
import { setSetting } from '../company/settings';
import { customerNameMatch } from '../customers/search';
import { type CompanyDb } from '../db/company-db';
import { likeContaining } from '../db/like';
import { ContractEntity, SubscriptionItemEntity, type ContractRecord, type SubscriptionItemRecord } from './entities';
import { HORIZON_SETTING, horizonDays, regenerateContract, termsOf } from './generation';
import { oneTimeArticleProblems, subscriptionArticleProblems, type ArticleForCheck } from './rules-articles';
import { checkActivityDate, checkTerminationDate, contractStatus, effectiveEnd, endAfterNotice } from './rules-terms';

export { generateActivities, horizonDays, regenerateContract } from './generation';

export interface Actor {
  readonly actor: string;
  readonly at: string;
}

/** Who acts and when, plus the calendar day rules use. */
export interface Change extends Actor {
  readonly today: IsoDate;
}

// --- reading ------------------------------------------------------------------------------

const toInterval = (count: number | null, unit: string | null) =>
  count === null || unit === null ? null : { count, unit: unit as IntervalUnit };
const plainOrNull = (s: string | null) => (s === null ? null : dec(s).toString());

async function loadContract(m: EntityManager, id: number): Promise<ContractRecord> {
  const record = await m.getRepository(ContractEntity).findOneBy({ id });
  if (!record) throw notFound(`Vertrag ${id}`);
  return record;
}

async function loadItem(m: EntityManager, id: number): Promise<SubscriptionItemRecord> {
  const record = await m.getRepository(SubscriptionItemEntity).findOneBy({ id });
  if (!record) throw notFound(`Vertragsposition ${id}`);
  return record;
}

export async function getContract(m: EntityManager, id: number, today: IsoDate): Promise<ContractDto> {
  const c = await loadContract(m, id);
  const [head] = (await m.query(
    `SELECT cu.number AS customer_number, cu.display_name AS customer_name, p.name AS project_name,
       (SELECT count(*) FROM activity a WHERE a.contract_id = ? AND a.state = 'OPEN') AS open_activities
     FROM customer cu, project p WHERE cu.id = ? AND p.id = ?`,
    [c.id, c.customerId, c.projectId],
  )) as { customer_number: string; customer_name: string; project_name: string; open_activities: number }[];
  const items = (await m.query(
    `SELECT i.*, a.number AS article_number, a.name AS article_name, a.unit AS unit
     FROM subscription_item i JOIN article a ON a.id = i.article_id WHERE i.contract_id = ? ORDER BY i.active_from, i.id`,
    [c.id],
  )) as {
    id: number;
    contract_id: number;
    article_id: number;
    article_number: string;
    article_name: string;
    unit: string;
    quantity: string;
    price_override_units: number | null;
    discount: string | null;
    discount_from: string | null;
    discount_until: string | null;
    active_from: string;
    active_until: string | null;
    bill_from: string | null;
  }[];
  const terms = termsOf(c);
  return {
    id: c.id,
    number: c.number,
    customerId: c.customerId,
    customerNumber: head?.customer_number ?? '',
    customerName: head?.customer_name ?? '',
    projectId: c.projectId,
    projectName: head?.project_name ?? '',
    currency: c.currency,
    startDate: c.startDate,
    interval: { count: c.intervalCount, unit: c.intervalUnit as IntervalUnit },
    billInAdvance: Boolean(c.billInAdvance),
    trial: toInterval(c.trialCount, c.trialUnit),
    trialOutcome: c.trialOutcome === 'END' ? 'END' : 'CONTINUE',
    minimumTerm: toInterval(c.minimumTermCount, c.minimumTermUnit),
    renewal: toInterval(c.renewalCount, c.renewalUnit),
    notice: toInterval(c.noticeCount, c.noticeUnit),
    billedUntil: c.billedUntil,
    endDate: c.endDate,
    endReason: c.endReason as ContractDto['endReason'],
    noticeReceivedOn: c.noticeReceivedOn,
    paymentMethod: c.paymentMethod as ContractDto['paymentMethod'],
    discount: plainOrNull(c.discount),
    discountFrom: c.discountFrom,
    discountUntil: c.discountUntil,
    notes: c.notes,
    status: contractStatus(terms, today),
    effectiveEnd: effectiveEnd(terms),
    openActivities: head?.open_activities ?? 0,
    items: items.map(
      (i): SubscriptionItemDto => ({
        id: i.id,
        contractId: i.contract_id,
        articleId: i.article_id,
        articleNumber: i.article_number,
        articleName: i.article_name,
        unit: i.unit,
        quantity: dec(i.quantity).toString(),
        priceOverride: i.price_override_units === null ? null : toPlain(fromPriceUnits(i.price_override_units), 4),
        discount: plainOrNull(i.discount),
        discountFrom: i.discount_from,
        discountUntil: i.discount_until,
        activeFrom: i.active_from,
        activeUntil: i.active_until,
        billFrom: i.bill_from,
      }),
    ),
  };
}

export interface ContractListQuery {
  readonly search?: string | undefined;
  readonly customerId?: number | undefined;
  readonly offset: number;
  readonly limit: number;
}

export async function listContracts(m: EntityManager, q: ContractListQuery, today: IsoDate): Promise<Page<ContractRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const term = q.search?.trim() ?? '';
  if (term !== '') {
    const byName = customerNameMatch('cu', term);
    where.push(`(c.number LIKE ? ESCAPE '\\' OR cu.number LIKE ? ESCAPE '\\' OR ${byName.sql})`);
    params.push(likeContaining(term), likeContaining(term), byName.param);
  }
  if (q.customerId !== undefined) {
    where.push('c.customer_id = ?');
    params.push(q.customerId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'contract c JOIN customer cu ON cu.id = c.customer_id JOIN project p ON p.id = c.project_id';
  const [{ total }] = (await m.query(`SELECT count(*) AS total FROM ${from} ${clause}`, params)) as [{ total: number }];
  const ids = (await m.query(`SELECT c.id FROM ${from} ${clause} ORDER BY c.number DESC LIMIT ? OFFSET ?`, [
    ...params,
    q.limit,
    q.offset,
  ])) as { id: number }[];
  const rows: ContractRow[] = [];
  for (const { id } of ids) {
    const c = await loadContract(m, id);
    const [info] = (await m.query(
      `SELECT cu.display_name AS customer_name, p.name AS project_name,
         (SELECT count(*) FROM subscription_item i WHERE i.contract_id = ?) AS items
       FROM customer cu, project p WHERE cu.id = ? AND p.id = ?`,
      [c.id, c.customerId, c.projectId],
    )) as { customer_name: string; project_name: string; items: number }[];
    const terms = termsOf(c);
    rows.push({
      id: c.id,
      number: c.number,
      customerId: c.customerId,
      customerName: info?.customer_name ?? '',
      projectName: info?.project_name ?? '',
      startDate: c.startDate,
      interval: { count: c.intervalCount, unit: c.intervalUnit as IntervalUnit },
      status: contractStatus(terms, today),
      effectiveEnd: effectiveEnd(terms),
      items: info?.items ?? 0,
    });
  }
  return { rows, total, offset: q.offset, limit: q.limit };
}

/** The customer's contracts with activities not yet billed (an ended contract's last period billed in arrears, a proration): billing still invoices them. */
export async function contractNumbersWithOpenActivities(m: EntityManager, customerId: number): Promise<string[]> {
  const rows = (await m.query(
    `SELECT DISTINCT c.number FROM contract c JOIN activity a ON a.contract_id = c.id WHERE c.customer_id = ? AND a.state = 'OPEN' ORDER BY c.number`,
    [customerId],
  )) as { number: string }[];
  return rows.map((r) => r.number);
}

/** The customer's contracts that are not ENDED on `today` (FUTURE ones included): they still bill. */
export async function runningContractNumbers(m: EntityManager, customerId: number, today: IsoDate): Promise<string[]> {
  const contracts = await m.getRepository(ContractEntity).find({ where: { customerId }, order: { number: 'ASC' } });
  return contracts.filter((c) => contractStatus(termsOf(c), today) !== 'ENDED').map((c) => c.number);
}

// --- contracts ----------------------------------------------------------------------------

function auditView(r: ContractRecord | SubscriptionItemRecord): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

function recordOf(fields: ContractFields): Omit<ContractRecord, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'endDate' | 'endReason' | 'noticeReceivedOn'> {
  return {
    customerId: fields.customerId,
    projectId: fields.projectId,
    currency: fields.currency,
    startDate: fields.startDate,
    intervalCount: fields.interval.count,
    intervalUnit: fields.interval.unit,
    billInAdvance: fields.billInAdvance,
    trialCount: fields.trial?.count ?? null,
    trialUnit: fields.trial?.unit ?? null,
    trialOutcome: fields.trialOutcome,
    minimumTermCount: fields.minimumTerm?.count ?? null,
    minimumTermUnit: fields.minimumTerm?.unit ?? null,
    renewalCount: fields.renewal?.count ?? null,
    renewalUnit: fields.renewal?.unit ?? null,
    noticeCount: fields.notice?.count ?? null,
    noticeUnit: fields.notice?.unit ?? null,
    billedUntil: fields.billedUntil,
    paymentMethod: fields.paymentMethod,
    discount: fields.discount,
    discountFrom: fields.discountFrom,
    discountUntil: fields.discountUntil,
    notes: fields.notes,
  };
}

/** `newCustomer`: the contract gets this customer now, which a deactivated customer must not. */
async function assertCustomerAndProject(m: EntityManager, customerId: number, projectId: number, newCustomer: boolean): Promise<void> {
  const customers = (await m.query(`SELECT number, active FROM customer WHERE id = ?`, [customerId])) as { number: string; active: number }[];
  const customer = customers[0];
  if (!customer) throw fieldError('customerId', 'Kunde wurde nicht gefunden');
  if (newCustomer && customer.active !== 1) {
    throw fieldError('customerId', `Kunde ${customer.number} ist deaktiviert und bekommt keine neuen Verträge; bitte den Kunden zuerst wieder aktivieren`);
  }
  const projects = (await m.query(`SELECT id FROM project WHERE id = ?`, [projectId])) as unknown[];
  if (projects.length === 0) throw fieldError('projectId', 'Projekt wurde nicht gefunden');
}

async function hasBilledActivities(m: EntityManager, where: string, id: number): Promise<boolean> {
  const rows = (await m.query(`SELECT 1 FROM activity WHERE ${where} = ? AND state <> 'OPEN' LIMIT 1`, [id])) as unknown[];
  return rows.length > 0;
}

export async function createContract(db: CompanyDb, fields: ContractFields, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    await assertCustomerAndProject(m, fields.customerId, fields.projectId, true);
    const number = await nextNumber(m, 'CONTRACT', who.today);
    const record = await m.getRepository(ContractEntity).save({
      ...recordOf(fields),
      number,
      endDate: null,
      endReason: null,
      noticeReceivedOn: null,
      createdAt: who.at,
      updatedAt: who.at,
    });
    await recordAudit(m, { ...who, entity: 'Vertrag', entityId: number, action: 'CREATE', after: auditView(record) });
    return getContract(m, record.id, who.today);
  });
}

/** The fields that define the periods; they cannot change once a period was billed. */
const PERIOD_FIELDS = ['startDate', 'intervalCount', 'intervalUnit', 'billInAdvance', 'trialCount', 'trialUnit', 'currency'] as const;

export async function updateContract(db: CompanyDb, id: number, fields: ContractFields, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const before = await loadContract(m, id);
    await assertCustomerAndProject(m, fields.customerId, fields.projectId, fields.customerId !== before.customerId);
    const after: ContractRecord = { ...before, ...recordOf(fields), updatedAt: who.at };
    const periodsChanged = PERIOD_FIELDS.some((f) => before[f] !== after[f]);
    if (periodsChanged && (await hasBilledActivities(m, 'contract_id', id))) {
      throw new AppError(
        'CONFLICT',
        'Beginn, Abrechnungsintervall, Abrechnungszeitpunkt, Testphase und Währung können nach der ersten Rechnung nicht mehr geändert werden.',
      );
    }
    if (after.customerId !== before.customerId && (await hasBilledActivities(m, 'contract_id', id))) {
      throw fieldError('customerId', 'Der Kunde eines bereits abgerechneten Vertrags kann nicht gewechselt werden');
    }
    if (after.projectId !== before.projectId) {
      const [{ n }] = (await m.query(`SELECT count(*) AS n FROM subscription_item WHERE contract_id = ?`, [id])) as [{ n: number }];
      if (n > 0) throw fieldError('projectId', 'Das Projekt kann nicht gewechselt werden, solange der Vertrag Abo-Artikel hat');
    }
    if (after.endDate !== null) checkTerminationDate(termsOf(after), after.endDate);
    await m.getRepository(ContractEntity).save(after);
    await assertItemsFit(m, after);
    await recordAudit(m, { ...who, entity: 'Vertrag', entityId: before.number, action: 'UPDATE', before: auditView(before), after: auditView(after) });
    await regenerateContract(m, id, who.today, who.at);
    return getContract(m, id, who.today);
  });
}

/** After a contract change every item must still satisfy the rules it was added under. */
async function assertItemsFit(m: EntityManager, c: ContractRecord): Promise<void> {
  const items = await m.getRepository(SubscriptionItemEntity).findBy({ contractId: c.id });
  for (const i of items) {
    if (i.billFrom !== null && compareDates(i.billFrom, c.startDate) < 0) {
      throw fieldError('startDate', `Abrechnung ab einer Position (${formatDate(i.billFrom)}) liegt vor dem neuen Vertragsbeginn`);
    }
  }
}

export async function receiveNotice(db: CompanyDb, id: number, receivedOn: IsoDate, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const before = await loadContract(m, id);
    const endDate = endAfterNotice({ ...termsOf(before), endDate: null }, receivedOn);
    const after: ContractRecord = { ...before, endDate, endReason: 'NOTICE', noticeReceivedOn: receivedOn, updatedAt: who.at };
    await m.getRepository(ContractEntity).save(after);
    await recordAudit(m, { ...who, entity: 'Vertrag', entityId: before.number, action: 'UPDATE', before: auditView(before), after: auditView(after) });
    await regenerateContract(m, id, who.today, who.at);
    return getContract(m, id, who.today);
  });
}

export async function terminateContract(db: CompanyDb, id: number, endDate: IsoDate, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const before = await loadContract(m, id);
    checkTerminationDate(termsOf(before), endDate);
    const after: ContractRecord = { ...before, endDate, endReason: 'TERMINATION', updatedAt: who.at };
    await m.getRepository(ContractEntity).save(after);
    await recordAudit(m, { ...who, entity: 'Vertrag', entityId: before.number, action: 'UPDATE', before: auditView(before), after: auditView(after) });
    await regenerateContract(m, id, who.today, who.at);
    return getContract(m, id, who.today);
  });
}

// --- items --------------------------------------------------------------------------------

interface ArticleSql {
  id: number;
  number: string;
  name: string;
  kind: 'SUBSCRIPTION' | 'ONE_TIME';
  unit: string;
  active: number;
  project_ids: string | null;
}

interface CheckedArticle extends ArticleForCheck {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly kind: 'SUBSCRIPTION' | 'ONE_TIME';
}

async function articlesForCheck(m: EntityManager, articleId?: number): Promise<CheckedArticle[]> {
  const rows = (await m.query(
    `SELECT a.id, a.number, a.name, a.kind, a.unit, a.active,
       (SELECT group_concat(ap.project_id) FROM article_project ap WHERE ap.article_id = a.id) AS project_ids
     FROM article a ${articleId === undefined ? '' : 'WHERE a.id = ?'} ORDER BY a.number`,
    articleId === undefined ? [] : [articleId],
  )) as ArticleSql[];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    active: r.active === 1,
    projectIds: (r.project_ids ?? '').split(',').filter((s) => s !== '').map(Number),
  }));
}

async function contractForCheck(m: EntityManager, c: ContractRecord) {
  const [p] = (await m.query(`SELECT name FROM project WHERE id = ?`, [c.projectId])) as { name: string }[];
  return { projectId: c.projectId, projectName: p?.name ?? String(c.projectId), intervalUnit: c.intervalUnit as IntervalUnit };
}

/** The article picker: every article with whether it may be assigned and why not (S4). */
export async function articleOptions(m: EntityManager, contractId: number, kind: 'SUBSCRIPTION' | 'ONE_TIME'): Promise<ArticleOptionDto[]> {
  const c = await loadContract(m, contractId);
  const check = await contractForCheck(m, c);
  const articles = await articlesForCheck(m);
  return articles.map((a) => {
    const reasons = kind === 'SUBSCRIPTION' ? subscriptionArticleProblems(a, check) : oneTimeArticleProblems(a, check);
    return { articleId: a.id, number: a.number, name: a.name, kind: a.kind, unit: a.unit, allowed: reasons.length === 0, reasons };
  });
}

async function assertItemAllowed(m: EntityManager, c: ContractRecord, fields: ItemFields, existingArticleId?: number): Promise<void> {
  const [found] = await articlesForCheck(m, fields.articleId);
  if (!found) throw fieldError('articleId', 'Artikel wurde nicht gefunden');
  // An article deactivated later does not block changes (end, pause) of items that already have it.
  const article = existingArticleId === fields.articleId ? { ...found, active: true } : found;
  const problems = subscriptionArticleProblems(article, await contractForCheck(m, c));
  if (problems.length > 0) throw fieldError('articleId', `${article.name} kann nicht zugeordnet werden: ${problems.join('; ')}`);
  if (compareDates(fields.activeFrom, c.startDate) < 0) {
    throw fieldError('activeFrom', `Aktiv ab darf nicht vor dem Vertragsbeginn (${formatDate(c.startDate)}) liegen`);
  }
  if (fields.billFrom !== null && compareDates(fields.billFrom, c.startDate) < 0) {
    throw fieldError('billFrom', `Abrechnung ab darf nicht vor dem Vertragsbeginn (${formatDate(c.startDate)}) liegen`);
  }
}

function itemRecordOf(fields: ItemFields): Omit<SubscriptionItemRecord, 'id' | 'contractId' | 'createdAt' | 'updatedAt'> {
  return {
    articleId: fields.articleId,
    quantity: fields.quantity,
    priceOverrideUnits: fields.priceOverride === null ? null : toPriceUnits(dec(fields.priceOverride)),
    discount: fields.discount,
    discountFrom: fields.discountFrom,
    discountUntil: fields.discountUntil,
    activeFrom: fields.activeFrom,
    activeUntil: fields.activeUntil,
    billFrom: fields.billFrom,
  };
}

async function insertItem(m: EntityManager, c: ContractRecord, fields: ItemFields, who: Change): Promise<SubscriptionItemRecord> {
  await assertItemAllowed(m, c, fields);
  const record = await m.getRepository(SubscriptionItemEntity).save({ ...itemRecordOf(fields), contractId: c.id, createdAt: who.at, updatedAt: who.at });
  await recordAudit(m, { ...who, entity: 'Vertragsposition', entityId: `${c.number}/${record.id}`, action: 'CREATE', after: auditView(record) });
  return record;
}

export async function addItem(db: CompanyDb, contractId: number, fields: ItemFields, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const c = await loadContract(m, contractId);
    await insertItem(m, c, fields, who);
    await regenerateContract(m, c.id, who.today, who.at);
    return getContract(m, c.id, who.today);
  });
}

/**
 * billFrom X releases the VOIDED activities of periods starting on or after X and replaces the
 * OPEN ones, so those periods are generated again with today's prices and discounts (§6, S6).
 */
async function applyBillFrom(m: EntityManager, itemId: number, billFrom: IsoDate, at: string): Promise<void> {
  await m.query(
    `UPDATE activity SET released_at = ? WHERE item_id = ? AND state = 'VOIDED' AND released_at IS NULL AND period_anchor >= ?`,
    [at, itemId, billFrom],
  );
  await m.query(`DELETE FROM activity WHERE item_id = ? AND state = 'OPEN' AND origin = 'SUBSCRIPTION' AND period_anchor >= ?`, [itemId, billFrom]);
}

export async function updateItemIn(m: EntityManager, itemId: number, fields: ItemFields, who: Change): Promise<ContractDto> {
  const before = await loadItem(m, itemId);
  const c = await loadContract(m, before.contractId);
  if (fields.articleId !== before.articleId && (await hasBilledActivities(m, 'item_id', itemId))) {
    throw fieldError('articleId', 'Der Artikel einer abgerechneten Position kann nicht getauscht werden – bitte Upgrade/Downgrade verwenden');
  }
  await assertItemAllowed(m, c, fields, before.articleId);
  const after: SubscriptionItemRecord = { ...before, ...itemRecordOf(fields), updatedAt: who.at };
  await m.getRepository(SubscriptionItemEntity).save(after);
  if (after.billFrom !== null && after.billFrom !== before.billFrom) await applyBillFrom(m, itemId, after.billFrom, who.at);
  await recordAudit(m, {
    ...who,
    entity: 'Vertragsposition',
    entityId: `${c.number}/${itemId}`,
    action: 'UPDATE',
    before: auditView(before),
    after: auditView(after),
  });
  await regenerateContract(m, c.id, who.today, who.at);
  return getContract(m, c.id, who.today);
}

export async function updateItem(db: CompanyDb, itemId: number, fields: ItemFields, who: Change): Promise<ContractDto> {
  return db.transaction((m) => updateItemIn(m, itemId, fields, who));
}

function fieldsOfItem(i: SubscriptionItemRecord): ItemFields {
  return {
    articleId: i.articleId,
    quantity: i.quantity,
    priceOverride: i.priceOverrideUnits === null ? null : fromPriceUnits(i.priceOverrideUnits).toString(),
    discount: i.discount,
    discountFrom: i.discountFrom,
    discountUntil: i.discountUntil,
    activeFrom: i.activeFrom,
    activeUntil: i.activeUntil,
    billFrom: i.billFrom,
  };
}

/** For re-billing (S6): sets an item's billFrom inside the caller's transaction and regenerates. */
/**
 * billFrom as the explicit lever of re-billing (§6): releases the periods voided from that date
 * on. A second re-billing of the same period sets the same date again — updateItemIn releases
 * only when billFrom changes, so the periods voided since are released here.
 */
export async function setItemBillFrom(m: EntityManager, itemId: number, billFrom: IsoDate, who: Change): Promise<ContractDto> {
  const item = await loadItem(m, itemId);
  if (item.billFrom === billFrom) await applyBillFrom(m, itemId, billFrom, who.at);
  return updateItemIn(m, itemId, { ...fieldsOfItem(item), billFrom }, who);
}

export async function deleteItem(db: CompanyDb, itemId: number, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const item = await loadItem(m, itemId);
    const c = await loadContract(m, item.contractId);
    if (await hasBilledActivities(m, 'item_id', itemId)) {
      throw new AppError('CONFLICT', 'Eine bereits abgerechnete Position kann nicht gelöscht werden – bitte „Aktiv bis“ setzen.');
    }
    await m.query(`DELETE FROM activity WHERE item_id = ? AND state = 'OPEN'`, [itemId]);
    await m.query(`DELETE FROM subscription_item WHERE id = ?`, [itemId]);
    await recordAudit(m, { ...who, entity: 'Vertragsposition', entityId: `${c.number}/${itemId}`, action: 'DELETE', before: auditView(item) });
    await regenerateContract(m, c.id, who.today, who.at);
    return getContract(m, c.id, who.today);
  });
}

/** Pausieren (S5): ends the item the day before the pause and adds the same item again from the day after. */
export async function pauseItem(db: CompanyDb, itemId: number, from: IsoDate, until: IsoDate, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const item = await loadItem(m, itemId);
    const c = await loadContract(m, item.contractId);
    if (compareDates(from, item.activeFrom) <= 0) {
      throw fieldError('from', `Die Pause muss nach dem Beginn der Position (${formatDate(item.activeFrom)}) beginnen`);
    }
    if (item.activeUntil !== null && compareDates(until, item.activeUntil) >= 0) {
      throw fieldError('until', `Die Pause muss vor dem Ende der Position (${formatDate(item.activeUntil)}) enden`);
    }
    const resume = addDays(until, 1);
    await updateItemIn(m, itemId, { ...fieldsOfItem(item), activeUntil: addDays(from, -1) }, who);
    await insertItem(m, c, { ...fieldsOfItem(item), activeFrom: resume, activeUntil: item.activeUntil, billFrom: null }, who);
    await regenerateContract(m, c.id, who.today, who.at);
    return getContract(m, c.id, who.today);
  });
}

export interface ItemChange {
  readonly itemId: number;
  readonly date: IsoDate;
  readonly articleId: number;
  readonly quantity: string;
  readonly priceOverride: string | null;
  readonly discount: string | null;
}

/** Upgrade/Downgrade (S13): the old item ends the day before `date`, the new one starts on `date`. */
export async function changeItem(db: CompanyDb, change: ItemChange, who: Change): Promise<ContractDto> {
  return db.transaction(async (m) => {
    const item = await loadItem(m, change.itemId);
    const c = await loadContract(m, item.contractId);
    if (compareDates(change.date, item.activeFrom) <= 0) {
      throw fieldError('date', `Der Wechsel muss nach dem Beginn der Position (${formatDate(item.activeFrom)}) liegen`);
    }
    if (item.activeUntil !== null && compareDates(change.date, item.activeUntil) > 0) {
      throw fieldError('date', `Die Position endet bereits am ${formatDate(item.activeUntil)}`);
    }
    await insertItem(
      m,
      c,
      {
        articleId: change.articleId,
        quantity: change.quantity,
        priceOverride: change.priceOverride,
        discount: change.discount,
        discountFrom: null,
        discountUntil: null,
        activeFrom: change.date,
        activeUntil: item.activeUntil,
        billFrom: null,
      },
      who,
    );
    await updateItemIn(m, item.id, { ...fieldsOfItem(item), activeUntil: addDays(change.date, -1) }, who);
    return getContract(m, c.id, who.today);
  });
}

// --- activities ---------------------------------------------------------------------------

interface ActivityListSql {
  id: number;
  contract_id: number;
  contract_number: string;
  customer_id: number;
  customer_name: string;
  item_id: number | null;
  article_id: number;
  article_number: string;
  article_name: string;
  origin: ActivityRow['origin'];
  period_start: string;
  period_end: string;
  due_date: string;
  service_date: string;
  quantity: string;
  unit_price_units: number;
  discount: string;
  net_cents: number;
  currency: string;
  description: string;
  state: ActivityRow['state'];
  invoice_id: number | null;
}

const ACTIVITY_SELECT = `SELECT a.id, a.contract_id, c.number AS contract_number, c.customer_id, cu.display_name AS customer_name,
    a.item_id, a.article_id, ar.number AS article_number, ar.name AS article_name, a.origin, a.period_start, a.period_end,
    a.due_date, a.service_date, a.quantity, a.unit_price_units, a.discount, a.net_cents, c.currency, a.description, a.state, a.invoice_id
  FROM activity a JOIN contract c ON c.id = a.contract_id JOIN customer cu ON cu.id = c.customer_id JOIN article ar ON ar.id = a.article_id`;

function toActivityRow(r: ActivityListSql): ActivityRow {
  return {
    id: r.id,
    contractId: r.contract_id,
    contractNumber: r.contract_number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    itemId: r.item_id,
    articleId: r.article_id,
    articleNumber: r.article_number,
    articleName: r.article_name,
    origin: r.origin,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    serviceDate: r.service_date,
    quantity: dec(r.quantity).toString(),
    unitPrice: toPlain(fromPriceUnits(r.unit_price_units), 4),
    discount: dec(r.discount).toString(),
    net: toPlain(fromCents(r.net_cents)),
    currency: r.currency,
    description: r.description,
    state: r.state,
    invoiceId: r.invoice_id,
  };
}

export type ActivityListQuery = z.output<typeof activityListSchema>;

/** Leistungen: filter by contract, customer, origin, billed or not and due-date range (server-paged). */
export async function listActivities(m: EntityManager, q: ActivityListQuery): Promise<Page<ActivityRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.contractId !== undefined) {
    where.push('a.contract_id = ?');
    params.push(q.contractId);
  }
  if (q.contractNumber !== undefined && q.contractNumber !== '') {
    where.push('c.number = ?');
    params.push(q.contractNumber);
  }
  if (q.customerId !== undefined) {
    where.push('c.customer_id = ?');
    params.push(q.customerId);
  }
  if (q.origin !== undefined) {
    where.push('a.origin = ?');
    params.push(q.origin);
  }
  if (q.billed !== undefined) where.push(q.billed ? `a.state <> 'OPEN'` : `a.state = 'OPEN'`);
  if (q.from !== undefined) {
    where.push('a.due_date >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('a.due_date <= ?');
    params.push(q.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await m.query(
    `SELECT count(*) AS total FROM activity a JOIN contract c ON c.id = a.contract_id ${clause}`,
    params,
  )) as [{ total: number }];
  const rows = (await m.query(`${ACTIVITY_SELECT} ${clause} ORDER BY a.due_date, c.number, a.id LIMIT ? OFFSET ?`, [
    ...params,
    q.limit,
    q.offset,
  ])) as ActivityListSql[];
  return { rows: rows.map(toActivityRow), total, offset: q.offset, limit: q.limit };
}

async function activityRow(m: EntityManager, id: number): Promise<ActivityRow> {
  const [row] = (await m.query(`${ACTIVITY_SELECT} WHERE a.id = ?`, [id])) as ActivityListSql[];
  if (!row) throw notFound(`Leistung ${id}`);
  return toActivityRow(row);
}

export interface OneTimeInput {
  readonly contractId: number;
  readonly articleId: number;
  readonly quantity: string;
  readonly date: IsoDate;
  readonly description: string | null;
  readonly unitPrice: string | null;
}

/** Leistungen erfassen: a one-time activity on a contract, priced from the catalog unless overridden. */
export async function recordOneTime(db: CompanyDb, input: OneTimeInput, who: Change): Promise<ActivityRow> {
  return db.transaction(async (m) => {
    const c = await loadContract(m, input.contractId);
    const [article] = await articlesForCheck(m, input.articleId);
    if (!article) throw fieldError('articleId', 'Artikel wurde nicht gefunden');
    const problems = oneTimeArticleProblems(article, await contractForCheck(m, c));
    if (problems.length > 0) throw fieldError('articleId', `${article.name} kann nicht erfasst werden: ${problems.join('; ')}`);
    checkActivityDate(termsOf(c), input.date);
    const quantity = dec(input.quantity);
    const unitPrice =
      input.unitPrice === null ? (await resolveArticlePrice(m, article.id, c.currency, quantity.abs(), input.date)).unitPrice : dec(input.unitPrice);
    const net = lineNet(quantity, unitPrice);
    const inserted = (await m.query(
      `INSERT INTO activity(contract_id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date,
         service_date, quantity, unit_price_units, discount, net_cents, description, state, created_at)
       VALUES (?, NULL, ?, 'ONE_TIME', NULL, ?, ?, ?, ?, ?, ?, '0', ?, ?, 'OPEN', ?) RETURNING id`,
      [
        c.id,
        article.id,
        input.date,
        input.date,
        input.date,
        input.date,
        quantity.toString(),
        toPriceUnits(unitPrice),
        toCents(net),
        input.description ?? article.name,
        who.at,
      ],
    )) as { id: number }[];
    const id = inserted[0]?.id;
    if (id === undefined) throw new AppError('INTERNAL', 'Die Leistung konnte nicht gespeichert werden.');
    return activityRow(m, id);
  });
}

/** Only unbilled activities can be deleted (the database refuses the others too). */
export async function deleteActivityIn(m: EntityManager, id: number, who: Actor): Promise<void> {
  const row = await activityRow(m, id);
  if (row.state !== 'OPEN') throw new AppError('IMMUTABLE', 'Nur nicht abgerechnete Leistungen können gelöscht werden.');
  await m.query(`DELETE FROM activity WHERE id = ? AND state = 'OPEN'`, [id]);
  await recordAudit(m, {
    ...who,
    entity: 'Leistung',
    entityId: id,
    action: 'DELETE',
    before: { vertrag: row.contractNumber, artikel: row.articleNumber, zeitraum: `${row.periodStart}..${row.periodEnd}`, netto: row.net },
  });
}

export async function deleteActivity(db: CompanyDb, id: number, who: Actor): Promise<void> {
  await db.transaction((m) => deleteActivityIn(m, id, who));
}

export async function setHorizon(db: CompanyDb, days: number, who: Actor): Promise<number> {
  await db.transaction((m) => setSetting(m, HORIZON_SETTING, days, who));
  return days;
}

export async function getHorizon(m: EntityManager): Promise<number> {
  return horizonDays(m);
}
