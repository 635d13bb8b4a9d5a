import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../../main/company/settings';
import { archiveFolderOf } from '../../../main/documents/archive';
import { BACKUP_KEEP_SETTING, backupFolder } from '../../../main/jobs/definitions/backup-job';
import { createTestCompany, TEST_PROFILE, type TestCompany } from '../../support/company';

describe('backup folder per company file', () => {
  let t: TestCompany;
  let fileA: string;
  const fileB = () => join(t.dir, 'filiale', 'firma.abowerk');
  beforeEach(async () => {
    t = await createTestCompany(); // <dir>/firma.abowerk
    fileA = t.session.company().db.filePath;
  });
  afterEach(async () => t.close());

  async function nightlyBackup(at: string, keep?: number): Promise<string> {
    if (keep !== undefined) await t.session.company().db.transaction((m) => setSetting(m, BACKUP_KEEP_SETTING, keep, { actor: 'test', at }));
    t.clock.set(at);
    const run = await t.call('jobs.runAndWait', { name: 'company.backup' });
    expect(run.state).toBe('DONE');
    return run.message ?? '';
  }

  it('two company files of the same name keep their backups and PDF mirrors apart; one rotation never deletes the other\'s', async () => {
    const archiveB = archiveFolderOf(fileB());
    mkdirSync(join(archiveB, '2026'), { recursive: true });
    writeFileSync(join(archiveB, '2026', 'RE-2026-000001.pdf'), '%PDF-1.7 Filiale');
    await t.call('company.create', { kind: 'PRODUCTION', profile: { ...TEST_PROFILE, name: 'Filiale B GmbH' }, filePath: fileB() });
    const folderB = backupFolder(t.session.dataDir, t.session.company().db);
    const backupOfB = await nightlyBackup('2026-11-28T20:00:00Z');

    await t.call('company.open', { filePath: fileA });
    const folderA = backupFolder(t.session.dataDir, t.session.company().db);
    expect(folderA).not.toBe(folderB);
    expect(basename(folderA)).toMatch(/^firma-[0-9a-f]{8}$/);
    expect(await t.call('transfer.backups', {})).toEqual([]);
    await nightlyBackup('2026-11-28T21:00:00Z', 1);
    const backupOfA = await nightlyBackup('2026-11-28T22:00:00Z');

    expect(existsSync(backupOfB)).toBe(true);
    expect((await t.call('transfer.backups', {})).map((b) => b.path)).toEqual([backupOfA]);
    expect(existsSync(join(folderA, 'Belege'))).toBe(false);
    expect(readdirSync(join(folderB, 'Belege', '2026'))).toEqual(['RE-2026-000001.pdf']);
  });

  it("finds this file's backups in the folder used before (not another file's of the same name) and never rotates them away", async () => {
    const legacy = join(t.session.dataDir, 'sicherungen', 'firma');
    mkdirSync(legacy, { recursive: true });
    const own = await t.call('transfer.backup', {});
    const oldOwn = join(legacy, 'firma-2026-01-05T21-00-00-000Z.abowerk');
    copyFileSync(own.path, oldOwn);

    await t.call('company.create', { kind: 'PRODUCTION', profile: { ...TEST_PROFILE, name: 'Filiale B GmbH' }, filePath: fileB() });
    const oldOfB = join(legacy, 'firma-2026-01-06T21-00-00-000Z.abowerk');
    copyFileSync((await t.call('transfer.backup', {})).path, oldOfB);
    await t.call('company.open', { filePath: fileA });

    expect((await t.call('transfer.backups', {})).map((b) => b.path).sort()).toEqual([own.path, oldOwn].sort());
    await nightlyBackup('2026-11-28T22:00:00Z', 1);
    expect([existsSync(oldOwn), existsSync(oldOfB)]).toEqual([true, true]);
  });
});
