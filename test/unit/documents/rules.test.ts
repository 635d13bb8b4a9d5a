import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { EPC_MAX_VERSION, epcQrMatrix, qrRects } from '../../../main/documents/epc-qr';
import { epcPayload, formatIban, giroCodeTransfer, lineServiceText, missingMandatoryFields, referenceText, serviceSpanText } from '../../../main/documents/rules';
import { anInvoice, issuer, line, recipient, reverseCharge, s1June, s6Interim, s6Storno, sixtyLines } from './fixtures';

describe('§ 14 UStG mandatory fields', () => {
  it('a complete invoice misses nothing', () => {
    expect(missingMandatoryFields(s1June)).toEqual([]);
    expect(missingMandatoryFields(reverseCharge)).toEqual([]);
    expect(missingMandatoryFields(s6Storno)).toEqual([]);
  });

  it.each([
    ['neither tax number nor VAT ID', anInvoice({ issuer: { ...issuer, taxNumber: null, vatId: ' ' } }), 'Steuernummer oder USt-IdNr. des Rechnungsstellers (Firmenprofil)'],
    ['a customer without address', anInvoice({ recipient: { ...recipient, street: '' } }), 'Anschrift des Kunden Müller & Söhne KG'],
    ['a company without address', anInvoice({ issuer: { ...issuer, city: '' } }), 'Anschrift des Rechnungsstellers (Firmenprofil)'],
    ['a line without service date or period', anInvoice({ lines: [line({ periodEnd: null })] }), 'Leistungsdatum oder Leistungszeitraum der Position 1'],
    ['reverse charge without the customer VAT ID', anInvoice({ ...reverseCharge, recipient: { ...reverseCharge.recipient, vatId: null } }), 'USt-IdNr. des Kunden (Reverse Charge)'],
    ['reverse charge without the company VAT ID', anInvoice({ ...reverseCharge, issuer: { ...issuer, vatId: null } }), 'USt-IdNr. des Rechnungsstellers (Reverse Charge, Firmenprofil)'],
    ['an exemption without its note', anInvoice({ taxes: [{ treatment: 'KLEINUNTERNEHMER', rate: '0', net: '84.03', tax: '0.00', note: null }] }), 'Hinweis auf die Steuerbefreiung (0 %, Steuergruppe)'],
    ['a storno without the original', anInvoice({ ...s6Storno, refersTo: null }), 'Nummer und Datum der stornierten Rechnung'],
    ['no lines', anInvoice({ lines: [] }), 'mindestens eine Rechnungsposition'],
  ])('names what is missing: %s', (_case, doc, expected) => {
    expect(missingMandatoryFields(doc)).toContain(expected);
  });
});

describe('texts', () => {
  it('service period and date of a line', () => {
    expect(lineServiceText(line())).toBe('Leistungszeitraum 01.06.–30.06.2020');
    expect(lineServiceText(line({ periodStart: '2020-12-15', periodEnd: '2021-01-14' }))).toBe('Leistungszeitraum 15.12.2020–14.01.2021');
    expect(lineServiceText(line({ periodStart: null, periodEnd: null, serviceDate: '2026-01-12' }))).toBe('Leistungsdatum 12.01.2026');
  });

  it('span of the document over all lines', () => {
    expect(serviceSpanText(s1June)).toBe('01.06.–30.06.2020');
    expect(serviceSpanText(sixtyLines())).toBe('01.05.–31.05.2026');
    expect(serviceSpanText(anInvoice({ lines: [line({ periodStart: null, periodEnd: null, serviceDate: '2026-01-12' })] }))).toBe('12.01.2026');
  });

  it('storno reference names the original number and date', () => {
    expect(referenceText(s6Storno)).toBe('Storno zu Rechnung RE-2020-000002 vom 10.06.2020');
    expect(referenceText(s1June)).toBeNull();
  });

  it('IBAN in groups of four', () => {
    expect(formatIban('de02701500000000594937')).toBe('DE02 7015 0000 0000 5949 37');
  });
});

describe('EPC069-12 GiroCode', () => {
  it('payload has the eleven fields in order, UTF-8, amount with a point', () => {
    const transfer = giroCodeTransfer(s1June);
    expect(transfer).not.toBeNull();
    expect(epcPayload(transfer!).split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'SSKMDEMMXXX',
      'Boxenstopp Abo GmbH',
      'DE02701500000000594937',
      'EUR100.00',
      '',
      '',
      'RE-2020-000001 Kd.-Nr. K-10001',
    ]);
  });

  it('only for a transfer of a positive EUR amount on an invoice', () => {
    expect(giroCodeTransfer(s6Interim)).toBeNull(); // settled from credit, 0,00 due
    expect(giroCodeTransfer(s6Storno)).toBeNull();
    expect(giroCodeTransfer(anInvoice({ currency: 'CHF' }))).toBeNull();
    expect(giroCodeTransfer(anInvoice({ payment: { method: 'DIRECT_DEBIT', dueDate: null, terms: null } }))).toBeNull();
    expect(giroCodeTransfer(anInvoice({ issuer: { ...issuer, iban: null } }))).toBeNull();
  });

  it('refuses amounts outside 0,01 … 999.999.999,99 and truncates long names to 70 characters', () => {
    const base = { name: 'A', iban: 'DE02701500000000594937', bic: null, text: 'x' };
    expect(() => epcPayload({ ...base, amount: '0.00' })).toThrow(/außerhalb/);
    expect(() => epcPayload({ ...base, amount: '1000000000.00' })).toThrow(/außerhalb/);
    expect(epcPayload({ ...base, amount: '1234.5', name: 'Ä'.repeat(90) }).split('\n')[5]).toBe('Ä'.repeat(70));
    expect(epcPayload({ ...base, amount: '1234.5' }).split('\n')[7]).toBe('EUR1234.50');
  });

  it('the symbol is ECC level M, byte mode, version ≤ 13, for any payload within the limits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), fc.string({ maxLength: 140 }), fc.integer({ min: 1, max: 99_999_999_999 }), (name, text, cents) => {
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        let payload: string;
        try {
          payload = epcPayload({ name: name || 'X', iban: 'DE02701500000000594937', bic: 'SSKMDEMMXXX', amount, text });
        } catch {
          return; // over 331 bytes: refused before encoding
        }
        const m = epcQrMatrix(payload);
        expect(m.version).toBeLessThanOrEqual(EPC_MAX_VERSION);
      }),
      { numRuns: 60 },
    );
    const payload = epcPayload(giroCodeTransfer(s1June)!);
    const reference = QRCode.create([{ mode: 'byte', data: new TextEncoder().encode(payload) }], { errorCorrectionLevel: 'M' });
    expect(reference.segments.map((s) => s.mode.id)).toEqual(['Byte']);
    const matrix = epcQrMatrix(payload);
    expect(matrix.size).toBe(reference.modules.size);
  });

  it('the drawn rectangles cover exactly the dark modules', () => {
    const matrix = epcQrMatrix(epcPayload(giroCodeTransfer(s1June)!));
    const cell = 100 / (matrix.size + 8);
    const covered = new Set<string>();
    for (const r of qrRects(matrix, 100)) {
      const row = Math.round(r.y / cell) - 4;
      const start = Math.round(r.x / cell) - 4;
      for (let c = start; c < start + Math.round(r.w / cell); c++) covered.add(`${row}:${c}`);
    }
    let dark = 0;
    for (let row = 0; row < matrix.size; row++) {
      for (let col = 0; col < matrix.size; col++) {
        if (matrix.isDark(row, col)) {
          dark++;
          expect(covered.has(`${row}:${col}`)).toBe(true);
        }
      }
    }
    expect(covered.size).toBe(dark);
  });
});
