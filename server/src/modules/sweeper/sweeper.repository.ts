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

/** Where a page of due rows ended: rows are read in (due instant, id) order, the order of the partial index. */
export interface Cursor {
  at: number;
  id: string;
}
type DueColumn = 'next_escalation_at' | 'sign_due_at' | 'contact_due_at' | 'callback_due_at' | 'rating_due_at';

/**
 * One page of items whose `col` is due, in index order. Ordering by the due column (not by id) keeps the plan an
 * index range scan on every dialect, so a pass that finds nothing due reads nothing.
 */
function duePage(db: Kysely<DB>, col: DueColumn, now: number, limit: number, after: Cursor | null) {
  let q = db
    .selectFrom('item')
    .select(['id', `${col} as at`])
    .where(col, '<=', now)
    .orderBy(col)
    .orderBy('id')
    .limit(limit);
  if (after)
    q = q.where((eb) => eb.or([eb(col, '>', after.at), eb.and([eb(col, '=', after.at), eb('id', '>', after.id)])]));
  return q;
}

export const toCursor = (rows: { id: string; at: number | null }[]): Cursor | null => {
  const last = rows.at(-1);
  return last ? { at: Number(last.at), id: last.id } : null;
};

// No status filter in SQL: it would tempt the planner onto the status index; the sweeper checks the status per row
// and clears a pointer left on an item that is no longer being handled.
export function dueEscalations(db: Kysely<DB>, now: number, limit: number, after: Cursor | null) {
  return duePage(db, 'next_escalation_at', now, limit, after).execute();
}

export function dueMissed(db: Kysely<DB>, kind: MissableKind, now: number, limit: number, after: Cursor | null) {
  const { due, met } = MISSABLE[kind];
  return duePage(db, due, now, limit, after).where(met, 'is', null).execute();
}

export function dueRatings(db: Kysely<DB>, now: number, limit: number, after: Cursor | null) {
  return duePage(db, 'rating_due_at', now, limit, after).where('verified_at', 'is', null).execute();
}

/**
 * Departments with at least `count` counted bad reviews verified since `since`. The rows are read through the
 * partial bad-review index and counted here: a GROUP BY would let the planner walk the department index instead.
 */
export async function departmentsWithBadReviews(db: Kysely<DB>, since: number, count: number) {
  const rows = await db
    .selectFrom('item')
    .select(['main_department_id', 'excluded'])
    .where('bad_review', '=', 1)
    .where('verified_at', '>=', since)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows)
    if (r.main_department_id && !r.excluded)
      counts.set(r.main_department_id, (counts.get(r.main_department_id) ?? 0) + 1);
  const ids = [...counts].filter(([, n]) => n >= count).map(([id]) => id);
  if (!ids.length) return [];
  const depts = await db
    .selectFrom('department')
    .select(['id', 'name', 'district_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  return depts.map((d) => ({ departmentId: d.id, name: d.name, districtId: d.district_id, n: counts.get(d.id)! }));
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
export async function claimLease(
  db: Kysely<DB>,
  name: string,
  owner: string,
  now: number,
  until: number,
): Promise<boolean> {
  await db
    .insertInto('job_lease')
    .values({ name, owner: null, until: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
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
