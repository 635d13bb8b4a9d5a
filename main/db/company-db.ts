// One company file = one SQLite database behind one TypeORM DataSource (better-sqlite3 driver).
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import BetterSqlite3 from 'better-sqlite3';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../shared/errors';
import { allEntities } from './entities';
import { allMigrations } from './migrations';

export interface CompanyDb {
  readonly dataSource: DataSource;
  readonly filePath: string;
  /** The better-sqlite3 handle of this DataSource, for prepared statements on hot paths. */
  readonly raw: BetterSqlite3.Database;
  /** Runs fn in one write transaction; writes are serialised per file. */
  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Keeps the file open for a running job until the returned release is called; refused once the
   * file is closing. close() waits for it, so the run's result and the freed lock reach this file.
   */
  hold(): () => void;
  /** Closes the file once no job holds it any more. */
  close(): Promise<void>;
}

/** The better-sqlite3 handle of a company file (hot paths use prepared statements on it). */
export type Raw = BetterSqlite3.Database;

/** The better-sqlite3 handle behind a manager: the same connection, so it sees the caller's transaction. */
export function rawOf(m: EntityManager): Raw {
  return (m.connection.driver as unknown as { databaseConnection: Raw }).databaseConnection;
}

const statements = new WeakMap<Raw, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement, cached per connection and SQL text. */
export function stmt(raw: Raw, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(raw);
  if (!cache) {
    cache = new Map();
    statements.set(raw, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = raw.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/**
 * Runs fn inside a SAVEPOINT of the open transaction: when fn throws, only its writes are
 * undone and the error goes on to the caller, who reports it and carries on with the next item.
 */
export function inSavepoint<T>(raw: Raw, name: string, fn: () => T): T {
  raw.exec(`SAVEPOINT ${name}`);
  try {
    const result = fn();
    raw.exec(`RELEASE ${name}`);
    return result;
  } catch (e) {
    raw.exec(`ROLLBACK TO ${name}`);
    raw.exec(`RELEASE ${name}`);
    throw e;
  }
}

/**
 * A full V8 collection, or null where it cannot be had. Prepared statements hold native SQLite
 * memory that is freed only when V8 collects their JS wrappers; long runs call this now and then.
 */
export const collectGarbage: (() => void) | null = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
})();

/**
 * PRAGMAs are set on every connection after it opens: better-sqlite3's build makes a
 * reopened WAL database default to synchronous=NORMAL, and we want FULL durability.
 */
export function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
}

/** The id company.create gave the file (company_meta), or null for a database without one. */
export function companyFileId(raw: Raw): string | null {
  const table = raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'company_meta'`).get();
  if (!table) return null;
  const row = raw.prepare(`SELECT file_id FROM company_meta WHERE id = 1`).get() as { file_id: string } | undefined;
  return row?.file_id ?? null;
}

function appliedMigrationNames(raw: BetterSqlite3.Database): string[] {
  const table = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return [];
  return (raw.prepare(`SELECT name FROM schema_migrations ORDER BY id`).all() as { name: string }[]).map((r) => r.name);
}

/** A file migrated by a newer Abowerk (a migration we do not know) is refused, not guessed at. */
function refuseForeignHistory(raw: BetterSqlite3.Database, dataSource: DataSource): void {
  const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
  const unknown = appliedMigrationNames(raw).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new AppError('INTEGRITY', `Die Firmendatei wurde mit einer neueren Abowerk-Version bearbeitet (${unknown.join(', ')}). Bitte Abowerk aktualisieren.`);
  }
}

/** Before a schema change the file is copied next to itself (SQLite online backup). */
async function backupBeforeMigration(raw: BetterSqlite3.Database, filePath: string): Promise<void> {
  if (appliedMigrationNames(raw).length === 0) return; // a new, empty file has nothing to lose
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await raw.backup(`${filePath}.vor-update-${stamp}.bak`);
}

/**
 * Looks at an existing file read-only before anything writes to it: only an Abowerk company file
 * (it has company_meta and schema_migrations) is opened and migrated. A foreign database must not
 * get our schema or WAL mode, and an empty file is no company; creating one is company.create's job.
 */
export function assertCompanyFile(filePath: string): void {
  const notACompanyFile = new AppError('VALIDATION', `Die Datei ${filePath} ist keine Abowerk-Firmendatei und wurde nicht geöffnet.`, {
    fields: { filePath: 'Keine Abowerk-Firmendatei' },
  });
  const raw = new BetterSqlite3(filePath, { readonly: true, fileMustExist: true });
  let tables: number;
  try {
    tables = (
      raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('company_meta', 'schema_migrations')`).get() as { n: number }
    ).n;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') throw notACompanyFile;
    throw error; // damaged or unreadable: toAppErrorData says so in German
  } finally {
    raw.close();
  }
  if (tables !== 2) throw notACompanyFile;
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
}

/** Opens a company file; a path where no file is yet becomes a new, empty company database. */
export async function openCompanyDb(filePath: string, options: OpenOptions = {}): Promise<CompanyDb> {
  if (existsSync(filePath)) assertCompanyFile(filePath);
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: filePath,
    entities: allEntities,
    migrations: allMigrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    prepareDatabase: (db: BetterSqlite3.Database) => applyPragmas(db),
  });
  await dataSource.initialize();
  const raw = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  try {
    applyPragmas(raw);
    const check = raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('INTEGRITY', `Die Firmendatei ist beschädigt (quick_check: ${String(check)}).`, { filePath });
    if (options.migrate !== false) {
      refuseForeignHistory(raw, dataSource);
      if (await dataSource.showMigrations()) await backupBeforeMigration(raw, filePath);
      await dataSource.runMigrations({ transaction: 'each' });
    }
  } catch (error) {
    // A damaged file can fail in SQLite itself; the connection must not stay open behind the error.
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const run = queue.then(() => dataSource.transaction(fn));
    queue = run.catch(() => undefined);
    return run;
  };
  let closing = false;
  const holds = new Set<Promise<void>>();
  return {
    dataSource,
    filePath,
    raw,
    transaction,
    hold: () => {
      if (closing) throw new AppError('NO_COMPANY_OPEN', 'Die Firmendatei wird gerade geschlossen; der Auftrag wurde nicht gestartet.');
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.add(held);
      return () => {
        holds.delete(held);
        release();
      };
    },
    close: async () => {
      closing = true;
      await Promise.all(holds);
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
