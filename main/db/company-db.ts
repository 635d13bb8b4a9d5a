// One company file = one SQLite database behind one TypeORM DataSource (better-sqlite3 driver).
import v8 from 'node:v8';
import vm from 'node:vm';
import type BetterSqlite3 from 'better-sqlite3';
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

function appliedMigrationNames(raw: BetterSqlite3.Database): string[] {
  const table = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return [];
  return (raw.prepare(`SELECT name FROM schema_migrations ORDER BY id`).all() as { name: string }[]).map((r) => r.name);
}

/** A file migrated by a newer Abowerk (a migration we do not know) is refused, not guessed at. */
async function refuseForeignHistory(raw: BetterSqlite3.Database, dataSource: DataSource): Promise<void> {
  const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
  const unknown = appliedMigrationNames(raw).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    await dataSource.destroy();
    throw new AppError('INTEGRITY', `Die Firmendatei wurde mit einer neueren Abowerk-Version bearbeitet (${unknown.join(', ')}). Bitte Abowerk aktualisieren.`);
  }
}

/** Before a schema change the file is copied next to itself (SQLite online backup). */
async function backupBeforeMigration(raw: BetterSqlite3.Database, filePath: string): Promise<void> {
  if (appliedMigrationNames(raw).length === 0) return; // a new, empty file has nothing to lose
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await raw.backup(`${filePath}.vor-update-${stamp}.bak`);
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
}

export async function openCompanyDb(filePath: string, options: OpenOptions = {}): Promise<CompanyDb> {
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
  applyPragmas(raw);
  const check = raw.pragma('quick_check', { simple: true });
  if (check !== 'ok') {
    await dataSource.destroy();
    throw new AppError('INTEGRITY', `Die Firmendatei ist beschädigt (quick_check: ${String(check)}).`, { filePath });
  }
  if (options.migrate !== false) {
    await refuseForeignHistory(raw, dataSource);
    if (await dataSource.showMigrations()) await backupBeforeMigration(raw, filePath);
    await dataSource.runMigrations({ transaction: 'each' });
  }

  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const run = queue.then(() => dataSource.transaction(fn));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    dataSource,
    filePath,
    raw,
    transaction,
    close: async () => {
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
