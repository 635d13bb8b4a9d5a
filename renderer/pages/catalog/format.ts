// Form helpers of the catalog screens: dates as TT.MM.JJJJ and decimals with a comma in the
// inputs, plain ISO dates and decimal strings towards main.
import { formatDate, parseDate } from '../../../shared/dates';
import { dec, formatDecimal, formatPercent, parseDecimal } from '../../../shared/money';

/** ISO date (or null) → "TT.MM.JJJJ" for an input; empty when unset. */
export function dateToInput(iso: string | null | undefined): string {
  return iso ? formatDate(iso) : '';
}

/** Typed "TT.MM.JJJJ" → ISO date; empty → null; anything else is passed on so main names the error. */
export function inputToDate(text: string): string | null {
  const s = text.trim();
  if (s === '') return null;
  return parseDate(s) ?? s;
}

/** Plain decimal string → German input text without losing decimals ("84.0336" → "84,0336"). */
export function decimalToInput(plain: string | null | undefined, minDecimals = 0): string {
  if (plain === null || plain === undefined || plain === '') return '';
  const d = dec(plain);
  return formatDecimal(d, Math.max(minDecimals, d.decimalPlaces())).replace(/\./g, '');
}

/** Typed decimal → plain string for main; empty → null; unparsable text is passed on for main's message. */
export function inputToDecimal(text: string): string | null {
  const s = text.trim();
  if (s === '') return null;
  const d = parseDecimal(s);
  return d === null ? s : d.toString();
}

/** "19 % bis 30.06.2020 · 16 % 01.07.2020–31.12.2020 · 19 % ab 01.01.2021" */
export function describeRates(rates: readonly { rate: string; validFrom: string | null; validTo: string | null }[]): string {
  return rates
    .map((r) => {
      const pct = formatPercent(dec(r.rate));
      if (r.validFrom === null && r.validTo === null) return pct;
      if (r.validFrom === null) return `${pct} bis ${formatDate(r.validTo as string)}`;
      if (r.validTo === null) return `${pct} ab ${formatDate(r.validFrom)}`;
      return `${pct} ${formatDate(r.validFrom)}–${formatDate(r.validTo)}`;
    })
    .join(' · ');
}
