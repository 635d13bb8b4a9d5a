import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveFolderOf } from '../../../main/documents/archive';
import { createTestCompany, type TestCompany } from '../../support/company';

describe('open the archive folder', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('answers the path where no desktop shell exists (web host, CLI)', async () => {
    const result = await t.call('documents.openArchiveFolder', {});
    expect(result).toEqual({ opened: false, folder: archiveFolderOf(t.session.company().db.filePath) });
    expect(existsSync(result.folder)).toBe(true);
  });

  it('asks the desktop shell to open it, and reports its failure in German', async () => {
    const opened: string[] = [];
    t.session.desktop = { openPath: async (path) => (opened.push(path), '') };
    expect((await t.call('documents.openArchiveFolder', {})).opened).toBe(true);
    expect(opened).toEqual([archiveFolderOf(t.session.company().db.filePath)]);
    t.session.desktop = { openPath: async () => 'Kein Dateimanager' };
    const failed = await t.tryCall('documents.openArchiveFolder', {});
    expect(failed).toMatchObject({ ok: false, error: { message: 'Der Archivordner konnte nicht geöffnet werden: Kein Dateimanager' } });
  });
});
