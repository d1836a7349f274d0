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
  let q = db
    .selectFrom('item')
    .innerJoin('category', 'category.id', 'item.category_id')
    .leftJoin('department', 'department.id', 'item.main_department_id')
    .leftJoin('service_centre', 'service_centre.id', 'item.centre_id')
    .leftJoin('district', 'district.id', 'item.district_id')
    .leftJoin('item as primary', 'primary.id', 'item.primary_id')
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
      'category.code as service_code',
      'category.name as service_name',
      'department.name as department_name',
      'service_centre.name as centre_name',
      'district.name as district_name',
      'primary.ledger_no as primary_ledger_no',
      'primary.status as primary_status',
      'primary.reply_text as primary_reply',
      'primary.closed_at as primary_closed_at',
      'o.media_url',
      'o.address_id',
    ])
    .where('item.confidential', '=', 0);
  if (f.ledgerNos) q = q.where('item.ledger_no', 'in', f.ledgerNos);
  if (f.categoryIds) q = q.where('item.category_id', 'in', f.categoryIds);
  if (f.from !== undefined) q = q.where('item.submitted_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('item.submitted_at', '<=', f.to);
  if (f.statuses) q = q.where('item.status', 'in', f.statuses);
  return q.orderBy('item.submitted_at', 'desc').orderBy('item.id', 'desc').limit(f.limit).execute();
}
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
