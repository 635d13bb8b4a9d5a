import { describe, expect, it } from 'vitest';
import { ARTICLE_IMPORT_FIELDS, CONTRACT_IMPORT_FIELDS, CUSTOMER_IMPORT_FIELDS } from '../../../shared/api/transfer';
import { autoMap, cellsOf, normalizeHeader, resolveMapping } from '../../../main/transfer/rules-mapping';

describe('column mapping', () => {
  it('normalises titles: case, umlauts, ß, punctuation', () => {
    expect(normalizeHeader(' E-Mail-Adresse ')).toBe('emailadresse');
    expect(normalizeHeader('Straße')).toBe('strasse');
    expect(normalizeHeader('Zahlungsziel (Tage)')).toBe('zahlungszieltage');
    expect(normalizeHeader('USt-IdNr.')).toBe('ustidnr');
  });

  it('maps a German header automatically', () => {
    const header = ['Kundennummer', 'Firma', 'Vorname', 'Nachname', 'Straße', 'PLZ', 'Ort', 'E-Mail', 'IBAN', 'Telefon', 'USt-IdNr.', 'Bemerkung'];
    expect(autoMap(header, CUSTOMER_IMPORT_FIELDS)).toMatchObject({
      number: 'Kundennummer', companyName: 'Firma', firstName: 'Vorname', lastName: 'Nachname', street: 'Straße',
      zip: 'PLZ', city: 'Ort', email: 'E-Mail', iban: 'IBAN', phone: 'Telefon', vatId: 'USt-IdNr.', notes: 'Bemerkung',
      kind: null, bic: null,
    });
  });

  it('maps an English header automatically', () => {
    const header = ['Customer Number', 'Company', 'First Name', 'Last Name', 'Street', 'Zip Code', 'City', 'Country', 'Email', 'Phone', 'VAT ID', 'IBAN', 'BIC'];
    expect(autoMap(header, CUSTOMER_IMPORT_FIELDS)).toMatchObject({
      number: 'Customer Number', companyName: 'Company', firstName: 'First Name', lastName: 'Last Name', street: 'Street',
      zip: 'Zip Code', city: 'City', country: 'Country', email: 'Email', phone: 'Phone', vatId: 'VAT ID', iban: 'IBAN', bic: 'BIC',
    });
  });

  it('uses a title once: "Nachname" takes the last name, a bare "Name" stays free', () => {
    const m = autoMap(['Name', 'Nachname'], CUSTOMER_IMPORT_FIELDS);
    expect(m.lastName).toBe('Nachname');
    expect(Object.values(m).filter((t) => t === 'Name')).toEqual([]);
  });

  it('maps the German export titles of every target back to their fields', () => {
    for (const fields of [CUSTOMER_IMPORT_FIELDS, ARTICLE_IMPORT_FIELDS, CONTRACT_IMPORT_FIELDS]) {
      const m = autoMap(fields.map((f) => f.label), fields);
      for (const f of fields) expect(m[f.key], f.label).toBe(f.label);
    }
  });

  it('resolves titles to columns, reports titles missing from the file, strips our own injection apostrophe', () => {
    const resolved = resolveMapping(['Firma', 'Telefon'], { companyName: 'Firma', phone: 'Telefon', email: 'Mail', zip: null });
    expect([...resolved.columns]).toEqual([['companyName', 0], ['phone', 1]]);
    expect(resolved.missing).toEqual(['Mail']);
    expect(cellsOf(["'=Firma", "'+49 30 123"], resolved.columns)).toEqual({ companyName: '=Firma', phone: '+49 30 123' });
    expect(cellsOf(["O'Brien", "'x"], resolved.columns)).toEqual({ companyName: "O'Brien", phone: "'x" });
    expect(cellsOf(["''=a", "'-5"], resolved.columns)).toEqual({ companyName: "'=a", phone: '-5' });
  });
});
