import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { companyFileId, type CompanyDb } from '../../db/company-db';

/** An open connection to a company file: the folder's name needs the file's name and id. */
export type CompanyFileHandle = Pick<CompanyDb, 'filePath' | 'raw'>;

const stem = (companyFile: string) => basename(companyFile).replace(/\.abowerk$/, '');

/**
 * The folder of one company file's backups and of its PDF mirror („Belege“):
 * "<data folder>/sicherungen/<file name>-<file id>/". The id (company_meta, kept by its backups)
 * tells apart files of the same name in different folders: sharing one folder, each listed the
 * other's backups and one's rotation deleted the other's.
 */
export function backupFolder(dataDir: string, db: CompanyFileHandle): string {
  const id = companyFileId(db.raw) ?? createHash('sha256').update(resolve(db.filePath)).digest('hex');
  return join(dataDir, 'sicherungen', `${stem(db.filePath)}-${id.slice(0, 8)}`);
}

/** Where backups went before the folder carried the file id; files of the same name shared it. */
export function legacyBackupFolder(dataDir: string, companyFile: string): string {
  return join(dataDir, 'sicherungen', stem(companyFile));
}
