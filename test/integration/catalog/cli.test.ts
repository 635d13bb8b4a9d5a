import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { createArticle, listTaxGroups, saveProductGroup, saveProject, saveTaxGroup } from '../../../main/catalog/service';
import { openCompanyDb } from '../../../main/db/company-db';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('catalog CLI: articles list, prices resolve', () => {
  let dir: string;
  let filePath: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-catalog-cli-'));
    process.env.ABOWERK_DATA_DIR = dir;
    process.env.ABOWERK_ACTOR = 'cli-test';
    const created = await cli('company', 'create', '--name', 'Kiste & Co. GmbH', '--kind', 'SANDBOX', '--json');
    expect(created.code).toBe(0);
    filePath = (JSON.parse(created.out) as { filePath: string }).filePath;
    const db = await openCompanyDb(filePath);
    try {
      const who = { actor: 'test', at: '2026-11-28T09:00:00.000Z' };
      const project = await saveProject(db, undefined, { number: 'P1', name: 'Abo-Boxen', description: null }, who);
      const standard = (await listTaxGroups(db.dataSource.manager)).find((g) => g.code === 'DE_STANDARD');
      const group = await saveProductGroup(db, undefined, { name: 'Boxen', taxGroupId: standard?.id ?? 0, accountSkr03: null, accountSkr04: null }, who);
      await createArticle(
        db,
        {
          number: 'ABO-1', name: 'Abo-Box', description: null, kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupId: group.id, projectIds: [project.id], active: true,
          variants: [
            { price: '84.0336', currency: 'EUR', minQuantity: null, validFrom: null },
            { price: '86.2069', currency: 'EUR', minQuantity: null, validFrom: '2020-07-01' },
            { price: '84.0336', currency: 'EUR', minQuantity: null, validFrom: '2021-01-01' },
          ],
        },
        who,
      );
    } finally {
      await db.close();
    }
  });
  afterEach(() => {
    delete process.env.ABOWERK_DATA_DIR;
    delete process.env.ABOWERK_ACTOR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists articles with kind, unit, product group and projects', async () => {
    const list = await cli('articles', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/ABO-1\s+Abo-Box\s+Abo-Artikel\s+Monat\s+Boxen\s+P1/);
    expect(list.out).toContain('1 Artikel gesamt');
    const json = await cli('articles', 'list', '--kind', 'ONE_TIME', '--json');
    expect(JSON.parse(json.out).total).toBe(0);
  });

  it('lists the seeded tax groups with their rates over time and accounts', async () => {
    const r = await cli('tax-groups', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('SKR03 8400 / SKR04 4400  19\u00a0% 01.01.2007–30.06.2020, 16\u00a0% 01.07.2020–31.12.2020, 19\u00a0% 01.01.2021–…');
    expect(r.out).toContain('EU_REVERSE_CHARGE');
  });

  it('shows each tax group\'s treatment in German, also for a group of its own whose code says nothing', async () => {
    const db = await openCompanyDb(filePath);
    try {
      await saveTaxGroup(db, undefined, {
        code: 'XYZ', name: 'Leistungen an Unternehmer im Ausland', invoiceNote: null, requiresVatId: true, treatment: 'REVERSE_CHARGE', accountSkr03: null, accountSkr04: null,
        rates: [{ rate: '0', validFrom: null, validTo: null }],
      }, { actor: 'test', at: '2026-11-28T09:00:00.000Z' });
    } finally {
      await db.close();
    }
    const r = await cli('tax-groups', 'list');
    expect(r.code).toBe(0);
    const line = (code: string) => r.out.split('\n').find((l) => l.startsWith(`${code} `)) ?? '';
    expect(line('DE_STANDARD')).toMatch(/ Steuerpflichtig \(Umsatzsteuer ausweisen\) +SKR03 8400 /);
    expect(line('DE_SMALL_BUSINESS')).toContain(' Kleinunternehmer (§ 19 UStG, keine Umsatzsteuer) ');
    expect(line('NON_EU')).toContain(' Nicht im Inland steuerbar (z. B. Drittland) ');
    expect(line('XYZ')).toMatch(/ Reverse Charge \(Steuerschuldnerschaft des Leistungsempfängers\) SKR03 — \/ SKR04 —  0\u00a0% …–…$/);
  });

  it('S1 prices resolve on 15.07.2020 shows 86,2069 net, 16 %, gross 100,00', async () => {
    const r = await cli('prices', 'resolve', '--article', 'ABO-1', '--currency', 'EUR', '--qty', '1', '--date', '15.07.2020');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nettopreis:  86,2069 EUR');
    expect(r.out).toContain('USt:         16\u00a0% = 13,79\u00a0€');
    expect(r.out).toContain('Brutto:      100,00\u00a0€');
    const json = await cli('prices', 'resolve', '--article', 'ABO-1', '--date', '2021-01-01', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ unitPrice: '84.0336', taxRate: '19', gross: '100.00' });
  });

  it('prices resolve in CHF fails with the German PRICE_NOT_FOUND message', async () => {
    const r = await cli('prices', 'resolve', '--article', 'ABO-1', '--currency', 'CHF', '--qty', '1', '--date', '01.01.2026');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Für Artikel ABO-1 „Abo-Box“ konnte kein Preis in CHF für Menge 1 zum 01.01.2026 ermittelt werden.');
    const bad = await cli('prices', 'resolve', '--article', 'ABO-1', '--date', '31.02.2026');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('kein gültiges Datum');
  });
});
