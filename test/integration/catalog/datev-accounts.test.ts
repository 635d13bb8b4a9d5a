// The seeded revenue accounts must be the ones of the DATEV summary in the conformance folder
// (../shared/conformance/DATEV-EXTF.md §6). Fails clearly when that folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GERMAN_TAX_GROUPS } from '../../../main/catalog/rules';

const dir = process.env.ABOWERK_CONFORMANCE_DIR ?? '../shared/conformance';
const file = join(dir, 'DATEV-EXTF.md');

/** Rows "| purpose | SKR03 | SKR04 |" of the accounts table. */
function accountTable(markdown: string): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*([^|]+?)\s*\|\s*(\d{4})\s*\|\s*(\d{4})\s*\|$/.exec(line.trim());
    if (m?.[1] && m[2] && m[3]) rows.set(m[1], [m[2], m[3]]);
  }
  return rows;
}

describe('seeded revenue accounts match DATEV-EXTF.md §6', () => {
  it('the conformance folder is present', () => {
    expect(existsSync(file), `${file} fehlt – ABOWERK_CONFORMANCE_DIR auf den Ordner ../shared/conformance setzen`).toBe(true);
  });

  it('19 %, 7 %, Kleinunternehmer and reverse charge use the documented SKR03/SKR04 accounts', () => {
    const table = accountTable(readFileSync(file, 'utf8'));
    const find = (purpose: string) => [...table.entries()].find(([k]) => k.startsWith(purpose))?.[1];
    const byCode = (code: string) => {
      const g = GERMAN_TAX_GROUPS.find((x) => x.code === code);
      return g ? [g.accountSkr03, g.accountSkr04] : undefined;
    };
    expect(byCode('DE_STANDARD')).toEqual(find('Revenue 19 % VAT'));
    expect(byCode('DE_REDUCED')).toEqual(find('Revenue 7 % VAT'));
    expect(byCode('DE_SMALL_BUSINESS')).toEqual(find('Revenue as small business'));
    expect(byCode('EU_REVERSE_CHARGE')).toEqual(find('Reverse charge'));
  });
});
