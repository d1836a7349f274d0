// Policy direct delivery (SPEC §3): the policy library, dated parameters, frozen rule versions, the enterprise file
// (一企一档) with fact history, matching runs, candidates with their stored explanations, and the delivery trail.
// Frozen once landed: a change is a new migration.
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('policy_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policy_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('policy_document.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('amount_text', 'text', (c) => c.notNull())
    .addColumn('time_from', 'text', (c) => c.notNull())
    .addColumn('time_to', 'text')
    .addColumn('time_note', 'text')
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_item_document').on('policy_item').column('document_id').execute();

  await db.schema
    .createTable('policy_parameter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('policy_parameter_version')
    .addColumn('parameter_id', 'text', (c) => c.notNull().references('policy_parameter.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('value', t.real, (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_parameter_version_pk', ['parameter_id', 'version'])
    .execute();

  // A rule version is written once when published and never updated: a change is a new version.
  await db.schema
    .createTable('policy_rule')
    .addColumn('item_id', 'text', (c) => c.notNull().references('policy_item.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('policy_rule_pk', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('enterprise')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('phone', 'text')
    // The current value of every fact as the engine reads it: { key: { value, source, asOf } }.
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_district').on('enterprise').column('district_code').execute();

  // Every value a fact held before a later import replaced it (or an older import that did not replace it).
  await db.schema
    .createTable('enterprise_fact_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enterprise_fact_history_enterprise')
    .on('enterprise_fact_history')
    .columns(['enterprise_id', 'fact'])
    .execute();

  await db.schema
    .createTable('enterprise_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // A matching run is claimed by one process at a time (owner + lease); the cursor lets a crashed run resume.
  await db.schema
    .createTable('policy_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', 'text')
    .addColumn('candidates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('policy_run_status').on('policy_run').columns(['status', 'created_at']).execute();

  // Per run and item: the population's counts and how many enterprises fail / lack each criterion.
  await db.schema
    .createTable('policy_run_item')
    .addColumn('run_id', 'text', (c) => c.notNull().references('policy_run.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('rule_hash', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('unknown', 'integer', (c) => c.notNull())
    .addColumn('ineligible', 'integer', (c) => c.notNull())
    .addColumn('total_amount', t.real, (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_run_item_pk', ['run_id', 'item_id'])
    .execute();

  // One decision per (item, enterprise, as-of date) with its explanation; its delivery status moves forward from
  // candidate through confirmation, publicity, notification, consent and disbursement to reconciliation.
  await db.schema
    .createTable('policy_candidate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('policy_item.id'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('amount', t.real)
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('rule_hash', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('parameter_snapshot_date', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('publicity_until', 'bigint')
    .addColumn('consent_token_hash', 'text')
    .addColumn('paid_amount', t.real)
    .addColumn('payment_ref', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addUniqueConstraint('policy_candidate_decision', ['item_id', 'enterprise_id', 'as_of'])
    .execute();
  await db.schema
    .createIndex('policy_candidate_item_status')
    .on('policy_candidate')
    .columns(['item_id', 'status'])
    .execute();
  await db.schema.createIndex('policy_candidate_enterprise').on('policy_candidate').column('enterprise_id').execute();
  await db.schema.createIndex('policy_candidate_consent').on('policy_candidate').column('consent_token_hash').execute();

  await db.schema
    .createTable('policy_delivery_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('policy_candidate.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('policy_delivery_event_candidate')
    .on('policy_delivery_event')
    .columns(['candidate_id', 'at'])
    .execute();

  // 快申快享: a pre-filled application for items the data cannot decide alone, due in 60 working days.
  await db.schema
    .createTable('policy_fast_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('policy_item.id'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprise.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('prefilled', 'text', (c) => c.notNull())
    .addColumn('supplement', 'text')
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('policy_fast_application_item')
    .on('policy_fast_application')
    .columns(['item_id', 'status'])
    .execute();

  // A complaint about a benefit becomes a ledger item; this links it back to the policy item.
  await db.schema
    .createTable('policy_complaint')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('item.id'))
    .addColumn('policy_item_id', 'text', (c) => c.notNull().references('policy_item.id'))
    .addColumn('enterprise_id', 'text')
    .addColumn('candidate_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policy_complaint_policy_item').on('policy_complaint').column('policy_item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'policy_complaint',
    'policy_fast_application',
    'policy_delivery_event',
    'policy_candidate',
    'policy_run_item',
    'policy_run',
    'enterprise_import',
    'enterprise_fact_history',
    'enterprise',
    'policy_rule',
    'policy_parameter_version',
    'policy_parameter',
    'policy_item',
    'policy_document',
  ])
    await db.schema.dropTable(table).execute();
}
