// The public Open311 feed (GET requests) at a million items: partial indexes over the only rows it may show
// (confidential = 0), ordered by requested_datetime and carrying the columns its filters test (status, category), so
// that a status or service_code filter is decided on the index entry and only the rows of the answer are read from
// the table. They replace 0004's (confidential, …) indexes, which nothing else uses. Frozen once landed.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('item_open311_public')
    .on('item')
    .columns(['submitted_at', 'status', 'category_id'])
    .where(sql.ref('confidential'), '=', 0)
    .execute();
  await db.schema
    .createIndex('item_open311_public_service')
    .on('item')
    .columns(['category_id', 'submitted_at', 'status'])
    .where(sql.ref('confidential'), '=', 0)
    .execute();
  await db.schema.dropIndex('item_open311_feed').ifExists().execute();
  await db.schema.dropIndex('item_open311_service').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('item_open311_feed').on('item').columns(['confidential', 'submitted_at']).execute();
  await db.schema
    .createIndex('item_open311_service')
    .on('item')
    .columns(['confidential', 'category_id', 'submitted_at'])
    .execute();
  await db.schema.dropIndex('item_open311_public_service').execute();
  await db.schema.dropIndex('item_open311_public').execute();
}
