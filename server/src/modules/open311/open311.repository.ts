// The only SQL of the Open311 module: services (leaf categories), the public request feed, postings and keys.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB, Open311RequestTable } from '../../db/schema.ts';

export interface ServiceRow {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  attributes: string | null;
  group_name: string | null;
}

/** Active categories without an active child, each with its parent's name as the Open311 group. */
export async function listLeafCategories(db: Kysely<DB>): Promise<ServiceRow[]> {
  return db
    .selectFrom('category as c')
    .leftJoin('category as p', 'p.id', 'c.parent_id')
    .select(['c.id', 'c.code', 'c.name', 'c.name_en', 'c.attributes', 'p.name as group_name'])
    .where('c.active', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id').where('k.active', '=', 1),
        ),
      ),
    )
    .orderBy('p.sort')
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
}

export interface FeedFilter {
  ledgerNos?: string[];
  categoryIds?: string[];
  from?: number;
  to?: number;
  statuses?: string[];
  limit: number;
}

/**
 * One request of the public feed: only what the Open311 answer shows (never who raised the item). `answer` and
 * `answered_at` are the reply and close-out time, or for a rejected item its reason and rejection time.
 */
export interface FeedRow {
  ledger_no: string;
  status: string;
  type: string;
  category_id: string;
  description: string;
  tier: string;
  urgent: number;
  extension_days: number;
  answer: string | null;
  submitted_at: number;
  updated_at: number;
  answered_at: number | null;
  handle_due_at: number | null;
  place_text: string | null;
  centre_id: string | null;
  district_id: string | null;
  lat: number | null;
  lng: number | null;
  main_department_id: string | null;
  primary_id: string | null;
  media_url: string | null;
  address_id: string | null;
}
/** The order of FeedRow's fields in the tuples the database sends. */
const FEED_COLUMNS = [
  'ledger_no',
  'status',
  'type',
  'category_id',
  'description',
  'tier',
  'urgent',
  'extension_days',
  'answer',
  'submitted_at',
  'updated_at',
  'answered_at',
  'handle_due_at',
  'place_text',
  'centre_id',
  'district_id',
  'lat',
  'lng',
  'main_department_id',
  'primary_id',
  'media_url',
  'address_id',
] as const satisfies readonly (keyof FeedRow)[];
type FeedTuple = {
  -readonly [K in keyof typeof FEED_COLUMNS]: (typeof FEED_COLUMNS)[K] extends keyof FeedRow
    ? FeedRow[(typeof FEED_COLUMNS)[K]]
    : never;
};

const answer = sql<string | null>`CASE WHEN item.status = 'rejected' THEN item.reject_reason ELSE item.reply_text END`;
const answeredAt = sql<number | null>`CASE WHEN item.status = 'rejected' THEN item.rejected_at ELSE item.closed_at END`;

/**
 * Public feed: never a confidential item, newest first. On SQLite the page comes over as one JSON array of tuples
 * (json_group_array): parsing that is less than half the cost of better-sqlite3 building a 22-property object per
 * row, which was the largest part of a 1000-row answer. On PostgreSQL json_agg costs the server more than it saves
 * the pg driver (measured: 43 vs 34 ms a page under load), so the rows come as rows.
 */
export async function listFeed(database: Database, f: FeedFilter): Promise<FeedRow[]> {
  // A literal 0, not a parameter: SQLite uses a partial index (… WHERE confidential = 0) only for a literal.
  let q = database.db
    .selectFrom('item')
    .leftJoin('open311_request as o', 'o.item_id', 'item.id')
    .select([
      'item.ledger_no',
      'item.status',
      'item.type',
      'item.category_id',
      'item.description',
      'item.tier',
      'item.urgent',
      'item.extension_days',
      answer.as('answer'),
      'item.submitted_at',
      'item.updated_at',
      answeredAt.as('answered_at'),
      'item.handle_due_at',
      'item.place_text',
      'item.centre_id',
      'item.district_id',
      'item.lat',
      'item.lng',
      'item.main_department_id',
      'item.primary_id',
      'o.media_url',
      'o.address_id',
    ])
    .where(sql<boolean>`item.confidential = 0`);
  if (f.ledgerNos) q = q.where('item.ledger_no', 'in', f.ledgerNos);
  if (f.categoryIds) q = q.where('item.category_id', 'in', f.categoryIds);
  if (f.from !== undefined) q = q.where('item.submitted_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('item.submitted_at', '<=', f.to);
  if (f.statuses) q = q.where('item.status', 'in', f.statuses);
  // No tie-breaker: a second sort key would make SQLite sort the whole range instead of walking the index.
  const ordered = q.orderBy('item.submitted_at', 'desc').limit(f.limit);
  if (database.dialect === 'postgres') return (await ordered.execute()) as FeedRow[];
  const tuple = sql.join(FEED_COLUMNS.map((c) => sql.ref(`f.${c}`)));
  // The aggregate takes the rows as the subquery yields them, newest first; SQL does not promise that order, so it is
  // restored below (a stable sort of an already sorted array costs next to nothing; an ORDER BY inside the aggregate
  // made SQLite copy the page into a temporary B-tree).
  const row = await database.db
    .selectFrom(ordered.as('f'))
    .select(sql<string>`json_group_array(json_array(${tuple}))`.as('page'))
    .executeTakeFirstOrThrow();
  const tuples = JSON.parse(row.page) as FeedTuple[];
  tuples.sort((a, b) => b[9] - a[9]);
  return tuples.map((t) => ({
    ledger_no: t[0],
    status: t[1],
    type: t[2],
    category_id: t[3],
    description: t[4],
    tier: t[5],
    urgent: t[6],
    extension_days: t[7],
    answer: t[8],
    submitted_at: t[9],
    updated_at: t[10],
    answered_at: t[11],
    handle_due_at: t[12],
    place_text: t[13],
    centre_id: t[14],
    district_id: t[15],
    lat: t[16],
    lng: t[17],
    main_department_id: t[18],
    primary_id: t[19],
    media_url: t[20],
    address_id: t[21],
  }));
}

/** What a merged item shows: its primary's outcome (SPEC §2.2: the merged item follows its primary). */
export async function findPrimaries(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('item')
    .select(['id', 'ledger_no', 'status', answer.as('answer'), answeredAt.as('answered_at')])
    .where('id', 'in', ids)
    .execute();
}

/** id → name of the small tables a feed row points to. */
export async function loadNames(db: Kysely<DB>) {
  const [categories, departments, centres, districts] = await Promise.all([
    db.selectFrom('category').select(['id', 'code', 'name']).execute(),
    db.selectFrom('department').select(['id', 'name']).execute(),
    db.selectFrom('service_centre').select(['id', 'name']).execute(),
    db.selectFrom('district').select(['id', 'name']).execute(),
  ]);
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return {
    categories: new Map(categories.map((c) => [c.id, c])),
    departments: byId(departments),
    centres: byId(centres),
    districts: byId(districts),
  };
}
export type Names = Awaited<ReturnType<typeof loadNames>>;

export async function insertPosting(trx: Transaction<DB>, row: Open311RequestTable): Promise<void> {
  await trx
    .insertInto('open311_request')
    .values(row)
    .onConflict((oc) => oc.column('item_id').doNothing())
    .execute();
}

export async function findPostingByItem(db: Kysely<DB>, itemId: string) {
  return db.selectFrom('open311_request').select(['token', 'item_id']).where('item_id', '=', itemId).executeTakeFirst();
}

export async function findPostingByToken(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('open311_request as o')
    .innerJoin('item', 'item.id', 'o.item_id')
    .select(['o.token', 'item.ledger_no', 'item.confidential'])
    .where('o.token', '=', token)
    .executeTakeFirst();
}

export async function listKeys(db: Kysely<DB>) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.name',
      'api_token.user_id',
      'app_user.display_name as user_name',
      'api_token.created_at',
      'api_token.revoked_at',
      'api_token.last_used_at',
      'api_token.use_count',
    ])
    .where('api_token.kind', '=', 'open311')
    .orderBy('api_token.created_at', 'desc')
    .execute();
}
export type KeyRow = Awaited<ReturnType<typeof listKeys>>[number];

export async function findKey(db: Kysely<DB>, id: string): Promise<KeyRow | undefined> {
  return (await listKeys(db)).find((k) => k.id === id);
}
