import type { catalogChannels } from '../../shared/api/catalog';
import type { AreaHandlers, CallContext } from '../ipc/types';
import {
  checkArticlePrice,
  createArticle,
  getArticle,
  listArticles,
  listProductGroups,
  listProjects,
  listTaxGroups,
  saveProductGroup,
  saveProject,
  saveTaxGroup,
  setArticleActive,
  updateArticle,
} from './service';

const who = (ctx: CallContext) => ({ actor: ctx.actor, at: ctx.clock.now().toISOString() });
const manager = (ctx: CallContext) => ctx.company().db.dataSource.manager;

/** Runs a change and tells open lists of the catalog to reload. */
async function changed<T>(ctx: CallContext, work: Promise<T>): Promise<T> {
  const result = await work;
  ctx.emit('data.changed', { area: 'catalog' });
  return result;
}

export const catalogHandlers: AreaHandlers<typeof catalogChannels> = {
  'catalog.projects': async (_input, ctx) => listProjects(manager(ctx)),
  'catalog.saveProject': async (input, ctx) => changed(ctx, saveProject(ctx.company().db, input.id, input.project, who(ctx))),
  'catalog.taxGroups': async (_input, ctx) => listTaxGroups(manager(ctx)),
  'catalog.saveTaxGroup': async (input, ctx) => changed(ctx, saveTaxGroup(ctx.company().db, input.id, input.taxGroup, who(ctx))),
  'catalog.productGroups': async (_input, ctx) => listProductGroups(manager(ctx)),
  'catalog.saveProductGroup': async (input, ctx) =>
    changed(ctx, saveProductGroup(ctx.company().db, input.id, input.productGroup, who(ctx))),
  'catalog.articles': async (input, ctx) => listArticles(manager(ctx), input),
  'catalog.article': async (input, ctx) => getArticle(manager(ctx), input.id),
  'catalog.createArticle': async (input, ctx) => changed(ctx, createArticle(ctx.company().db, input.article, who(ctx))),
  'catalog.updateArticle': async (input, ctx) => changed(ctx, updateArticle(ctx.company().db, input.id, input.article, who(ctx))),
  'catalog.setArticleActive': async (input, ctx) => changed(ctx, setArticleActive(ctx.company().db, input.id, input.active, who(ctx))),
  'catalog.resolvePrice': async (input, ctx) => checkArticlePrice(manager(ctx), input),
};
