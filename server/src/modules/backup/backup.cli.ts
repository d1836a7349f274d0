// `tingquan backup --out FILE` and `tingquan restore FILE` for the embedded SQLite database. Backup uses SQLite's
// online backup (consistent while the server runs); restore checks that the file is a Tingquan database whose ledger
// verifies, and refuses while another process (a running server) has the target open.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../../config.ts';
import { sqlitePath } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { verifyChains } from '../ledger/event.repository.ts';

const PG_HINT =
  'the database is PostgreSQL: use pg_dump / pg_restore (e.g. pg_dump -Fc "$DATABASE_URL" > tingquan.dump)';

export async function runBackup(config: Config, args: string[]): Promise<number> {
  const i = args.indexOf('--out');
  const out = i >= 0 ? args[i + 1] : undefined;
  if (!out) {
    console.error('usage: tingquan backup --out FILE');
    return 2;
  }
  if (!config.DATABASE_URL.startsWith('sqlite:')) {
    console.error(PG_HINT);
    return 2;
  }
  const file = sqlitePath(config.DATABASE_URL);
  if (!existsSync(file)) {
    console.error(`no database at ${file}`);
    return 1;
  }
  if (existsSync(out)) {
    console.error(`${out} exists; choose another name`);
    return 1;
  }
  const conn = new SQLite(file, { fileMustExist: true });
  try {
    const started = Date.now();
    const r = await conn.backup(out);
    console.log(`backed up ${file} to ${out}: ${r.totalPages} pages in ${Date.now() - started} ms`);
    return 0;
  } finally {
    conn.close();
  }
}

/** Whether `file` is a Tingquan database whose every hash chain verifies; the reason when it is not. */
export async function checkBackup(file: string): Promise<string | null> {
  if (!existsSync(file)) return `no such file: ${file}`;
  const header = readFileSync(file).subarray(0, 16).toString('latin1');
  if (header !== 'SQLite format 3\u0000') return `${file} is not an SQLite database`;
  const conn = new SQLite(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
  try {
    const tables = new Set(
      conn
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    for (const t of ['item', 'event', 'chain_head', 'district', 'kysely_migration'])
      if (!tables.has(t)) return `${file} is not a Tingquan database (no ${t} table)`;
    const v = await verifyChains(db);
    if (!v.ok)
      return `the ledger in ${file} does not verify: ${v.firstProblem!.problem} in chain ${v.firstProblem!.stream} at seq ${v.firstProblem!.seq}`;
    return null;
  } finally {
    await db.destroy();
  }
}

export async function runRestore(config: Config, args: string[]): Promise<number> {
  const src = args.find((a) => !a.startsWith('--'));
  if (!src) {
    console.error('usage: tingquan restore FILE');
    return 2;
  }
  if (!config.DATABASE_URL.startsWith('sqlite:')) {
    console.error(PG_HINT);
    return 2;
  }
  const problem = await checkBackup(src);
  if (problem) {
    console.error(`refusing to restore: ${problem}`);
    return 1;
  }
  const target = sqlitePath(config.DATABASE_URL);
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  // An exclusive lock is only granted when no other connection (a running server) holds the database open.
  let guard: SQLite.Database | null = null;
  if (existsSync(target)) {
    guard = new SQLite(target, { timeout: 200 });
    try {
      guard.pragma('locking_mode = EXCLUSIVE');
      guard.exec('BEGIN EXCLUSIVE');
    } catch {
      guard.close();
      console.error(`refusing to restore: ${target} is in use (stop the server first)`);
      return 1;
    }
  }
  const source = new SQLite(src, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  let kept: string | null = null;
  if (guard) {
    guard.exec('COMMIT');
    guard.close();
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, kept);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  console.log(`restored ${src} into ${target}${kept ? ` (the previous database is kept as ${kept})` : ''}`);
  return 0;
}
