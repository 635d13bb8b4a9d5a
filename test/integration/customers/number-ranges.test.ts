import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextNumber } from '../../../main/company/number-ranges';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';

describe('number ranges', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
  });
  afterEach(async () => t.close());

  it('hands out gapless numbers per year and gives a rolled-back number back', async () => {
    const db = t.session.company().db;
    const a = await db.transaction((m) => nextNumber(m, 'INVOICE', '2026-11-28'));
    await expect(
      db.transaction(async (m) => {
        await nextNumber(m, 'INVOICE', '2026-11-28');
        throw new Error('Beleg fehlgeschlagen');
      }),
    ).rejects.toThrow('Beleg fehlgeschlagen');
    const b = await db.transaction((m) => nextNumber(m, 'INVOICE', '2026-11-28'));
    const c = await db.transaction((m) => nextNumber(m, 'INVOICE', '2027-01-02'));
    expect([a, b, c]).toEqual(['RE-2026-000001', 'RE-2026-000002', 'RE-2027-000001']);
  });

  it('lists ranges with the next number, edits a format (audited) and refuses a format without counter', async () => {
    const ranges = await t.call('numberRanges.list', {});
    expect(ranges.find((r) => r.key === 'INVOICE')?.nextPreview).toBe('RE-2026-000001');
    const updated = await t.call('numberRanges.update', { key: 'INVOICE', format: 'R{YY}{MM}-{NNNN}', startValue: 100 });
    expect(updated.nextPreview).toBe('R2611-0100');
    const audit = await t.call('audit.list', { entity: 'Nummernkreis' });
    expect(audit.rows[0]?.changes).toContainEqual({ field: 'format', old: 'RE-{YYYY}-{NNNNNN}', new: 'R{YY}{MM}-{NNNN}' });
    const bad = await t.tryCall('numberRanges.update', { key: 'INVOICE', format: 'RE-{YYYY}', startValue: 1 });
    expect(fieldErrorOf(bad, 'format')).toBe('Das Format braucht einen Zähler, z. B. {NNNNNN}');
  });
});
