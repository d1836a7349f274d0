// The append-only, hash-chained event log (SPEC §2.6): one chain per item, one for the audit stream
// (logins, PII reveals, exports, admin changes). Appends happen inside the caller's transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EventTable } from '../../db/schema.ts';
import type { Dialect } from '../../db/database.ts';
import { forUpdate } from '../../db/dialect.ts';
import { newId } from '../../lib/ids.ts';
import { canonicalJson, sha256 } from '../../lib/hash.ts';

export const GENESIS = '0'.repeat(64);
export const AUDIT_STREAM = 'audit';

export interface EventInput {
  action: string;
  actorId: string | null;
  actorRole: string | null;
  at: number;
  data: Record<string, unknown>;
}

export function eventHash(e: {
  stream: string;
  seq: number;
  item_id: string | null;
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  at: number;
  data: string;
  prev_hash: string;
}): string {
  return sha256(
    canonicalJson({
      stream: e.stream,
      seq: e.seq,
      item: e.item_id,
      action: e.action,
      actor: e.actor_id,
      role: e.actor_role,
      at: Number(e.at),
      data: e.data,
      prev: e.prev_hash,
    }),
  );
}

/**
 * Builds the next event of a chain whose head is (seq, hash); the caller stores the returned head. The id is made
 * here unless given (the demo seeder gives reproducible ids).
 */
export function chainEvent(
  stream: string,
  itemId: string | null,
  head: { seq: number; hash: string },
  input: EventInput,
  id = newId(input.at),
): EventTable {
  const row = {
    id,
    stream,
    seq: head.seq + 1,
    item_id: itemId,
    action: input.action,
    actor_id: input.actorId,
    actor_role: input.actorRole,
    at: input.at,
    data: canonicalJson(input.data),
    prev_hash: head.hash,
  };
  return { ...row, hash: eventHash(row) };
}

export async function insertEvents(trx: Kysely<DB>, events: EventTable[]): Promise<void> {
  if (events.length) await trx.insertInto('event').values(events).execute();
}

/** Appends to the audit stream, serialised by locking its head row. */
export async function appendAudit(trx: Transaction<DB>, dialect: Dialect, input: EventInput): Promise<EventTable> {
  await trx
    .insertInto('chain_head')
    .values({ stream: AUDIT_STREAM, seq: 0, hash: GENESIS })
    .onConflict((oc) => oc.column('stream').doNothing())
    .execute();
  const head = await forUpdate(
    dialect,
    trx.selectFrom('chain_head').select(['seq', 'hash']).where('stream', '=', AUDIT_STREAM),
  ).executeTakeFirstOrThrow();
  const event = chainEvent(AUDIT_STREAM, null, { seq: Number(head.seq), hash: head.hash }, input);
  await trx.insertInto('event').values(event).execute();
  await trx
    .updateTable('chain_head')
    .set({ seq: event.seq, hash: event.hash })
    .where('stream', '=', AUDIT_STREAM)
    .execute();
  return event;
}

export async function listItemEvents(db: Kysely<DB>, itemId: string) {
  return db.selectFrom('event').selectAll().where('item_id', '=', itemId).orderBy('seq').execute();
}

export interface ChainProblem {
  stream: string;
  seq: number;
  eventId: string | null;
  problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'missing_tail' | 'head_mismatch';
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  firstProblem: ChainProblem | null;
}

/**
 * Walks every chain in (stream, seq) order and checks each hash, each link and the stored heads, naming the first
 * broken event. Streamed in pages so that millions of events fit in memory.
 */
export async function verifyChains(db: Kysely<DB>): Promise<VerifyResult> {
  let events = 0;
  let streams = 0;
  let stream: string | null = null;
  let prev = { seq: 0, hash: GENESIS };
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const h of await db.selectFrom('chain_head').selectAll().execute())
    heads.set(h.stream, { seq: Number(h.seq), hash: h.hash });

  const checkTail = async (s: string, last: { seq: number; hash: string }): Promise<ChainProblem | null> => {
    const head = s === AUDIT_STREAM ? heads.get(s) : await itemHead(db, s);
    if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
      return {
        stream: s,
        seq: last.seq + (head.seq > last.seq ? 1 : 0),
        eventId: null,
        problem: head.seq > last.seq ? 'missing_tail' : 'head_mismatch',
      };
    }
    return null;
  };

  let after: { stream: string; seq: number } | null = null;
  const PAGE = 5000;
  for (;;) {
    let q = db.selectFrom('event').selectAll().orderBy('stream').orderBy('seq').limit(PAGE);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([eb('stream', '>', a.stream), eb.and([eb('stream', '=', a.stream), eb('seq', '>', a.seq)])]),
      );
    }
    const rows = await q.execute();
    for (const e of rows) {
      const seq = Number(e.seq);
      if (e.stream !== stream) {
        if (stream !== null) {
          const p = await checkTail(stream, prev);
          if (p) return { ok: false, streams, events, firstProblem: p };
        }
        stream = e.stream;
        streams++;
        prev = { seq: 0, hash: GENESIS };
      }
      events++;
      if (seq !== prev.seq + 1)
        return {
          ok: false,
          streams,
          events,
          firstProblem: { stream: e.stream, seq: prev.seq + 1, eventId: null, problem: 'gap' },
        };
      if (e.prev_hash !== prev.hash)
        return {
          ok: false,
          streams,
          events,
          firstProblem: { stream: e.stream, seq, eventId: e.id, problem: 'broken_link' },
        };
      if (eventHash({ ...e, at: Number(e.at), seq }) !== e.hash) {
        return {
          ok: false,
          streams,
          events,
          firstProblem: { stream: e.stream, seq, eventId: e.id, problem: 'hash_mismatch' },
        };
      }
      prev = { seq, hash: e.hash };
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = { stream: last.stream, seq: Number(last.seq) };
  }
  if (stream !== null) {
    const p = await checkTail(stream, prev);
    if (p) return { ok: false, streams, events, firstProblem: p };
  }
  // An item whose whole history was deleted still names its head.
  const orphan = await db
    .selectFrom('item')
    .select(['id', 'event_seq'])
    .where('event_seq', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('event').select(sql`1`.as('one')).whereRef('event.stream', '=', 'item.id'))),
    )
    .executeTakeFirst();
  if (orphan)
    return { ok: false, streams, events, firstProblem: { stream: orphan.id, seq: 1, eventId: null, problem: 'gap' } };
  return { ok: true, streams, events, firstProblem: null };
}

async function itemHead(db: Kysely<DB>, itemId: string) {
  const row = await db
    .selectFrom('item')
    .select(['event_seq', 'event_hash'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row ? { seq: Number(row.event_seq), hash: row.event_hash } : undefined;
}
