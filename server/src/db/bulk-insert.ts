// Multi-row inserts for the hottest write path, bypassing Kysely's query builder: building and compiling an operation
// tree of a few thousand values (a batch of intakes: 80 columns × dozens of rows) cost more CPU than SQLite's insert
// itself. The statement text is cached by (table, columns, rows, conflict clause); values are bound, never inlined.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';

const texts = new Map<string, string>();

function statement(dialect: Dialect, table: string, columns: string[], rows: number, onConflict: string): string {
  const cacheKey = `${dialect}|${table}|${columns.join(',')}|${rows}|${onConflict}`;
  let text = texts.get(cacheKey);
  if (!text) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
    const values = Array.from({ length: rows }, tuple).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values}${onConflict ? ` ${onConflict}` : ''}`;
    if (texts.size > 2000) texts.clear();
    texts.set(cacheKey, text);
  }
  return text;
}

/**
 * Inserts `rows` (objects with the same keys, in the same order) into `table`, `chunk` rows per statement.
 * `onConflictDoNothing` names a unique column whose duplicates are skipped.
 */
export async function insertRows<T extends keyof DB & string>(
  trx: Kysely<DB>,
  dialect: Dialect,
  table: T,
  rows: readonly DB[T][],
  opts: { onConflictDoNothing?: string; chunk?: number } = {},
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object);
  const chunk = opts.chunk ?? Math.max(1, Math.floor(30_000 / columns.length));
  const conflict = opts.onConflictDoNothing ? `on conflict ("${opts.onConflictDoNothing}") do nothing` : '';
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    for (const row of part) {
      const r = row as Record<string, unknown>;
      for (const c of columns) params.push(r[c] ?? null);
    }
    await trx.executeQuery(CompiledQuery.raw(statement(dialect, table, columns, part.length, conflict), params));
  }
}
