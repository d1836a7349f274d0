// Open311 GeoReport v2: what a posting carries beyond the ledger item (service code, attributes, media URL, email,
// the key that posted it and its token), and the index behind the public date-range feed. Frozen once landed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open311_request')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('item.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('api_token_id', 'text', (c) => c.notNull().references('api_token.id'))
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('address_id', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // GET requests.json walks the newest non-confidential items of a date range (of one service): one index range scan.
  await db.schema.createIndex('item_open311_feed').on('item').columns(['confidential', 'submitted_at']).execute();
  await db.schema
    .createIndex('item_open311_service')
    .on('item')
    .columns(['confidential', 'category_id', 'submitted_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('item_open311_service').execute();
  await db.schema.dropIndex('item_open311_feed').execute();
  await db.schema.dropTable('open311_request').execute();
}
