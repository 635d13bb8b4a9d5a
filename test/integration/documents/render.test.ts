import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInvoiceDefinition } from '../../../main/documents/invoice-definition';
import { renderDefinition, renderInvoicePdf, sha256Hex } from '../../../main/documents/render';
import { renderDocuments, RenderPool, type BatchProgress } from '../../../main/documents/render-pool';
import { anInvoice, creditNote, KLEINUNTERNEHMER_NOTE, REVERSE_CHARGE_NOTE, reverseCharge, s1July, s1June, s6Interim, s6Storno, sixtyLines, smallBusiness, withCredit } from '../../unit/documents/fixtures';
import { pdfPages, pdfText, readQrCode, rotatedTexts, snapshotPng } from './pdf-text';

const SECTION_14 = [
  'Boxenstopp Abo GmbH',
  'Hauptstraße 12',
  '80331 München',
  'Steuernummer: 143/123/45678',
  'USt-IdNr.: DE123456789',
  'Müller & Söhne KG',
  'Gartenweg 5',
  '50667 Köln',
  'Rechnungsdatum',
  'Kundennummer',
  'K-10001',
  'Geschäftsführung: Erika Mustermann',
  'Amtsgericht München, HRB 123456',
];

describe('rendered invoices (pdftotext)', () => {
  it('S1 June 2020: every § 14 field, 84,03 + 19 % 15,97 = 100,00, the period', async () => {
    const pdf = await renderInvoicePdf(s1June);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const field of SECTION_14) expect(text).toContain(field);
    expect(text).toContain('Rechnung Nr. RE-2020-000001');
    expect(text).toContain('01.06.2020');
    expect(text).toContain('Abo-Box');
    expect(text).toContain('Leistungszeitraum 01.06.–30.06.2020');
    expect(text).toContain('84,0336');
    expect(text).toContain('84,03 €');
    expect(text).toContain('zzgl. Umsatzsteuer 19 % auf 84,03 €');
    expect(text).toContain('15,97 €');
    expect(text).toContain('100,00 €');
    expect(text).toContain('Zahlbar innerhalb von 14 Tagen ohne Abzug.');
    expect(text).toContain('15.06.2020');
    expect(text).toContain('DE02 7015 0000 0000 5949 37');
    expect(text).toContain('GiroCode');
    expect(text).toContain('Seite 1 von 1');
    expect(await rotatedTexts(pdf)).toEqual([]);
    snapshotPng(pdf, 'invoice-s1-june-2020');
  });

  it('the GiroCode on the page scans back to the EPC transfer: IBAN, amount due and invoice number', async () => {
    const pdf = await renderInvoicePdf(s1June);
    const scanned = readQrCode(pdf);
    expect(scanned).not.toBeNull();
    const lines = scanned!.split('\n');
    expect(lines.slice(0, 4)).toEqual(['BCD', '002', '1', 'SCT']);
    expect(lines[6]).toBe('DE02701500000000594937');
    expect(lines[7]).toBe('EUR100.00');
    expect(lines[10]).toContain('RE-2020-000001');
    // With customer credit applied (S7) the code asks for the amount still due, not the gross.
    expect(readQrCode(await renderInvoicePdf(withCredit))?.split('\n')[7]).toBe('EUR69.00');
  });

  it('S1 July 2020: 86,21 + 16 % 13,79 = 100,00', async () => {
    const pdf = await renderInvoicePdf(s1July);
    const text = pdfText(pdf);
    for (const field of SECTION_14) expect(text).toContain(field);
    expect(text).toContain('Leistungszeitraum 01.07.–31.07.2020');
    expect(text).toContain('86,2069');
    expect(text).toContain('zzgl. Umsatzsteuer 16 % auf 86,21 €');
    expect(text).toContain('13,79 €');
    expect(text).toContain('100,00 €');
  });

  it('S6 interim invoice: 270,00 + 51,30 = 321,30, settled from credit, 35,70 remaining', async () => {
    const pdf = await renderInvoicePdf(s6Interim);
    const text = pdfText(pdf);
    for (const field of SECTION_14) expect(text).toContain(field);
    expect(text).toContain('Leistungszeitraum 10.06.–09.09.2020');
    expect(text).toContain('abzüglich 10 % Rabatt');
    expect(text).toContain('270,00 €');
    expect(text).toContain('zzgl. Umsatzsteuer 19 % auf 270,00 €');
    expect(text).toContain('51,30 €');
    expect(text).toContain('321,30 €');
    expect(text).toMatch(/abzüglich Guthaben\s+321,30 €/);
    expect(text).not.toContain('-321,30');
    expect(text).toContain('Zu zahlender Betrag');
    expect(text).toContain('0,00 €');
    expect(text).toContain('Ihr verbleibendes Guthaben: 35,70 €');
    expect(text).not.toContain('GiroCode');
    snapshotPng(pdf, 'invoice-s6-interim-credit');
  });

  it('S6 storno: "Stornorechnung" with the original number and date, never "Gutschrift"', async () => {
    const pdf = await renderInvoicePdf({ ...s6Storno, sandbox: true });
    const text = pdfText(pdf);
    expect(text).toContain('Stornorechnung Nr. ST-2020-000001');
    expect(text).toContain('Storno zu Rechnung RE-2020-000002 vom 10.06.2020');
    expect(text).toContain('-357,00 €');
    expect(text).not.toContain('Gutschrift');
    expect(await rotatedTexts(pdf)).toEqual(['MUSTER – Sandbox']);
    snapshotPng(pdf, 'cancellation-s6-sandbox');
  });

  it('credit note, Kleinunternehmer and reverse charge', async () => {
    const credit = pdfText(await renderInvoicePdf(creditNote));
    expect(credit).toContain('Gutschrift Nr. GS-2026-000001');
    expect(credit).toContain('-26,75 €');
    const small = await renderInvoicePdf(smallBusiness);
    const smallText = pdfText(small);
    expect(smallText.replace(/\s+/g, ' ')).toContain(KLEINUNTERNEHMER_NOTE);
    expect(smallText).not.toMatch(/Umsatzsteuer \d/);
    const rc = await renderInvoicePdf(reverseCharge);
    const rcText = pdfText(rc).replace(/\s+/g, ' ');
    expect(rcText).toContain(REVERSE_CHARGE_NOTE);
    expect(rcText).toContain('USt-IdNr. des Leistungsempfängers: ATU12345678');
    expect(rcText).toContain('USt-IdNr. des leistenden Unternehmers: DE123456789');
    snapshotPng(await renderInvoicePdf(creditNote), 'credit-note');
    snapshotPng(small, 'invoice-kleinunternehmer');
    snapshotPng(rc, 'invoice-reverse-charge');
    snapshotPng(await renderInvoicePdf(withCredit), 'invoice-s7-credit-applied');
  });

  it('a 60-line invoice spans pages, repeats the table header and numbers "Seite x von y"', async () => {
    const pdf = await renderInvoicePdf(sixtyLines());
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(pdf, page);
      expect(text).toContain(`Seite ${page} von ${pages}`);
      // Every page that continues the table starts with its header row again.
      if (text.includes('Zusatzmodul')) {
        expect(text).toContain('Pos. Leistung Menge Einheit Einzelpreis USt Betrag (netto)');
        expect(text.indexOf('Einzelpreis')).toBeLessThan(text.indexOf('Zusatzmodul'));
      }
      if (page > 1) expect(text).toContain('Rechnung RE-2026-000060 vom 01.05.2026');
    }
    const all = pdfText(pdf);
    for (let i = 1; i <= 60; i++) expect(all).toContain(`Zusatzmodul ${i}\n`);
    expect(pdfText(pdf, 2)).toContain('Zusatzmodul');
    expect(all).toContain('2.177,70 €');
    snapshotPng(pdf, 'invoice-60-lines-page-2', 2);
  });

  it('the same document renders to the same bytes (stable SHA-256)', async () => {
    const a = await renderInvoicePdf(s1June);
    const b = await renderInvoicePdf(s1June);
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('embeds a PNG logo from the snapshot', async () => {
    const png = readFileSync(join(process.cwd(), 'resources', 'tray.png')).toString('base64');
    const pdf = await renderInvoicePdf(anInvoice({ issuer: { ...s1June.issuer, logo: { mime: 'image/png', base64: png } }, sandbox: true }));
    expect(await rotatedTexts(pdf)).toEqual(['MUSTER – Sandbox']);
    snapshotPng(pdf, 'invoice-with-logo-sandbox');
  });

  it('refuses to fetch URLs or read local files named in a definition', async () => {
    const def = buildInvoiceDefinition(s1June);
    await expect(renderDefinition({ ...def, images: { logo: 'https://example.com/logo.png' } })).rejects.toThrow(/denied/);
    await expect(renderDefinition({ ...def, images: { logo: '/etc/hostname' }, content: [{ image: 'logo' }] })).rejects.toThrow(/denied/);
  });
});

describe('render pool', () => {
  let workerFile: string;
  beforeAll(async () => {
    workerFile = join(process.cwd(), 'node_modules', '.cache', 'abowerk-test', `pdf-worker-${process.pid}.js`);
    await build({ entryPoints: ['main/documents/render-worker.ts'], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
    process.env.ABOWERK_PDF_WORKER = workerFile;
  });
  afterAll(() => {
    delete process.env.ABOWERK_PDF_WORKER;
  });

  it('renders a batch in worker threads with progress, the same bytes as in-thread', async () => {
    expect(existsSync(workerFile)).toBe(true);
    const docs = [s1June, s1July, s6Interim, s6Storno, creditNote, smallBusiness, reverseCharge, withCredit];
    const progress: BatchProgress[] = [];
    const hashes = new Map<number, string>();
    const result = await renderDocuments(docs, { poolSize: 2, onResult: (r) => void hashes.set(r.index, r.sha256), onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ rendered: 8, failed: 0, cancelled: false, workers: 2 });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.at(-1)).toEqual({ done: 8, total: 8, failed: 0 });
    for (const [index, doc] of docs.entries()) expect(hashes.get(index)).toBe(sha256Hex(await renderInvoicePdf(doc)));
  });

  it('reports a failing document and goes on; stops handing out work when cancelled', async () => {
    const pool = RenderPool.create(2);
    expect(pool).not.toBeNull();
    try {
      const broken = anInvoice({ lines: [{ ...s1June.lines[0]!, net: 'kaputt' }] });
      const errors: number[] = [];
      const ok = await pool!.renderBatch([s1June, broken, s1July], { onResult: () => undefined, onError: (i) => errors.push(i) });
      expect(ok).toMatchObject({ rendered: 2, failed: 1, cancelled: false });
      expect(errors).toEqual([1]);
      let seen = 0;
      const stopped = await pool!.renderBatch(Array.from({ length: 20 }, () => s1June), { onResult: () => void seen++, isCancelled: () => seen >= 3 });
      expect(stopped.cancelled).toBe(true);
      expect(stopped.rendered).toBeLessThan(20);
    } finally {
      await pool!.close();
    }
  });
});
