// German validation messages at every boundary: zod's own German locale, plus helpers for
// the shapes Abowerk uses everywhere (dates, decimal strings) with messages a bookkeeper reads.
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { parseDecimal } from '../money';
import { isPlausibleZip, isValidBic, normalizeBic } from '../validation';

z.config(z.locales.de());

export { z };

export const isoDateSchema = z
  .string({ error: 'Datum fehlt' })
  .refine(isIsoDate, { message: 'Kein gültiges Datum (TT.MM.JJJJ)' });

/** A decimal as a string ("1234.56" or "1.234,56"); normalised to plain notation. */
export const decimalString = z
  .string({ error: 'Zahl fehlt' })
  .refine((s) => parseDecimal(s) !== null, { message: 'Keine gültige Zahl' })
  .transform((s) => (parseDecimal(s) ?? 0).toString());

export const idSchema = z.number({ error: 'ID fehlt' }).int().positive();

/** An id the user picks from a list: the message names the field („Kunde auswählen“). */
export const chosenId = (label: string) =>
  z.number({ error: `${label} auswählen` }).int({ message: `${label} auswählen` }).positive({ message: `${label} auswählen` });

export const pageInput = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

/** Optional text from a form: trimmed, empty becomes null. */
export const optionalText = (max = 500) =>
  z
    .string()
    .max(max, { message: `Höchstens ${max} Zeichen` })
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim()));

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} ist ein Pflichtfeld` })
    .trim()
    .min(1, { message: `${label} ist ein Pflichtfeld` })
    .max(max, { message: `${label}: höchstens ${max} Zeichen` });

/** BIC from a form: stored without blanks in upper case, like the IBAN. */
export const bicText = () =>
  optionalText(20)
    .transform((s) => (s === null ? null : normalizeBic(s)))
    .refine((s) => s === null || isValidBic(s), { message: 'BIC ist ungültig (8 oder 11 Zeichen, z. B. COBADEFFXXX)' });

/** For address schemas (customer, company profile): a German PLZ has five digits. */
export function refineZip(address: { readonly country: string; readonly zip: string | null }, ctx: z.RefinementCtx): void {
  if (address.zip !== null && !isPlausibleZip(address.country, address.zip)) {
    ctx.addIssue({ code: 'custom', path: ['zip'], message: 'PLZ: in Deutschland genau fünf Ziffern (z. B. 10115)' });
  }
}
