import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many numbers a range has issued in a period is counted, not derived from the counter: a
 * start value raised above the numbers issued (switching over from another program) makes the
 * counter jump, and "last − start + 1" then came out wrong, even negative. Existing counters are
 * backfilled from the old rule; where the start value now lies above the counter it was raised
 * after numbers were issued, and the best count left is the counter itself (the default start is 1).
 */
export class NumberRangeIssued1764400200000 implements MigrationInterface {
  name = 'NumberRangeIssued1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE number_range_counter ADD COLUMN issued INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0)`);
    await q.query(
      `UPDATE number_range_counter SET issued = (
         SELECT CASE WHEN number_range_counter.last_value >= r.start_value THEN number_range_counter.last_value - r.start_value + 1
                     ELSE number_range_counter.last_value END
         FROM number_range r WHERE r.key = number_range_counter.range_key)`,
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen.');
  }
}
