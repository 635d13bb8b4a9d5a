// Every money rule of Abowerk lives here (DOMAIN §2). Amounts and prices are Decimals built
// from strings; JavaScript numbers only ever hold integer storage units (cents, 1/10 000).
import DecimalBase from 'decimal.js';

export const Decimal = DecimalBase.clone({ precision: 34, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const AMOUNT_DECIMALS = 2;
export const UNIT_PRICE_DECIMALS = 4;
export const QUANTITY_DECIMALS = 4;

const CENTS_PER_UNIT = 100;
const PRICE_UNITS_PER_UNIT = 10_000;

export function dec(value: Decimal | string | number | bigint): Decimal {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    // A fractional JS number has already lost exactness; refuse instead of hiding it.
    throw new Error(`Betrag als Gleitkommazahl übergeben: ${value}`);
  }
  return new Decimal(typeof value === 'bigint' ? value.toString() : value);
}

export const ZERO = new Decimal(0);

/** Commercial rounding (half-up) to 2 decimals: line nets, tax amounts, prorations. */
export function roundAmount(value: Decimal): Decimal {
  return value.toDecimalPlaces(AMOUNT_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** Unit prices carry up to 4 decimals (84,0336). */
export function roundUnitPrice(value: Decimal): Decimal {
  return value.toDecimalPlaces(UNIT_PRICE_DECIMALS, Decimal.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), ZERO);
}

/** Net of a line: quantity × unit price, less a discount in percent, rounded once. */
export function lineNet(quantity: Decimal, unitPrice: Decimal, discountPercent: Decimal = ZERO): Decimal {
  const gross = quantity.times(unitPrice);
  const factor = new Decimal(100).minus(discountPercent).dividedBy(100);
  return roundAmount(gross.times(factor));
}

/** Tax on the net sum of one rate (rate in percent, e.g. 19). */
export function taxOnNet(netSum: Decimal, ratePercent: Decimal): Decimal {
  return roundAmount(netSum.times(ratePercent).dividedBy(100));
}

// --- storage units -----------------------------------------------------------------------

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Integer cents of an amount with at most 2 decimals. Hot path (exports and billing runs call
 * it per line): read straight off decimal.js's public digits `d` (base 10^7 limbs, the first
 * without leading zeros), exponent `e` and sign `s`, without an intermediate Decimal or string.
 * Amounts of 10^13 and more take the plain-text way and are refused when no longer exact.
 */
export function toCents(amount: Decimal): number {
  const { d, e, s } = amount;
  if (!d) throw new Error(`Betrag ${amount.toString()} ist keine Zahl`);
  if (e > 12) return centsFromText(amount);
  const leadDigits = digitCount(d[0]!);
  let cents = 0;
  for (let i = 0; i < d.length; i++) {
    const limb = d[i]!;
    if (limb === 0) continue;
    // Power of ten of this limb's last digit, counted in cents.
    const p = e - (leadDigits - 1) - 7 * i + 2;
    if (p >= 0) {
      cents += limb * POWERS_OF_TEN[p]!;
    } else {
      const unit = POWERS_OF_TEN[-p] ?? Infinity;
      if (limb % unit !== 0) throw new Error(`Betrag ${amount.toFixed()} hat mehr als 2 Nachkommastellen`);
      cents += limb / unit;
    }
  }
  return s < 0 && cents !== 0 ? -cents : cents;
}

/** Decimal digits of a limb (0 ≤ limb < 10^7), without turning it into a string. */
function digitCount(limb: number): number {
  let digits = 1;
  while (digits < 7 && limb >= POWERS_OF_TEN[digits]!) digits++;
  return digits;
}

function centsFromText(amount: Decimal): number {
  const text = amount.toFixed(); // plain notation, never an exponent, no rounding
  const dot = text.indexOf('.');
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  if (fraction.length > AMOUNT_DECIMALS) throw new Error(`Betrag ${text} hat mehr als 2 Nachkommastellen`);
  const cents = Number((dot < 0 ? text : text.slice(0, dot)) + fraction.padEnd(AMOUNT_DECIMALS, '0'));
  if (!Number.isSafeInteger(cents)) throw new Error(`Betrag ${text} ist zu groß`);
  return cents;
}

export function fromCents(cents: number | bigint): Decimal {
  return dec(cents).dividedBy(CENTS_PER_UNIT);
}

export function toPriceUnits(price: Decimal): number {
  const units = price.times(PRICE_UNITS_PER_UNIT);
  if (!units.isInteger()) throw new Error(`Preis ${price.toString()} hat mehr als 4 Nachkommastellen`);
  return units.toNumber();
}

export function fromPriceUnits(units: number | bigint): Decimal {
  return dec(units).dividedBy(PRICE_UNITS_PER_UNIT);
}

/** Canonical string for transport and TEXT columns: plain notation, no exponent. */
export function toPlain(value: Decimal, decimals = AMOUNT_DECIMALS): string {
  return value.toFixed(decimals, Decimal.ROUND_HALF_UP);
}

// --- parsing and formatting (de-DE) ------------------------------------------------------

const GERMAN_NUMBER = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Strict German decimal: "1.234,56", "1234,56", "-0,5". Also accepts the canonical
 * "1234.56" that the API uses. Anything else (spaces inside, two commas, "1,234.56") is null.
 */
export function parseDecimal(input: string): Decimal | null {
  const s = input.trim().replace(/\u00a0/g, '');
  if (s === '') return null;
  if (GERMAN_NUMBER.test(s)) return new Decimal(s.replace(/\./g, '').replace(',', '.'));
  if (PLAIN_NUMBER.test(s)) return new Decimal(s);
  return null;
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1234.5 → "1.234,50"; decimals fixed (2 for amounts, up to 4 for unit prices). */
export function formatDecimal(value: Decimal, decimals = AMOUNT_DECIMALS): string {
  const fixed = value.abs().toFixed(decimals, Decimal.ROUND_HALF_UP);
  const [intPart = '0', fraction] = fixed.split('.');
  const sign = value.isNegative() && !value.isZero() && /[1-9]/.test(fixed) ? '-' : '';
  return sign + groupThousands(intPart) + (fraction ? ',' + fraction : '');
}

/** Unit price with at least 2 and at most 4 decimals: 84,0336 / 25,00 / 86,2069. */
export function formatUnitPrice(value: Decimal): string {
  const rounded = roundUnitPrice(value);
  const places = Math.max(AMOUNT_DECIMALS, rounded.decimalPlaces());
  return formatDecimal(rounded, places);
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

/** "1.234,56 €" — de-DE amount with the currency's symbol after it. */
export function formatMoney(value: Decimal, currency = 'EUR'): string {
  return `${formatDecimal(value)}\u00a0${CURRENCY_SYMBOLS[currency] ?? currency}`;
}

/** Percent as shown on invoices: 19 → "19 %", 5.5 → "5,5 %". */
export function formatPercent(value: Decimal): string {
  const places = value.decimalPlaces();
  return `${formatDecimal(value, places)}\u00a0%`;
}
