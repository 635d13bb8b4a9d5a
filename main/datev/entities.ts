import { EntitySchema } from 'typeorm';

export interface DatevExportRecord {
  id: number;
  dateFrom: string;
  dateTo: string;
  onlyNew: boolean;
  sandbox: boolean;
  bookingCount: number;
  entryCount: number;
  settingsJson: string;
  summaryJson: string;
  createdBy: string;
  createdAt: string;
}

export interface DatevExportFileRecord {
  id: number;
  exportId: number;
  fileName: string;
  kind: 'BUCHUNGSSTAPEL' | 'DEBITOREN';
  periodFrom: string | null;
  periodTo: string | null;
  bookingCount: number;
  sha256: string;
  sizeBytes: number;
  content: Buffer;
}

export interface DatevExportItemRecord {
  id: number;
  exportId: number;
  fileId: number;
  entryId: number;
  bookingCount: number;
}

const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };
const int = (name: string) => ({ type: 'integer' as const, name });
const text = (name: string, nullable = false) => ({ type: 'text' as const, name, nullable });
const bool = (name: string) => ({ type: 'boolean' as const, name });

export const DatevExportEntity = new EntitySchema<DatevExportRecord>({
  name: 'DatevExport',
  tableName: 'datev_export',
  columns: {
    id,
    dateFrom: text('date_from'),
    dateTo: text('date_to'),
    onlyNew: bool('only_new'),
    sandbox: bool('sandbox'),
    bookingCount: int('booking_count'),
    entryCount: int('entry_count'),
    settingsJson: text('settings_json'),
    summaryJson: text('summary_json'),
    createdBy: text('created_by'),
    createdAt: text('created_at'),
  },
});

export const DatevExportFileEntity = new EntitySchema<DatevExportFileRecord>({
  name: 'DatevExportFile',
  tableName: 'datev_export_file',
  columns: {
    id,
    exportId: int('export_id'),
    fileName: text('file_name'),
    kind: text('kind') as { type: 'text'; name: string; nullable: boolean },
    periodFrom: text('period_from', true),
    periodTo: text('period_to', true),
    bookingCount: int('booking_count'),
    sha256: text('sha256'),
    sizeBytes: int('size_bytes'),
    content: { type: 'blob', name: 'content' },
  },
});

export const DatevExportItemEntity = new EntitySchema<DatevExportItemRecord>({
  name: 'DatevExportItem',
  tableName: 'datev_export_item',
  columns: {
    id,
    exportId: int('export_id'),
    fileId: int('file_id'),
    entryId: int('entry_id'),
    bookingCount: int('booking_count'),
  },
});

export const datevEntities = [DatevExportEntity, DatevExportFileEntity, DatevExportItemEntity] as EntitySchema[];
