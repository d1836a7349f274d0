// The ledger's first schema. Frozen once landed: a change is a new migration.
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('district')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.references('district.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('service_centre')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.references('district.id'))
    .addColumn('address', 'text')
    .execute();

  await db.schema
    .createTable('service_window')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('service_centre.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_window_centre_code', ['centre_id', 'code'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.references('district.id'))
    .addColumn('department_id', 'text', (c) => c.references('department.id'))
    .addColumn('centre_id', 'text', (c) => c.references('service_centre.id'))
    .addColumn('window_id', 'text', (c) => c.references('service_window.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('category')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('category.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attributes', 'text')
    .execute();

  await db.schema
    .createTable('sla_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('type', 'text')
    .addColumn('category_id', 'text', (c) => c.references('category.id'))
    .addColumn('sign_minutes', 'integer')
    .addColumn('sign_days', 'integer', (c) => c.notNull())
    .addColumn('contact_days', 'integer', (c) => c.notNull())
    .addColumn('handle_days', 'integer', (c) => c.notNull())
    .addColumn('callback_days', 'integer', (c) => c.notNull())
    .addColumn('rating_days', 'integer', (c) => c.notNull())
    .addColumn('warn_ratio', t.real, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_override')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('declared_by', 'text')
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counter')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('key_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.references('district.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  let item = db.schema
    .createTable('item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ledger_no', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_pin_hash', 'text', (c) => c.notNull());
  for (const col of ['channel', 'type', 'category_id', 'title', 'description'])
    item = item.addColumn(col, 'text', (c) => c.notNull());
  for (const col of ['district_id', 'centre_id', 'window_id', 'place_text']) item = item.addColumn(col, 'text');
  item = item.addColumn('lat', t.real).addColumn('lng', t.real);
  item = item.addColumn('requester_kind', 'text', (c) => c.notNull());
  for (const col of ['requester_name', 'requester_phone', 'requester_org', 'requester_uscc', 'requester_user_id'])
    item = item.addColumn(col, 'text');
  item = item
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('project_id', 'text')
    .addColumn('main_department_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text')
    .addColumn('submitted_at', 'bigint', (c) => c.notNull());
  for (const col of [
    'accepted_at',
    'rejected_at',
    'dispatched_at',
    'signed_at',
    'contacted_at',
    'replied_at',
    'verified_at',
    'closed_at',
  ]) {
    item = item.addColumn(col, 'bigint');
  }
  item = item.addColumn('reject_reason', 'text').addColumn('reply_text', 'text').addColumn('reply_solved', 'text');
  for (const col of ['dispatch_count', 'return_count', 'designated', 'redo_count', 'problem']) {
    item = item.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
  }
  item = item.addColumn('primary_id', 'text');
  for (const col of [
    'sign_due_at',
    'contact_due_at',
    'handle_start_at',
    'handle_due_at',
    'callback_due_at',
    'rating_due_at',
    'parked_at',
    'pending_at',
    'next_escalation_at',
  ]) {
    item = item.addColumn(col, 'bigint');
  }
  for (const col of ['sign_met', 'contact_met', 'handle_met', 'callback_met', 'contacted', 'on_time'])
    item = item.addColumn(col, 'integer');
  for (const col of [
    'extension_days',
    'extended',
    'parked',
    'warn_level',
    'escalation_level',
    'listed',
    'bad_review',
    'excluded',
    'event_seq',
    'version',
  ]) {
    item = item.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
  }
  for (const col of [
    'solved',
    'satisfaction',
    'rating_source',
    'rectification',
    'rectification_due',
    'pending_kind',
    'pending_data',
    'pending_by',
  ]) {
    item = item.addColumn(col, 'text');
  }
  item = item.addColumn('event_hash', 'text', (c) => c.notNull()).addColumn('updated_at', 'bigint', (c) => c.notNull());
  await item.execute();

  const idx = (name: string, table: string, cols: string[]) =>
    db.schema.createIndex(name).on(table).columns(cols).execute();
  await idx('item_submitted', 'item', ['submitted_at']);
  await idx('item_accepted', 'item', ['accepted_at']);
  await idx('item_status_due', 'item', ['status', 'handle_due_at']);
  await idx('item_district_submitted', 'item', ['district_id', 'submitted_at']);
  await idx('item_dept_status', 'item', ['main_department_id', 'status']);
  await idx('item_centre_submitted', 'item', ['centre_id', 'submitted_at']);
  await idx('item_project', 'item', ['project_id']);
  await idx('item_next_escalation', 'item', ['next_escalation_at']);
  await idx('item_primary', 'item', ['primary_id']);
  await idx('item_requester_user', 'item', ['requester_user_id']);

  await db.schema
    .createTable('item_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'bigint', (c) => c.notNull())
    .addColumn('signed_at', 'bigint')
    .addColumn('returned_at', 'bigint')
    .addColumn('return_reason', 'text')
    .execute();
  await idx('assignment_item', 'item_assignment', ['item_id']);
  await idx('assignment_dept_state', 'item_assignment', ['department_id', 'state']);

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('event_stream_seq', ['stream', 'seq'])
    .execute();
  await idx('event_item', 'event', ['item_id', 'seq']);
  await idx('event_at', 'event', ['at']);

  await db.schema
    .createTable('chain_head')
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', t.blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await idx('attachment_item', 'attachment', ['item_id']);

  await db.schema
    .createTable('idempotency')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .execute();
  await idx('outbox_due', 'outbox', ['status', 'available_at']);

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await idx('notification_user', 'notification', ['user_id', 'created_at']);

  await db.schema
    .createTable('webhook')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('clue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text')
    .addColumn('district_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('notes', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('clue_item_rule', ['item_id', 'rule'])
    .execute();

  await db.schema
    .createTable('undercover_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text')
    .addColumn('centre_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spot_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('rate', t.real, (c) => c.notNull())
    .addColumn('district_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spot_check_entry')
    .addColumn('spot_check_id', 'text', (c) => c.notNull().references('spot_check.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('answers', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'bigint')
    .addPrimaryKeyConstraint('spot_check_entry_pk', ['spot_check_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('job_lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('until', 'bigint', (c) => c.notNull())
    .execute();

  void sql;
}

export async function down(): Promise<void> {
  throw new Error('the ledger schema is not reversible: restore from a backup instead');
}
