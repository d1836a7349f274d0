// The only SQL of the organisation admin module: plain functions with `db` or `trx` first.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { containsText } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

// ---- districts, departments, centres, windows ----

export const listDistricts = (db: Kysely<DB>, activeOnly = false) => {
  let q = db.selectFrom('district').selectAll().orderBy('sort').orderBy('code');
  if (activeOnly) q = q.where('active', '=', 1);
  return q.execute();
};
export const findDistrict = (db: Kysely<DB>, id: string) =>
  db.selectFrom('district').selectAll().where('id', '=', id).executeTakeFirst();
export async function maxDistrictSort(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('district')
    .select(sql<number>`coalesce(max(sort), -1)`.as('m'))
    .executeTakeFirstOrThrow();
  return Number(row.m);
}

export const listDepartments = (db: Kysely<DB>, f: { districtId?: string; activeOnly?: boolean } = {}) => {
  let q = db.selectFrom('department').selectAll().orderBy('level').orderBy('code');
  if (f.districtId) q = q.where('district_id', '=', f.districtId);
  if (f.activeOnly) q = q.where('active', '=', 1);
  return q.execute();
};
export const findDepartment = (db: Kysely<DB>, id: string) =>
  db.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();

export const listCentres = (db: Kysely<DB>, f: { districtId?: string; activeOnly?: boolean } = {}) => {
  let q = db
    .selectFrom('service_centre')
    .selectAll('service_centre')
    .select((eb) =>
      eb
        .selectFrom('service_window')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('service_window.centre_id', '=', 'service_centre.id')
        .where('service_window.active', '=', 1)
        .as('window_count'),
    )
    .orderBy('service_centre.district_id')
    .orderBy('service_centre.id');
  if (f.districtId) q = q.where('service_centre.district_id', '=', f.districtId);
  if (f.activeOnly) q = q.where('service_centre.active', '=', 1);
  return q.execute();
};
export const findCentre = (db: Kysely<DB>, id: string) =>
  db.selectFrom('service_centre').selectAll().where('id', '=', id).executeTakeFirst();

export const listWindows = (db: Kysely<DB>, f: { centreId?: string; activeOnly?: boolean } = {}) => {
  let q = db.selectFrom('service_window').selectAll().orderBy('centre_id').orderBy('code');
  if (f.centreId) q = q.where('centre_id', '=', f.centreId);
  if (f.activeOnly) q = q.where('active', '=', 1);
  return q.execute();
};
export const findWindow = (db: Kysely<DB>, id: string) =>
  db.selectFrom('service_window').selectAll().where('id', '=', id).executeTakeFirst();

// ---- users ----

export const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'phone',
  'roles',
  'district_id',
  'department_id',
  'centre_id',
  'window_id',
  'active',
] as const;

export function listUsers(db: Kysely<DB>, dialect: Dialect, f: { q?: string; role?: string; active?: boolean }) {
  let q = db
    .selectFrom('app_user')
    .select([...USER_COLUMNS])
    .orderBy('username');
  const needle = f.q;
  if (needle)
    q = q.where((eb) =>
      eb.or([containsText(dialect, 'username', needle), containsText(dialect, 'display_name', needle)]),
    );
  // Roles are a JSON array of plain identifiers, so the quoted name is an exact match on both dialects.
  if (f.role) q = q.where('roles', 'like', `%"${f.role}"%`);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  return q.execute();
}
export const findUser = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('app_user')
    .select([...USER_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst();
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export const endSessions = (trx: Kysely<DB>, userId: string) =>
  trx.deleteFrom('session').where('user_id', '=', userId).execute();

/** Names for assignment pickers; the caller narrows by scope. */
export function listUserNames(db: Kysely<DB>, scope: { departmentIds?: string[]; districtId?: string }) {
  let q = db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'department_id', 'roles'])
    .where('active', '=', 1)
    .orderBy('display_name');
  if (scope.departmentIds) q = q.where('department_id', 'in', scope.departmentIds.length ? scope.departmentIds : ['']);
  if (scope.districtId) {
    const d = scope.districtId;
    q = q.where((eb) =>
      eb.or([
        eb('district_id', '=', d),
        eb('department_id', 'in', eb.selectFrom('department').select('id').where('district_id', '=', d)),
      ]),
    );
  }
  return q.execute();
}

// ---- categories ----

export const listCategories = (db: Kysely<DB>) =>
  db.selectFrom('category').selectAll().orderBy('sort').orderBy('code').execute();
export const findCategory = (db: Kysely<DB>, id: string) =>
  db.selectFrom('category').selectAll().where('id', '=', id).executeTakeFirst();

/** What still points at a category: items, sub-categories and SLA rows. */
export async function categoryUses(db: Kysely<DB>, id: string) {
  const [items, children, rules] = await Promise.all([
    db.selectFrom('item').select(sql<number>`count(*)`.as('n')).where('category_id', '=', id).executeTakeFirstOrThrow(),
    db
      .selectFrom('category')
      .select(sql<number>`count(*)`.as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sla_rule')
      .select(sql<number>`count(*)`.as('n'))
      .where('category_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: Number(items.n), children: Number(children.n), slaRules: Number(rules.n) };
}

// ---- SLA matrix, calendar, settings ----

export const listSlaRules = (db: Kysely<DB>) => db.selectFrom('sla_rule').selectAll().orderBy('id').execute();
export const findSlaRule = (db: Kysely<DB>, id: string) =>
  db.selectFrom('sla_rule').selectAll().where('id', '=', id).executeTakeFirst();

export const listCalendarOverrides = (db: Kysely<DB>) =>
  db.selectFrom('calendar_override').selectAll().orderBy('day').execute();

export const findSetting = (db: Kysely<DB>, key: string) =>
  db.selectFrom('setting').selectAll().where('key', '=', key).executeTakeFirst();
export async function upsertSetting(trx: Kysely<DB>, key: string, value: string, now: number) {
  await trx
    .insertInto('setting')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

// ---- key projects ----

export function projectsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('key_project')
    .leftJoin('app_user', 'app_user.id', 'key_project.officer_id')
    .selectAll('key_project')
    .select('app_user.display_name as officer_name')
    .select((eb) =>
      eb
        .selectFrom('item')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('item.project_id', '=', 'key_project.id')
        .where('item.status', 'not in', ['closed', 'rejected', 'merged'])
        .as('open_items'),
    );
}
export type ProjectRow = NonNullable<Awaited<ReturnType<ReturnType<typeof projectsQuery>['executeTakeFirst']>>>;

// ---- tokens, webhooks, notifications ----

export const listTokens = (db: Kysely<DB>) =>
  db
    .selectFrom('api_token')
    .select(['id', 'name', 'kind', 'user_id', 'created_at', 'revoked_at', 'last_used_at'])
    .orderBy('created_at', 'desc')
    .execute();
export const findToken = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('api_token')
    .select(['id', 'name', 'kind', 'user_id', 'created_at', 'revoked_at', 'last_used_at'])
    .where('id', '=', id)
    .executeTakeFirst();

export const listWebhooks = (db: Kysely<DB>) =>
  db.selectFrom('webhook').selectAll().orderBy('created_at', 'desc').execute();
export const findWebhook = (db: Kysely<DB>, id: string) =>
  db.selectFrom('webhook').selectAll().where('id', '=', id).executeTakeFirst();

export async function listNotifications(
  db: Kysely<DB>,
  userId: string,
  q: { page: number; pageSize: number; unreadOnly: boolean },
) {
  let base = db.selectFrom('notification').where('user_id', '=', userId);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    base
      .selectAll()
      // Unread first, newest first within each group.
      .orderBy(sql`case when read_at is null then 0 else 1 end`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notification')
      .select(sql<number>`count(*)`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), unread: Number(unread.n) };
}
