// Every difference between SQLite and PostgreSQL lives here: column types, row locks, day buckets, text search.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from './database.ts';

export interface ColumnTypes {
  blob: 'blob' | 'bytea';
  real: 'real' | 'double precision';
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'postgres' ? { blob: 'bytea', real: 'double precision' } : { blob: 'blob', real: 'real' };
}

/** The dialect of a Kysely instance, read from its adapter. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Adds FOR UPDATE on PostgreSQL; SQLite serialises writers, so the transaction itself is the lock. */
export function forUpdate<Q extends { forUpdate(): Q }>(dialect: Dialect, query: Q): Q {
  return dialect === 'postgres' ? query.forUpdate() : query;
}

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** City-local day number (days since 1970-01-01 in Asia/Shanghai) of an epoch-ms column: integer maths on both. */
export function localDayNumber(column: RawBuilder<unknown> | string): RawBuilder<number> {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return sql<number>`((${col} + ${sql.lit(OFFSET_MS)}) / ${sql.lit(DAY_MS)})`;
}

/** Case-insensitive substring match that works for Chinese text on both dialects. */
export function containsText(dialect: Dialect, column: string, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ILIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
