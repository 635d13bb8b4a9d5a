import { EntitySchema } from 'typeorm';

export interface ImportProfileRecord {
  id: number;
  target: string;
  name: string;
  mappingJson: string;
  encoding: string | null;
  separator: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ImportProfileEntity = new EntitySchema<ImportProfileRecord>({
  name: 'ImportProfile',
  tableName: 'import_profile',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    target: { type: 'text' },
    name: { type: 'text' },
    mappingJson: { type: 'text', name: 'mapping_json' },
    encoding: { type: 'text', nullable: true },
    separator: { type: 'text', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

export const transferEntities = [ImportProfileEntity] as EntitySchema[];
