// The tax treatment (normal, Kleinunternehmer, reverse charge, not taxable) is a property of the
// tax group, never read from its code (DOMAIN §3): seeded groups keep code and treatment, user
// groups choose one, and the migration gives older files what their codes meant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaxGroupDto, TaxGroupInput } from '../../../shared/api/catalog';
import { openCompanyDb } from '../../../main/db/company-db';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, aProductGroup, billOn } from '../billing/support';

/** The save input of a listed group, with changes. */
const inputOf = (g: TaxGroupDto, over: Partial<TaxGroupInput> = {}): TaxGroupInput => ({
  code: g.code,
  name: g.name,
  invoiceNote: g.invoiceNote,
  accountSkr03: g.accountSkr03,
  accountSkr04: g.accountSkr04,
  requiresVatId: g.requiresVatId,
  treatment: g.treatment,
  rates: g.rates.map((r) => ({ rate: r.rate, validFrom: r.validFrom, validTo: r.validTo })),
  ...over,
});

describe('tax treatment of tax groups', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
  });
  afterEach(async () => t.close());

  const group = async (code: string) => (await t.call('catalog.taxGroups', {})).find((g) => g.code === code)!;

  it('the five seeded groups carry their treatment and are marked as seeded', async () => {
    const groups = await t.call('catalog.taxGroups', {});
    expect(groups.map((g) => [g.code, g.treatment, g.seeded])).toEqual([
      ['DE_STANDARD', 'STANDARD', true],
      ['DE_REDUCED', 'STANDARD', true],
      ['DE_SMALL_BUSINESS', 'KLEINUNTERNEHMER', true],
      ['EU_REVERSE_CHARGE', 'REVERSE_CHARGE', true],
      ['NON_EU', 'NOT_TAXABLE', true],
    ]);
  });

  it('a seeded group keeps its code and treatment (German field errors); its name and note stay editable', async () => {
    const ku = await group('DE_SMALL_BUSINESS');
    const renamed = await t.tryCall('catalog.saveTaxGroup', { id: ku.id, taxGroup: inputOf(ku, { code: 'KLEINUNTERNEHMER' }) });
    expect(fieldErrorOf(renamed, 'taxGroup.code')).toBe(
      'Das Kürzel der mitgelieferten Steuergruppe „Deutschland / Steuerfrei (Kleinunternehmer)“ kann nicht geändert werden (DE_SMALL_BUSINESS)',
    );
    const retreated = await t.tryCall('catalog.saveTaxGroup', { id: ku.id, taxGroup: inputOf(ku, { treatment: 'STANDARD' }) });
    expect(fieldErrorOf(retreated, 'taxGroup.treatment')).toBe(
      'Die steuerliche Behandlung der mitgelieferten Steuergruppe „Deutschland / Steuerfrei (Kleinunternehmer)“ kann nicht geändert werden',
    );
    const saved = await t.call('catalog.saveTaxGroup', { id: ku.id, taxGroup: inputOf(ku, { name: 'Kleinunternehmer', treatment: undefined }) });
    expect([saved.code, saved.name, saved.treatment]).toEqual(['DE_SMALL_BUSINESS', 'Kleinunternehmer', 'KLEINUNTERNEHMER']);
  });

  it('a user-made group gets the treatment chosen; without one, a VAT-ID group at 0 % is reverse charge, others are standard, an edit keeps it', async () => {
    const base = { name: 'Eigene', invoiceNote: 'Hinweis', rates: [{ rate: '0', validFrom: null, validTo: null }] };
    const chosen = await t.call('catalog.saveTaxGroup', { taxGroup: { ...base, code: 'DRITTLAND_CH', treatment: 'NOT_TAXABLE' } });
    expect([chosen.treatment, chosen.seeded]).toEqual(['NOT_TAXABLE', false]);
    const rc = await t.call('catalog.saveTaxGroup', { taxGroup: { ...base, code: 'EU_RC_AT', requiresVatId: true } });
    expect(rc.treatment).toBe('REVERSE_CHARGE');
    const plain = await t.call('catalog.saveTaxGroup', { taxGroup: { ...base, code: 'NULL_PROZENT' } });
    expect(plain.treatment).toBe('STANDARD');
    const kept = await t.call('catalog.saveTaxGroup', { id: chosen.id, taxGroup: inputOf(chosen, { code: 'DRITTLAND_SCHWEIZ', treatment: undefined }) });
    expect([kept.code, kept.treatment]).toEqual(['DRITTLAND_SCHWEIZ', 'NOT_TAXABLE']);
    const audit = await t.call('audit.list', { entity: 'Steuergruppe', entityId: 'EU_RC_AT' });
    expect(audit.rows[0]?.changes.find((c) => c.field === 'treatment')?.new).toBe('Reverse Charge (Steuerschuldnerschaft des Leistungsempfängers)');
  });

  it('a group that charges no VAT takes only 0 % rates', async () => {
    const result = await t.tryCall('catalog.saveTaxGroup', {
      taxGroup: { code: 'KU_FALSCH', name: 'KU falsch', treatment: 'KLEINUNTERNEHMER', rates: [{ rate: '0', validFrom: null, validTo: '2025-12-31' }, { rate: '19', validFrom: '2026-01-01', validTo: null }] },
    });
    expect(fieldErrorOf(result, 'taxGroup.rates.1.rate')).toBe('Kleinunternehmer (§ 19 UStG, keine Umsatzsteuer): Es wird keine Umsatzsteuer berechnet, der Steuersatz muss 0 % sein');
    expect((await t.call('catalog.taxGroups', {})).map((g) => g.code)).not.toContain('KU_FALSCH');
  });
});

describe('tax treatment migration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-treatment-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file from before the treatment: groups and issued invoice lines get what their code meant; the lines stay immutable', async () => {
    const t = await createTestCompany({ now: '2026-01-01T09:00:00Z', dataDir: dir });
    const cat = await aCatalog(t);
    const customer = (
      await t.call('customers.create', { customer: { companyName: 'Wien GmbH', street: 'Ring 1', zip: '1010', city: 'Wien', country: 'AT', vatId: 'ATU12345678' } })
    ).id;
    const contract = await aContract(t, cat, { customerId: customer, startDate: '2026-01-01' });
    for (const [name, code] of [
      ['RC', 'EU_REVERSE_CHARGE'],
      ['KU', 'DE_SMALL_BUSINESS'],
      ['DL', 'NON_EU'],
    ] as const) {
      const article = await anArticle(t, cat, '10', { productGroupId: await aProductGroup(t, name, code) });
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    }
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '10'), '2026-01-01') });
    await billOn(t, '2026-01-01');
    const path = t.session.company().db.filePath;
    await t.close();
    // Back to the schema before the migration (the columns it adds, and its history row).
    const raw = new Database(path);
    raw.exec(`ALTER TABLE tax_group DROP COLUMN treatment`);
    raw.exec(`DROP TRIGGER invoice_line_no_update`);
    raw.exec(`ALTER TABLE invoice_line DROP COLUMN tax_treatment`);
    raw.exec(`CREATE TRIGGER invoice_line_no_update BEFORE UPDATE ON invoice_line BEGIN SELECT RAISE(ABORT, 'Positionen ausgestellter Rechnungen sind unveränderlich'); END`);
    raw.prepare(`DELETE FROM schema_migrations WHERE name = 'TaxTreatment1764400100000'`).run();
    raw.close();

    const db = await openCompanyDb(path);
    expect(db.raw.prepare(`SELECT code, treatment FROM tax_group ORDER BY id`).all()).toEqual([
      { code: 'DE_STANDARD', treatment: 'STANDARD' },
      { code: 'DE_REDUCED', treatment: 'STANDARD' },
      { code: 'DE_SMALL_BUSINESS', treatment: 'KLEINUNTERNEHMER' },
      { code: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE' },
      { code: 'NON_EU', treatment: 'NOT_TAXABLE' },
    ]);
    expect(db.raw.prepare(`SELECT tax_group_code, tax_treatment FROM invoice_line ORDER BY tax_group_code`).all()).toEqual([
      { tax_group_code: 'DE_SMALL_BUSINESS', tax_treatment: 'KLEINUNTERNEHMER' },
      { tax_group_code: 'DE_STANDARD', tax_treatment: 'STANDARD' },
      { tax_group_code: 'EU_REVERSE_CHARGE', tax_treatment: 'REVERSE_CHARGE' },
      { tax_group_code: 'NON_EU', tax_treatment: 'NOT_TAXABLE' },
    ]);
    expect(() => db.raw.prepare(`UPDATE invoice_line SET tax_treatment = 'STANDARD'`).run()).toThrow('Positionen ausgestellter Rechnungen sind unveränderlich');
    await db.close();
  });
});
