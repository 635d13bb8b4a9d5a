// Company files on disk: where they live, which were opened recently, which reopens on start.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppPreferences, CompanyInfo, CompanyKind, CompanyProfile, RecentCompanyFile } from '../../shared/api/company';
import { AppError } from '../../shared/errors';
import { openCompanyDb, type CompanyDb } from '../db/company-db';
import { getSetting, setSetting } from './settings';

export const PROFILE_SETTING = 'company.profile';

interface StateFile {
  readonly lastOpened: string | null;
  readonly recent: readonly Omit<RecentCompanyFile, 'exists'>[];
  readonly preferences?: Partial<AppPreferences>;
}

const EMPTY_STATE: StateFile = { lastOpened: null, recent: [] };
export const DEFAULT_PREFERENCES: AppPreferences = { keepInTray: false };
const MAX_RECENT = 10;

/** The app's own state (not company data): recent files, last opened. */
export class CompanyFileRegistry {
  private readonly statePath: string;

  constructor(readonly dataDir: string) {
    this.statePath = join(dataDir, 'abowerk-state.json');
  }

  private read(): StateFile {
    if (!existsSync(this.statePath)) return EMPTY_STATE;
    try {
      return JSON.parse(readFileSync(this.statePath, 'utf8')) as StateFile;
    } catch {
      return EMPTY_STATE;
    }
  }

  private write(state: StateFile): void {
    mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.statePath}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2));
    renameSync(tmp, this.statePath);
  }

  recent(): RecentCompanyFile[] {
    return this.read().recent.map((r) => ({ ...r, exists: existsSync(r.filePath) }));
  }

  lastOpened(): string | null {
    return this.read().lastOpened;
  }

  remember(info: CompanyInfo, at: string): void {
    const state = this.read();
    const entry = { filePath: info.filePath, name: info.profile.name, kind: info.kind, lastOpenedAt: at };
    const recent = [entry, ...state.recent.filter((r) => r.filePath !== info.filePath)].slice(0, MAX_RECENT);
    this.write({ lastOpened: info.filePath, recent });
  }

  /** Preferences of this installation (not of a company file). */
  preferences(): AppPreferences {
    return { ...DEFAULT_PREFERENCES, ...this.read().preferences };
  }

  setPreferences(preferences: AppPreferences): AppPreferences {
    this.write({ ...this.read(), preferences });
    return this.preferences();
  }

  forgetLastOpened(): void {
    this.write({ ...this.read(), lastOpened: null });
  }

  /** A free file name in the data folder for a new company. */
  newFilePath(name: string, kind: CompanyKind): string {
    const slug =
      name
        .toLowerCase()
        .replace(/ä/g, 'ae')
        .replace(/ö/g, 'oe')
        .replace(/ü/g, 'ue')
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'firma';
    const base = join(this.dataDir, 'firmen', `${slug}-${kind === 'SANDBOX' ? 'sandbox' : 'produktion'}`);
    let candidate = `${base}.abowerk`;
    for (let i = 2; existsSync(candidate); i++) candidate = `${base}-${i}.abowerk`;
    return candidate;
  }
}

export async function readCompanyInfo(db: CompanyDb): Promise<CompanyInfo> {
  const manager = db.dataSource.manager;
  const meta = (await manager.query(`SELECT file_id, kind, created_at FROM company_meta WHERE id = 1`)) as {
    file_id: string;
    kind: CompanyKind;
    created_at: string;
  }[];
  const row = meta[0];
  if (!row) throw new AppError('INTEGRITY', 'Die Datei ist keine Abowerk-Firmendatei (Firmendaten fehlen).');
  const profile = await getSetting<CompanyProfile | null>(manager, PROFILE_SETTING, null);
  if (!profile) throw new AppError('INTEGRITY', 'Die Firmendatei hat kein Firmenprofil.');
  return { id: row.file_id, filePath: db.filePath, kind: row.kind, createdAt: row.created_at, profile };
}

export interface CreateCompanyFile {
  readonly filePath: string;
  readonly kind: CompanyKind;
  readonly profile: CompanyProfile;
  readonly actor: string;
  readonly at: string;
}

/** Creates and migrates a new company file; refuses to overwrite an existing one. */
export async function createCompanyFile(input: CreateCompanyFile): Promise<CompanyDb> {
  if (existsSync(input.filePath)) {
    throw new AppError('CONFLICT', `Die Datei ${input.filePath} existiert bereits.`, { fields: { filePath: 'Datei existiert bereits' } });
  }
  mkdirSync(dirname(input.filePath), { recursive: true });
  const db = await openCompanyDb(input.filePath);
  try {
    await db.transaction(async (m) => {
      await m.query(`INSERT INTO company_meta(id, file_id, kind, created_at) VALUES (1, ?, ?, ?)`, [
        randomUUID(),
        input.kind,
        input.at,
      ]);
      await setSetting(m, PROFILE_SETTING, input.profile, { actor: input.actor, at: input.at });
    });
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
