import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveFolderOf } from '../../../main/documents/archive';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { aCustomer, issue, s6 } from './factories';
import { pdfText, rotatedTexts, snapshotPng } from './pdf-text';

const pdfOf = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

describe('documents archive on a company file', () => {
  let t: TestCompany;
  afterEach(async () => t.close());

  it('S6 re-billing: storno and interim invoice are archived when issued and served from the archive', async () => {
    t = await createTestCompany();
    const ids = await s6(t);
    const interim = await t.call('documents.pdf', { invoiceId: ids.interim });
    const text = pdfText(pdfOf(interim));
    for (const field of ['Musterfirma Abo GmbH', 'Hauptstraße 1', '10115 Berlin', 'Steuernummer: 30/123/45678', 'USt-IdNr.: DE123456789', 'Müller & Söhne KG', 'Gartenweg 5', '50667 Köln']) {
      expect(text).toContain(field);
    }
    expect(text).toContain('Rechnung Nr. RE-2020-000003');
    expect(text).toContain('Rechnungsdatum 08.09.2020');
    expect(text).toContain('Leistungszeitraum 10.06.–09.09.2020');
    expect(text).toContain('abzüglich 10 % Rabatt');
    expect(text).toContain('Summe netto 270,00 €');
    expect(text).toContain('zzgl. Umsatzsteuer 19 % auf 270,00 € 51,30 €');
    expect(text).toContain('Rechnungsbetrag 321,30 €');
    expect(text).toContain('abzüglich Guthaben 321,30 €');
    expect(text).toContain('Zu zahlender Betrag 0,00 €');
    expect(text).toContain('Ihr verbleibendes Guthaben: 35,70 €');
    expect(text).toContain('vollständig mit Ihrem Guthaben verrechnet');

    const storno = pdfText(pdfOf(await t.call('documents.pdf', { number: 'ST-2020-000001' })));
    expect(storno).toContain('Stornorechnung Nr. ST-2020-000001');
    expect(storno).toContain('Storno zu Rechnung RE-2020-000002 vom 10.06.2020');
    expect(storno).toContain('Stornobetrag -357,00 €');
    expect(storno).not.toContain('Gutschrift');

    // Served from the archive: the same bytes, the file on disk, a read-only file.
    const again = await t.call('documents.pdf', { invoiceId: ids.interim });
    expect(again.sha256).toBe(interim.sha256);
    expect(again.base64).toBe(interim.base64);
    const file = join(archiveFolderOf(t.session.company().db.filePath), '2020', 'RE-2020-000003.pdf');
    expect(readFileSync(file).equals(pdfOf(interim))).toBe(true);
    const list = await t.call('documents.list', { search: 'RE-2020' });
    expect(list.total).toBe(3);
    expect(list.rows.every((r) => r.sha256 !== null)).toBe(true);
  });

  it('a later address change never alters the archived document', async () => {
    t = await createTestCompany();
    const c = await aCustomer(t);
    const id = await issue(t, c.accountId, {
      customerId: c.id,
      number: 'RE-2026-000001',
      issueDate: '2026-11-01',
      dueDate: '2026-11-15',
      lines: [{ description: 'Abo-Box', quantity: '1', unit: 'MONTH', unitPriceUnits: 840336, netCents: 8403, taxRate: '19', periodStart: '2026-11-01', periodEnd: '2026-11-30' }],
      taxes: [{ rate: '19', netCents: 8403, taxCents: 1597 }],
    });
    const before = await t.call('documents.pdf', { invoiceId: id });
    await t.call('company.updateProfile', { profile: { ...t.session.company().info.profile, street: 'Neue Straße 99' } });
    await t.call('documents.saveSettings', { settings: { managingDirector: 'Neue Chefin' } });
    const after = await t.call('documents.pdf', { invoiceId: id });
    expect(after.sha256).toBe(before.sha256);
    expect(pdfText(pdfOf(after))).toContain('Hauptstraße 1');
    expect(pdfText(pdfOf(after))).toContain('GiroCode');
  });

  it('the integrity check reports a changed and a missing archive file; serving refuses them', async () => {
    t = await createTestCompany();
    const ids = await s6(t);
    expect(await t.call('documents.checkIntegrity', {})).toMatchObject({ total: 4, ok: 4, problems: [] });
    const folder = archiveFolderOf(t.session.company().db.filePath);
    const changed = join(folder, '2020', 'RE-2020-000003.pdf');
    chmodSync(changed, 0o644);
    const bytes = readFileSync(changed);
    bytes[bytes.length - 10] = 0x20;
    writeFileSync(changed, bytes);
    unlinkSync(join(folder, '2020', 'ST-2020-000001.pdf'));
    const report = await t.call('documents.checkIntegrity', {});
    expect(report.total).toBe(4);
    expect(report.ok).toBe(2);
    expect(report.problems.map((p) => [p.invoiceNumber, p.problem])).toEqual([
      ['ST-2020-000001', 'MISSING'],
      ['RE-2020-000003', 'MISMATCH'],
    ]);
    const served = await t.tryCall('documents.pdf', { invoiceId: ids.interim });
    expect(served.ok).toBe(false);
    expect(!served.ok && served.error.code).toBe('INTEGRITY');
    expect((await t.call('documents.archiveInfo', {})).lastCheck?.problems).toHaveLength(2);
  });

  it('archive rows cannot be changed or deleted (database triggers)', async () => {
    t = await createTestCompany();
    await s6(t);
    const raw = t.session.company().db.raw;
    expect(() => raw.prepare(`UPDATE document_archive SET sha256 = ?`).run('0'.repeat(64))).toThrow(/unveränderlich/);
    expect(() => raw.prepare(`DELETE FROM document_archive`).run()).toThrow(/nicht gelöscht/);
  });

  it('a sandbox company watermarks its documents "MUSTER – Sandbox"', async () => {
    t = await createTestCompany({ kind: 'SANDBOX' });
    const ids = await s6(t);
    const pdf = pdfOf(await t.call('documents.pdf', { invoiceId: ids.interim }));
    expect(await rotatedTexts(pdf)).toEqual(['MUSTER – Sandbox']);
  });

  it('a document not archived at issue is archived once on first request, pending ones in a batch', async () => {
    t = await createTestCompany();
    const c = await aCustomer(t);
    const spec = (n: number) => ({
      customerId: c.id,
      number: `RE-2026-00010${n}`,
      issueDate: '2026-11-02',
      dueDate: '2026-11-16',
      lines: [{ description: `Modul ${n}`, quantity: '2', unit: 'Stück', unitPriceUnits: 500000, netCents: 10000, taxRate: '19', serviceDate: '2026-11-02' }],
      taxes: [{ rate: '19', netCents: 10000, taxCents: 1900 }],
      archive: false,
    });
    const first = await issue(t, c.accountId, spec(1));
    for (const n of [2, 3, 4]) await issue(t, c.accountId, spec(n));
    expect((await t.call('documents.archiveInfo', {})).pending).toBe(4);
    const served = await t.call('documents.pdf', { invoiceId: first });
    expect(pdfText(pdfOf(served))).toContain('Leistungsdatum 02.11.2026');
    expect(await t.call('documents.archivePending', {})).toEqual({ archived: 3, failed: 0 });
    expect(await t.call('documents.archivePending', {})).toEqual({ archived: 0, failed: 0 });
    const info = await t.call('documents.archiveInfo', {});
    expect(info).toMatchObject({ archived: 4, pending: 0 });
    expect(existsSync(join(info.folder, '2026', 'RE-2026-000104.pdf'))).toBe(true);
  });

  it('jobs "Belege archivieren" and "Belegarchiv prüfen" archive pending documents and check the archive', async () => {
    t = await createTestCompany();
    const c = await aCustomer(t);
    for (const n of [1, 2, 3]) {
      await issue(t, c.accountId, {
        customerId: c.id,
        number: `RE-2026-00030${n}`,
        issueDate: '2026-11-03',
        dueDate: '2026-11-17',
        lines: [{ description: 'Abo-Box', quantity: '1', unit: 'MONTH', unitPriceUnits: 840336, netCents: 8403, taxRate: '19', periodStart: '2026-11-01', periodEnd: '2026-11-30' }],
        taxes: [{ rate: '19', netCents: 8403, taxCents: 1597 }],
        archive: false,
      });
    }
    const archived = await t.call('jobs.runAndWait', { name: 'documents.archive' });
    expect(archived.state).toBe('DONE');
    expect(archived.counts).toMatchObject({ archiviert: 3, fehlgeschlagen: 0 });
    const checked = await t.call('jobs.runAndWait', { name: 'documents.integrity' });
    expect(checked.counts).toMatchObject({ geprüft: 3, inOrdnung: 3, fehler: 0 });
    expect(checked.message).toBe('3 von 3 Belegen unverändert');
  });

  it('refuses to archive a document while a § 14 field is missing, naming it', async () => {
    t = await createTestCompany();
    const c = await aCustomer(t);
    const result = await issue(t, c.accountId, {
      customerId: c.id,
      number: 'RE-2026-000200',
      issueDate: '2026-11-02',
      lines: [{ description: 'Ohne Leistungsdatum', quantity: '1', unit: 'Stück', unitPriceUnits: 10000, netCents: 100, taxRate: '19' }],
      taxes: [{ rate: '19', netCents: 100, taxCents: 19 }],
    }).catch((e: unknown) => e);
    expect(String((result as Error).message)).toContain('Leistungsdatum oder Leistungszeitraum der Position 1');
    expect((await t.call('documents.list', {})).total).toBe(0); // the whole issue rolled back
  });
});

describe('document settings', () => {
  let t: TestCompany;
  afterEach(async () => t.close());

  it('stores letterhead, footer, managing director, register entry and a PNG logo; the sample shows them', async () => {
    t = await createTestCompany();
    const logo = readFileSync(join(process.cwd(), 'resources', 'tray.png')).toString('base64');
    const saved = await t.call('documents.saveSettings', {
      settings: {
        managingDirector: 'Erika Mustermann',
        registerEntry: 'Amtsgericht Berlin-Charlottenburg, HRB 99999',
        website: 'www.musterfirma.example',
        letterhead: ['Abo-Boxen aus Berlin'],
        footerNote: 'Es gelten unsere AGB.',
        logo: { mime: 'image/png', base64: logo },
        paymentTermsText: 'Zahlbar binnen {tage} Tagen netto.',
      },
    });
    expect(saved.managingDirector).toBe('Erika Mustermann');
    expect((await t.call('documents.getSettings', {})).logo?.mime).toBe('image/png');
    const sample = pdfOf(await t.call('documents.samplePdf', {}));
    const text = pdfText(sample);
    for (const s of ['Geschäftsführung: Erika Mustermann', 'Amtsgericht Berlin-Charlottenburg, HRB 99999', 'www.musterfirma.example', 'Abo-Boxen aus Berlin', 'Es gelten unsere AGB.', 'Zahlbar binnen 14 Tagen netto.']) {
      expect(text).toContain(s);
    }
    snapshotPng(sample, 'settings-sample-with-logo');
  });

  it('rejects a logo that is not the image it claims to be', async () => {
    t = await createTestCompany();
    const result = await t.tryCall('documents.saveSettings', { settings: { logo: { mime: 'image/jpeg', base64: readFileSync(join(process.cwd(), 'resources', 'tray.png')).toString('base64') } } });
    expect(fieldErrorOf(result, 'logo')).toBe('Die Datei ist kein JPEG-Bild');
    const gif = await t.tryCall('documents.saveSettings', { settings: { logo: { mime: 'image/gif', base64: 'R0lGOD' } } });
    expect(gif.ok).toBe(false);
  });
});
