// Opens the database named by DATABASE_URL: embedded SQLite (WAL) by default, PostgreSQL for production.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import type { DB } from './schema.ts';

// int8 (counts, epoch-ms timestamps) and numeric (sums) arrive as strings from pg; numbers here are well within 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type Dialect = 'sqlite' | 'postgres';
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  url: string;
  /** The SQLite file path (for backup), when on SQLite. */
  file?: string;
  close(): Promise<void>;
}

export function sqlitePath(url: string): string {
  const p = url.replace(/^sqlite:(\/\/)?/, '');
  return p === ':memory:' ? p : resolve(p);
}

/**
 * Kysely prepares every query anew; compiling SQL was a tenth of an intake's CPU. Statements are reused by their
 * text (Kysely emits parameters, never inlined values, so the set of texts stays small). Safe because the single
 * connection runs one query at a time.
 */
function withStatementCache(conn: SQLite.Database, max = 1000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = conn.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(conn, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const YIELDS = Symbol('yields');

/**
 * better-sqlite3 is synchronous, so awaiting a query never gives the event loop a turn: a background job looping over
 * queries (matching runs, sweeps, rollups) would starve HTTP requests for as long as it runs. Each query first yields
 * one turn of the event loop, so requests interleave with background work.
 */
class YieldingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async (): Promise<DatabaseConnection> => {
      const connection = (await acquire()) as DatabaseConnection & { [YIELDS]?: true };
      if (!connection[YIELDS]) {
        const execute = connection.executeQuery.bind(connection);
        connection.executeQuery = async (query) => {
          await new Promise((resolve) => setImmediate(resolve));
          return execute(query);
        };
        connection[YIELDS] = true;
      }
      return connection;
    };
    return driver;
  }
}

export function openDatabase(url: string, opts: { poolSize?: number; schema?: string } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = sqlitePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const conn = new SQLite(file);
    conn.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (only power loss can lose the last commits).
    conn.pragma('synchronous = NORMAL');
    conn.pragma('foreign_keys = ON');
    conn.pragma('busy_timeout = 5000');
    conn.pragma('cache_size = -65536');
    const db = new Kysely<DB>({ dialect: new YieldingSqliteDialect({ database: withStatementCache(conn) }) });
    return { db, dialect: 'sqlite', url, file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url, close: () => db.destroy() };
}
