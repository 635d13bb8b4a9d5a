// Articles with price variants from the import: names of product groups and projects are
// resolved to their ids, then the catalog's own schema and rules decide (articleFieldsSchema,
// checkArticleUnit, checkPriceVariants). Writing happens inside the import's one transaction
// and records the same audit entries as the catalog screens ("Artikel" and "Preis").
import type { EntityManager } from 'typeorm';
import { articleFieldsSchema, type ArticleFields } from '../../shared/api/catalog';
import { ARTICLE_IMPORT_FIELDS, type FieldMessage } from '../../shared/api/transfer';
import { AppError } from '../../shared/errors';
import { dec, fromPriceUnits, toPlain, toPriceUnits, UNIT_PRICE_DECIMALS } from '../../shared/money';
import { searchKey } from '../../shared/search-key';
import { recordAudit } from '../company/audit';
import { ArticleEntity, ArticleProjectEntity, PriceVariantEntity } from '../catalog/entities';
import { checkArticleUnit, checkPriceVariants } from '../catalog/rules';
import type { CompanyDb } from '../db/company-db';
import { fieldMessage, issuesToMessages } from './rules-rows';
import type { ArticleImport } from './rules-targets';

export interface CatalogLookup {
  readonly productGroups: ReadonlyMap<string, number>;
  readonly projects: ReadonlyMap<string, number>;
  readonly projectCount: number;
  readonly onlyProjectId: number | null;
  readonly articles: ReadonlyMap<string, number>;
}

const key = (s: string) => s.trim().toLowerCase();

/** Product groups by name, projects by number and by name, articles by number. */
export function catalogLookup(db: CompanyDb): CatalogLookup | null {
  const has = (t: string) => db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t) !== undefined;
  if (!has('article') || !has('product_group') || !has('project')) return null;
  const productGroups = new Map<string, number>();
  for (const r of db.raw.prepare(`SELECT id, name FROM product_group`).all() as { id: number; name: string }[]) productGroups.set(key(r.name), r.id);
  const projects = new Map<string, number>();
  const projectRows = db.raw.prepare(`SELECT id, number, name FROM project`).all() as { id: number; number: string; name: string }[];
  for (const r of projectRows) {
    projects.set(key(r.name), r.id);
    projects.set(key(r.number), r.id);
  }
  const articles = new Map<string, number>();
  for (const r of db.raw.prepare(`SELECT id, number FROM article`).all() as { id: number; number: string }[]) articles.set(r.number, r.id);
  return { productGroups, projects, projectCount: projectRows.length, onlyProjectId: projectRows.length === 1 ? (projectRows[0]?.id ?? null) : null, articles };
}

const F = (k: string) => ARTICLE_IMPORT_FIELDS.find((f) => f.key === k) ?? { key: k, label: k };

/** The catalog's fields for an imported article, or German messages. */
export function articleFieldsOf(a: ArticleImport, lookup: CatalogLookup): { ok: true; fields: ArticleFields } | { ok: false; messages: FieldMessage[] } {
  const messages: FieldMessage[] = [];
  const productGroupId = lookup.productGroups.get(key(a.productGroup));
  if (productGroupId === undefined) messages.push(fieldMessage(F('productGroup'), `Warengruppe „${a.productGroup}“ gibt es nicht`));
  const projectIds: number[] = [];
  for (const p of a.projects) {
    const id = lookup.projects.get(key(p));
    if (id === undefined) messages.push(fieldMessage(F('projects'), `Projekt „${p}“ gibt es nicht`));
    else projectIds.push(id);
  }
  if (a.projects.length === 0) {
    if (lookup.onlyProjectId !== null) projectIds.push(lookup.onlyProjectId);
    else messages.push(fieldMessage(F('projects'), 'Projekte: mindestens ein Projekt angeben (Nummer oder Name, mehrere mit Komma)'));
  }
  const unitError = checkArticleUnit(a.kind, a.unit);
  if (unitError) messages.push(fieldMessage(F('unit'), unitError));
  try {
    checkPriceVariants(a.prices.map((p) => ({ price: dec(p.price), currency: p.currency, minQuantity: p.minQuantity === null ? null : dec(p.minQuantity), validFrom: p.validFrom })));
  } catch (e) {
    if (e instanceof AppError) messages.push(fieldMessage({ key: 'row', label: 'Preisvarianten' }, e.message));
    else throw e;
  }
  if (messages.length > 0) return { ok: false, messages };
  const parsed = articleFieldsSchema.safeParse({
    number: a.number,
    name: a.name,
    description: a.description,
    kind: a.kind,
    unit: a.unit,
    productGroupId,
    projectIds,
    variants: a.prices.map((p) => ({ price: p.price, currency: p.currency, minQuantity: p.minQuantity, validFrom: p.validFrom })),
  });
  if (!parsed.success) return { ok: false, messages: issuesToMessages(ARTICLE_IMPORT_FIELDS, parsed.error.issues) };
  return { ok: true, fields: parsed.data };
}

interface Who {
  readonly actor: string;
  readonly at: string;
}

async function auditViews(m: EntityManager, articleId: number) {
  const a = await m.getRepository(ArticleEntity).findOneByOrFail({ id: articleId });
  const projects = (await m.getRepository(ArticleProjectEntity).findBy({ articleId })).map((p) => p.projectId).sort((x, y) => x - y);
  const variants = (await m.getRepository(PriceVariantEntity).findBy({ articleId })).sort(
    (x, y) => x.currency.localeCompare(y.currency) || (x.validFrom ?? '').localeCompare(y.validFrom ?? '') || dec(x.minQuantity ?? '0').comparedTo(dec(y.minQuantity ?? '0')),
  );
  return {
    number: a.number,
    article: { number: a.number, name: a.name, description: a.description, kind: a.kind, unit: a.unit, productGroupId: a.productGroupId, projectIds: projects, active: Boolean(a.active) },
    price: { variants: variants.map((v) => `${toPlain(fromPriceUnits(v.priceUnits), UNIT_PRICE_DECIMALS)} ${v.currency} ab Menge ${v.minQuantity ?? '–'} gültig ab ${v.validFrom ?? '–'}`) },
  };
}

/** Creates (existingId undefined) or replaces an article with its projects and price table. */
export async function writeArticle(m: EntityManager, fields: ArticleFields, existingId: number | undefined, who: Who): Promise<void> {
  const { variants, projectIds, ...master } = fields;
  const before = existingId === undefined ? null : await auditViews(m, existingId);
  const repo = m.getRepository(ArticleEntity);
  let id: number;
  const nameKey = searchKey(master.name);
  if (existingId === undefined) id = (await repo.save({ ...master, nameKey, createdAt: who.at, updatedAt: who.at })).id;
  else {
    id = existingId;
    await repo.update({ id }, { ...master, nameKey, updatedAt: who.at });
  }
  await m.getRepository(ArticleProjectEntity).delete({ articleId: id });
  for (const projectId of new Set(projectIds)) await m.getRepository(ArticleProjectEntity).insert({ articleId: id, projectId });
  await m.getRepository(PriceVariantEntity).delete({ articleId: id });
  for (const v of variants) {
    await m.getRepository(PriceVariantEntity).insert({
      articleId: id,
      priceUnits: toPriceUnits(dec(v.price)),
      currency: v.currency,
      minQuantity: v.minQuantity === null ? null : dec(v.minQuantity).toString(),
      validFrom: v.validFrom,
    });
  }
  const after = await auditViews(m, id);
  const action = before ? 'UPDATE' : 'CREATE';
  await recordAudit(m, { ...who, entity: 'Artikel', entityId: after.number, action, before: before?.article ?? null, after: after.article });
  if (before || variants.length > 0) await recordAudit(m, { ...who, entity: 'Preis', entityId: after.number, action, before: before?.price ?? null, after: after.price });
}
