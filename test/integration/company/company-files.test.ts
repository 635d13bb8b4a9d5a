import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSession } from '../../../main/company/session';
import { EventBus } from '../../../main/ipc/event-bus';
import { createTestCompany, type TestCompany } from '../../support/company';

/** The tables of a SQLite file and its journal mode, read without changing it. */
function shapeOf(path: string): { tables: string[]; journal: unknown } {
  const raw = new Database(path, { readonly: true });
  const tables = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const journal = raw.pragma('journal_mode', { simple: true });
  raw.close();
  return { tables, journal };
}

function aForeignDatabase(path: string): Buffer {
  const raw = new Database(path);
  raw.exec(`CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('hallo')`);
  raw.close();
  return readFileSync(path);
}

describe('opening a file that is not an Abowerk company file', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('refuses a foreign SQLite database in German and leaves it untouched (no Abowerk tables, no WAL)', async () => {
    const foreign = join(t.dir, 'fremd.sqlite');
    const before = aForeignDatabase(foreign);
    const result = await t.tryCall('company.open', { filePath: foreign });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: `Die Datei ${foreign} ist keine Abowerk-Firmendatei und wurde nicht geöffnet.`,
        details: { fields: { filePath: 'Keine Abowerk-Firmendatei' } },
      },
    });
    expect(shapeOf(foreign)).toEqual({ tables: ['notes'], journal: 'delete' });
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });

  it('refuses an empty file and a text file the same way, and the open company stays open', async () => {
    const empty = join(t.dir, 'leer.abowerk');
    writeFileSync(empty, '');
    const text = join(t.dir, 'notiz.txt');
    writeFileSync(text, 'Das ist keine Datenbank.\n'.repeat(50));
    for (const path of [empty, text]) {
      const result = await t.tryCall('company.open', { filePath: path });
      expect(result.ok ? null : result.error.message, path).toBe(`Die Datei ${path} ist keine Abowerk-Firmendatei und wurde nicht geöffnet.`);
    }
    expect(readFileSync(empty).length).toBe(0);
    expect(t.session.info()?.profile.name).toBe('Musterfirma Abo GmbH');
  });

  it('at start-up a last-opened file that is no company file is not reopened (nor changed) and is forgotten', async () => {
    const foreign = join(t.dir, 'fremd.sqlite');
    const before = aForeignDatabase(foreign);
    const info = await t.call('company.current', {});
    if (!info) throw new Error('Firma nicht geöffnet');
    t.session.registry.remember({ ...info, filePath: foreign }, '2026-11-28T09:00:00Z');
    await t.session.shutdown();

    const restarted = new AppSession(t.dir, t.clock, 'test', new EventBus());
    expect(await restarted.reopenLast()).toBeNull();
    expect(restarted.registry.lastOpened()).toBeNull();
    expect(readFileSync(foreign).equals(before)).toBe(true);
  });
});
