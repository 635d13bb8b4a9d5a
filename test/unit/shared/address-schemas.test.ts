import { describe, expect, it } from 'vitest';
import { companyProfileSchema } from '../../../shared/api/company';
import { customerFieldsSchema } from '../../../shared/api/customers';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('address fields of customers and the company profile', () => {
  const schemas = [
    ['customer', (fields: object) => customerFieldsSchema.safeParse({ companyName: 'Muster GmbH', ...fields })],
    ['company profile', (fields: object) => companyProfileSchema.safeParse({ name: 'Muster GmbH', ...fields })],
  ] as const;

  it.each(schemas)('%s: a German PLZ has five digits; other countries keep their postcodes', (_, parse) => {
    const plz = 'PLZ: in Deutschland genau fünf Ziffern (z. B. 10115)';
    expect(issues(parse({ country: 'DE', zip: '1011' }))).toEqual([['zip', plz]]);
    expect(issues(parse({ zip: '1011 5' }))).toEqual([['zip', plz]]);
    expect(parse({ country: 'DE', zip: ' 01067 ' }).data?.zip).toBe('01067');
    expect(parse({ country: 'AT', zip: '1010' }).success).toBe(true);
    expect(parse({ country: 'NL', zip: '1012 AB' }).success).toBe(true);
  });

  it.each(schemas)('%s: the BIC is stored without blanks in upper case and has 8 or 11 characters', (_, parse) => {
    expect(parse({ bic: 'coba deff' }).data?.bic).toBe('COBADEFF');
    expect(parse({ bic: ' COBA DE FF XXX ' }).data?.bic).toBe('COBADEFFXXX');
    const bic = 'BIC ist ungültig (8 oder 11 Zeichen, z. B. COBADEFFXXX)';
    expect(issues(parse({ bic: 'COBADEFFX' }))).toEqual([['bic', bic]]);
    expect(issues(parse({ bic: 'COBADE' }))).toEqual([['bic', bic]]);
  });
});
