// Identifier checks shared by forms, the IPC contract and importers.
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/** "DE89 3704 0044 0532 0130 00" → "DE89370400440532013000" (no validation). */
export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input) ?? input.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616 with the mod-97 check digits. */
export function isValidIban(input: string): boolean {
  return isValidIBAN(normalizeIban(input));
}

/** "coba deff xxx" → "COBADEFFXXX", stored like the IBAN (no validation). */
export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** ISO 9362: 8 or 11 characters (bank, country, location, optional branch). */
export function isValidBic(input: string): boolean {
  return isValidBIC(normalizeBic(input));
}

/** A German postcode (PLZ) has five digits; other countries' postcodes are taken as written. */
export function isPlausibleZip(country: string, zip: string): boolean {
  return country !== 'DE' || /^\d{5}$/.test(zip);
}

const VAT_ID_SHAPES: Readonly<Record<string, RegExp>> = {
  DE: /^DE\d{9}$/,
  AT: /^ATU\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  FR: /^FR[0-9A-Z]{2}\d{9}$/,
  IT: /^IT\d{11}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  BE: /^BE[01]\d{9}$/,
  PL: /^PL\d{10}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
};
const GENERIC_VAT_ID = /^[A-Z]{2}[0-9A-Z+*]{2,13}$/;

export function normalizeVatId(input: string): string {
  return input.replace(/[\s.-]+/g, '').toUpperCase();
}

/** Shape check of a VAT ID (USt-IdNr.): country prefix and the country's pattern where known. */
export function isPlausibleVatId(input: string): boolean {
  const v = normalizeVatId(input);
  const shape = VAT_ID_SHAPES[v.slice(0, 2)];
  return shape ? shape.test(v) : GENERIC_VAT_ID.test(v);
}
