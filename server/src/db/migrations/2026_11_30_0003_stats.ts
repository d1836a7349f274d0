// Figures (SPEC §2.5): one fact row per item, additive rollups by day for the city and each single dimension,
// a handling-time histogram, and the cursor of the incremental refresh. Frozen once landed.
import type { Kysely } from 'kysely';

const COUNTERS = [
  'received',
  'rejected',
  'accepted',
  'closed',
  'closed_timed',
  'closed_on_time',
  'parked',
  'extended',
  'dispatched',
  'returned',
  'redone',
  'rated',
  'contacted',
  'solved',
  'sat_very',
  'sat_ok',
  'sat_basic',
  'sat_bad',
  'sat_very_bad',
  'bad_review',
  'rectified',
  'handled',
];
const DIMS = ['d_district', 'd_department', 'd_centre', 'd_window', 'd_channel', 'd_category', 'd_type', 'd_tier'];

export async function up(db: Kysely<any>): Promise<void> {
  let fact = db.schema
    .createTable('stats_item')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sub_day', 'integer', (c) => c.notNull())
    .addColumn('acc_day', 'integer');
  for (const d of DIMS) fact = fact.addColumn(d, 'text', (c) => c.notNull());
  for (const c of COUNTERS) fact = fact.addColumn(c, 'integer', (col) => col.notNull());
  fact = fact.addColumn('bucket', 'integer').addColumn('open_due_at', 'bigint');
  await fact.execute();
  await db.schema.createIndex('stats_item_district').on('stats_item').columns(['d_district', 'acc_day']).execute();
  await db.schema.createIndex('stats_item_department').on('stats_item').columns(['d_department', 'acc_day']).execute();
  await db.schema.createIndex('stats_item_sub_day').on('stats_item').columns(['sub_day']).execute();
  await db.schema.createIndex('stats_item_acc_day').on('stats_item').columns(['acc_day']).execute();
  await db.schema.createIndex('stats_item_open_due').on('stats_item').columns(['open_due_at']).execute();

  let rollup = db.schema
    .createTable('stats_rollup')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim_key', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull());
  for (const c of COUNTERS) rollup = rollup.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
  await rollup.addPrimaryKeyConstraint('stats_rollup_pk', ['grain', 'day', 'dim_key']).execute();

  await db.schema
    .createTable('stats_hist')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim_key', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('stats_hist_pk', ['grain', 'day', 'dim_key', 'bucket'])
    .execute();

  await db.schema
    .createTable('stats_cursor')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  // The refresh reads the items changed since its cursor.
  await db.schema.createIndex('item_updated').on('item').columns(['updated_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('item_updated').execute();
  for (const t of ['stats_cursor', 'stats_hist', 'stats_rollup', 'stats_item']) await db.schema.dropTable(t).execute();
}
