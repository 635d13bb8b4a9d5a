// Gapless, unique numbers: the counter is advanced inside the caller's transaction, so a
// rolled-back document gives its number back.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { counterPeriod, formatNumber } from './number-range-rules';

export type NumberRangeKey = 'CUSTOMER' | 'CONTRACT' | 'INVOICE' | 'CANCELLATION' | 'CREDIT_NOTE' | (string & {});

export async function nextNumber(manager: EntityManager, key: NumberRangeKey, date: IsoDate): Promise<string> {
  const ranges = (await manager.query(`SELECT format, start_value FROM number_range WHERE key = ?`, [key])) as {
    format: string;
    start_value: number;
  }[];
  const range = ranges[0];
  if (!range) throw new AppError('NOT_FOUND', `Nummernkreis ${key} ist nicht eingerichtet.`);
  const period = counterPeriod(range.format, date);
  const rows = (await manager.query(
    `INSERT INTO number_range_counter(range_key, period, last_value) VALUES (?, ?, ?)
     ON CONFLICT(range_key, period) DO UPDATE SET last_value = last_value + 1
     RETURNING last_value`,
    [key, period, range.start_value],
  )) as { last_value: number }[];
  const counter = rows[0]?.last_value;
  if (counter === undefined) throw new AppError('INTERNAL', `Nummernkreis ${key}: Zähler konnte nicht erhöht werden.`);
  return formatNumber(range.format, counter, date);
}
