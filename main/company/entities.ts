import { EntitySchema } from 'typeorm';

export interface SettingRecord {
  key: string;
  valueJson: string;
  updatedAt: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  changesJson: string;
}

export const SettingEntity = new EntitySchema<SettingRecord>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'text', primary: true },
    valueJson: { type: 'text', name: 'value_json' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export const AuditEntity = new EntitySchema<AuditRecord>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'text' },
    actor: { type: 'text' },
    entity: { type: 'text' },
    entityId: { type: 'text', name: 'entity_id' },
    action: { type: 'text' },
    changesJson: { type: 'text', name: 'changes_json' },
  },
});

export const companyEntities = [SettingEntity, AuditEntity] as EntitySchema[];
