// Delivers outbox messages: claims a batch through the database (so each message is sent by one process only),
// sends it, and retries with backoff; after MAX_ATTEMPTS a message is marked failed and kept for inspection.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { hmacSha256 } from '../../lib/hash.ts';
import { newId } from '../../lib/ids.ts';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

export interface SmsProvider {
  send(phone: string, text: string): Promise<void>;
}

/** The default SMS provider writes to the log: a city plugs in its gateway here. */
export function logSmsProvider(log: Pick<Logger, 'info'>): SmsProvider {
  return {
    async send(phone, text) {
      log.info(
        { sms: { to: `${phone.slice(0, 3)}****${phone.slice(-4)}`, length: text.length } },
        'sms sent (log provider)',
      );
    },
  };
}

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number }>;

export function createOutboxWorker(deps: {
  db: Kysely<DB>;
  clock: Clock;
  sms: SmsProvider;
  fetch?: Fetch;
  owner?: string;
  log?: Pick<Logger, 'warn'>;
}) {
  const { db, clock } = deps;
  const owner = deps.owner ?? newId();
  const doFetch: Fetch = deps.fetch ?? ((url, init) => fetch(url, init));

  async function claim(limit: number) {
    const now = clock.now();
    const candidates = await db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('available_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('available_at')
      .limit(limit)
      .execute();
    const claimed: string[] = [];
    for (const c of candidates) {
      // A conditional update is the claim: only one process can move the lease forward.
      const res = await db
        .updateTable('outbox')
        .set({ locked_by: owner, locked_until: now + LEASE_MS })
        .where('id', '=', c.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) claimed.push(c.id);
    }
    if (!claimed.length) return [];
    return db.selectFrom('outbox').selectAll().where('id', 'in', claimed).execute();
  }

  async function recipientsOf(recipient: string): Promise<string[]> {
    const [kind, a, b] = recipient.split(':');
    if (kind === 'user') return [a];
    let q = db.selectFrom('app_user').select(['id', 'roles']).where('active', '=', 1);
    if (kind === 'dept') q = q.where('department_id', '=', a);
    else if (kind === 'role' && b)
      q = q.where((eb) => eb.or([eb('district_id', '=', b), eb('district_id', 'is', null)]));
    const rows = await q.execute();
    return rows.filter((r) => kind !== 'role' || (JSON.parse(r.roles) as string[]).includes(a)).map((r) => r.id);
  }

  async function deliver(msg: { id: string; channel: string; topic: string; recipient: string; payload: string }) {
    const payload = JSON.parse(msg.payload) as Record<string, unknown>;
    const now = clock.now();
    if (msg.channel === 'inapp') {
      const users = await recipientsOf(msg.recipient);
      if (users.length) {
        await db
          .insertInto('notification')
          .values(
            users.map((u) => ({
              id: newId(now),
              user_id: u,
              item_id: (payload.itemId as string) ?? null,
              kind: msg.topic,
              title: String(payload.title ?? msg.topic),
              body: String(payload.body ?? ''),
              created_at: now,
              read_at: null,
            })),
          )
          .execute();
      }
    } else if (msg.channel === 'sms') {
      await deps.sms.send(msg.recipient, String(payload.text ?? ''));
    } else if (msg.channel === 'webhook') {
      const hooks = await db.selectFrom('webhook').selectAll().where('active', '=', 1).execute();
      for (const h of hooks) {
        const events = JSON.parse(h.events) as string[];
        if (!events.includes('*') && !events.includes(msg.topic)) continue;
        const body = JSON.stringify({ id: msg.id, topic: msg.topic, at: now, data: payload });
        const timestamp = String(Math.floor(now / 1000));
        const res = await doFetch(h.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-tingquan-event': msg.topic,
            'x-tingquan-timestamp': timestamp,
            'x-tingquan-signature': `sha256=${hmacSha256(h.secret, `${timestamp}.${body}`)}`,
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`webhook ${h.url} answered ${res.status}`);
      }
    }
  }

  /** One pass: deliver what is due. Returns how many were sent and how many failed this time. */
  async function runOnce(limit = 100): Promise<{ sent: number; failed: number }> {
    const batch = await claim(limit);
    let sent = 0;
    let failed = 0;
    for (const msg of batch) {
      try {
        await deliver(msg);
        await db
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: clock.now(), locked_until: null, attempts: msg.attempts + 1 })
          .where('id', '=', msg.id)
          .execute();
        sent++;
      } catch (err) {
        failed++;
        const attempts = msg.attempts + 1;
        const backoff = Math.min(3_600_000, 5_000 * 2 ** attempts);
        deps.log?.warn({ outbox: msg.id, attempts, err: (err as Error).message }, 'outbox delivery failed');
        await db
          .updateTable('outbox')
          .set({
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            attempts,
            available_at: clock.now() + backoff,
            locked_until: null,
            last_error: (err as Error).message.slice(0, 500),
          })
          .where('id', '=', msg.id)
          .execute();
      }
    }
    return { sent, failed };
  }

  return { runOnce, owner };
}
