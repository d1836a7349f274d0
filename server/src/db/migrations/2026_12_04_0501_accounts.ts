// Accounts of people and enterprises: phone verification codes (hashed, expiring, counted for rate limits), person
// accounts keyed by phone, enterprises bound by 统一社会信用代码 through the 电子营业执照, their members with a role
// each, pending bindings, who a session acts for, and the simulated licence provider's requests. Frozen once landed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_phone_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('account_phone_code_phone')
    .on('account_phone_code')
    .columns(['phone', 'created_at'])
    .execute();
  await db.schema.createIndex('account_phone_code_ip').on('account_phone_code').columns(['ip', 'created_at']).execute();

  await db.schema
    .createTable('account_person')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'bigint')
    .execute();

  await db.schema
    .createTable('account_enterprise')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_rep_name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_member')
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('account_enterprise.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addPrimaryKeyConstraint('account_member_pk', ['enterprise_id', 'user_id'])
    .execute();
  await db.schema.createIndex('account_member_user').on('account_member').column('user_id').execute();

  await db.schema
    .createTable('account_binding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text', (c) => c.notNull())
    .addColumn('confirm_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('account_binding_user').on('account_binding').column('user_id').execute();

  await db.schema
    .createTable('account_acting')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_licence_sim')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('legal_rep_name', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_phone_masked', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'account_licence_sim',
    'account_acting',
    'account_binding',
    'account_member',
    'account_enterprise',
    'account_person',
    'account_phone_code',
  ])
    await db.schema.dropTable(t).execute();
}
