// Key/value settings of a company file (JSON values), audited on change.
import type { EntityManager } from 'typeorm';
import { rawOf, stmt, type Raw } from '../db/company-db';
import { recordAudit } from './audit';

/** A setting read on the better-sqlite3 handle (hot paths, inside the caller's transaction). */
export function getSettingIn<T>(raw: Raw, key: string, fallback: T): T {
  const row = stmt(raw, `SELECT value_json FROM settings WHERE key = ?`).get(key) as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as T) : fallback;
}

export async function getSetting<T>(manager: EntityManager, key: string, fallback: T): Promise<T> {
  return getSettingIn(rawOf(manager), key, fallback);
}

export interface SettingChange {
  readonly actor: string;
  readonly at: string;
}

export async function setSetting(manager: EntityManager, key: string, value: unknown, change: SettingChange): Promise<void> {
  const rows = (await manager.query(`SELECT value_json FROM settings WHERE key = ?`, [key])) as { value_json: string }[];
  const before = rows[0] ? (JSON.parse(rows[0].value_json) as unknown) : null;
  await manager.query(
    `INSERT INTO settings(key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value), change.at],
  );
  await recordAudit(manager, {
    actor: change.actor,
    at: change.at,
    entity: 'Einstellung',
    entityId: key,
    action: rows[0] ? 'UPDATE' : 'CREATE',
    // Object settings (company profile, DATEV settings) are audited field by field.
    before: isRecord(before) ? before : { value: before },
    after: isRecord(value) ? value : { value },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
