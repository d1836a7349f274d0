// Notifications are written to the outbox inside the business transaction and delivered later by the worker,
// so a slow SMS gateway or webhook never blocks or breaks a request, and nothing is sent for a rolled-back change.
import type { Kysely } from 'kysely';
import type { DB, OutboxTable } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';

export type OutboxChannel = 'inapp' | 'sms' | 'webhook';

export interface OutboxMessage {
  channel: OutboxChannel;
  topic: string;
  /** inapp: 'user:<id>' | 'dept:<id>' | 'role:<role>' | 'role:<role>:<districtId>'; sms: a phone number; webhook: '*'. */
  recipient: string;
  payload: Record<string, unknown>;
  /** Makes the enqueue idempotent (e.g. one escalation notice per item and step). */
  dedupeKey?: string;
}

/** The outbox row of a message queued at `now`. */
export function outboxRow(now: number, m: OutboxMessage): OutboxTable {
  return {
    id: newId(now),
    channel: m.channel,
    topic: m.topic,
    recipient: m.recipient,
    payload: JSON.stringify(m.payload),
    status: 'pending',
    attempts: 0,
    available_at: now,
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    dedupe_key: m.dedupeKey ?? null,
  };
}

export async function enqueue(trx: Kysely<DB>, now: number, messages: OutboxMessage[]): Promise<void> {
  if (!messages.length) return;
  await trx
    .insertInto('outbox')
    .values(messages.map((m) => outboxRow(now, m)))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
