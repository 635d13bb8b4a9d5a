import type { MigrationInterface, QueryRunner } from 'typeorm';

const TREATMENTS = `('STANDARD', 'KLEINUNTERNEHMER', 'REVERSE_CHARGE', 'NOT_TAXABLE')`;

/**
 * What the code of a tax group meant until this migration (billing read the treatment from
 * these four seeded codes, every other code was taxed normally). Frozen here: the backfill
 * must restate exactly what each issued invoice was issued with.
 */
const treatmentOfCode = (column: string): string =>
  `CASE ${column} WHEN 'DE_SMALL_BUSINESS' THEN 'KLEINUNTERNEHMER' WHEN 'EU_REVERSE_CHARGE' THEN 'REVERSE_CHARGE' WHEN 'NON_EU' THEN 'NOT_TAXABLE' ELSE 'STANDARD' END`;

/**
 * The tax treatment (normal, Kleinunternehmer, reverse charge, not taxable) becomes a property
 * of the tax group instead of being read from its code, which the user can edit. Issued
 * invoice lines get the treatment they were issued with (DATEV reads it for column 40), so a
 * later change of a group never reaches them. invoice_line is immutable: its update trigger
 * is lifted for the backfill only, in this migration's transaction, and put back unchanged.
 */
export class TaxTreatment1764400100000 implements MigrationInterface {
  name = 'TaxTreatment1764400100000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE tax_group ADD COLUMN treatment TEXT NOT NULL DEFAULT 'STANDARD' CHECK (treatment IN ${TREATMENTS})`,
      `UPDATE tax_group SET treatment = ${treatmentOfCode('code')}`,
      `ALTER TABLE invoice_line ADD COLUMN tax_treatment TEXT NOT NULL DEFAULT 'STANDARD' CHECK (tax_treatment IN ${TREATMENTS})`,
      `DROP TRIGGER invoice_line_no_update`,
      `UPDATE invoice_line SET tax_treatment = ${treatmentOfCode('tax_group_code')} WHERE tax_group_code IN ('DE_SMALL_BUSINESS', 'EU_REVERSE_CHARGE', 'NON_EU')`,
      `CREATE TRIGGER invoice_line_no_update BEFORE UPDATE ON invoice_line BEGIN SELECT RAISE(ABORT, 'Positionen ausgestellter Rechnungen sind unveränderlich'); END`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
