// Protokolle: every object type's fields by the labels of its own screen, values in words and
// German dates (the log itself keeps field names and raw values).
import { describe, expect, it } from 'vitest';
import { de } from '../../../renderer/app/locales/de';
import { en } from '../../../renderer/app/locales/en';
import { auditFieldLabel, auditObjectLabel, auditValueText, type Translator } from '../../../renderer/pages/settings/audit-labels';

function translator(messages: object): Translator {
  const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return { t: (key) => String(lookup(key) ?? key), exists: (key) => typeof lookup(key) === 'string' };
}
const german = translator(de);

describe('audit log labels', () => {
  it.each([
    ['Vertrag', 'V-000001', 'number', 'Vertragsnummer'],
    ['Vertrag', 'V-000001', 'startDate', 'Vertragsbeginn'],
    ['Vertrag', 'V-000001', 'intervalUnit', 'Abrechnungsintervall (Einheit)'],
    ['Vertrag', 'V-000001', 'trialOutcome', 'Nach der Testphase'],
    ['Vertragsposition', 'V-000001/1', 'articleId', 'Artikel-ID'],
    ['Vertragsposition', 'V-000001/1', 'quantity', 'Menge'],
    ['Kunde', 'K00001', 'number', 'Kundennummer'],
    ['Kunde', 'K00001', 'paymentTermsDays', 'Zahlungsziel (Tage)'],
    ['Kunde', 'K00001', 'active', 'Aktiv'],
    ['Einstellung', 'company.profile', 'name', 'Firmenname'],
    ['Einstellung', 'datev.settings', 'consultantNumber', 'Beraternummer'],
    ['Einstellung', 'bank.autoBookThreshold', 'value', 'Wert'],
    ['Steuergruppe', 'DE_STANDARD', 'treatment', 'Steuerliche Behandlung'],
    ['Kontobewegung', '7', 'gegenbuchungZu', 'Gegenbuchung zu'],
  ])('%s %s: field %s is „%s“', (entity, entityId, field, label) => {
    expect(auditFieldLabel(entity, entityId, field, german)).toBe(label);
  });

  it.each<[string, unknown, string]>([
    ['startDate', '2026-03-01', '01.03.2026'],
    ['intervalUnit', 'MONTH', 'Monat'],
    ['trialOutcome', 'CONTINUE', 'Vertrag läuft weiter'],
    ['billInAdvance', true, 'Ja'],
    ['collectiveInvoicing', false, 'Nein'],
    ['kind', 'COMPANY', 'Firma'],
    ['paymentMethod', 'DIRECT_DEBIT', 'Lastschrift'],
    ['language', 'de', 'Deutsch'],
    ['status', 'BOOKED', 'Verbucht'],
    ['zeitraum', '2026-03-01..2026-03-31', '01.03.–31.03.2026'],
    ['betrag', '1234.5', '1.234,50'],
    ['priceOverrideUnits', 125_000, '12,50'],
    ['quantity', '1', '1'],
    ['notes', null, '—'],
    ['iban', 'DE89370400440532013000', 'DE89370400440532013000'],
  ])('value of %s %j reads „%s“', (field, value, text) => {
    expect(auditValueText(field, value, german)).toBe(text);
  });

  it('names a setting by its screen, a number range or job by the label main gives, anything else by its number', () => {
    expect(auditObjectLabel('Einstellung', 'company.profile', german)).toBe('Einstellung Firmendaten');
    expect(auditObjectLabel('Einstellung', 'bank.autoBookThreshold', german)).toBe('Einstellung Schwelle für automatische Verbuchung');
    expect(auditObjectLabel('Nummernkreis', 'INVOICE', german, { INVOICE: 'Rechnungen' })).toBe('Nummernkreis Rechnungen');
    expect(auditObjectLabel('Auftrag', 'billing.run', german, { 'billing.run': 'Rechnungslauf' })).toBe('Auftrag Rechnungslauf');
    expect(auditObjectLabel('Vertrag', 'V-000001', german)).toBe('Vertrag V-000001');
  });

  it('translated screens keep their English labels in the English interface', () => {
    const english = translator(en);
    expect(auditFieldLabel('Kunde', 'K00001', 'number', english)).toBe('Customer number');
    expect(auditFieldLabel('Einstellung', 'company.profile', 'taxNumber', english)).toBe(en.company.taxNumber);
    expect(auditValueText('billInAdvance', true, english)).toBe('Yes');
  });
});
