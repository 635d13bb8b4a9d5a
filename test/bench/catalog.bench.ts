// 10 000 articles with 6 price variants each (3 dates × 2 tiers, EUR and CHF): the article list
// page, "Preis prüfen" through the router, the service look-up billing uses per activity, and
// the pure §4 resolution.
import { performance } from 'node:perf_hooks';
import { resolveArticlePrice, resolveArticleTax } from '../../main/catalog/service';
import { resolvePrice } from '../../main/catalog/rules';
import { dec } from '../../shared/money';
import { searchKey } from '../../shared/search-key';
import { createTestCompany } from '../support/company';
import { medianMs, report, type Bench } from './support';

const ARTICLES = 10_000;

export const catalogBench: Bench = {
  name: 'catalog',
  async run() {
    const t = await createTestCompany();
    try {
      const project = await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Bench' } });
      const standard = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_STANDARD');
      const group = await t.call('catalog.saveProductGroup', { productGroup: { name: 'Bench', taxGroupId: standard?.id ?? 0 } });
      const raw = t.session.company().db.raw;
      const at = t.clock.now().toISOString();
      const article = raw.prepare(
        `INSERT INTO article(number, name, name_key, kind, unit, product_group_id, active, created_at, updated_at) VALUES (?, ?, ?, 'SUBSCRIPTION', 'MONTH', ?, 1, ?, ?)`,
      );
      const link = raw.prepare(`INSERT INTO article_project(article_id, project_id) VALUES (?, ?)`);
      const variant = raw.prepare(`INSERT INTO price_variant(article_id, price_units, currency, min_quantity, valid_from) VALUES (?, ?, ?, ?, ?)`);
      raw.transaction(() => {
        for (let i = 1; i <= ARTICLES; i++) {
          const id = article.run(`A${String(i).padStart(6, '0')}`, `Abo-Box ${i}`, searchKey(`Abo-Box ${i}`), group.id, at, at).lastInsertRowid;
          link.run(id, project.id);
          for (const [validFrom, base] of [[null, 840336], ['2020-07-01', 862069], ['2021-01-01', 840336]] as const) {
            variant.run(id, base, 'EUR', null, validFrom);
            variant.run(id, base - 10000, 'EUR', '10', validFrom);
          }
          variant.run(id, 900000, 'CHF', null, null);
        }
      })();

      report('catalog.articles.list.median', await medianMs(30, () => t.call('catalog.articles', { sort: 'name', limit: 50 })), 'ms');
      report('catalog.articles.search.median', await medianMs(30, () => t.call('catalog.articles', { search: 'Box 4711', limit: 50 })), 'ms');
      report(
        'catalog.resolvePrice.channel.median',
        await medianMs(100, () => t.call('catalog.resolvePrice', { articleNumber: 'A004711', currency: 'EUR', quantity: '12', date: '2020-07-15' })),
        'ms',
      );
      const m = t.session.company().db.dataSource.manager;
      let n = 0;
      const lookup = await medianMs(200, async () => {
        n = (n % ARTICLES) + 1;
        await resolveArticlePrice(m, n, 'EUR', dec(1), '2020-07-01');
        await resolveArticleTax(m, n, '2020-07-31');
      });
      report('catalog.priceAndTaxLookup.median', lookup, 'ms');

      const variants = Array.from({ length: 20 }, (_, i) => ({
        price: dec(1000 + i),
        currency: i % 4 === 0 ? 'CHF' : 'EUR',
        minQuantity: i % 3 === 0 ? null : dec(i),
        validFrom: i % 5 === 0 ? null : `202${i % 6}-0${(i % 9) + 1}-01`,
      }));
      const label = { number: 'A1', name: 'Bench' };
      const quantity = dec(12);
      const runs = 100_000;
      const start = performance.now();
      for (let i = 0; i < runs; i++) resolvePrice(label, variants, 'EUR', quantity, '2024-06-30');
      report('catalog.resolvePrice.pure', ((performance.now() - start) * 1000) / runs, 'µs/call (20 variants)');
    } finally {
      await t.close();
    }
  },
};
