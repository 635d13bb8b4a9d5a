// Gapless, unique numbers: the counter is advanced inside the caller's transaction, so a
// rolled-back document gives its number back. A range never runs backwards: a start value above
// the numbers issued is where the counter goes on (switching over from another program), a lower
// one applies from the next period.
import type BetterSqlite3 from 'better-sqlite3';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { NumberRangeDto } from '../../shared/api/number-ranges';
import { fieldError, notFound } from '../../shared/errors';
import { rawOf, stmt } from '../db/company-db';
import { recordAudit } from './audit';
import { counterPeriod, formatNumber, nextCounterValue, validateNumberFormat } from './number-range-rules';

export type NumberRangeKey = 'CUSTOMER' | 'CONTRACT' | 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE' | (string & {});

/** The next number of a range, inside the caller's transaction (prepared statements on the same connection). */
export function nextNumberIn(raw: BetterSqlite3.Database, key: NumberRangeKey, date: IsoDate): string {
  const range = stmt(raw, `SELECT format, start_value FROM number_range WHERE key = ?`).get(key) as { format: string; start_value: number } | undefined;
  if (!range) throw new AppError('NOT_FOUND', `Nummernkreis ${key} ist nicht eingerichtet.`);
  const period = counterPeriod(range.format, date);
  // The rule of nextCounterValue, inside the one statement that advances the counter.
  const row = stmt(
    raw,
    `INSERT INTO number_range_counter(range_key, period, last_value, issued) VALUES (?, ?, ?, 1)
       ON CONFLICT(range_key, period) DO UPDATE SET last_value = max(last_value + 1, excluded.last_value), issued = issued + 1
       RETURNING last_value`,
  ).get(key, period, range.start_value) as { last_value: number } | undefined;
  if (!row) throw new AppError('INTERNAL', `Nummernkreis ${key}: Zähler konnte nicht erhöht werden.`);
  return formatNumber(range.format, row.last_value, date);
}

/** The same for services working through a TypeORM transaction's manager. */
export async function nextNumber(manager: EntityManager, key: NumberRangeKey, date: IsoDate): Promise<string> {
  return nextNumberIn(rawOf(manager), key, date);
}

interface RangeRow {
  key: string;
  label: string;
  format: string;
  start_value: number;
}

async function describeRange(manager: EntityManager, r: RangeRow, today: IsoDate): Promise<NumberRangeDto> {
  const period = counterPeriod(r.format, today);
  const counters = (await manager.query(`SELECT last_value, issued FROM number_range_counter WHERE range_key = ? AND period = ?`, [r.key, period])) as {
    last_value: number;
    issued: number;
  }[];
  const counter = counters[0];
  return {
    key: r.key,
    label: r.label,
    format: r.format,
    startValue: r.start_value,
    nextPreview: formatNumber(r.format, nextCounterValue(counter?.last_value, r.start_value), today),
    issuedInPeriod: counter?.issued ?? 0,
  };
}

export async function listNumberRanges(manager: EntityManager, today: IsoDate): Promise<NumberRangeDto[]> {
  const rows = (await manager.query(`SELECT key, label, format, start_value FROM number_range ORDER BY rowid`)) as RangeRow[];
  return Promise.all(rows.map((r) => describeRange(manager, r, today)));
}

/**
 * Changes a range's format or start value. Numbers already issued stay as they are; the counter
 * of a period that has begun continues, or jumps to a start value above it, never back.
 */
export async function updateNumberRange(
  manager: EntityManager,
  input: { key: string; format: string; startValue: number },
  who: { actor: string; at: string; today: IsoDate },
): Promise<NumberRangeDto> {
  const rows = (await manager.query(`SELECT key, label, format, start_value FROM number_range WHERE key = ?`, [input.key])) as RangeRow[];
  const before = rows[0];
  if (!before) throw notFound(`Nummernkreis ${input.key}`);
  const invalid = validateNumberFormat(input.format);
  if (invalid) throw fieldError('format', invalid);
  await manager.query(`UPDATE number_range SET format = ?, start_value = ? WHERE key = ?`, [input.format, input.startValue, input.key]);
  await recordAudit(manager, {
    actor: who.actor,
    at: who.at,
    entity: 'Nummernkreis',
    entityId: input.key,
    action: 'UPDATE',
    before: { format: before.format, startwert: before.start_value },
    after: { format: input.format, startwert: input.startValue },
  });
  return describeRange(manager, { ...before, format: input.format, start_value: input.startValue }, who.today);
}
