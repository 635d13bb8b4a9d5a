// The archive folder of a company file: "<file name>-Belege/<year>/<number>.pdf" next to the
// company file. Files are written once (temp file, fsync, rename) and made read-only; the
// database row with the SHA-256 is the reference every later read is checked against.
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../shared/errors';
import { sha256Hex } from './render';

export function archiveFolderOf(companyFile: string): string {
  return join(dirname(companyFile), `${basename(companyFile, extname(companyFile))}-Belege`);
}

/** The company file behind a transaction's manager (better-sqlite3 data source). */
export function companyFileOf(manager: EntityManager): string {
  const database = (manager.connection.options as { database?: unknown }).database;
  if (typeof database !== 'string' || database === ':memory:') throw new AppError('INTERNAL', 'Belegarchiv: Firmendatei unbekannt.');
  return database;
}

/** Relative archive path of a document: year of issue, then its number made file-safe. */
export function archivePathFor(number: string, issueDate: string): string {
  return `${issueDate.slice(0, 4)}/${number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

export function writeArchiveFile(folder: string, relativePath: string, pdf: Uint8Array): void {
  const target = join(folder, ...relativePath.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, pdf);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // A file without an archive row is a leftover of a rolled-back issue and may be replaced.
  if (existsSync(target)) {
    chmodSync(target, 0o644);
    unlinkSync(target);
  }
  renameSync(temp, target);
  chmodSync(target, 0o444);
}

export type ArchiveRead = { readonly ok: true; readonly pdf: Buffer } | { readonly ok: false; readonly problem: 'MISSING' | 'MISMATCH'; readonly message: string };

/** Reads an archived file and checks it against the recorded checksum. */
export function readArchiveFile(folder: string, relativePath: string, sha256: string): ArchiveRead {
  const file = join(folder, ...relativePath.split('/'));
  if (!existsSync(file)) return { ok: false, problem: 'MISSING', message: `Archivdatei fehlt: ${relativePath}` };
  const pdf = readFileSync(file);
  const actual = sha256Hex(pdf);
  if (actual !== sha256) {
    return { ok: false, problem: 'MISMATCH', message: `Prüfsumme stimmt nicht: ${relativePath} (erwartet ${sha256.slice(0, 12)}…, gefunden ${actual.slice(0, 12)}…)` };
  }
  return { ok: true, pdf };
}
