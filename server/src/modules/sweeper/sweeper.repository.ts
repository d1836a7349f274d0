// The sweeper's SQL: index-driven look-ups of what is due, the lease row, and guarded system writes to an item.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EventTable, ItemTable } from '../../db/schema.ts';

/** Open clocks that can pass unnoticed by any action: each is read through its own partial index. */
export const MISSABLE = {
  sign: { due: 'sign_due_at', met: 'sign_met' },
  contact: { due: 'contact_due_at', met: 'contact_met' },
  callback: { due: 'callback_due_at', met: 'callback_met' },
} as const;
export type MissableKind = keyof typeof MISSABLE;

export function dueEscalations(db: Kysely<DB>, now: number, limit: number, after: string | null) {
  let q = db
    .selectFrom('item')
    .select(['id', 'next_escalation_at'])
    .where('next_escalation_at', '<=', now)
    .where('status', 'in', ['dispatched', 'in_progress'])
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

export function dueMissed(db: Kysely<DB>, kind: MissableKind, now: number, limit: number, after: string | null) {
  const { due, met } = MISSABLE[kind];
  let q = db.selectFrom('item').select('id').where(due, '<=', now).where(met, 'is', null).orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

export function dueRatings(db: Kysely<DB>, now: number, limit: number, after: string | null) {
  let q = db
    .selectFrom('item')
    .select('id')
    .where('rating_due_at', '<=', now)
    .where('verified_at', 'is', null)
    .where('status', '=', 'replied')
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

/** Departments with at least `count` counted bad reviews verified since `since`. */
export function departmentsWithBadReviews(db: Kysely<DB>, since: number, count: number) {
  return db
    .selectFrom('item')
    .innerJoin('department', 'department.id', 'item.main_department_id')
    .select(['item.main_department_id as departmentId', 'department.name', 'department.district_id as districtId', sql<number>`count(*)`.as('n')])
    .where('item.bad_review', '=', 1)
    .where('item.verified_at', '>=', since)
    .where('item.excluded', '=', 0)
    .groupBy(['item.main_department_id', 'department.name', 'department.district_id'])
    .having(sql<number>`count(*)`, '>=', count)
    .execute();
}

/**
 * Writes a system change to an item only if it still is as read (same event head): the caller's own guard
 * (e.g. `escalation_level < n`) is added on top. Returns false when another process got there first.
 */
export async function guardedItemUpdate(
  trx: Transaction<DB>,
  item: Pick<ItemTable, 'id' | 'event_seq' | 'version'>,
  patch: Partial<ItemTable>,
  guard: (q: any) => any,
  events: EventTable[],
): Promise<boolean> {
  const head = events.at(-1)!;
  let q = trx
    .updateTable('item')
    .set({ ...patch, event_seq: head.seq, event_hash: head.hash, version: item.version + 1 })
    .where('id', '=', item.id)
    .where('event_seq', '=', item.event_seq);
  q = guard(q);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.insertInto('event').values(events).execute();
  return true;
}

/** Claims (or renews) a named lease until `until`; false when another live owner holds it. */
export async function claimLease(db: Kysely<DB>, name: string, owner: string, now: number, until: number): Promise<boolean> {
  await db.insertInto('job_lease').values({ name, owner: null, until: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const res = await db
    .updateTable('job_lease')
    .set({ owner, until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('until', '<', now), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<DB>, name: string, owner: string): Promise<void> {
  await db.updateTable('job_lease').set({ until: 0 }).where('name', '=', name).where('owner', '=', owner).execute();
}
