// The accounts module's SQL: verification codes, person accounts, enterprises and members, bindings, acting choices.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccountBindingTable, AccountPhoneCodeTable, DB } from '../../db/schema.ts';
import type { Dialect } from '../../db/database.ts';
import { forUpdate } from '../../db/dialect.ts';

export async function countCodesSince(
  db: Kysely<DB>,
  by: { phone: string } | { ip: string },
  since: number,
): Promise<number> {
  const q = db.selectFrom('account_phone_code').select(sql<number>`count(*)`.as('n')).where('created_at', '>=', since);
  const row = await ('phone' in by ? q.where('phone', '=', by.phone) : q.where('ip', '=', by.ip)).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function lastCodeAt(db: Kysely<DB>, phone: string) {
  return db
    .selectFrom('account_phone_code')
    .select('created_at')
    .where('phone', '=', phone)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertCode(trx: Kysely<DB>, row: AccountPhoneCodeTable): Promise<void> {
  await trx.insertInto('account_phone_code').values(row).execute();
}

/** The newest code of a phone that is neither used nor expired nor worn out, locked for the attempt. */
export function lockLiveCode(
  trx: Transaction<DB>,
  dialect: Dialect,
  q: { phone: string; purpose: string; now: number; maxAttempts: number },
) {
  return forUpdate(
    dialect,
    trx
      .selectFrom('account_phone_code')
      .selectAll()
      .where('phone', '=', q.phone)
      .where('purpose', '=', q.purpose)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', q.now)
      .where('attempts', '<', q.maxAttempts)
      .orderBy('created_at', 'desc')
      .limit(1),
  ).executeTakeFirst();
}

export async function recordAttempt(trx: Kysely<DB>, id: string, attempts: number): Promise<void> {
  await trx.updateTable('account_phone_code').set({ attempts }).where('id', '=', id).execute();
}

/** Marks a code used; false when another request used it first (a code signs in once). */
export async function consumeCode(trx: Kysely<DB>, id: string, now: number): Promise<boolean> {
  const res = await trx
    .updateTable('account_phone_code')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findPersonByPhone(db: Kysely<DB>, phone: string) {
  return db
    .selectFrom('account_person')
    .innerJoin('app_user', 'app_user.id', 'account_person.user_id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.active', 'account_person.phone'])
    .where('account_person.phone', '=', phone)
    .executeTakeFirst();
}

export function findPersonByUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom('account_person').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertPerson(
  trx: Kysely<DB>,
  p: { userId: string; username: string; name: string; phone: string; now: number },
): Promise<void> {
  await trx
    .insertInto('app_user')
    .values({
      id: p.userId,
      username: p.username,
      display_name: p.name,
      // Phone-code accounts have no password: '!' is no argon2 hash, so a password login can never succeed.
      password_hash: '!',
      phone: p.phone,
      roles: JSON.stringify(['requester']),
      district_id: null,
      department_id: null,
      centre_id: null,
      window_id: null,
      active: 1,
      created_at: p.now,
      failed_logins: 0,
      locked_until: null,
    })
    .execute();
  await trx
    .insertInto('account_person')
    .values({ user_id: p.userId, phone: p.phone, created_at: p.now, last_sign_in_at: p.now })
    .execute();
}

export async function touchSignIn(trx: Kysely<DB>, userId: string, now: number): Promise<void> {
  await trx.updateTable('account_person').set({ last_sign_in_at: now }).where('user_id', '=', userId).execute();
}

const MEMBERSHIP_COLUMNS = [
  'account_enterprise.id as enterprise_id',
  'account_enterprise.uscc',
  'account_enterprise.name',
  'account_enterprise.legal_rep_name',
  'account_member.role',
  'account_member.created_at',
] as const;

/** The enterprises a person may act for now (revoked memberships left out). */
export function listMemberships(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('account_member')
    .innerJoin('account_enterprise', 'account_enterprise.id', 'account_member.enterprise_id')
    .select([...MEMBERSHIP_COLUMNS])
    .where('account_member.user_id', '=', userId)
    .where('account_member.revoked_at', 'is', null)
    .orderBy('account_member.created_at')
    .execute();
}

export function findMembership(db: Kysely<DB>, userId: string, enterpriseId: string) {
  return db
    .selectFrom('account_member')
    .innerJoin('account_enterprise', 'account_enterprise.id', 'account_member.enterprise_id')
    .select([...MEMBERSHIP_COLUMNS])
    .where('account_member.user_id', '=', userId)
    .where('account_member.enterprise_id', '=', enterpriseId)
    .where('account_member.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listMembers(db: Kysely<DB>, enterpriseId: string) {
  return db
    .selectFrom('account_member')
    .innerJoin('app_user', 'app_user.id', 'account_member.user_id')
    .leftJoin('account_person', 'account_person.user_id', 'account_member.user_id')
    .select([
      'account_member.user_id',
      'account_member.role',
      'account_member.granted_by',
      'account_member.created_at',
      'app_user.display_name',
      'account_person.phone',
    ])
    .where('account_member.enterprise_id', '=', enterpriseId)
    .where('account_member.revoked_at', 'is', null)
    .orderBy('account_member.created_at')
    .execute();
}

/** Adds or renews a membership (a revoked one comes back with the new role). */
export async function upsertMember(
  trx: Kysely<DB>,
  m: { enterpriseId: string; userId: string; role: string; grantedBy: string | null; now: number },
): Promise<void> {
  await trx
    .insertInto('account_member')
    .values({
      enterprise_id: m.enterpriseId,
      user_id: m.userId,
      role: m.role,
      granted_by: m.grantedBy,
      created_at: m.now,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['enterprise_id', 'user_id'])
        .doUpdateSet({ role: m.role, granted_by: m.grantedBy, created_at: m.now, revoked_at: null }),
    )
    .execute();
}

export async function revokeMember(trx: Kysely<DB>, enterpriseId: string, userId: string, now: number) {
  const res = await trx
    .updateTable('account_member')
    .set({ revoked_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findEnterpriseByUscc(db: Kysely<DB>, uscc: string) {
  return db.selectFrom('account_enterprise').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export function findEnterprise(db: Kysely<DB>, id: string) {
  return db.selectFrom('account_enterprise').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEnterprise(
  trx: Kysely<DB>,
  e: { id: string; uscc: string; name: string; legalRepName: string; provider: string; now: number },
): Promise<void> {
  await trx
    .insertInto('account_enterprise')
    .values({
      id: e.id,
      uscc: e.uscc,
      name: e.name,
      legal_rep_name: e.legalRepName,
      provider: e.provider,
      confirmed_at: e.now,
      updated_at: e.now,
    })
    .execute();
}

/** The register's name and legal representative win over what was stored before. */
export async function refreshEnterprise(
  trx: Kysely<DB>,
  id: string,
  e: { name: string; legalRepName: string; now: number },
): Promise<void> {
  await trx
    .updateTable('account_enterprise')
    .set({ name: e.name, legal_rep_name: e.legalRepName, confirmed_at: e.now, updated_at: e.now })
    .where('id', '=', id)
    .execute();
}

export async function insertBinding(trx: Kysely<DB>, row: AccountBindingTable): Promise<void> {
  await trx.insertInto('account_binding').values(row).execute();
}

export function findBinding(db: Kysely<DB>, id: string, userId: string) {
  return db
    .selectFrom('account_binding')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function lockBinding(trx: Transaction<DB>, dialect: Dialect, id: string, userId: string) {
  return forUpdate(
    dialect,
    trx.selectFrom('account_binding').selectAll().where('id', '=', id).where('user_id', '=', userId),
  ).executeTakeFirst();
}

export function listBindings(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('account_binding')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

export async function decideBinding(
  trx: Kysely<DB>,
  id: string,
  d: { status: string; enterpriseId: string | null; now: number },
): Promise<void> {
  await trx
    .updateTable('account_binding')
    .set({ status: d.status, enterprise_id: d.enterpriseId, decided_at: d.now })
    .where('id', '=', id)
    .execute();
}

export async function actingChoice(db: Kysely<DB>, sessionId: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('account_acting')
    .select('enterprise_id')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row ? row.enterprise_id : undefined;
}

export async function saveActingChoice(
  trx: Kysely<DB>,
  sessionId: string,
  enterpriseId: string | null,
  now: number,
): Promise<void> {
  await trx
    .insertInto('account_acting')
    .values({ session_id: sessionId, enterprise_id: enterpriseId, updated_at: now })
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ enterprise_id: enterpriseId, updated_at: now }))
    .execute();
}

export function findLicenceSim(db: Kysely<DB>, ref: string) {
  return db.selectFrom('account_licence_sim').selectAll().where('ref', '=', ref).executeTakeFirst();
}

/** Records the legal representative's answer once; false when the request was already answered or has expired. */
export async function decideLicenceSim(trx: Kysely<DB>, ref: string, status: string, now: number): Promise<boolean> {
  const res = await trx
    .updateTable('account_licence_sim')
    .set({ status, decided_at: now })
    .where('ref', '=', ref)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
