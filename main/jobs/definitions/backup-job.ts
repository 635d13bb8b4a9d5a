// Nightly backup: a consistent copy of the open company file (SQLite online backup, see
// company/backup.ts) into a rotating folder beside the data folder, keeping the newest N, plus
// a mirror of the PDF archive (GoBD: the documents must survive with the books).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBackup } from '../../company/backup';
import { getSetting } from '../../company/settings';
import { archiveFolderOf } from '../../documents/archive';
import type { JobDefinition } from '../definition';
import { backupFolder } from './backup-folder';

export { backupFolder } from './backup-folder';

export const BACKUP_KEEP_SETTING = 'backup.keep';
export const DEFAULT_BACKUP_KEEP = 10;
/** Nightly copies are named "<file>-<ISO stamp>.abowerk"; manual copies and safety copies carry a suffix and are never rotated away. */
const ROTATED = /-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.abowerk$/;

/** Copies archive files the mirror does not have yet; archived PDFs never change, so that is enough. */
export function mirrorFolder(source: string, target: string): number {
  if (!existsSync(source)) return 0;
  let copied = 0;
  for (const name of readdirSync(source)) {
    const from = join(source, name);
    const to = join(target, name);
    if (statSync(from).isDirectory()) {
      copied += mirrorFolder(from, to);
    } else if (!name.includes('.tmp-') && !existsSync(to)) {
      mkdirSync(target, { recursive: true });
      copyFileSync(from, to);
      chmodSync(to, 0o444);
      copied++;
    }
  }
  return copied;
}

export const backupJob: JobDefinition = {
  name: 'company.backup',
  label: 'Datensicherung',
  defaultCron: '0 22 * * *',
  dependsOn: [],
  async run(ctx) {
    const dir = backupFolder(ctx.dataDir, ctx.db);
    const keep = await getSetting<number>(ctx.db.dataSource.manager, BACKUP_KEEP_SETTING, DEFAULT_BACKUP_KEEP);
    ctx.progress('Sicherung', 0, 2);
    const backup = await createBackup(ctx.db, ctx.dataDir, ctx.now);
    ctx.progress('Belegarchiv', 1, 2);
    const documents = mirrorFolder(archiveFolderOf(ctx.db.filePath), join(dir, 'Belege'));
    ctx.progress('Belegarchiv', 2, 2);
    const rotated = readdirSync(dir).filter((f) => ROTATED.test(f)).sort();
    const removed = rotated.slice(0, Math.max(0, rotated.length - keep));
    for (const f of removed) rmSync(join(dir, f), { force: true });
    return { counts: { gesichert: 1, belege: documents, entfernt: removed.length }, errors: [], message: backup.path };
  },
};
