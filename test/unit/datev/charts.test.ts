// One table of chart accounts (shared/datev-charts.ts): the export's defaults and the settings
// page's chart switch read it; the page kept a copy of its own that could drift.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../main/datev/rules';
import { CHART_DEFAULTS, type Chart } from '../../../shared/datev-charts';

describe('DATEV chart accounts', () => {
  it.each<[Chart, number]>([
    ['SKR03', 4],
    ['SKR03', 5],
    ['SKR04', 4],
    ['SKR04', 8],
  ])('%s at Sachkontenlänge %i: the default settings are the shared table, extended with zeros', (chart, length) => {
    const table = CHART_DEFAULTS[chart];
    const ext = (a: string) => a.padEnd(length, '0');
    const s = defaultSettings(chart, length);
    expect(Object.fromEntries(Object.entries(s.revenueAccounts).map(([code, r]) => [code, r.account]))).toEqual(
      Object.fromEntries(Object.entries(table.revenue).map(([code, a]) => [code, ext(a)])),
    );
    expect([s.bankAccount, s.manualCreditAccount, s.manualDebitAccount, s.feeAccount]).toEqual([table.bank, table.manualCredit, table.manualDebit, table.fee].map(ext));
  });

  it('holds the SKR03 and SKR04 accounts of DATEV-EXTF.md §6', () => {
    expect(CHART_DEFAULTS.SKR03).toEqual({
      revenue: { DE_STANDARD: '8400', DE_REDUCED: '8300', DE_SMALL_BUSINESS: '8195', EU_REVERSE_CHARGE: '8337', NON_EU: '8338' },
      bank: '1200', manualCredit: '8700', manualDebit: '8200', fee: '2700',
    });
    expect(CHART_DEFAULTS.SKR04).toEqual({
      revenue: { DE_STANDARD: '4400', DE_REDUCED: '4300', DE_SMALL_BUSINESS: '4185', EU_REVERSE_CHARGE: '4337', NON_EU: '4338' },
      bank: '1800', manualCredit: '4700', manualDebit: '4200', fee: '4830',
    });
  });
});
