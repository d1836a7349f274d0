// The SQL of the discipline module: clues and undercover checks, each list scoped by the reader's district.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { ClueListQuery } from './discipline.schemas.ts';

const CLUE_COLUMNS = [
  'clue.id',
  'clue.item_id',
  'item.ledger_no',
  'item.title as item_title',
  'item.status as item_status',
  'clue.district_id',
  'clue.department_id',
  'department.name as department_name',
  'clue.rule',
  'clue.reason',
  'clue.status',
  'clue.notes',
  'clue.created_at',
  'clue.updated_at',
] as const;

function cluesBase(db: Kysely<DB>, districtId: string | null) {
  let q = db
    .selectFrom('clue')
    .leftJoin('item', 'item.id', 'clue.item_id')
    .leftJoin('department', 'department.id', 'clue.department_id');
  if (districtId) q = q.where('clue.district_id', '=', districtId);
  return q;
}

export async function listClues(db: Kysely<DB>, districtId: string | null, q: ClueListQuery) {
  let base = cluesBase(db, districtId);
  if (q.status) base = base.where('clue.status', '=', q.status);
  if (q.rule) base = base.where('clue.rule', '=', q.rule);
  if (q.departmentId) base = base.where('clue.department_id', '=', q.departmentId);
  const [rows, total] = await Promise.all([
    base
      .select([...CLUE_COLUMNS])
      .orderBy('clue.created_at', 'desc')
      .orderBy('clue.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type ClueRow = Awaited<ReturnType<typeof listClues>>['rows'][number];

export function findClue(db: Kysely<DB>, id: string) {
  return cluesBase(db, null)
    .select([...CLUE_COLUMNS])
    .where('clue.id', '=', id)
    .executeTakeFirst();
}

export function lockClue(trx: Transaction<DB>, dialect: Dialect, id: string) {
  return forUpdate(dialect, trx.selectFrom('clue').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function eventsWithActors(db: Kysely<DB>, itemId: string) {
  return db
    .selectFrom('event')
    .leftJoin('app_user', 'app_user.id', 'event.actor_id')
    .select(['event.seq', 'event.action', 'event.at', 'event.actor_role', 'event.data', 'app_user.display_name'])
    .where('event.item_id', '=', itemId)
    .orderBy('event.seq')
    .execute();
}

export async function listUndercover(
  db: Kysely<DB>,
  scope: { districtId: string | null; id?: string },
  q: { page: number; pageSize: number },
) {
  let base = db
    .selectFrom('undercover_check as u')
    .leftJoin('district', 'district.id', 'u.district_id')
    .leftJoin('service_centre', 'service_centre.id', 'u.centre_id')
    .leftJoin('department', 'department.id', 'u.department_id')
    .leftJoin('item', 'item.id', 'u.item_id');
  if (scope.districtId) base = base.where('u.district_id', '=', scope.districtId);
  if (scope.id) base = base.where('u.id', '=', scope.id);
  const [rows, total] = await Promise.all([
    base
      .select([
        'u.id',
        'u.district_id',
        'district.name as district_name',
        'u.centre_id',
        'service_centre.name as centre_name',
        'u.department_id',
        'department.name as department_name',
        'u.checked_on',
        'u.findings',
        'u.item_id',
        'item.ledger_no',
        'u.created_by',
        'u.created_at',
      ])
      .orderBy('u.checked_on', 'desc')
      .orderBy('u.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type UndercoverRow = Awaited<ReturnType<typeof listUndercover>>['rows'][number];
