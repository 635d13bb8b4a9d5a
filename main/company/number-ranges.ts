// Gapless, unique numbers: the counter is advanced inside the caller's transaction, so a
// rolled-back document gives its number back.
import type BetterSqlite3 from 'better-sqlite3';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import type { NumberRangeDto } from '../../shared/api/number-ranges';
import { fieldError, notFound } from '../../shared/errors';
import { rawOf } from '../db/company-db';
import { recordAudit } from './audit';
import { counterPeriod, formatNumber, validateNumberFormat } from './number-range-rules';

export type NumberRangeKey = 'CUSTOMER' | 'CONTRACT' | 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE' | (string & {});

/** The next number of a range, inside the caller's transaction (prepared statements on the same connection). */
export function nextNumberIn(raw: BetterSqlite3.Database, key: NumberRangeKey, date: IsoDate): string {
  const range = raw.prepare(`SELECT format, start_value FROM number_range WHERE key = ?`).get(key) as { format: string; start_value: number } | undefined;
  if (!range) throw new AppError('NOT_FOUND', `Nummernkreis ${key} ist nicht eingerichtet.`);
  const period = counterPeriod(range.format, date);
  const row = raw
    .prepare(
      `INSERT INTO number_range_counter(range_key, period, last_value) VALUES (?, ?, ?)
       ON CONFLICT(range_key, period) DO UPDATE SET last_value = last_value + 1 RETURNING last_value`,
    )
    .get(key, period, range.start_value) as { last_value: number } | undefined;
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
  const counters = (await manager.query(`SELECT last_value FROM number_range_counter WHERE range_key = ? AND period = ?`, [r.key, period])) as {
    last_value: number;
  }[];
  const last = counters[0]?.last_value;
  return {
    key: r.key,
    label: r.label,
    format: r.format,
    startValue: r.start_value,
    nextPreview: formatNumber(r.format, last === undefined ? r.start_value : last + 1, today),
    issuedInPeriod: last === undefined ? 0 : last - r.start_value + 1,
  };
}

export async function listNumberRanges(manager: EntityManager, today: IsoDate): Promise<NumberRangeDto[]> {
  const rows = (await manager.query(`SELECT key, label, format, start_value FROM number_range ORDER BY rowid`)) as RangeRow[];
  return Promise.all(rows.map((r) => describeRange(manager, r, today)));
}

/**
 * Changes a range's format or start value. Numbers already issued stay as they are; the counter
 * of a period that has begun continues (gapless), the start value applies to new periods.
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
