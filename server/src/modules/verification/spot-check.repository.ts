// The SQL of the spot checks: closed items of a month, the stored samples and their progress.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function closedInRange(db: Kysely<DB>, from: number, to: number, districtId: string | null) {
  let q = db
    .selectFrom('item')
    .select(['id', 'main_department_id'])
    .where('closed_at', '>=', from)
    .where('closed_at', '<', to)
    .where('status', '=', 'closed');
  if (districtId) q = q.where('district_id', '=', districtId);
  return q.orderBy('id').execute();
}

export function findSpotCheck(db: Kysely<DB>, id: string) {
  return db.selectFrom('spot_check').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSpotChecks(
  db: Kysely<DB>,
  districtId: string | null,
  q: { period?: string; page: number; pageSize: number },
) {
  let base = db.selectFrom('spot_check');
  if (districtId) base = base.where('district_id', '=', districtId);
  if (q.period) base = base.where('period', '=', q.period);
  return Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

export function progressOf(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('spot_check_entry')
    .select(['spot_check_id', 'result', sql<number>`count(*)`.as('n')])
    .where('spot_check_id', 'in', ids)
    .groupBy(['spot_check_id', 'result'])
    .execute();
}

export function listEntries(db: Kysely<DB>, spotCheckId: string) {
  return db
    .selectFrom('spot_check_entry as e')
    .innerJoin('item', 'item.id', 'e.item_id')
    .leftJoin('department', 'department.id', 'e.department_id')
    .select([
      'e.item_id',
      'item.ledger_no',
      'item.title',
      'item.closed_at',
      'e.department_id',
      'department.name as department_name',
      'e.result',
      'e.answers',
      'e.checked_at',
    ])
    .where('e.spot_check_id', '=', spotCheckId)
    .orderBy('e.department_id')
    .orderBy('item.ledger_no')
    .execute();
}
