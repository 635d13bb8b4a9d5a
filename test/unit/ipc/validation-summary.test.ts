import { describe, expect, it } from 'vitest';
import { customerFieldsSchema } from '../../../shared/api/customers';
import { isoDateSchema, z } from '../../../shared/api/zod-de';
import { toAppErrorData, validationError } from '../../../main/ipc/errors';

const summaryOf = (schema: z.ZodType, input: unknown): string => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('erwartet: ungültig');
  return validationError(parsed.error).message;
};

describe('the one-line summary of a validation error names the field in words, never as a schema path', () => {
  it('a message that names its field stays as it is', () => {
    const customer = { kind: 'COMPANY', companyName: 'Müller GmbH', email: 'kein-at-zeichen', country: 'DE' };
    const summary = summaryOf(z.object({ customer: customerFieldsSchema }), { customer });
    expect(summary).toBe('Eingaben ungültig – E-Mail-Adresse ist ungültig');
  });

  it("a message that does not gets the field's German name, and the row of a list", () => {
    expect(summaryOf(z.object({ to: isoDateSchema }), { to: '2026-02-30' })).toBe('Eingaben ungültig – Bis: Kein gültiges Datum (TT.MM.JJJJ)');
    const variants = z.object({ article: z.object({ variants: z.array(z.object({ validFrom: isoDateSchema })) }) });
    expect(summaryOf(variants, { article: { variants: [{ validFrom: '2026-01-01' }, { validFrom: '31.02.2026' }] } })).toBe(
      'Eingaben ungültig – Gültig ab (Zeile 2): Kein gültiges Datum (TT.MM.JJJJ)',
    );
  });

  it('a field without a German name here shows the message alone, and the field map keeps the paths for the form', () => {
    const schema = z.object({ settings: z.object({ somethingInternal: z.string({ error: 'Text fehlt' }) }) });
    const parsed = schema.safeParse({ settings: {} });
    if (parsed.success) throw new Error('erwartet: ungültig');
    const error = validationError(parsed.error);
    expect(error.message).toBe('Eingaben ungültig – Text fehlt');
    expect(error.toData().details).toEqual({ fields: { 'settings.somethingInternal': 'Text fehlt' } });
  });
});

describe('a constraint SQLite refuses reaches the user in German', () => {
  it('names the column, never SQLite\'s English sentence', () => {
    const error = Object.assign(new Error('UNIQUE constraint failed: customer_account.number'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(toAppErrorData(error)).toEqual({
      code: 'CONFLICT',
      message: 'Datenkonflikt: Die Änderung verletzt eine Regel der Firmendatei (customer_account.number) und wurde nicht gespeichert.',
    });
  });
});
