// Catalog service: projects, tax groups with rates, product groups, articles with price
// variants, and the two look-ups other areas use: resolveArticlePrice and resolveArticleTax.
import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import { ARTICLE_KIND_LABELS, SUBSCRIPTION_UNIT_LABELS, TAX_TREATMENT_LABELS, type TaxTreatment } from '../../shared/api/catalog';
import type {
  ArticleDto,
  ArticleFields,
  ArticleRow,
  ARTICLE_KINDS,
  ARTICLE_SORTS,
  PriceResolutionDto,
  PriceVariantDto,
  ProductGroupDto,
  ProjectDto,
  TaxGroupDto,
} from '../../shared/api/catalog';
import type { IsoDate } from '../../shared/dates';
import { AppError, fieldError, notFound } from '../../shared/errors';
import { dec, type Decimal, formatPercent, fromPriceUnits, toPlain, toPriceUnits, UNIT_PRICE_DECIMALS } from '../../shared/money';
import { searchKey } from '../../shared/search-key';
import { recordAudit } from '../company/audit';
import { type CompanyDb } from '../db/company-db';
import { likeContaining } from '../db/like';
import {
  ArticleEntity,
  ArticleProjectEntity,
  PriceVariantEntity,
  ProductGroupEntity,
  ProjectEntity,
  TaxGroupEntity,
  TaxRateEntity,
  type ArticleRecord,
  type PriceVariantRecord,
  type TaxGroupRecord,
  type TaxRateRecord,
} from './entities';
import {
  checkArticleUnit,
  checkPriceVariants,
  checkRateRanges,
  checkRatesOfTreatment,
  describeVariant,
  isSeededTaxGroup,
  presumedTreatment,
  priceCheck,
  rangeLabel,
  resolvePrice,
  resolveTaxRate,
} from './rules';

export interface Actor {
  readonly actor: string;
  readonly at: string;
}

// --- projects -----------------------------------------------------------------------------

export interface ProjectFields {
  readonly number: string;
  readonly name: string;
  readonly description: string | null;
}

export async function listProjects(m: EntityManager): Promise<ProjectDto[]> {
  const rows = (await m.query(
    `SELECT p.id, p.number, p.name, p.description, (SELECT count(*) FROM article_project ap WHERE ap.project_id = p.id) AS article_count
     FROM project p ORDER BY p.number`,
  )) as { id: number; number: string; name: string; description: string | null; article_count: number }[];
  return rows.map((r) => ({ id: r.id, number: r.number, name: r.name, description: r.description, articleCount: r.article_count }));
}

export async function saveProject(db: CompanyDb, id: number | undefined, fields: ProjectFields, who: Actor): Promise<ProjectDto> {
  return db.transaction(async (m) => {
    const repo = m.getRepository(ProjectEntity);
    const clash = await repo.findOneBy({ number: fields.number });
    if (clash && clash.id !== id) throw fieldError('project.number', `Projektnummer ${fields.number} ist bereits vergeben`);
    const before = id === undefined ? null : await repo.findOneBy({ id });
    if (id !== undefined && !before) throw notFound(`Projekt ${id}`);
    const saved = await repo.save({ ...(before ?? { createdAt: who.at }), ...fields, updatedAt: who.at });
    await recordAudit(m, {
      ...who,
      entity: 'Projekt',
      entityId: saved.number,
      action: before ? 'UPDATE' : 'CREATE',
      before: before ? { projectNumber: before.number, name: before.name, description: before.description } : null,
      after: { projectNumber: fields.number, name: fields.name, description: fields.description },
    });
    const all = await listProjects(m);
    return all.find((p) => p.id === saved.id) as ProjectDto;
  });
}

// --- tax groups ---------------------------------------------------------------------------

export interface TaxGroupFields {
  readonly code: string;
  readonly name: string;
  readonly invoiceNote: string | null;
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
  readonly requiresVatId: boolean;
  /** Absent: an existing group keeps its treatment, a new one gets the presumed one. */
  readonly treatment?: TaxTreatment | undefined;
  readonly rates: readonly { readonly rate: string; readonly validFrom: IsoDate | null; readonly validTo: IsoDate | null }[];
}

const byValidFrom = (a: { validFrom: string | null }, b: { validFrom: string | null }) =>
  (a.validFrom ?? '').localeCompare(b.validFrom ?? '');

function toTaxGroupDto(g: TaxGroupRecord, rates: readonly TaxRateRecord[]): TaxGroupDto {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    invoiceNote: g.invoiceNote,
    accountSkr03: g.accountSkr03,
    accountSkr04: g.accountSkr04,
    requiresVatId: Boolean(g.requiresVatId),
    treatment: g.treatment,
    seeded: isSeededTaxGroup(g.code),
    rates: [...rates]
      .sort(byValidFrom)
      .map((r) => ({ id: r.id, rate: r.rate, validFrom: r.validFrom, validTo: r.validTo })),
  };
}

function taxGroupAuditView(g: TaxGroupDto): Record<string, unknown> {
  return {
    code: g.code,
    name: g.name,
    invoiceNote: g.invoiceNote,
    accountSkr03: g.accountSkr03,
    accountSkr04: g.accountSkr04,
    requiresVatId: g.requiresVatId,
    treatment: TAX_TREATMENT_LABELS[g.treatment],
    rates: [...g.rates].sort(byValidFrom).map((r) => `${formatPercent(dec(r.rate))} ${rangeLabel(r)}`).join('; '),
  };
}

export async function listTaxGroups(m: EntityManager): Promise<TaxGroupDto[]> {
  const groups = await m.getRepository(TaxGroupEntity).find({ order: { id: 'ASC' } });
  const rates = await m.getRepository(TaxRateEntity).find();
  return groups.map((g) => toTaxGroupDto(g, rates.filter((r) => r.taxGroupId === g.id)));
}

export async function saveTaxGroup(db: CompanyDb, id: number | undefined, fields: TaxGroupFields, who: Actor): Promise<TaxGroupDto> {
  const rateRanges = fields.rates.map((r) => ({ rate: dec(r.rate), validFrom: r.validFrom, validTo: r.validTo }));
  try {
    checkRateRanges(rateRanges);
  } catch (e) {
    throw prefixFields(e, 'taxGroup');
  }
  return db.transaction(async (m) => {
    const groups = m.getRepository(TaxGroupEntity);
    const rateRepo = m.getRepository(TaxRateEntity);
    const clash = await groups.findOneBy({ code: fields.code });
    if (clash && clash.id !== id) throw fieldError('taxGroup.code', `Kürzel ${fields.code} ist bereits vergeben`);
    const before = id === undefined ? null : await groups.findOneBy({ id });
    if (id !== undefined && !before) throw notFound(`Steuergruppe ${id}`);
    const treatment = fields.treatment ?? before?.treatment ?? presumedTreatment(fields.requiresVatId, rateRanges);
    if (before && isSeededTaxGroup(before.code)) {
      if (fields.code !== before.code) {
        throw fieldError('taxGroup.code', `Das Kürzel der mitgelieferten Steuergruppe „${before.name}“ kann nicht geändert werden (${before.code})`);
      }
      if (treatment !== before.treatment) {
        throw fieldError('taxGroup.treatment', `Die steuerliche Behandlung der mitgelieferten Steuergruppe „${before.name}“ kann nicht geändert werden`);
      }
    }
    // Issued invoice lines name their group by code (DATEV finds the group's revenue account by it).
    if (before && fields.code !== before.code) {
      const [used] = (await m.query(`SELECT count(*) AS n FROM invoice_line WHERE tax_group_code = ?`, [before.code])) as [{ n: number }];
      if (used.n > 0) throw fieldError('taxGroup.code', `Das Kürzel ${before.code} steht auf ausgestellten Rechnungen und kann nicht mehr geändert werden`);
    }
    try {
      checkRatesOfTreatment(treatment, rateRanges);
    } catch (e) {
      throw prefixFields(e, 'taxGroup');
    }
    const beforeDto = before ? toTaxGroupDto(before, await rateRepo.findBy({ taxGroupId: before.id })) : null;
    const { rates, ...groupFields } = fields;
    const saved = await groups.save({ ...(before ?? { createdAt: who.at }), ...groupFields, treatment, updatedAt: who.at });
    await rateRepo.delete({ taxGroupId: saved.id });
    for (const r of rates) await rateRepo.insert({ taxGroupId: saved.id, rate: dec(r.rate).toString(), validFrom: r.validFrom, validTo: r.validTo });
    const dto = toTaxGroupDto(saved, await rateRepo.findBy({ taxGroupId: saved.id }));
    await recordAudit(m, {
      ...who,
      entity: 'Steuergruppe',
      entityId: saved.code,
      action: before ? 'UPDATE' : 'CREATE',
      before: beforeDto ? taxGroupAuditView(beforeDto) : null,
      after: taxGroupAuditView(dto),
    });
    return dto;
  });
}

/** Field paths of a rules error, prefixed with the input object they belong to. */
function prefixFields(e: unknown, prefix: string): unknown {
  if (!(e instanceof AppError) || !e.details?.fields) return e;
  const fields = Object.fromEntries(Object.entries(e.details.fields).map(([k, v]) => [`${prefix}.${k}`, v]));
  return new AppError(e.code, e.message, { ...e.details, fields });
}

// --- product groups -----------------------------------------------------------------------

export interface ProductGroupFields {
  readonly name: string;
  readonly taxGroupId: number;
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
}

export async function listProductGroups(m: EntityManager): Promise<ProductGroupDto[]> {
  const rows = (await m.query(
    `SELECT pg.id, pg.name, pg.tax_group_id, tg.name AS tax_group_name, pg.account_skr03, pg.account_skr04
     FROM product_group pg JOIN tax_group tg ON tg.id = pg.tax_group_id ORDER BY pg.name COLLATE NOCASE`,
  )) as { id: number; name: string; tax_group_id: number; tax_group_name: string; account_skr03: string | null; account_skr04: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    taxGroupId: r.tax_group_id,
    taxGroupName: r.tax_group_name,
    accountSkr03: r.account_skr03,
    accountSkr04: r.account_skr04,
  }));
}

export async function saveProductGroup(db: CompanyDb, id: number | undefined, fields: ProductGroupFields, who: Actor): Promise<ProductGroupDto> {
  return db.transaction(async (m) => {
    const repo = m.getRepository(ProductGroupEntity);
    const taxGroup = await m.getRepository(TaxGroupEntity).findOneBy({ id: fields.taxGroupId });
    if (!taxGroup) throw fieldError('productGroup.taxGroupId', 'Steuergruppe wurde nicht gefunden');
    const clash = await repo.findOneBy({ name: fields.name });
    if (clash && clash.id !== id) throw fieldError('productGroup.name', `Warengruppe „${fields.name}“ gibt es bereits`);
    const before = id === undefined ? null : await repo.findOneBy({ id });
    if (id !== undefined && !before) throw notFound(`Warengruppe ${id}`);
    const saved = await repo.save({ ...(before ?? { createdAt: who.at }), ...fields, updatedAt: who.at });
    const taxGroupName = async (taxGroupId: number) => (await m.getRepository(TaxGroupEntity).findOneBy({ id: taxGroupId }))?.name ?? String(taxGroupId);
    await recordAudit(m, {
      ...who,
      entity: 'Warengruppe',
      entityId: saved.id,
      action: before ? 'UPDATE' : 'CREATE',
      before: before
        ? { name: before.name, taxGroup: await taxGroupName(before.taxGroupId), accountSkr03: before.accountSkr03, accountSkr04: before.accountSkr04 }
        : null,
      after: { name: fields.name, taxGroup: taxGroup.name, accountSkr03: fields.accountSkr03, accountSkr04: fields.accountSkr04 },
    });
    return (await listProductGroups(m)).find((g) => g.id === saved.id) as ProductGroupDto;
  });
}

// --- articles -----------------------------------------------------------------------------

function toVariantDto(v: PriceVariantRecord): PriceVariantDto {
  return {
    id: v.id,
    price: toPlain(fromPriceUnits(v.priceUnits), UNIT_PRICE_DECIMALS),
    currency: v.currency,
    minQuantity: v.minQuantity,
    validFrom: v.validFrom,
  };
}

function sortVariants(variants: readonly PriceVariantRecord[]): PriceVariantRecord[] {
  return [...variants].sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) ||
      (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
      dec(a.minQuantity ?? '0').comparedTo(dec(b.minQuantity ?? '0')),
  );
}

async function loadArticle(m: EntityManager, id: number): Promise<ArticleDto> {
  const a = await m.getRepository(ArticleEntity).findOneBy({ id });
  if (!a) throw notFound(`Artikel ${id}`);
  const group = await m.getRepository(ProductGroupEntity).findOneBy({ id: a.productGroupId });
  const projects = await m.getRepository(ArticleProjectEntity).findBy({ articleId: id });
  const variants = await m.getRepository(PriceVariantEntity).findBy({ articleId: id });
  return {
    id: a.id,
    number: a.number,
    name: a.name,
    description: a.description,
    kind: a.kind,
    unit: a.unit,
    productGroupId: a.productGroupId,
    productGroupName: group?.name ?? '',
    projectIds: projects.map((p) => p.projectId).sort((x, y) => x - y),
    active: Boolean(a.active),
    variants: sortVariants(variants).map(toVariantDto),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export async function getArticle(m: EntityManager, id: number): Promise<ArticleDto> {
  return loadArticle(m, id);
}

/** What the audit log keeps of an article's master data (entity "Artikel"), with names instead of ids. */
async function articleAuditView(m: EntityManager, a: ArticleDto): Promise<Record<string, unknown>> {
  const projects = (await m.query(
    `SELECT p.number FROM article_project ap JOIN project p ON p.id = ap.project_id WHERE ap.article_id = ? ORDER BY p.number`,
    [a.id],
  )) as { number: string }[];
  return {
    articleNumber: a.number,
    name: a.name,
    description: a.description,
    kind: ARTICLE_KIND_LABELS[a.kind],
    unit: SUBSCRIPTION_UNIT_LABELS[a.unit] ?? a.unit,
    productGroup: a.productGroupName,
    projects: projects.map((p) => p.number).join(', '),
    active: a.active,
  };
}

/**
 * The audit views of a stored article, for other writers of articles (e.g. the CSV import) so
 * that "Artikel" and "Preis" entries have one shape whoever wrote them.
 */
export async function articleAuditSnapshot(
  m: EntityManager,
  articleId: number,
): Promise<{ readonly number: string; readonly article: Record<string, unknown>; readonly price: Record<string, unknown> }> {
  const a = await loadArticle(m, articleId);
  return { number: a.number, article: await articleAuditView(m, a), price: priceAuditView(a) };
}

/** The price table as the audit log keeps it (entity "Preis"), one readable line per variant. */
function priceAuditView(a: ArticleDto): Record<string, unknown> {
  return {
    variants: a.variants
      .map((v) => describeVariant({ price: dec(v.price), currency: v.currency, minQuantity: v.minQuantity === null ? null : dec(v.minQuantity), validFrom: v.validFrom }))
      .join('; '),
  };
}

async function validateArticle(m: EntityManager, fields: ArticleFields): Promise<void> {
  const unitError = checkArticleUnit(fields.kind, fields.unit);
  if (unitError) throw fieldError('article.unit', unitError);
  if (!(await m.getRepository(ProductGroupEntity).findOneBy({ id: fields.productGroupId }))) {
    throw fieldError('article.productGroupId', 'Warengruppe wurde nicht gefunden');
  }
  for (const pid of fields.projectIds) {
    if (!(await m.getRepository(ProjectEntity).findOneBy({ id: pid }))) throw fieldError('article.projectIds', `Projekt ${pid} wurde nicht gefunden`);
  }
  try {
    checkPriceVariants(
      fields.variants.map((v) => ({
        price: dec(v.price),
        currency: v.currency,
        minQuantity: v.minQuantity === null ? null : dec(v.minQuantity),
        validFrom: v.validFrom,
      })),
    );
  } catch (e) {
    throw prefixFields(e, 'article');
  }
}

async function writeArticleChildren(m: EntityManager, articleId: number, fields: ArticleFields): Promise<void> {
  const projects = m.getRepository(ArticleProjectEntity);
  const variants = m.getRepository(PriceVariantEntity);
  await projects.delete({ articleId });
  for (const projectId of new Set(fields.projectIds)) await projects.insert({ articleId, projectId });
  await variants.delete({ articleId });
  for (const v of fields.variants) {
    await variants.insert({
      articleId,
      priceUnits: toPriceUnits(dec(v.price)),
      currency: v.currency,
      minQuantity: v.minQuantity === null ? null : dec(v.minQuantity).toString(),
      validFrom: v.validFrom,
    });
  }
}

async function assertArticleNumberFree(m: EntityManager, number: string, exceptId?: number): Promise<void> {
  const clash = await m.getRepository(ArticleEntity).findOneBy({ number });
  if (clash && clash.id !== exceptId) throw fieldError('article.number', `Artikelnummer ${number} ist bereits vergeben`);
}

export async function createArticle(db: CompanyDb, fields: ArticleFields, who: Actor): Promise<ArticleDto> {
  return db.transaction(async (m) => {
    await validateArticle(m, fields);
    await assertArticleNumberFree(m, fields.number);
    const { variants: _v, projectIds: _p, ...master } = fields;
    const saved = await m.getRepository(ArticleEntity).save({ ...master, nameKey: searchKey(master.name), createdAt: who.at, updatedAt: who.at });
    await writeArticleChildren(m, saved.id, fields);
    const dto = await loadArticle(m, saved.id);
    await recordAudit(m, { ...who, entity: 'Artikel', entityId: dto.number, action: 'CREATE', after: await articleAuditView(m, dto) });
    if (dto.variants.length > 0) {
      await recordAudit(m, { ...who, entity: 'Preis', entityId: dto.number, action: 'CREATE', after: priceAuditView(dto) });
    }
    return dto;
  });
}

/** Contracts and activities that refer to an article (0 while the contracts area is absent). */
async function articleUsage(m: EntityManager, articleId: number): Promise<number> {
  const tables = (await m.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('subscription_item', 'activity')`)) as { name: string }[];
  let uses = 0;
  for (const { name } of tables) {
    const [{ n }] = (await m.query(`SELECT count(*) AS n FROM ${name} WHERE article_id = ?`, [articleId])) as [{ n: number }];
    uses += n;
  }
  return uses;
}

export async function updateArticle(db: CompanyDb, id: number, fields: ArticleFields, who: Actor): Promise<ArticleDto> {
  return db.transaction(async (m) => {
    const before = await loadArticle(m, id);
    const beforeAudit = await articleAuditView(m, before);
    if ((before.kind !== fields.kind || before.unit !== fields.unit) && (await articleUsage(m, id)) > 0) {
      // Billing periods and activities were planned with the old kind and unit.
      throw fieldError(
        fields.kind !== before.kind ? 'article.kind' : 'article.unit',
        'Der Artikel wird bereits in Verträgen verwendet; Art und Einheit können nicht mehr geändert werden. Bitte einen neuen Artikel anlegen.',
      );
    }
    await validateArticle(m, fields);
    await assertArticleNumberFree(m, fields.number, id);
    const { variants: _v, projectIds: _p, ...master } = fields;
    const record: ArticleRecord = { ...master, nameKey: searchKey(master.name), id, createdAt: before.createdAt, updatedAt: who.at };
    await m.getRepository(ArticleEntity).save(record);
    await writeArticleChildren(m, id, fields);
    const after = await loadArticle(m, id);
    await recordAudit(m, {
      ...who,
      entity: 'Artikel',
      entityId: after.number,
      action: 'UPDATE',
      before: beforeAudit,
      after: await articleAuditView(m, after),
    });
    // Price changes get their own entries so "Protokolle → Preis" lists every price change.
    await recordAudit(m, { ...who, entity: 'Preis', entityId: after.number, action: 'UPDATE', before: priceAuditView(before), after: priceAuditView(after) });
    return after;
  });
}

export async function setArticleActive(db: CompanyDb, id: number, active: boolean, who: Actor): Promise<ArticleDto> {
  return db.transaction(async (m) => {
    const before = await loadArticle(m, id);
    await m.query(`UPDATE article SET active = ?, updated_at = ? WHERE id = ?`, [active ? 1 : 0, who.at, id]);
    await recordAudit(m, { ...who, entity: 'Artikel', entityId: before.number, action: 'UPDATE', before: { active: before.active }, after: { active } });
    return loadArticle(m, id);
  });
}

export interface ArticleListQuery {
  readonly search?: string | undefined;
  readonly kind?: (typeof ARTICLE_KINDS)[number] | undefined;
  readonly projectId?: number | undefined;
  readonly includeInactive: boolean;
  readonly sort: (typeof ARTICLE_SORTS)[number];
  readonly direction: 'asc' | 'desc';
  readonly offset: number;
  readonly limit: number;
}

const ARTICLE_SORT_COLUMNS: Readonly<Record<ArticleListQuery['sort'], string>> = {
  number: 'a.number',
  name: 'a.name_key',
  productGroup: 'pg.name COLLATE NOCASE',
};

export async function listArticles(m: EntityManager, q: ArticleListQuery): Promise<Page<ArticleRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const term = q.search?.trim() ?? '';
  if (term !== '') {
    // The name by its key, so „über“ and „uber“ both find „Übersetzung“.
    where.push(`(a.number LIKE ? ESCAPE '\\' OR a.name_key LIKE ? ESCAPE '\\')`);
    params.push(likeContaining(term), likeContaining(searchKey(term)));
  }
  if (q.kind) {
    where.push('a.kind = ?');
    params.push(q.kind);
  }
  if (q.projectId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM article_project ap WHERE ap.article_id = a.id AND ap.project_id = ?)');
    params.push(q.projectId);
  }
  if (!q.includeInactive) where.push('a.active = 1');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'article a JOIN product_group pg ON pg.id = a.product_group_id';
  const [{ total }] = (await m.query(`SELECT count(*) AS total FROM ${from} ${clause}`, params)) as [{ total: number }];
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  const rows = (await m.query(
    `SELECT a.id, a.number, a.name, a.kind, a.unit, a.active, pg.name AS pg_name,
       (SELECT group_concat(p.number, ', ') FROM article_project ap JOIN project p ON p.id = ap.project_id WHERE ap.article_id = a.id) AS projects
     FROM ${from} ${clause} ORDER BY ${ARTICLE_SORT_COLUMNS[q.sort]} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  )) as { id: number; number: string; name: string; kind: ArticleRow['kind']; unit: string; active: number; pg_name: string; projects: string | null }[];
  return {
    total,
    offset: q.offset,
    limit: q.limit,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      kind: r.kind,
      unit: r.unit,
      productGroupName: r.pg_name,
      projects: r.projects ?? '',
      active: r.active === 1,
    })),
  };
}

// --- look-ups for other areas -------------------------------------------------------------

export interface ResolvedPrice {
  readonly variantId: number;
  /** Net unit price (up to 4 decimals). */
  readonly unitPrice: Decimal;
  /** Same price in 1/10 000 units, for activity.unit_price_units. */
  readonly unitPriceUnits: number;
}

/**
 * §4 price of an article for (currency, quantity, date). Subscription activities pass the
 * first day of their service period as date. Throws PRICE_NOT_FOUND in German.
 */
export async function resolveArticlePrice(
  m: EntityManager,
  articleId: number,
  currency: string,
  quantity: Decimal,
  date: IsoDate,
): Promise<ResolvedPrice> {
  const article = await m.getRepository(ArticleEntity).findOneBy({ id: articleId });
  if (!article) throw notFound(`Artikel ${articleId}`);
  const variants = (await m.getRepository(PriceVariantEntity).findBy({ articleId })).map((v) => ({
    id: v.id,
    units: v.priceUnits,
    price: fromPriceUnits(v.priceUnits),
    currency: v.currency,
    minQuantity: v.minQuantity === null ? null : dec(v.minQuantity),
    validFrom: v.validFrom,
  }));
  const chosen = resolvePrice(article, variants, currency, quantity, date);
  return { variantId: chosen.id, unitPrice: chosen.price, unitPriceUnits: chosen.units };
}

export interface ResolvedTax {
  readonly taxGroupId: number;
  readonly taxGroupCode: string;
  readonly taxGroupName: string;
  /** Percent (19, 16, 0 …). */
  readonly rate: Decimal;
  readonly invoiceNote: string | null;
  readonly requiresVatId: boolean;
  /** Revenue account per chart: product group override, else the tax group's. */
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
}

/**
 * §3 tax of an article on a service date (last day of the service period for subscription
 * activities, the activity date for one-time ones — see rules.taxServiceDate).
 */
export async function resolveArticleTax(m: EntityManager, articleId: number, serviceDate: IsoDate): Promise<ResolvedTax> {
  const article = await m.getRepository(ArticleEntity).findOneBy({ id: articleId });
  if (!article) throw notFound(`Artikel ${articleId}`);
  const productGroup = await m.getRepository(ProductGroupEntity).findOneBy({ id: article.productGroupId });
  if (!productGroup) throw notFound(`Warengruppe ${article.productGroupId}`);
  const group = await m.getRepository(TaxGroupEntity).findOneBy({ id: productGroup.taxGroupId });
  if (!group) throw notFound(`Steuergruppe ${productGroup.taxGroupId}`);
  const rates = (await m.getRepository(TaxRateEntity).findBy({ taxGroupId: group.id })).map((r) => ({
    rate: dec(r.rate),
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
  const hit = resolveTaxRate(group, rates, serviceDate);
  return {
    taxGroupId: group.id,
    taxGroupCode: group.code,
    taxGroupName: group.name,
    rate: hit.rate,
    invoiceNote: group.invoiceNote,
    requiresVatId: Boolean(group.requiresVatId),
    accountSkr03: productGroup.accountSkr03 ?? group.accountSkr03,
    accountSkr04: productGroup.accountSkr04 ?? group.accountSkr04,
  };
}

export interface PriceCheckQuery {
  readonly articleId?: number | undefined;
  readonly articleNumber?: string | undefined;
  readonly currency: string;
  readonly quantity: string;
  readonly date: IsoDate;
}

/** "Preis prüfen": price and VAT rate valid on one date, net/VAT/gross rounded as an invoice line. */
export async function checkArticlePrice(m: EntityManager, q: PriceCheckQuery): Promise<PriceResolutionDto> {
  const repo = m.getRepository(ArticleEntity);
  const article = q.articleId !== undefined ? await repo.findOneBy({ id: q.articleId }) : await repo.findOneBy({ number: q.articleNumber ?? '' });
  if (!article) throw notFound(`Artikel ${q.articleId ?? q.articleNumber ?? ''}`);
  const quantity = dec(q.quantity);
  const price = await resolveArticlePrice(m, article.id, q.currency, quantity, q.date);
  const tax = await resolveArticleTax(m, article.id, q.date);
  const check = priceCheck(price.unitPrice, quantity, tax.rate);
  return {
    articleId: article.id,
    articleNumber: article.number,
    articleName: article.name,
    currency: q.currency,
    quantity: quantity.toString(),
    date: q.date,
    variantId: price.variantId,
    unitPrice: toPlain(price.unitPrice, UNIT_PRICE_DECIMALS),
    net: toPlain(check.net),
    taxGroupName: tax.taxGroupName,
    taxRate: tax.rate.toString(),
    tax: toPlain(check.tax),
    gross: toPlain(check.gross),
    invoiceNote: tax.invoiceNote,
  };
}
