// The only SQL of the Open311 module: services (leaf categories), the public request feed, postings and keys.
import type { Kysely, Transaction } from 'kysely';
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
      not(exists(selectFrom('category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id').where('k.active', '=', 1))),
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

/** Public feed: never a confidential item, and only columns that say nothing about who raised it. */
export async function listFeed(db: Kysely<DB>, f: FeedFilter) {
  // Names (category, department, centre, district) come from small lookup tables read beside this query: a join per
  // row would cost more than the 1000-row page itself.
  let q = db
    .selectFrom('item')
    .leftJoin('open311_request as o', 'o.item_id', 'item.id')
    .select([
      'item.id',
      'item.ledger_no',
      'item.status',
      'item.type',
      'item.category_id',
      'item.description',
      'item.tier',
      'item.urgent',
      'item.extension_days',
      'item.reply_text',
      'item.reject_reason',
      'item.submitted_at',
      'item.updated_at',
      'item.closed_at',
      'item.rejected_at',
      'item.handle_due_at',
      'item.place_text',
      'item.lat',
      'item.lng',
      'item.main_department_id',
      'item.centre_id',
      'item.district_id',
      'item.primary_id',
      'o.media_url',
      'o.address_id',
    ])
    .where('item.confidential', '=', 0);
  if (f.ledgerNos) q = q.where('item.ledger_no', 'in', f.ledgerNos);
  if (f.categoryIds) q = q.where('item.category_id', 'in', f.categoryIds);
  if (f.from !== undefined) q = q.where('item.submitted_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('item.submitted_at', '<=', f.to);
  if (f.statuses) q = q.where('item.status', 'in', f.statuses);
  // No tie-breaker: a second sort key would make SQLite sort the whole range instead of walking the index.
  return q.orderBy('item.submitted_at', 'desc').limit(f.limit).execute();
}

/** What a merged item shows: its primary's outcome (SPEC §2.2: the merged item follows its primary). */
export async function findPrimaries(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('item').select(['id', 'ledger_no', 'status', 'reply_text', 'reject_reason', 'closed_at', 'rejected_at']).where('id', 'in', ids).execute();
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
export type FeedRow = Awaited<ReturnType<typeof listFeed>>[number];

export async function insertPosting(trx: Transaction<DB>, row: Open311RequestTable): Promise<void> {
  await trx.insertInto('open311_request').values(row).onConflict((oc) => oc.column('item_id').doNothing()).execute();
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
