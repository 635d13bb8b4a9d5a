// Nightly backup: a consistent copy of the open company file (SQLite online backup) into a
// rotating folder beside the data folder, keeping the newest N.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getSetting } from '../../company/settings';
import type { JobDefinition } from '../definition';

export const BACKUP_KEEP_SETTING = 'backup.keep';
export const DEFAULT_BACKUP_KEEP = 10;

export function backupFolder(dataDir: string, companyFile: string): string {
  return join(dataDir, 'sicherungen', basename(companyFile).replace(/\.abowerk$/, ''));
}

export const backupJob: JobDefinition = {
  name: 'company.backup',
  label: 'Datensicherung',
  defaultCron: '0 22 * * *',
  dependsOn: [],
  async run(ctx) {
    const dir = backupFolder(ctx.dataDir, ctx.db.filePath);
    mkdirSync(dir, { recursive: true });
    const keep = await getSetting<number>(ctx.db.dataSource.manager, BACKUP_KEEP_SETTING, DEFAULT_BACKUP_KEEP);
    const stamp = ctx.now.toISOString().replace(/[:.]/g, '-');
    const target = join(dir, `${basename(ctx.db.filePath, '.abowerk')}-${stamp}.abowerk`);
    ctx.progress('Sicherung', 0, 1);
    await ctx.db.raw.backup(target);
    ctx.progress('Sicherung', 1, 1);
    const backups = readdirSync(dir).filter((f) => f.endsWith('.abowerk')).sort();
    const removed = backups.slice(0, Math.max(0, backups.length - keep));
    for (const f of removed) rmSync(join(dir, f), { force: true });
    return { counts: { gesichert: 1, entfernt: removed.length }, errors: [], message: target };
  },
};
