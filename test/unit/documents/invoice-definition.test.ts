import { describe, expect, it } from 'vitest';
import { buildInvoiceDefinition, LINE_TABLE_HEADERS, SANDBOX_WATERMARK } from '../../../main/documents/invoice-definition';
import type { PdfNode } from '../../../main/documents/pdf-types';
import { anInvoice, creditNote, KLEINUNTERNEHMER_NOTE, REVERSE_CHARGE_NOTE, reverseCharge, s1July, s1June, s6Interim, s6Storno, sixtyLines, smallBusiness, withCredit } from './fixtures';
import { joined, textsOf } from './definition-text';

function findTable(content: unknown, predicate: (node: PdfNode) => boolean): PdfNode | null {
  if (Array.isArray(content)) {
    for (const c of content) {
      const found = findTable(c, predicate);
      if (found) return found;
    }
    return null;
  }
  if (typeof content !== 'object' || content === null) return null;
  const node = content as PdfNode;
  if (node.table && predicate(node)) return node;
  for (const key of ['stack', 'columns']) {
    const found = findTable(node[key], predicate);
    if (found) return found;
  }
  return null;
}

describe('invoice definition: § 14 UStG fields', () => {
  const text = joined(buildInvoiceDefinition(s1June));

  it.each([
    ['issuer name and address', ['Boxenstopp Abo GmbH', 'Hauptstraße 12', '80331 München']],
    ['issuer tax number and VAT ID', ['Steuernummer: 143/123/45678', 'USt-IdNr.: DE123456789']],
    ['managing director and register entry', ['Geschäftsführung: Erika Mustermann', 'Amtsgericht München, HRB 123456']],
    ['recipient name and address', ['Müller & Söhne KG', 'Gartenweg 5', '50667 Köln']],
    ['number and issue date', ['Rechnung Nr. RE-2020-000001', 'Rechnungsdatum', '01.06.2020']],
    ['quantity, unit and kind of service', ['Abo-Box', 'Monat', '84,0336']],
    ['service period of the line', ['Leistungszeitraum 01.06.–30.06.2020']],
    ['net, rate, tax and gross', ['Summe netto', '84,03 €', 'zzgl. Umsatzsteuer 19 % auf 84,03 €', '15,97 €', 'Rechnungsbetrag', '100,00 €']],
    ['payment terms, due date and bank', ['Zahlbar innerhalb von 14 Tagen ohne Abzug.', 'bis zum 15.06.2020', 'DE02 7015 0000 0000 5949 37', 'SSKMDEMMXXX']],
    ['page numbers', ['Seite 1 von 1']],
  ])('shows %s', (_what, expected) => {
    for (const e of expected) expect(text).toContain(e);
  });

  it('S1 July 2020 shows 16 % with 13,79 on 86,21 and 100,00 gross', () => {
    const july = joined(buildInvoiceDefinition(s1July));
    expect(july).toContain('zzgl. Umsatzsteuer 16 % auf 86,21 €');
    expect(july).toContain('13,79 €');
    expect(july).toContain('100,00 €');
    expect(july).toContain('Leistungszeitraum 01.07.–31.07.2020');
  });

  it('prints "Seite x von y" on every page', () => {
    const def = buildInvoiceDefinition(s1June);
    expect(textsOf(def.footer(2, 3))).toContain('Seite 2 von 3');
    expect(textsOf(def.header(1, 3))).toEqual([]);
    expect(textsOf(def.header(2, 3)).join(' ')).toContain('Rechnung RE-2020-000001 vom 01.06.2020');
  });

  it('repeats the header row of the line table on each page', () => {
    const def = buildInvoiceDefinition(sixtyLines());
    const table = findTable(def.content, (n) => (n.table as { body: unknown[][] }).body.length === 61);
    expect(table).not.toBeNull();
    const spec = table?.table as { headerRows: number; body: unknown[][] };
    expect(spec.headerRows).toBe(1);
    expect(textsOf(spec.body[0] as never)).toEqual([...LINE_TABLE_HEADERS]);
  });

  it('has a GiroCode for a transfer with an amount due', () => {
    const def = buildInvoiceDefinition(s1June);
    expect(JSON.stringify(def.content)).toContain('"canvas"');
    expect(joined(def)).toContain('GiroCode');
  });

  it('has no GiroCode for direct debit and says the amount is collected', () => {
    const def = buildInvoiceDefinition(anInvoice({ payment: { method: 'DIRECT_DEBIT', dueDate: '2020-06-05', terms: null } }));
    expect(joined(def)).not.toContain('GiroCode');
    expect(joined(def)).toContain('Der Betrag von 100,00 € wird zum 05.06.2020 per SEPA-Lastschrift von Ihrem Konto eingezogen.');
  });
});

describe('invoice definition: special cases', () => {
  it('S8 Kleinunternehmer has no tax line and the § 19 note', () => {
    const text = joined(buildInvoiceDefinition(smallBusiness));
    expect(text).toContain(KLEINUNTERNEHMER_NOTE);
    expect(text).not.toMatch(/Umsatzsteuer \d/);
    expect(text).not.toContain('Summe netto');
    expect(text).toContain('Rechnungsbetrag');
    expect(text).toContain('119,00 €');
  });

  it('S8 Kleinunternehmer lines show 0 % USt (DOMAIN: "shows 0 VAT"), no tax line and no "netto"', () => {
    const spec = buildInvoiceDefinition(smallBusiness);
    const text = joined(spec);
    expect(text).toContain('Betrag');
    expect(text).not.toContain('Betrag (netto)');
    expect(text).toMatch(/\b0 %/);
    expect(text).not.toMatch(/Umsatzsteuer \d/);
    expect(text).not.toContain('USt ');
  });

  it('reverse charge shows both VAT IDs and the note, with 0 % tax', () => {
    const text = joined(buildInvoiceDefinition(reverseCharge));
    expect(text).toContain(REVERSE_CHARGE_NOTE);
    expect(text).toContain('USt-IdNr. des leistenden Unternehmers: DE123456789');
    expect(text).toContain('USt-IdNr. des Leistungsempfängers: ATU12345678');
    expect(text).toContain('Ihre USt-IdNr.');
    expect(text).toContain('Umsatzsteuer 0 % auf 500,00 € (Reverse Charge)');
    expect(text).toContain('ÖSTERREICH');
  });

  it('a storno is titled Stornorechnung, never Gutschrift, and names the original', () => {
    const text = joined(buildInvoiceDefinition(s6Storno));
    expect(text).toContain('Stornorechnung Nr. ST-2020-000001');
    expect(text).toContain('Storno zu Rechnung RE-2020-000002 vom 10.06.2020');
    expect(text).not.toContain('Gutschrift');
    expect(text).toContain('-357,00 €');
    expect(text).toContain('-300,00 €');
    expect(text).not.toContain('GiroCode');
  });

  it('a credit note is titled Gutschrift and carries no payment request', () => {
    const text = joined(buildInvoiceDefinition(creditNote));
    expect(text).toContain('Gutschrift Nr. GS-2026-000001');
    expect(text).toContain('Leistungsdatum 12.01.2026');
    expect(text).toContain('Leistungsdatum\n12.01.2026'); // info block: a single date is no period
    expect(text).toContain('Der Betrag wird Ihrem Kundenkonto gutgeschrieben.');
    expect(text).not.toContain('Bitte überweisen');
  });

  it('S7 shows "abzüglich Guthaben 50,00" and 69,00 due', () => {
    const text = joined(buildInvoiceDefinition(withCredit));
    expect(text).toContain('abzüglich Guthaben\n50,00 €');
    expect(text).toContain('Zu zahlender Betrag\n69,00 €');
    expect(text).toContain('Bitte überweisen Sie 69,00 €');
  });

  it('S6 interim invoice: 270,00 + 51,30 = 321,30, settled from credit, 35,70 left', () => {
    const text = joined(buildInvoiceDefinition(s6Interim));
    expect(text).toContain('Summe netto\n270,00 €');
    expect(text).toContain('zzgl. Umsatzsteuer 19 % auf 270,00 €\n51,30 €');
    expect(text).toContain('Rechnungsbetrag\n321,30 €');
    expect(text).toContain('abzüglich Guthaben\n321,30 €');
    expect(text).toContain('Zu zahlender Betrag\n0,00 €');
    expect(text).toContain('vollständig mit Ihrem Guthaben verrechnet');
    expect(text).toContain('Ihr verbleibendes Guthaben: 35,70 €');
    expect(text).toContain('abzüglich 10 % Rabatt');
    expect(text).not.toContain('GiroCode');
    expect(text).not.toContain('Zahlbar innerhalb');
  });

  it('sandbox documents carry the watermark "MUSTER – Sandbox", production ones none', () => {
    expect(buildInvoiceDefinition({ ...s1June, sandbox: true }).watermark?.text).toBe(SANDBOX_WATERMARK);
    expect(SANDBOX_WATERMARK).toBe('MUSTER – Sandbox');
    expect(buildInvoiceDefinition(s1June).watermark).toBeUndefined();
  });

  it('embeds the logo as a data URL (no file or URL for pdfmake to fetch)', () => {
    const def = buildInvoiceDefinition(anInvoice({ issuer: { ...s1June.issuer, logo: { mime: 'image/png', base64: 'iVBORw0KGgo=' } } }));
    expect(def.images).toEqual({ logo: 'data:image/png;base64,iVBORw0KGgo=' });
  });

  it('prints the country only for a recipient abroad', () => {
    expect(joined(buildInvoiceDefinition(s1June))).not.toContain('DEUTSCHLAND');
  });
});
