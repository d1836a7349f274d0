// Figures by two dimensions at once (a district bureau's breakdown by department, district + channel, …): additive
// rollups by (pair grain, first value, second value, day), each row carrying the counters and the handling-time
// histogram as one column per bucket, so that a pair query sums a few thousand rows in SQL instead of reading the
// fact rows. The existing facts and rollups are rebuilt at the first stats request after this migration (the
// cursor is cleared, as on a new database). Frozen once landed.
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
/** Buckets 0..80 of the handling-time histogram (80 upper edges plus the overflow bucket). */
const BUCKETS = 81;

export async function up(db: Kysely<any>): Promise<void> {
  let pair = db.schema
    .createTable('stats_pair')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('k1', 'text', (c) => c.notNull())
    .addColumn('k2', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull());
  for (const c of COUNTERS) pair = pair.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
  for (let b = 0; b < BUCKETS; b++) pair = pair.addColumn(`h${b}`, 'integer', (col) => col.notNull().defaultTo(0));
  await pair.addPrimaryKeyConstraint('stats_pair_pk', ['grain', 'k1', 'day', 'k2']).execute();
  // A query constraining only the second dimension (e.g. channel = window, broken down by district).
  await db.schema.createIndex('stats_pair_k2').on('stats_pair').columns(['grain', 'k2', 'day']).execute();
  // Rebuild everything (facts, single rollups and the new pairs) at the next refresh.
  await db.deleteFrom('stats_cursor').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_pair').execute();
}
