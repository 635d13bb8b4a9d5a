import { basename, join } from 'node:path';

/** Backups of a company file live in "<data folder>/sicherungen/<file name>/". */
export function backupFolder(dataDir: string, companyFile: string): string {
  return join(dataDir, 'sicherungen', basename(companyFile).replace(/\.abowerk$/, ''));
}
