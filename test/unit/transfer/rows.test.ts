import { describe, expect, it } from 'vitest';
import { ARTICLE_IMPORT_FIELDS, CONTRACT_IMPORT_FIELDS, CUSTOMER_IMPORT_FIELDS, type ImportFieldDef } from '../../../shared/api/transfer';
import { convertCell, convertRow, messagesText } from '../../../main/transfer/rules-rows';
import { buildArticle, buildContract, groupRows, validateCustomerRow, type RowOf } from '../../../main/transfer/rules-targets';
import type { CellValue } from '../../../main/transfer/rules-rows';

const f = (fields: readonly ImportFieldDef[], key: string) => {
  const found = fields.find((x) => x.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe('cell conversion', () => {
  it.each([
    ['decimal', 'price', '1.234,56', { value: '1234.56' }],
    ['decimal', 'price', '84,0336', { value: '84.0336' }],
    ['decimal', 'price', '1,234.56', { error: 'Preis netto: „1,234.56“ ist keine gültige Zahl (z. B. 1.234,56)' }],
    ['date', 'validFrom', '01.03.2027', { value: '2027-03-01' }],
    ['date', 'validFrom', '31.02.2026', { error: 'Gültig ab: „31.02.2026“ ist kein gültiges Datum (TT.MM.JJJJ)' }],
    ['enum', 'kind', 'Abo', { value: 'SUBSCRIPTION' }],
    ['enum', 'kind', 'einmalig', { value: 'ONE_TIME' }],
  ])('%s %s %j', (_type, key, raw, expected) => {
    expect(convertCell(f(ARTICLE_IMPORT_FIELDS, key), raw)).toEqual(expected);
  });

  it('converts integers, booleans, enums with German labels and reports required fields', () => {
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'paymentTermsDays'), '30')).toEqual({ value: 30 });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'paymentTermsDays'), '14,5')).toEqual({ error: 'Zahlungsziel (Tage): „14,5“ ist keine ganze Zahl' });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'collectiveInvoicing'), 'Ja')).toEqual({ value: true });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'collectiveInvoicing'), 'vielleicht')).toEqual({ error: 'Sammelrechnung: „vielleicht“ bitte als ja oder nein angeben' });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'paymentMethod'), 'Lastschrift')).toEqual({ value: 'DIRECT_DEBIT' });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'paymentMethod'), 'Überweisung')).toEqual({ value: 'TRANSFER' });
    expect(convertCell(f(CUSTOMER_IMPORT_FIELDS, 'kind'), 'Privatperson')).toEqual({ value: 'PERSON' });
    expect(convertCell(f(ARTICLE_IMPORT_FIELDS, 'name'), ' ')).toEqual({ error: 'Bezeichnung ist ein Pflichtfeld' });
    expect(convertRow(ARTICLE_IMPORT_FIELDS, { number: 'A1' }).messages.map((m) => m.field)).toEqual(['name', 'unit', 'productGroup', 'price']);
  });
});

describe('customer rows (validated by the customers schema)', () => {
  const row = (cells: Record<string, string>) => validateCustomerRow(convertRow(CUSTOMER_IMPORT_FIELDS, cells).values);

  it('infers the kind: a company name makes a company, else a person', () => {
    const company = row({ number: 'K1', companyName: 'Müller GmbH', iban: 'DE89 3704 0044 0532 0130 00' });
    expect(company).toMatchObject({ ok: true, fields: { kind: 'COMPANY', companyName: 'Müller GmbH', iban: 'DE89370400440532013000', country: 'DE', paymentTermsDays: 14 } });
    expect(row({ firstName: 'Eva', lastName: 'Müller' })).toMatchObject({ ok: true, fields: { kind: 'PERSON', lastName: 'Müller' } });
  });

  it('gives per-field German messages for a bad IBAN, e-mail and missing name', () => {
    const result = row({ number: 'K2', iban: 'DE00123', email: 'keine-mail' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.messages).toEqual(
      expect.arrayContaining([
        { field: 'iban', label: 'IBAN', message: 'IBAN ist ungültig (Prüfziffer stimmt nicht)' },
        { field: 'email', label: 'E-Mail', message: 'E-Mail-Adresse ist ungültig' },
        { field: 'lastName', label: 'Nachname', message: 'Nachname ist ein Pflichtfeld' },
      ]),
    );
    expect(messagesText(result.messages)).toBe('E-Mail-Adresse ist ungültig; IBAN ist ungültig (Prüfziffer stimmt nicht); Nachname ist ein Pflichtfeld');
  });

  it('on update, columns that are not mapped keep the stored values', () => {
    const base = { number: 'K3', kind: 'COMPANY' as const, companyName: 'Alt GmbH', city: 'Bonn', iban: 'DE89370400440532013000', paymentTermsDays: 30 };
    const result = validateCustomerRow({ number: 'K3', city: 'Köln' }, base);
    expect(result).toMatchObject({ ok: true, fields: { companyName: 'Alt GmbH', city: 'Köln', iban: 'DE89370400440532013000', paymentTermsDays: 30 } });
  });
});

describe('grouped targets', () => {
  const rowsOf = (fields: readonly ImportFieldDef[], cells: Record<string, string>[]): RowOf<Record<string, CellValue>>[] =>
    cells.map((c, i) => {
      const converted = convertRow(fields, c);
      return { line: i + 2, values: converted.values, messages: converted.messages };
    });

  it('articles: rows with the same number form one article with its price variants', () => {
    const rows = rowsOf(ARTICLE_IMPORT_FIELDS, [
      { number: 'ABO-1', name: 'Abo-Box', unit: 'Monat', productGroup: 'Standard', price: '25,00' },
      { number: 'ABO-1', name: '', unit: '', productGroup: '', price: '22,50', minQuantity: '10' },
      { number: 'ABO-1', name: '', unit: '', productGroup: '', price: '27,00', validFrom: '01.01.2027' },
      { number: 'STK-1', name: 'Einrichtung', unit: 'Pauschale', productGroup: 'Standard', price: '99' },
    ]);
    // head fields repeat by being empty in later rows: the required check applies to the first row only
    for (const r of rows.slice(1, 3)) r.messages.splice(0, r.messages.length);
    const groups = groupRows(rows, 'number');
    expect(groups.map((g) => g.rows.length)).toEqual([3, 1]);
    const abo = buildArticle(groups[0]!);
    expect(abo).toMatchObject({ number: 'ABO-1', kind: 'SUBSCRIPTION', unit: 'MONTH', prices: [{ price: '25' }, { price: '22.5', minQuantity: '10' }, { price: '27', validFrom: '2027-01-01' }] });
    expect(buildArticle(groups[1]!)).toMatchObject({ kind: 'ONE_TIME', unit: 'Pauschale', prices: [{ price: '99', currency: 'EUR' }] });
  });

  it('articles: disagreeing head fields and duplicate variants are reported on their rows', () => {
    const rows = rowsOf(ARTICLE_IMPORT_FIELDS, [
      { number: 'A', name: 'Eins', unit: 'Monat', productGroup: 'G', price: '1' },
      { number: 'A', name: 'Zwei', unit: 'Monat', productGroup: 'G', price: '1' },
    ]);
    const [group] = groupRows(rows, 'number');
    expect(buildArticle(group!)).toBeNull();
    expect(rows[1]!.messages.map((m) => m.message)).toEqual([
      'Bezeichnung weicht von Zeile 2 ab (gleiche Nummer, anderer Wert)',
      'Preisvariante doppelt (gleich wie Zeile 2)',
    ]);
  });

  it('contracts: one contract with two items, defaults monthly in advance, EUR, quantity 1', () => {
    const rows = rowsOf(CONTRACT_IMPORT_FIELDS, [
      { number: 'V-1', customerNumber: 'K1', startDate: '01.01.2026', intervalCount: '1', intervalUnit: 'Monat', articleNumber: 'ABO-1' },
      { number: 'V-1', customerNumber: 'K1', startDate: '01.01.2026', intervalCount: '1', intervalUnit: 'Monat', articleNumber: 'ABO-2', quantity: '2,5', discount: '10' },
    ]);
    const contract = buildContract(groupRows(rows, 'number')[0]!);
    expect(contract).toMatchObject({
      number: 'V-1', startDate: '2026-01-01', intervalUnit: 'MONTH', billInAdvance: true, currency: 'EUR',
      items: [{ articleNumber: 'ABO-1', quantity: '1' }, { articleNumber: 'ABO-2', quantity: '2.5', discount: '10' }],
    });
  });

  it('contracts: billed-until before start and a discount above 100 are refused', () => {
    const rows = rowsOf(CONTRACT_IMPORT_FIELDS, [
      { number: 'V-2', customerNumber: 'K1', startDate: '01.01.2026', billedUntil: '31.12.2025', intervalCount: '3', intervalUnit: 'Monate', articleNumber: 'A', discount: '120' },
    ]);
    expect(buildContract(groupRows(rows, 'number')[0]!)).toBeNull();
    expect(rows[0]!.messages.map((m) => m.message)).toEqual(['Abgerechnet bis liegt vor dem Vertragsbeginn', 'Rabatt % zwischen 0 und 100']);
  });
});
