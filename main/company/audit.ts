// GoBD audit trail: every create and change of tax-relevant data, append-only (triggers refuse
// UPDATE and DELETE on audit_log).
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../../shared/api/company';
import { likeContaining } from '../db/like';

export interface AuditEvent {
  readonly actor: string;
  readonly at: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly action: AuditEntry['action'];
  readonly before?: Readonly<Record<string, unknown>> | null;
  readonly after?: Readonly<Record<string, unknown>> | null;
}

/** Field-by-field old → new; unchanged fields are left out. */
export function diffRecords(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>> | null | undefined,
): AuditEntry['changes'] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: { field: string; old: unknown; new: unknown }[] = [];
  for (const field of keys) {
    const oldValue = before?.[field] ?? null;
    const newValue = after?.[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes.push({ field, old: oldValue, new: newValue });
  }
  return changes;
}

/** Writes one audit row; an UPDATE that changed nothing writes nothing. */
export async function recordAudit(manager: EntityManager, event: AuditEvent): Promise<void> {
  const changes = diffRecords(event.before, event.after);
  if (event.action === 'UPDATE' && changes.length === 0) return;
  await manager.query(
    `INSERT INTO audit_log(at, actor, entity, entity_id, action, changes_json) VALUES (?, ?, ?, ?, ?, ?)`,
    [event.at, event.actor, event.entity, String(event.entityId), event.action, JSON.stringify(changes)],
  );
}

export interface AuditQuery {
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly search?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export async function listAudit(manager: EntityManager, query: AuditQuery): Promise<{ rows: AuditEntry[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.entity) {
    where.push('entity = ?');
    params.push(query.entity);
  }
  if (query.entityId) {
    where.push('entity_id = ?');
    params.push(query.entityId);
  }
  if (query.search) {
    where.push(`(changes_json LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\')`);
    params.push(likeContaining(query.search), likeContaining(query.search));
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await manager.query(`SELECT count(*) AS total FROM audit_log ${clause}`, params)) as [{ total: number }];
  const rows = (await manager.query(
    `SELECT id, at, actor, entity, entity_id, action, changes_json FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset],
  )) as { id: number; at: string; actor: string; entity: string; entity_id: string; action: AuditEntry['action']; changes_json: string }[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      changes: JSON.parse(r.changes_json) as AuditEntry['changes'],
    })),
  };
}
