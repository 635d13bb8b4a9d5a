// The DATEV chart accounts (SKR03/SKR04) Abowerk starts from: the export's default settings
// (main/datev/rules.ts) and the settings page's chart switch read this one table.
import type { CHARTS } from './api/datev';

export type Chart = (typeof CHARTS)[number];

export interface ChartAccounts {
  /** Revenue account per seeded tax group code. */
  readonly revenue: Readonly<Record<string, string>>;
  readonly bank: string;
  readonly manualCredit: string;
  readonly manualDebit: string;
  readonly fee: string;
}

/** Chart accounts at Sachkontenlänge 4 (DATEV-EXTF.md §6). */
export const CHART_DEFAULTS: Readonly<Record<Chart, ChartAccounts>> = {
  SKR03: {
    // 8400 Erlöse 19 %, 8300 Erlöse 7 %, 8195 Kleinunternehmer § 19 UStG, 8337 § 13b UStG,
    // 8338 im Drittland steuerbar (im Inland nicht steuerbar).
    revenue: { DE_STANDARD: '8400', DE_REDUCED: '8300', DE_SMALL_BUSINESS: '8195', EU_REVERSE_CHARGE: '8337', NON_EU: '8338' },
    bank: '1200',
    // 8700 Erlösschmälerungen, 8200 Erlöse (ohne Steuerautomatik), 2700 Sonstige Erträge.
    manualCredit: '8700',
    manualDebit: '8200',
    fee: '2700',
  },
  SKR04: {
    revenue: { DE_STANDARD: '4400', DE_REDUCED: '4300', DE_SMALL_BUSINESS: '4185', EU_REVERSE_CHARGE: '4337', NON_EU: '4338' },
    bank: '1800',
    manualCredit: '4700',
    manualDebit: '4200',
    fee: '4830',
  },
};
