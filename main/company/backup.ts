// Backup and restore of the open company file. A backup is a consistent copy made with the
// SQLite online backup API while the app keeps running. A restore checks the chosen copy
// (integrity_check, same company), first saves the current file as a safety copy, replaces
// the file, reopens it and checks its integrity again; if anything fails the safety copy is
// put back.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupDto, RestoreResult } from '../../shared/api/transfer';
import { AppError } from '../../shared/errors';
import { backupFolder, legacyBackupFolder, type CompanyFileHandle } from '../jobs/definitions/backup-folder';
import { companyFileId, type CompanyDb } from '../db/company-db';
import type { AppSession } from './session';

const stampOf = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

function dto(path: string): BackupDto {
  const s = statSync(path);
  return { path, fileName: basename(path), bytes: s.size, createdAt: s.mtime.toISOString() };
}

/** A consistent copy of the open file into the backup folder beside the data folder. */
export async function createBackup(db: CompanyFileHandle, dataDir: string, at: Date, suffix = ''): Promise<BackupDto> {
  const dir = backupFolder(dataDir, db);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${basename(db.filePath, '.abowerk')}-${stampOf(at)}${suffix}.abowerk`);
  await db.raw.backup(target);
  return dto(target);
}

const backupsIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.abowerk')).map((f) => join(dir, f)) : []);

function fileIdOfBackup(path: string): string | null {
  try {
    const raw = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return companyFileId(raw);
    } finally {
      raw.close();
    }
  } catch {
    return null;
  }
}

/**
 * The backups of the open file, newest first. Those made before the backup folder carried the file
 * id are still found in the old folder, but only the ones of this file (it may hold another file's
 * of the same name); they are no longer rotated away, so nothing of another company is ever deleted.
 */
export function listBackups(db: CompanyDb, dataDir: string): BackupDto[] {
  const fileId = companyFileId(db.raw);
  const legacy = backupsIn(legacyBackupFolder(dataDir, db.filePath)).filter((path) => fileId !== null && fileIdOfBackup(path) === fileId);
  return [...backupsIn(backupFolder(dataDir, db)), ...legacy]
    .map(dto)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
}

/** Opens a backup read-only and checks it before anything is replaced. */
export function checkBackupFile(path: string, expectedFileId: string): void {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `Die Sicherung ${path} wurde nicht gefunden.`);
  let raw: Database.Database;
  try {
    raw = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('VALIDATION', 'Die gewählte Datei ist keine Abowerk-Sicherung.');
  }
  try {
    let check: unknown;
    try {
      check = raw.pragma('integrity_check', { simple: true });
    } catch {
      throw new AppError('VALIDATION', 'Die gewählte Datei ist keine Abowerk-Sicherung.');
    }
    if (check !== 'ok') throw new AppError('INTEGRITY', `Die Sicherung ist beschädigt (integrity_check: ${String(check)}); sie wird nicht zurückgespielt.`);
    const fileId = companyFileId(raw);
    if (fileId === null) throw new AppError('VALIDATION', 'Die gewählte Datei ist keine Abowerk-Sicherung.');
    if (fileId !== expectedFileId) {
      throw new AppError('VALIDATION', 'Die Sicherung gehört zu einer anderen Firmendatei und wird nicht zurückgespielt. Bitte die andere Firma öffnen.');
    }
  } finally {
    raw.close();
  }
}

function replaceFile(source: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(source, target);
}

/** The copy of a closed file taken before a restore: the online backup over a short-lived connection. */
async function safetyCopyOf(filePath: string, dataDir: string, at: Date): Promise<BackupDto> {
  const raw = new Database(filePath, { fileMustExist: true });
  try {
    return await createBackup({ filePath, raw }, dataDir, at, '-vor-wiederherstellung');
  } finally {
    raw.close();
  }
}

/**
 * Restores the open company file from a backup. The caller has asked the user to confirm.
 * Returns where the safety copy of the replaced state lies.
 */
export async function restoreBackup(session: AppSession, backupPath: string, at: Date): Promise<RestoreResult> {
  const { db, info } = session.company();
  const filePath = db.filePath;
  if (backupPath === filePath) throw new AppError('VALIDATION', 'Die geöffnete Firmendatei kann nicht auf sich selbst zurückgespielt werden.');
  checkBackupFile(backupPath, info.id);
  // Closed first: closing waits for the jobs running in the file, so their writes are in the safety copy.
  await session.shutdown();
  let safety: BackupDto;
  try {
    safety = await safetyCopyOf(filePath, session.dataDir, at);
  } catch (error) {
    await session.open(filePath);
    throw error;
  }
  try {
    replaceFile(backupPath, filePath);
    await session.open(filePath);
    const check = session.company().db.raw.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('INTEGRITY', `Nach der Wiederherstellung meldet die Prüfung: ${String(check)}`);
    return { restoredFrom: backupPath, safetyCopy: safety.path, integrity: String(check) };
  } catch (error) {
    if (session.info()) await session.shutdown();
    replaceFile(safety.path, filePath);
    await session.open(filePath);
    throw error instanceof AppError
      ? new AppError(error.code, `${error.message} Der vorherige Stand wurde wiederhergestellt.`, error.details)
      : error;
  }
}
