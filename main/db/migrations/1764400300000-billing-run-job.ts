import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A billing run started as a job (the Rechnungslauf page) records that job's run id, so the
 * page finds its report by it. Matching by start instant and actor could give another run's
 * report when a second run (the CLI's) started in the same millisecond.
 */
export class BillingRunJob1764400300000 implements MigrationInterface {
  name = 'BillingRunJob1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing_run ADD COLUMN job_run_id INTEGER`);
    await q.query(`CREATE INDEX billing_run_job ON billing_run(job_run_id) WHERE job_run_id IS NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}
