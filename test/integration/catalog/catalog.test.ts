import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../../shared/api/catalog';
import { dec, lineNet, taxOnNet } from '../../../shared/money';
import { articleAuditSnapshot, resolveArticlePrice, resolveArticleTax } from '../../../main/catalog/service';
import { taxServiceDate } from '../../../main/catalog/rules';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';

/** The FAQ's price table for the temporary VAT change (DOMAIN S1). */
const FAQ_VARIANTS = [
  { price: '84,0336', currency: 'EUR', minQuantity: null, validFrom: '2021-01-01' },
  { price: '86,2069', currency: 'EUR', minQuantity: null, validFrom: '2020-07-01' },
  { price: '84,0336', currency: 'EUR', minQuantity: null, validFrom: null },
];

describe('catalog service on a real company file', () => {
  let t: TestCompany;
  let projectId: number;
  let productGroupId: number;

  async function aboBox(extra: Partial<ArticleInput> = {}) {
    return t.call('catalog.createArticle', {
      article: {
        number: 'ABO-1',
        name: 'Abo-Box',
        kind: 'SUBSCRIPTION',
        unit: 'MONTH',
        productGroupId,
        projectIds: [projectId],
        variants: FAQ_VARIANTS,
        ...extra,
      },
    });
  }

  beforeEach(async () => {
    t = await createTestCompany();
    projectId = (await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } })).id;
    const standard = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_STANDARD');
    productGroupId = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Boxen', taxGroupId: standard?.id ?? 0 } })).id;
  });
  afterEach(async () => t.close());

  it('seeds a new company file with the five German tax groups incl. the 2020 reductions', async () => {
    const groups = await t.call('catalog.taxGroups', {});
    expect(groups.map((g) => [g.name, g.accountSkr03, g.accountSkr04, g.requiresVatId])).toEqual([
      ['Deutschland / Regelsteuersatz', '8400', '4400', false],
      ['Deutschland / ermäßigt', '8300', '4300', false],
      ['Deutschland / Steuerfrei (Kleinunternehmer)', '8195', '4185', false],
      ['EU / Reverse Charge', '8337', '4337', true],
      ['Drittland / nicht steuerbar', '8338', '4338', false],
    ]);
    expect(groups[0]?.rates.map((r) => [r.rate, r.validFrom, r.validTo])).toEqual([
      ['19', '2007-01-01', '2020-06-30'],
      ['16', '2020-07-01', '2020-12-31'],
      ['19', '2021-01-01', null],
    ]);
    expect(groups[1]?.rates.map((r) => r.rate)).toEqual(['7', '5', '7']);
  });

  it('S1 pricing and tax: 84,0336 / 86,2069 at 19 % / 16 % give 100,00 gross each month', async () => {
    const article = await aboBox();
    expect(article.variants.map((v) => [v.price, v.validFrom])).toEqual([
      ['84.0336', null],
      ['86.2069', '2020-07-01'],
      ['84.0336', '2021-01-01'],
    ]);
    const m = t.session.company().db.dataSource.manager;
    // Monthly in advance from 01.06.2020: price on the first day, tax on the last day of the period.
    const months = [
      { start: '2020-06-01', end: '2020-06-30', net: '84.03', rate: '19', vat: '15.97' },
      { start: '2020-07-01', end: '2020-07-31', net: '86.21', rate: '16', vat: '13.79' },
      { start: '2020-12-01', end: '2020-12-31', net: '86.21', rate: '16', vat: '13.79' },
      { start: '2021-01-01', end: '2021-01-31', net: '84.03', rate: '19', vat: '15.97' },
    ];
    for (const month of months) {
      const price = await resolveArticlePrice(m, article.id, 'EUR', dec(1), month.start);
      const tax = await resolveArticleTax(m, article.id, taxServiceDate('SUBSCRIPTION', { periodEnd: month.end, date: month.start }));
      const net = lineNet(dec(1), price.unitPrice);
      const vat = taxOnNet(net, tax.rate);
      expect([net.toFixed(2), tax.rate.toString(), vat.toFixed(2), net.plus(vat).toFixed(2)]).toEqual([month.net, month.rate, month.vat, '100.00']);
      expect(tax.accountSkr03).toBe('8400');
    }
    const july = await t.call('catalog.resolvePrice', { articleId: article.id, currency: 'EUR', quantity: '1', date: '2020-07-15' });
    expect(july).toMatchObject({ unitPrice: '86.2069', net: '86.21', taxRate: '16', tax: '13.79', gross: '100.00' });
    expect((await resolveArticlePrice(m, article.id, 'EUR', dec(1), '2020-07-01')).unitPriceUnits).toBe(862069);
  });

  it('"Preis prüfen" in CHF gives the German PRICE_NOT_FOUND message', async () => {
    const article = await aboBox();
    const result = await t.tryCall('catalog.resolvePrice', { articleNumber: 'ABO-1', currency: 'CHF', quantity: '1', date: '2026-01-01' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PRICE_NOT_FOUND');
    expect(result.error.message).toContain(`Für Artikel ${article.number} „Abo-Box“ konnte kein Preis in CHF für Menge 1 zum 01.01.2026 ermittelt werden.`);
  });

  it('refuses overlapping tax-rate ranges with a clear message and keeps the old rates', async () => {
    const result = await t.tryCall('catalog.saveTaxGroup', {
      taxGroup: {
        code: 'TEST',
        name: 'Test',
        rates: [
          { rate: '19', validFrom: null, validTo: '2020-07-01' },
          { rate: '16', validFrom: '2020-07-01', validTo: '2020-12-31' },
        ],
      },
    });
    expect(fieldErrorOf(result, 'taxGroup.rates.1.validFrom')).toContain('Die Gültigkeitszeiträume überschneiden sich: 19');
    expect((await t.call('catalog.taxGroups', {})).map((g) => g.code)).not.toContain('TEST');
  });

  it('changes a tax group rate set and audits it old → new', async () => {
    const groups = await t.call('catalog.taxGroups', {});
    const reduced = groups.find((g) => g.code === 'DE_REDUCED');
    if (!reduced) throw new Error('seed missing');
    await t.call('catalog.saveTaxGroup', {
      id: reduced.id,
      taxGroup: {
        ...reduced,
        rates: [...reduced.rates.slice(0, 2), { rate: '7', validFrom: '2021-01-01', validTo: '2029-12-31' }, { rate: '8', validFrom: '2030-01-01', validTo: null }],
      },
    });
    const audit = await t.call('audit.list', { entity: 'Steuergruppe', entityId: 'DE_REDUCED' });
    const change = audit.rows.find((r) => r.action === 'UPDATE')?.changes.find((c) => c.field === 'rates');
    expect(change?.old).toBe('7\u00a0% 01.07.1983–30.06.2020; 5\u00a0% 01.07.2020–31.12.2020; 7\u00a0% ab 01.01.2021');
    expect(change?.new).toBe('7\u00a0% 01.07.1983–30.06.2020; 5\u00a0% 01.07.2020–31.12.2020; 7\u00a0% 01.01.2021–31.12.2029; 8\u00a0% ab 01.01.2030');
  });

  it('validates articles: subscription units, duplicate variants, missing project, duplicate number', async () => {
    const unit = await t.tryCall('catalog.createArticle', {
      article: { number: 'X', name: 'X', kind: 'SUBSCRIPTION', unit: 'Stück', productGroupId, projectIds: [projectId] },
    });
    expect(fieldErrorOf(unit, 'article.unit')).toBe('Abo-Artikel brauchen die Einheit Tag, Woche, Monat oder Jahr');
    const dup = await t.tryCall('catalog.createArticle', {
      article: {
        number: 'X', name: 'X', kind: 'ONE_TIME', unit: 'Stück', productGroupId, projectIds: [projectId],
        variants: [{ price: '10', currency: 'EUR' }, { price: '11', currency: 'eur' }],
      },
    });
    expect(fieldErrorOf(dup, 'article.variants.1.validFrom')).toContain('Preisvariante doppelt');
    const noProject = await t.tryCall('catalog.createArticle', {
      article: { number: 'X', name: 'X', kind: 'ONE_TIME', unit: 'Stück', productGroupId, projectIds: [] },
    });
    expect(fieldErrorOf(noProject, 'article.projectIds')).toBe('Mindestens ein Projekt auswählen');
    const tooPrecise = await t.tryCall('catalog.createArticle', {
      article: { number: 'X', name: 'X', kind: 'ONE_TIME', unit: 'Stück', productGroupId, projectIds: [projectId], variants: [{ price: '1,23456', currency: 'EUR' }] },
    });
    expect(fieldErrorOf(tooPrecise, 'article.variants.0.price')).toBe('Preis höchstens mit 4 Nachkommastellen');
    await aboBox();
    expect(fieldErrorOf(await t.tryCall('catalog.createArticle', { article: { number: 'ABO-1', name: 'Y', kind: 'ONE_TIME', unit: 'Stück', productGroupId, projectIds: [projectId] } }), 'article.number')).toBe(
      'Artikelnummer ABO-1 ist bereits vergeben',
    );
    expect((await t.call('catalog.articles', {})).total).toBe(1);
  });

  it('edits the price table, audits the prices, and never deletes an article', async () => {
    const article = await aboBox();
    const updated = await t.call('catalog.updateArticle', {
      id: article.id,
      article: {
        number: 'ABO-1', name: 'Abo-Box', kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupId, projectIds: [projectId],
        variants: [...FAQ_VARIANTS, { price: '80', currency: 'EUR', minQuantity: '10', validFrom: '2021-01-01' }],
      },
    });
    expect(updated.variants).toHaveLength(4);
    const tier = await t.call('catalog.resolvePrice', { articleId: article.id, currency: 'EUR', quantity: '12', date: '2026-01-01' });
    expect(tier).toMatchObject({ unitPrice: '80.0000', net: '960.00', tax: '182.40', gross: '1142.40' });
    // only the price table changed: a "Preis" entry old → new, no empty "Artikel" update
    const articleAudit = await t.call('audit.list', { entity: 'Artikel', entityId: 'ABO-1' });
    expect(articleAudit.rows.map((r) => r.action)).toEqual(['CREATE']);
    expect(articleAudit.rows[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'kind', old: null, new: 'Abo-Artikel' },
        { field: 'unit', old: null, new: 'Monat' },
        { field: 'productGroup', old: null, new: 'Boxen' },
        { field: 'projects', old: null, new: 'P1' },
      ]),
    );
    const priceAudit = await t.call('audit.list', { entity: 'Preis', entityId: 'ABO-1' });
    expect(priceAudit.rows.map((r) => r.action).sort()).toEqual(['CREATE', 'UPDATE']);
    const priceChange = priceAudit.rows.find((r) => r.action === 'UPDATE')?.changes;
    expect(priceChange?.map((c) => c.field)).toEqual(['variants']);
    expect(priceChange?.[0]?.old).toBe('84,0336 EUR; 86,2069 EUR, gültig ab 01.07.2020; 84,0336 EUR, gültig ab 01.01.2021');
    expect(priceChange?.[0]?.new).toBe(
      '84,0336 EUR; 86,2069 EUR, gültig ab 01.07.2020; 84,0336 EUR, gültig ab 01.01.2021; 80,00 EUR ab Menge 10, gültig ab 01.01.2021',
    );

    await t.call('catalog.setArticleActive', { id: article.id, active: false });
    expect((await t.call('catalog.articles', {})).total).toBe(0);
    expect((await t.call('catalog.articles', { includeInactive: true })).rows[0]).toMatchObject({ number: 'ABO-1', active: false, projects: 'P1' });
    const snapshot = await articleAuditSnapshot(t.session.company().db.dataSource.manager, article.id);
    expect(snapshot.article).toMatchObject({ articleNumber: 'ABO-1', active: false, projects: 'P1' });
    expect(snapshot.price).toEqual({ variants: priceAudit.rows.find((r) => r.action === 'UPDATE')?.changes[0]?.new });
    const raw = t.session.company().db.raw;
    expect(() => raw.prepare('DELETE FROM article WHERE id = ?').run(article.id)).toThrow(/deaktivieren/);
    // unit prices are INTEGER 1/10 000 in SQLite, never REAL
    const types = raw.prepare('SELECT DISTINCT typeof(price_units) AS t FROM price_variant').all() as { t: string }[];
    expect(types).toEqual([{ t: 'integer' }]);
  });

  it('refuses to change kind or unit of an article a contract already uses', async () => {
    const article = await aboBox();
    const fields = { number: 'ABO-1', name: 'Abo-Box', kind: 'SUBSCRIPTION' as const, unit: 'MONTH', productGroupId, projectIds: [projectId], variants: FAQ_VARIANTS };
    // unused: the unit may still be corrected
    await t.call('catalog.updateArticle', { id: article.id, article: { ...fields, unit: 'WEEK' } });
    await t.call('catalog.updateArticle', { id: article.id, article: fields });
    const customer = await t.call('customers.create', { customer: { companyName: 'Kundin GmbH' } });
    const raw = t.session.company().db.raw;
    const contractId = raw
      .prepare(`INSERT INTO contract(number, customer_id, project_id, currency, start_date, interval_count, interval_unit, created_at, updated_at)
        VALUES ('V1', ?, ?, 'EUR', '2020-06-01', 1, 'MONTH', 'x', 'x')`)
      .run(customer.id, projectId).lastInsertRowid;
    raw.prepare(`INSERT INTO subscription_item(contract_id, article_id, quantity, active_from, created_at, updated_at) VALUES (?, ?, '1', '2020-06-01', 'x', 'x')`).run(contractId, article.id);
    const unit = await t.tryCall('catalog.updateArticle', { id: article.id, article: { ...fields, unit: 'YEAR' } });
    expect(fieldErrorOf(unit, 'article.unit')).toContain('wird bereits in Verträgen verwendet');
    const kind = await t.tryCall('catalog.updateArticle', { id: article.id, article: { ...fields, kind: 'ONE_TIME', unit: 'Stück' } });
    expect(fieldErrorOf(kind, 'article.kind')).toContain('Art und Einheit können nicht mehr geändert werden');
    // prices and names stay editable
    const renamed = await t.call('catalog.updateArticle', { id: article.id, article: { ...fields, name: 'Abo-Box groß' } });
    expect(renamed.name).toBe('Abo-Box groß');
  });

  it('lists and filters articles by search, kind and project', async () => {
    await aboBox();
    const p2 = (await t.call('catalog.saveProject', { project: { number: 'P2', name: 'Beratung' } })).id;
    await t.call('catalog.createArticle', {
      article: { number: 'B-1', name: 'Beratungsstunde', kind: 'ONE_TIME', unit: 'Stunde', productGroupId, projectIds: [p2, projectId], variants: [{ price: '95', currency: 'EUR' }] },
    });
    expect((await t.call('catalog.articles', { search: 'stunde' })).rows.map((r) => r.number)).toEqual(['B-1']);
    expect((await t.call('catalog.articles', { kind: 'SUBSCRIPTION' })).rows.map((r) => r.number)).toEqual(['ABO-1']);
    expect((await t.call('catalog.articles', { projectId: p2 })).rows.map((r) => [r.number, r.projects])).toEqual([['B-1', 'P1, P2']]);
    const projects = await t.call('catalog.projects', {});
    expect(projects.map((p) => [p.number, p.articleCount])).toEqual([['P1', 2], ['P2', 1]]);
  });

  it('finds and sorts articles by name as a German reads them: „über“ and „uber“ find „Übersetzung“, Ä sorts with A', async () => {
    const one = (number: string, name: string) =>
      t.call('catalog.createArticle', { article: { number, name, kind: 'ONE_TIME', unit: 'Stück', productGroupId, projectIds: [projectId], variants: [] } });
    await one('Z-1', 'Zubehör');
    await one('UE-1', 'Übersetzung Pauschale');
    const armschoner = await one('AE-1', 'Ärmelschoner');
    await one('B-1', 'Bürste');
    const numbers = async (input: { search?: string; sort?: 'name'; direction?: 'desc' }) => (await t.call('catalog.articles', input)).rows.map((r) => r.number);
    expect(await numbers({ sort: 'name' })).toEqual(['AE-1', 'B-1', 'UE-1', 'Z-1']);
    expect(await numbers({ sort: 'name', direction: 'desc' })).toEqual(['Z-1', 'UE-1', 'B-1', 'AE-1']);
    for (const term of ['über', 'ÜBER', 'uber', 'setzung']) expect(await numbers({ search: term })).toEqual(['UE-1']);
    await t.call('catalog.updateArticle', { id: armschoner.id, article: { ...armschoner, projectIds: [projectId], name: 'Überzug', variants: [] } });
    expect(await numbers({ search: 'uber', sort: 'name' })).toEqual(['UE-1', 'AE-1']);
  });

  it('edits projects and product groups, refuses duplicates, and audits both', async () => {
    await t.call('catalog.saveProject', { id: projectId, project: { number: 'P1', name: 'Abo-Boxen Nord', description: 'Versand ab Hamburg' } });
    expect(fieldErrorOf(await t.tryCall('catalog.saveProject', { project: { number: 'P1', name: 'Doppelt' } }), 'project.number')).toBe(
      'Projektnummer P1 ist bereits vergeben',
    );
    expect(fieldErrorOf(await t.tryCall('catalog.saveProject', { project: { number: ' ', name: 'X' } }), 'project.number')).toBe(
      'Projektnummer ist ein Pflichtfeld',
    );
    const projectAudit = await t.call('audit.list', { entity: 'Projekt', entityId: 'P1' });
    expect(projectAudit.rows.find((r) => r.action === 'UPDATE')?.changes).toEqual([
      { field: 'name', old: 'Abo-Boxen', new: 'Abo-Boxen Nord' },
      { field: 'description', old: null, new: 'Versand ab Hamburg' },
    ]);
    const reduced = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_REDUCED');
    await t.call('catalog.saveProductGroup', { id: productGroupId, productGroup: { name: 'Boxen', taxGroupId: reduced?.id ?? 0 } });
    expect((await t.call('catalog.productGroups', {}))[0]?.taxGroupName).toBe('Deutschland / ermäßigt');
    const groupAudit = await t.call('audit.list', { entity: 'Warengruppe', entityId: String(productGroupId) });
    expect(groupAudit.rows.find((r) => r.action === 'UPDATE')?.changes).toEqual([{ field: 'taxGroup', old: 'Deutschland / Regelsteuersatz', new: 'Deutschland / ermäßigt' }]);
    expect(fieldErrorOf(await t.tryCall('catalog.saveProductGroup', { productGroup: { name: 'Boxen', taxGroupId: reduced?.id ?? 0 } }), 'productGroup.name')).toBe(
      'Warengruppe „Boxen“ gibt es bereits',
    );
  });

  it('uses the product group revenue account override for the article', async () => {
    const standard = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_STANDARD');
    const pg = await t.call('catalog.saveProductGroup', { productGroup: { name: 'Software', taxGroupId: standard?.id ?? 0, accountSkr03: '8401' } });
    const a = await t.call('catalog.createArticle', {
      article: { number: 'S-1', name: 'Lizenz', kind: 'SUBSCRIPTION', unit: 'YEAR', productGroupId: pg.id, projectIds: [projectId], variants: [{ price: '100', currency: 'EUR' }] },
    });
    const tax = await resolveArticleTax(t.session.company().db.dataSource.manager, a.id, '2026-01-01');
    expect([tax.accountSkr03, tax.accountSkr04, tax.rate.toString()]).toEqual(['8401', '4400', '19']);
    const badAccount = await t.tryCall('catalog.saveProductGroup', { productGroup: { name: 'X', taxGroupId: standard?.id ?? 0, accountSkr03: '84a' } });
    expect(fieldErrorOf(badAccount, 'productGroup.accountSkr03')).toBe('Erlöskonto: 4 bis 8 Ziffern');
  });
});
