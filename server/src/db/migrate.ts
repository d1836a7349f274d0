// Runs the frozen migrations in order (Kysely Migrator); the list is static so that bundling and tsx agree.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf } from './dialect.ts';
import * as m0001 from './migrations/2026_11_30_0001_ledger.ts';
import * as m0002 from './migrations/2026_11_30_0002_sweeper.ts';
import * as m0006 from './migrations/2026_11_30_0006_org.ts';
import * as m0004 from './migrations/2026_11_30_0004_open311.ts';
import * as m0003 from './migrations/2026_11_30_0003_stats.ts';
import * as m0005 from './migrations/2026_11_30_0005_policy.ts';
import * as m0007 from './migrations/2026_11_30_0007_open311_feed.ts';
import * as m0008 from './migrations/2026_11_30_0008_stats_pairs.ts';
import * as m0009 from './migrations/2026_11_30_0009_item_partial_indexes.ts';
import * as m0501 from './migrations/2026_12_04_0501_accounts.ts';

const MIGRATIONS: Record<string, Migration> = {
  '2026_11_30_0001_ledger': m0001,
  '2026_11_30_0002_sweeper': m0002,
  '2026_11_30_0003_stats': m0003,
  '2026_11_30_0004_open311': m0004,
  '2026_11_30_0005_policy': m0005,
  '2026_11_30_0006_org': m0006,
  '2026_11_30_0007_open311_feed': m0007,
  '2026_11_30_0008_stats_pairs': m0008,
  '2026_11_30_0009_item_partial_indexes': m0009,
  '2026_12_04_0501_accounts': m0501,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On PostgreSQL the migrator must look for its own tables in the schema we are in (tests run one schema per file,
  // and the migrator would otherwise see another schema's lock table and skip creating its own).
  const schema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  // Migrations were written side by side on one day: a database that already has a later one may still lack an
  // earlier one, which must then simply run.
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    allowUnorderedMigrations: true,
    ...(schema && schema !== 'public' ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
