// Pure catalog rules (DOMAIN §3, §4): price resolution, tax-rate resolution by service date,
// validity-range checks and the seed of the German tax groups. No database, no clock: every
// date is an argument.
import { compareDates, formatDate, type IsoDate } from '../../shared/dates';
import type { TaxTreatment } from '../../shared/api/catalog';
import { TAX_TREATMENT_LABELS } from '../../shared/api/catalog';
import { CHART_DEFAULTS } from '../../shared/datev-charts';
import { AppError } from '../../shared/errors';
import { type Decimal, formatDecimal, formatPercent, formatUnitPrice, lineNet, taxOnNet, ZERO } from '../../shared/money';

// --- price resolution (§4) ----------------------------------------------------------------

export interface PriceVariantLike {
  /** Net unit price, up to 4 decimals. */
  readonly price: Decimal;
  readonly currency: string;
  /** Empty = applies from quantity 0 (the base price). */
  readonly minQuantity: Decimal | null;
  /** Empty = oldest, valid since ever. */
  readonly validFrom: IsoDate | null;
}

export interface ArticleLabel {
  readonly number: string;
  readonly name: string;
}

/** One price variant as a bookkeeper reads it: "86,2069 EUR ab Menge 10, gültig ab 01.07.2020". */
export function describeVariant(v: PriceVariantLike): string {
  const parts = [`${formatUnitPrice(v.price)} ${v.currency}`];
  if (v.minQuantity !== null) parts.push(`ab Menge ${formatQuantity(v.minQuantity)}`);
  return parts.join(' ') + (v.validFrom === null ? '' : `, gültig ab ${formatDate(v.validFrom)}`);
}

/** Quantity as a German reads it: 1, 2,5, 1.000 (no trailing zeros). */
export function formatQuantity(quantity: Decimal): string {
  return formatDecimal(quantity, Math.max(0, quantity.decimalPlaces()));
}

/**
 * §4.1 candidates: same currency, validFrom empty or ≤ date, minQuantity empty or ≤ quantity.
 * Currencies compare case-insensitively (ISO codes are upper case; a typed "eur" is EUR).
 */
export function priceCandidates<V extends PriceVariantLike>(
  variants: readonly V[],
  currency: string,
  quantity: Decimal,
  date: IsoDate,
): V[] {
  const cur = currency.trim().toUpperCase();
  return variants.filter(
    (v) =>
      v.currency.trim().toUpperCase() === cur &&
      (v.validFrom === null || compareDates(v.validFrom, date) <= 0) &&
      (v.minQuantity === null || v.minQuantity.lte(quantity)),
  );
}

/** Empty validFrom counts as the oldest. */
function compareValidFrom(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareDates(a, b);
}

/** The PRICE_NOT_FOUND error: names article, currency, quantity and date, and the two usual causes. */
export function priceNotFoundError(
  article: ArticleLabel,
  variants: readonly PriceVariantLike[],
  currency: string,
  quantity: Decimal,
  date: IsoDate,
): AppError {
  const cur = currency.trim().toUpperCase();
  const inCurrency = variants.filter((v) => v.currency.trim().toUpperCase() === cur);
  const causes: string[] = [];
  const hints: string[] = [];
  const minQtyCause =
    'An den Preisen ist eine Mindestmenge eingetragen, die diese Menge nicht erreicht – Mindestmengen nur für Staffelpreise verwenden; ist nur ein Preis vorhanden, die Mindestmenge entfernen.';
  const currencyCause = `Am Artikel ist kein Preis in ${cur} gepflegt – bitte einen Preis in dieser Währung anlegen.`;
  const futureCause = `Alle Preise in ${cur} gelten erst nach dem ${formatDate(date)} (Gültig ab).`;
  if (inCurrency.length === 0) {
    hints.push('NO_PRICE_IN_CURRENCY');
    causes.push(currencyCause);
  } else {
    const qtyBlocked = inCurrency.some((v) => v.minQuantity !== null && v.minQuantity.gt(quantity));
    const dateBlocked = inCurrency.some((v) => v.validFrom !== null && compareDates(v.validFrom, date) > 0);
    if (qtyBlocked) {
      hints.push('MIN_QUANTITY');
      causes.push(minQtyCause);
    }
    if (dateBlocked) {
      hints.push('VALID_FROM_IN_FUTURE');
      causes.push(futureCause);
    }
  }
  const usual =
    'Häufige Ursachen: (1) am einzigen Preis ist eine Mindestmenge eingetragen; (2) am Artikel ist kein Preis in der Währung des Vertrags gepflegt.';
  const message =
    `Für Artikel ${article.number} „${article.name}“ konnte kein Preis in ${cur} für Menge ${formatQuantity(quantity)} ` +
    `zum ${formatDate(date)} ermittelt werden. ${causes.length ? `Grund: ${causes.join(' ')}` : ''} ${usual}`.replace(/\s+/g, ' ').trim();
  return new AppError('PRICE_NOT_FOUND', message, {
    article: article.number,
    currency: cur,
    quantity: quantity.toString(),
    date,
    causes: hints,
  });
}

/**
 * §4 price resolution: among the candidates keep those with the latest validFrom (empty =
 * oldest), then take the largest minQuantity (empty = 0). The whole quantity is charged at
 * that price (volume tier, not graduated). No candidate → PRICE_NOT_FOUND.
 */
export function resolvePrice<V extends PriceVariantLike>(
  article: ArticleLabel,
  variants: readonly V[],
  currency: string,
  quantity: Decimal,
  date: IsoDate,
): V {
  const candidates = priceCandidates(variants, currency, quantity, date);
  let best: V | undefined;
  for (const v of candidates) {
    if (best === undefined) {
      best = v;
      continue;
    }
    const byDate = compareValidFrom(v.validFrom, best.validFrom);
    if (byDate > 0 || (byDate === 0 && (v.minQuantity ?? ZERO).gt(best.minQuantity ?? ZERO))) best = v;
  }
  if (best === undefined) throw priceNotFoundError(article, variants, currency, quantity, date);
  return best;
}

/** Two variants with the same currency, minimum quantity and validFrom make the price ambiguous. */
export function checkPriceVariants(variants: readonly PriceVariantLike[]): void {
  const fields: Record<string, string> = {};
  const seen = new Map<string, number>();
  variants.forEach((v, i) => {
    const cur = v.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(cur)) fields[`variants.${i}.currency`] = 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)';
    if (v.price.isNegative()) fields[`variants.${i}.price`] = 'Preis darf nicht negativ sein';
    if (v.price.decimalPlaces() > 4) fields[`variants.${i}.price`] = 'Preis höchstens mit 4 Nachkommastellen';
    if (v.minQuantity !== null && v.minQuantity.lte(ZERO)) {
      fields[`variants.${i}.minQuantity`] = 'Mindestmenge muss größer als 0 sein (oder leer bleiben)';
    }
    const key = `${cur}|${v.minQuantity?.toString() ?? ''}|${v.validFrom ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fields[`variants.${i}.validFrom`] =
        `Preisvariante doppelt: Zeile ${first + 1} hat dieselbe Währung, Mindestmenge und dasselbe Gültig ab`;
    } else seen.set(key, i);
  });
  const messages = Object.values(fields);
  if (messages.length > 0) {
    throw new AppError('VALIDATION', `Preisvarianten: ${messages[0]}`, { fields });
  }
}

// --- tax (§3) -----------------------------------------------------------------------------

export interface TaxRateLike {
  /** Percent, e.g. 19 or 16. */
  readonly rate: Decimal;
  /** Empty = since ever. */
  readonly validFrom: IsoDate | null;
  /** Inclusive; empty = open-ended. */
  readonly validTo: IsoDate | null;
}

export interface TaxGroupLabel {
  readonly code: string;
  readonly name: string;
}

/** "01.07.2020–31.12.2020", "ab 01.01.2021", "bis 30.06.2020" or "unbefristet". */
export function rangeLabel(r: { validFrom: IsoDate | null; validTo: IsoDate | null }): string {
  if (r.validFrom === null && r.validTo === null) return 'unbefristet';
  if (r.validFrom === null) return `bis ${formatDate(r.validTo as IsoDate)}`;
  if (r.validTo === null) return `ab ${formatDate(r.validFrom)}`;
  return `${formatDate(r.validFrom)}–${formatDate(r.validTo)}`;
}

export function coversDate(r: { validFrom: IsoDate | null; validTo: IsoDate | null }, date: IsoDate): boolean {
  return (r.validFrom === null || compareDates(r.validFrom, date) <= 0) && (r.validTo === null || compareDates(date, r.validTo) <= 0);
}

/** The rate valid on the service date; none → an error naming the group and the date. */
export function resolveTaxRate<R extends TaxRateLike>(group: TaxGroupLabel, rates: readonly R[], serviceDate: IsoDate): R {
  const hits = rates.filter((r) => coversDate(r, serviceDate));
  if (hits.length === 1) return hits[0] as R;
  if (hits.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `Für die Steuergruppe „${group.name}“ ist zum ${formatDate(serviceDate)} kein Steuersatz hinterlegt. ` +
        'Bitte unter Artikelverwaltung → Steuergruppen einen Steuersatz mit passendem Gültigkeitszeitraum anlegen.',
      { taxGroup: group.code, date: serviceDate },
    );
  }
  // Cannot happen for data saved through checkRateRanges; refuse rather than guess.
  throw new AppError(
    'INTEGRITY',
    `Steuergruppe „${group.name}“: zum ${formatDate(serviceDate)} gelten mehrere Steuersätze (${hits
      .map((h) => `${formatPercent(h.rate)} ${rangeLabel(h)}`)
      .join(', ')}).`,
    { taxGroup: group.code, date: serviceDate },
  );
}

/**
 * Validity ranges of one tax group: validTo not before validFrom, and no two ranges share a
 * day. Throws a VALIDATION error naming both ranges, with field paths `rates.<i>.validFrom`.
 */
export function checkRateRanges(rates: readonly TaxRateLike[]): void {
  const fields: Record<string, string> = {};
  rates.forEach((r, i) => {
    if (r.rate.isNegative() || r.rate.gt(100)) fields[`rates.${i}.rate`] = 'Steuersatz muss zwischen 0 und 100 % liegen';
    if (r.validFrom !== null && r.validTo !== null && compareDates(r.validTo, r.validFrom) < 0) {
      fields[`rates.${i}.validTo`] = `„Gültig bis“ (${formatDate(r.validTo)}) liegt vor „Gültig ab“ (${formatDate(r.validFrom)})`;
    }
  });
  if (Object.keys(fields).length === 0) {
    for (let i = 0; i < rates.length; i++) {
      for (let j = i + 1; j < rates.length; j++) {
        const a = rates[i] as TaxRateLike;
        const b = rates[j] as TaxRateLike;
        if (rangesOverlap(a, b)) {
          const message =
            `Die Gültigkeitszeiträume überschneiden sich: ${formatPercent(a.rate)} (${rangeLabel(a)}) und ` +
            `${formatPercent(b.rate)} (${rangeLabel(b)}). Bitte „Gültig bis“ des einen Satzes vor „Gültig ab“ des anderen legen.`;
          throw new AppError('VALIDATION', message, { fields: { [`rates.${j}.validFrom`]: message } });
        }
      }
    }
    return;
  }
  throw new AppError('VALIDATION', `Steuersätze: ${Object.values(fields)[0]}`, { fields });
}

/**
 * A group that charges no VAT (Kleinunternehmer, reverse charge, not taxable) has only 0 %
 * rates: the invoice prints no tax for it, so a rate above 0 would be a tax nobody sees.
 * Field paths `rates.<i>.rate`, like checkRateRanges.
 */
export function checkRatesOfTreatment(treatment: TaxTreatment, rates: readonly TaxRateLike[]): void {
  if (treatment === 'STANDARD') return;
  const i = rates.findIndex((r) => !r.rate.isZero());
  if (i < 0) return;
  const message = `${TAX_TREATMENT_LABELS[treatment]}: Es wird keine Umsatzsteuer berechnet, der Steuersatz muss 0 % sein`;
  throw new AppError('VALIDATION', message, { fields: { [`rates.${i}.rate`]: message } });
}

/**
 * The treatment of a new group whose caller chose none (CLI, older clients; the form always
 * chooses): a group that bills only with the customer's VAT ID and charges 0 % is the
 * reverse-charge case of §3, anything else is taxed normally.
 */
export function presumedTreatment(requiresVatId: boolean, rates: readonly TaxRateLike[]): TaxTreatment {
  return requiresVatId && rates.every((r) => r.rate.isZero()) ? 'REVERSE_CHARGE' : 'STANDARD';
}

/** Two inclusive ranges (empty ends = open) share at least one day. */
export function rangesOverlap(
  a: { validFrom: IsoDate | null; validTo: IsoDate | null },
  b: { validFrom: IsoDate | null; validTo: IsoDate | null },
): boolean {
  const aStartsBeforeBEnds = a.validFrom === null || b.validTo === null || compareDates(a.validFrom, b.validTo) <= 0;
  const bStartsBeforeAEnds = b.validFrom === null || a.validTo === null || compareDates(b.validFrom, a.validTo) <= 0;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

/**
 * §3 service date for the tax rate: the last day of the service period for subscription
 * (and proration) activities, the activity date for one-time activities.
 */
export function taxServiceDate(
  origin: 'SUBSCRIPTION' | 'ONE_TIME' | 'PRORATION',
  activity: { readonly periodEnd?: IsoDate | null; readonly date: IsoDate },
): IsoDate {
  if (origin !== 'ONE_TIME' && activity.periodEnd) return activity.periodEnd;
  return activity.date;
}

// --- "Preis prüfen" -----------------------------------------------------------------------

export interface PriceCheck {
  readonly unitPrice: Decimal;
  readonly net: Decimal;
  readonly taxRate: Decimal;
  readonly tax: Decimal;
  readonly gross: Decimal;
}

/** Net, VAT and gross for a quantity at a unit price, rounded exactly as an invoice line (§2). */
export function priceCheck(unitPrice: Decimal, quantity: Decimal, taxRate: Decimal): PriceCheck {
  const net = lineNet(quantity, unitPrice);
  const tax = taxOnNet(net, taxRate);
  return { unitPrice, net, taxRate, tax, gross: net.plus(tax) };
}

// --- articles -----------------------------------------------------------------------------

export const SUBSCRIPTION_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

/** Subscription articles bill per DAY/WEEK/MONTH/YEAR; one-time articles have a free unit. */
export function checkArticleUnit(kind: 'SUBSCRIPTION' | 'ONE_TIME', unit: string): string | null {
  if (kind === 'SUBSCRIPTION' && !(SUBSCRIPTION_UNITS as readonly string[]).includes(unit)) {
    return 'Abo-Artikel brauchen die Einheit Tag, Woche, Monat oder Jahr';
  }
  if (kind === 'ONE_TIME' && unit.trim() === '') return 'Einheit ist ein Pflichtfeld (z. B. Stück, Stunde, Pauschale)';
  return null;
}

/** Revenue account: the product group's override, else the tax group's account for the chart. */
export function revenueAccount(
  chart: 'SKR03' | 'SKR04',
  taxGroup: { readonly accountSkr03: string | null; readonly accountSkr04: string | null },
  productGroup: { readonly accountSkr03: string | null; readonly accountSkr04: string | null },
): string | null {
  return chart === 'SKR03' ? (productGroup.accountSkr03 ?? taxGroup.accountSkr03) : (productGroup.accountSkr04 ?? taxGroup.accountSkr04);
}

// --- seed (§3) ----------------------------------------------------------------------------

export interface TaxGroupSeed {
  readonly code: string;
  readonly name: string;
  readonly invoiceNote: string | null;
  readonly accountSkr03: string;
  readonly accountSkr04: string;
  readonly requiresVatId: boolean;
  readonly treatment: TaxTreatment;
  readonly rates: readonly { readonly rate: string; readonly validFrom: IsoDate | null; readonly validTo: IsoDate | null }[];
}

/**
 * The five German tax groups every new company file starts with (DOMAIN §3), incl. the
 * temporary reduction of the second half of 2020. Revenue accounts per
 * ../shared/conformance/DATEV-EXTF.md §6 (8400/4400, 8300/4300, 8195/4185, 8337/4337);
 * Drittland (service not taxable in Germany) uses 8338/4338 "Erlöse aus im Drittland
 * steuerbaren Leistungen, im Inland nicht steuerbare Umsätze".
 * The general rates start on the day they took effect (19 % on 01.01.2007, 7 % on
 * 01.07.1983), so a service date before them is refused instead of silently taxed.
 */
/** A seeded group's revenue accounts, as the DATEV chart table has them (one table for both). */
function chartAccounts(code: string): Pick<TaxGroupSeed, 'accountSkr03' | 'accountSkr04'> {
  const skr03 = CHART_DEFAULTS.SKR03.revenue[code];
  const skr04 = CHART_DEFAULTS.SKR04.revenue[code];
  if (skr03 === undefined || skr04 === undefined) throw new Error(`Kein DATEV-Erlöskonto für die Steuergruppe ${code}`);
  return { accountSkr03: skr03, accountSkr04: skr04 };
}

export const GERMAN_TAX_GROUPS: readonly TaxGroupSeed[] = [
  {
    code: 'DE_STANDARD',
    name: 'Deutschland / Regelsteuersatz',
    invoiceNote: null,
    ...chartAccounts('DE_STANDARD'),
    requiresVatId: false,
    treatment: 'STANDARD',
    rates: [
      { rate: '19', validFrom: '2007-01-01', validTo: '2020-06-30' },
      { rate: '16', validFrom: '2020-07-01', validTo: '2020-12-31' },
      { rate: '19', validFrom: '2021-01-01', validTo: null },
    ],
  },
  {
    code: 'DE_REDUCED',
    name: 'Deutschland / ermäßigt',
    invoiceNote: null,
    ...chartAccounts('DE_REDUCED'),
    requiresVatId: false,
    treatment: 'STANDARD',
    rates: [
      { rate: '7', validFrom: '1983-07-01', validTo: '2020-06-30' },
      { rate: '5', validFrom: '2020-07-01', validTo: '2020-12-31' },
      { rate: '7', validFrom: '2021-01-01', validTo: null },
    ],
  },
  {
    code: 'DE_SMALL_BUSINESS',
    name: 'Deutschland / Steuerfrei (Kleinunternehmer)',
    invoiceNote: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).',
    ...chartAccounts('DE_SMALL_BUSINESS'),
    requiresVatId: false,
    treatment: 'KLEINUNTERNEHMER',
    rates: [{ rate: '0', validFrom: null, validTo: null }],
  },
  {
    code: 'EU_REVERSE_CHARGE',
    name: 'EU / Reverse Charge',
    invoiceNote: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG / Art. 196 MwStSystRL).',
    ...chartAccounts('EU_REVERSE_CHARGE'),
    requiresVatId: true,
    treatment: 'REVERSE_CHARGE',
    rates: [{ rate: '0', validFrom: null, validTo: null }],
  },
  {
    code: 'NON_EU',
    name: 'Drittland / nicht steuerbar',
    invoiceNote: 'Nicht im Inland steuerbare Leistung (Leistungsort im Drittland, § 3a UStG).',
    ...chartAccounts('NON_EU'),
    requiresVatId: false,
    treatment: 'NOT_TAXABLE',
    rates: [{ rate: '0', validFrom: null, validTo: null }],
  },
];

/**
 * The seeded groups keep their code and treatment: DATEV's default revenue accounts and the
 * user's settings refer to them by code, and their meaning is the §3 list.
 */
export function isSeededTaxGroup(code: string): boolean {
  return GERMAN_TAX_GROUPS.some((g) => g.code === code);
}
