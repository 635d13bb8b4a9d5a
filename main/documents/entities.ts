import { EntitySchema } from 'typeorm';

export interface DocumentArchiveRecord {
  id: number;
  invoiceId: number;
  sha256: string;
  /** Relative to the company's archive folder, with forward slashes. */
  path: string;
  sizeBytes: number;
  sandbox: boolean;
  createdBy: string;
  createdAt: string;
}

export const DocumentArchiveEntity = new EntitySchema<DocumentArchiveRecord>({
  name: 'DocumentArchive',
  tableName: 'document_archive',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    invoiceId: { type: 'integer', name: 'invoice_id' },
    sha256: { type: 'text', name: 'sha256' },
    path: { type: 'text', name: 'path' },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    sandbox: { type: 'boolean', name: 'sandbox' },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'text', name: 'created_at' },
  },
});

export const documentEntities = [DocumentArchiveEntity] as EntitySchema[];
