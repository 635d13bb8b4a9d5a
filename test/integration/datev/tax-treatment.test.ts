// DATEV asks the treatment the invoice line was issued with, never the tax group's code: a
// user-made reverse-charge group gets the customer's VAT ID in column 40 and, without an account
// of its own, the reverse-charge revenue account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { readExtf } from '../../unit/datev/reader';
import { DATEV_SETTINGS, issue, line } from './support';

/** A 0 % line of a user-made reverse-charge group, as billing drafts it. */
const rcLine = (net: string, code: string, date: string, account03: string | null) => ({
  ...line('Lizenz', net, code, '0', date, account03 ?? ''),
  accountSkr03: account03,
  treatment: 'REVERSE_CHARGE' as const,
  taxNote: 'Steuerschuldnerschaft des Leistungsempfängers',
  requiresVatId: true,
});

describe('DATEV export of user-made tax groups', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-04-01T07:30:00Z' });
  });
  afterEach(async () => t.close());

  it('reverse charge by treatment: column 40 holds the VAT ID, a group without account books like „EU / Reverse Charge“, later group changes do not reach issued lines', async () => {
    const own = { invoiceNote: 'Steuerschuldnerschaft des Leistungsempfängers', requiresVatId: true, treatment: 'REVERSE_CHARGE' as const, rates: [{ rate: '0', validFrom: null, validTo: null }] };
    const at = await t.call('catalog.saveTaxGroup', { taxGroup: { ...own, code: 'EU_RC_AT', name: 'Reverse Charge Österreich', accountSkr03: '8336', accountSkr04: '4336' } });
    await t.call('catalog.saveTaxGroup', { taxGroup: { ...own, code: 'EU_RC_NL', name: 'Reverse Charge Niederlande' } });
    const wien = (await t.call('customers.create', { customer: { companyName: 'Wien GmbH', street: 'Ring 1', zip: '1010', city: 'Wien', country: 'AT', vatId: 'ATU12345678' } })).id;
    const acme = (await t.call('customers.create', { customer: { companyName: 'Acme B.V.', street: 'Dam 1', zip: '1012', city: 'Amsterdam', country: 'NL', vatId: 'NL123456789B01' } })).id;
    await issue(t, wien, '2026-03-02', [rcLine('1000.00', 'EU_RC_AT', '2026-03-02', '8336')]);
    await issue(t, acme, '2026-03-03', [rcLine('500.00', 'EU_RC_NL', '2026-03-03', null)]);
    // After issue the Austrian group is made a standard group: the issued line keeps reverse charge.
    await t.call('catalog.saveTaxGroup', { id: at.id, taxGroup: { code: at.code, name: at.name, accountSkr03: '8336', treatment: 'STANDARD', rates: [{ rate: '0', validFrom: null, validTo: null }] } });

    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([]);
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    const batch = readExtf(Buffer.from((await t.call('datev.file', { fileId: exp.files[0]!.id })).base64, 'base64'));
    expect(batch.rows.map((r) => [r[0], r[6], r[7], r[39]].map((x) => x!.value).join(' | '))).toEqual([
      '1000,00 | 10001 | 8336 | ATU12345678',
      '500,00 | 10002 | 8337 | NL123456789B01',
    ]);
  });
});
