import { describe, expect, it } from 'vitest';
import { deriveDebitorAccount, displayNameOf, trigramQuery } from '../../../main/customers/rules';

describe('customer rules', () => {
  it('derives the DATEV debitor account from the customer number', () => {
    expect(deriveDebitorAccount('K00001', 1)).toBe('10001');
    expect(deriveDebitorAccount('4711', 1)).toBe('14711');
    expect(deriveDebitorAccount('ABC', 7)).toBe('10007');
    expect(deriveDebitorAccount('K99999', 5)).toBe('10005');
  });

  it('shows the company name, else first and last name', () => {
    expect(displayNameOf({ kind: 'COMPANY', companyName: 'Blum GmbH', firstName: null, lastName: null })).toBe('Blum GmbH');
    expect(displayNameOf({ kind: 'PERSON', companyName: null, firstName: 'Eva', lastName: 'Schulze' })).toBe('Eva Schulze');
  });

  it('quotes search terms for the trigram index and leaves short ones to LIKE', () => {
    expect(trigramQuery('Mü')).toBeNull();
    expect(trigramQuery('Mül')).toBe('"Mül"');
    expect(trigramQuery('a"b"c')).toBe('"a""b""c"');
  });
});
