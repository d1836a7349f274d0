// Indexes that keep every query of the deadline sweeper, spot checks and the clue list index-driven, and a dedupe
// key so that rule-based clues without an item (repeated dissatisfaction) are raised once per department and period.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Partial indexes hold only the rows still waiting for their clock, so a pass with nothing due reads nothing.
  await db.schema
    .createIndex('item_sign_open')
    .on('item')
    .column('sign_due_at')
    .where(sql.ref('sign_met'), 'is', null)
    .execute();
  await db.schema
    .createIndex('item_contact_open')
    .on('item')
    .column('contact_due_at')
    .where(sql.ref('contact_met'), 'is', null)
    .execute();
  await db.schema
    .createIndex('item_callback_open')
    .on('item')
    .column('callback_due_at')
    .where(sql.ref('callback_met'), 'is', null)
    .execute();
  await db.schema
    .createIndex('item_rating_open')
    .on('item')
    .column('rating_due_at')
    .where(sql.ref('verified_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('item_bad_review_at')
    .on('item')
    .columns(['verified_at', 'main_department_id'])
    .where(sql.ref('bad_review'), '=', 1)
    .execute();
  await db.schema.createIndex('item_closed_at').on('item').columns(['closed_at', 'district_id']).execute();

  await db.schema.alterTable('clue').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('clue_dedupe').on('clue').column('dedupe_key').unique().execute();
  await db.schema.createIndex('clue_district_created').on('clue').columns(['district_id', 'created_at']).execute();
  await db.schema.createIndex('clue_created').on('clue').column('created_at').execute();
  await db.schema.createIndex('spot_check_entry_item').on('spot_check_entry').columns(['item_id', 'result']).execute();
  await db.schema
    .createIndex('undercover_district')
    .on('undercover_check')
    .columns(['district_id', 'checked_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migration: restore from a backup instead');
}
