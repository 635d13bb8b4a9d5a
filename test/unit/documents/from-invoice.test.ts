import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../../shared/api/documents';
import { issuerFrom, paymentTermsText, recipientFrom, unitLabel } from '../../../main/documents/from-invoice';

describe('document model from billing snapshots', () => {
  it('takes the issuer from the snapshot taken at issue, the letterhead items from the document settings', () => {
    const issuer = issuerFrom(
      { name: 'Musterfirma Abo GmbH', street: 'Hauptstraße 1', zip: '10115', city: 'Berlin', country: 'DE', taxNumber: '30/123/45678', vatId: null, iban: 'DE89370400440532013000', bic: null },
      { ...DEFAULT_DOCUMENT_SETTINGS, managingDirector: 'Erika Mustermann', registerEntry: 'AG Berlin HRB 1', letterhead: ['Zeile'], footerNote: 'AGB' },
    );
    expect(issuer).toMatchObject({ name: 'Musterfirma Abo GmbH', taxNumber: '30/123/45678', vatId: null, managingDirector: 'Erika Mustermann', registerEntry: 'AG Berlin HRB 1', letterhead: ['Zeile'], footerNote: 'AGB' });
  });

  it('a managing director frozen in the snapshot wins over today’s settings', () => {
    expect(issuerFrom({ name: 'X', managingDirector: 'Alt' }, { ...DEFAULT_DOCUMENT_SETTINGS, managingDirector: 'Neu' }).managingDirector).toBe('Alt');
  });

  it('reads billing’s recipient snapshot (customerNumber, name, contact) and falls back to first and last name', () => {
    expect(recipientFrom({ customerNumber: 'K00001', name: 'Müller KG', contact: 'Herr Müller', street: 'Weg 1', zip: '50667', city: 'Köln', country: 'DE', vatId: null }, 'K99999')).toEqual({
      customerNumber: 'K00001',
      name: 'Müller KG',
      contact: 'Herr Müller',
      street: 'Weg 1',
      zip: '50667',
      city: 'Köln',
      country: 'DE',
      vatId: null,
    });
    expect(recipientFrom({ firstName: 'Erika', lastName: 'Muster', street: 'A 1', zip: '1', city: 'B' }, 'K00002')).toMatchObject({ customerNumber: 'K00002', name: 'Erika Muster', country: 'DE' });
  });

  it.each([
    ['MONTH', 'Monat'],
    ['WEEK', 'Woche'],
    ['YEAR', 'Jahr'],
    ['DAY', 'Tag'],
    ['Stück', 'Stück'],
  ])('prints the unit %s as %s', (code, label) => {
    expect(unitLabel(code)).toBe(label);
  });

  it('fills the payment terms with the customer’s days', () => {
    expect(paymentTermsText(DEFAULT_DOCUMENT_SETTINGS.paymentTermsText, 30)).toBe('Zahlbar innerhalb von 30 Tagen ohne Abzug.');
  });
});
