// Delivery of a benefit (SPEC §3): candidate → confirmed / rejected by the department (二次确认) → optional publicity
// with an objection deadline → notified (outbox) → consented (one click; none for pure 免申即享) → disbursed →
// reconciled paid, or failed with a reason and retried. Each step is a guarded conditional update plus an event.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB, PolicyCandidateTable } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { sha256 } from '../../lib/hash.ts';
import { newId, randomToken } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueue, type OutboxMessage } from '../outbox/outbox.repository.ts';
import type { CANDIDATE_STATUSES } from './policy.schemas.ts';

export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export const DELIVERY_ACTIONS = ['confirm', 'reject', 'notify', 'consent', 'disburse', 'reconcile', 'retry'] as const;
export type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

const DAY_MS = 86_400_000;

/** Where each action may start from; `disburse` from `notified` only for items delivered without application. */
export function allowedFrom(
  action: DeliveryAction,
  row: Pick<PolicyCandidateTable, 'status' | 'delivery' | 'publicity_until'>,
  now: number,
): boolean {
  switch (action) {
    case 'confirm':
      return row.status === 'candidate';
    case 'reject':
      return row.status === 'candidate' || row.status === 'publicity';
    case 'notify':
      return row.status === 'confirmed' || (row.status === 'publicity' && now >= Number(row.publicity_until));
    case 'consent':
      return row.status === 'notified' && row.delivery !== 'no-application';
    case 'disburse':
      return row.status === 'consented' || (row.status === 'notified' && row.delivery === 'no-application');
    case 'reconcile':
      return row.status === 'disbursed';
    case 'retry':
      return row.status === 'failed';
  }
}

/** The staff actions a reader could take now (the enterprise's consent is not one of them). */
export function abilitiesOf(
  row: Pick<PolicyCandidateTable, 'status' | 'delivery' | 'publicity_until'>,
  now: number,
  canManage: boolean,
): string[] {
  if (!canManage) return [];
  return DELIVERY_ACTIONS.filter((a) => a !== 'consent' && allowedFrom(a, row, now));
}

export function createDelivery(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  const db = database.db;

  /** Moves one candidate forward: checked against its current status, written only if nobody moved it meanwhile. */
  async function transition(
    actor: Actor | null,
    id: string,
    action: DeliveryAction,
    decide: (
      row: PolicyCandidateTable,
      now: number,
    ) => {
      to: CandidateStatus;
      patch?: Partial<PolicyCandidateTable>;
      data?: Record<string, unknown>;
      notify?: OutboxMessage[];
    },
    trxIn?: Kysely<DB>,
  ): Promise<PolicyCandidateTable> {
    const work = async (trx: Kysely<DB>) => {
      const row = await trx.selectFrom('policy_candidate').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('candidate');
      const now = clock.now();
      if (!allowedFrom(action, row, now)) {
        const allowed = DELIVERY_ACTIONS.filter((a) => allowedFrom(a, row, now));
        throw new AppError('invalid_transition', `cannot ${action} a candidate that is ${row.status}`, {
          allowedActions: allowed,
        });
      }
      const d = decide(row, now);
      const patch = { ...d.patch, status: d.to, updated_at: now };
      const res = await trx
        .updateTable('policy_candidate')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1)
        throw new AppError('conflict', 'the candidate was changed meanwhile; reload and try again');
      await trx
        .insertInto('policy_delivery_event')
        .values({
          id: newId(now),
          candidate_id: id,
          action,
          from_status: row.status,
          to_status: d.to,
          actor_id: actor?.id ?? null,
          at: now,
          data: JSON.stringify(d.data ?? {}),
        })
        .execute();
      if (d.notify?.length) await enqueue(trx, now, d.notify);
      return { ...row, ...patch };
    };
    return trxIn ? work(trxIn) : db.transaction().execute(work);
  }

  const confirm = (actor: Actor, id: string, body: { note?: string; publicityDays?: number }) =>
    transition(actor, id, 'confirm', (_row, now) =>
      body.publicityDays
        ? {
            to: 'publicity',
            patch: { publicity_until: now + body.publicityDays * DAY_MS, decided_by: actor.id },
            data: { note: body.note ?? null, publicityDays: body.publicityDays },
          }
        : { to: 'confirmed', patch: { decided_by: actor.id }, data: { note: body.note ?? null } },
    );

  const reject = (actor: Actor, id: string, reason: string) =>
    transition(actor, id, 'reject', (row) => ({
      to: 'rejected',
      patch: { decided_by: actor.id, reason },
      data: { reason, duringPublicity: row.status === 'publicity' },
    }));

  /** Tells the enterprise (SMS when a phone is on file) with a one-click consent link; no link for 免申即享 items. */
  async function notify(actor: Actor, id: string, consentUrl: (token: string) => string) {
    return db.transaction().execute(async (trx) => {
      const facts = await trx
        .selectFrom('policy_candidate as c')
        .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
        .innerJoin('policy_item as i', 'i.id', 'c.item_id')
        .select(['e.phone', 'e.name as enterpriseName', 'i.name as itemName'])
        .where('c.id', '=', id)
        .executeTakeFirst();
      if (!facts) throw notFound('candidate');
      const token = randomToken(24);
      return transition(
        actor,
        id,
        'notify',
        (row) => {
          const needsConsent = row.delivery !== 'no-application';
          const amount = row.amount === null ? '' : `${Math.round(Number(row.amount))}元`;
          const text = needsConsent
            ? `【听劝】${facts.enterpriseName}符合“${facts.itemName}”${amount}兑现条件，一键确认：${consentUrl(token)}`
            : `【听劝】${facts.enterpriseName}符合“${facts.itemName}”免申即享条件，${amount}将直接拨付，无需申请。`;
          const notify: OutboxMessage[] = [
            {
              channel: 'webhook',
              topic: 'policy.notified',
              recipient: '*',
              payload: { candidateId: id, itemId: row.item_id, enterpriseId: row.enterprise_id },
            },
            ...(facts.phone
              ? [{ channel: 'sms' as const, topic: 'policy.notified', recipient: facts.phone, payload: { text } }]
              : []),
          ];
          return {
            to: 'notified',
            patch: needsConsent ? { consent_token_hash: sha256(token) } : {},
            data: { consentRequired: needsConsent, sms: !!facts.phone },
            notify,
          };
        },
        trx,
      );
    });
  }

  const publicInfo = (candidateId: string) =>
    db
      .selectFrom('policy_candidate as c')
      .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
      .innerJoin('policy_item as i', 'i.id', 'c.item_id')
      .select([
        'c.item_id as itemId',
        'c.amount',
        'c.status',
        'c.as_of as asOf',
        'c.explanation',
        'e.name as enterpriseName',
        'i.name as itemName',
      ])
      .where('c.id', '=', candidateId)
      .executeTakeFirstOrThrow();

  /**
   * What the link in the notification is for, before the enterprise clicks: the benefit, the amount and why it was
   * found eligible. Reading does not use the token up; only consent does.
   */
  async function consentPreview(token: string) {
    const row = await db
      .selectFrom('policy_candidate')
      .select('id')
      .where('consent_token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row) throw notFound('consent request');
    const info = await publicInfo(row.id);
    return {
      itemId: info.itemId,
      itemName: info.itemName,
      enterpriseName: info.enterpriseName,
      amount: info.amount === null ? null : Number(info.amount),
      status: info.status,
      asOf: info.asOf,
      explanation: JSON.parse(info.explanation) as never,
    };
  }

  /** The enterprise's one click: the token from its notification is the only credential needed. */
  async function consent(token: string) {
    const row = await db
      .selectFrom('policy_candidate')
      .select('id')
      .where('consent_token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row) throw notFound('consent request');
    const updated = await transition(null, row.id, 'consent', () => ({
      to: 'consented',
      patch: { consent_token_hash: null },
      data: { channel: 'link' },
    }));
    const info = await publicInfo(row.id);
    return {
      itemId: info.itemId,
      itemName: info.itemName,
      enterpriseName: info.enterpriseName,
      amount: updated.amount === null ? null : Number(updated.amount),
      status: updated.status,
    };
  }

  const disburse = (
    actor: Actor,
    id: string,
    body: { amount: number; paymentRef: string },
    action: 'disburse' | 'retry' = 'disburse',
  ) =>
    transition(actor, id, action, (row) => {
      if (row.amount !== null && body.amount > Number(row.amount) + 0.005)
        throw invalidField('amount', `more than the decided amount ${row.amount}`);
      return {
        to: 'disbursed',
        patch: {
          paid_amount: body.amount,
          payment_ref: body.paymentRef,
          failure_reason: null,
          attempts: Number(row.attempts) + 1,
        },
        data: { amount: body.amount, paymentRef: body.paymentRef },
      };
    });

  const reconcile = (actor: Actor, id: string, body: { result: 'paid' | 'failed'; reason?: string }) =>
    transition(actor, id, 'reconcile', (_row, now) =>
      body.result === 'paid'
        ? { to: 'paid', patch: { paid_at: now }, data: { result: 'paid' } }
        : {
            to: 'failed',
            patch: { failure_reason: body.reason ?? null },
            data: { result: 'failed', reason: body.reason },
          },
    );

  async function history(id: string) {
    const rows = await db
      .selectFrom('policy_delivery_event')
      .selectAll()
      .where('candidate_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actorId: e.actor_id,
      at: toIso(e.at)!,
      data: JSON.parse(e.data),
    }));
  }

  return { confirm, reject, notify, consent, consentPreview, disburse, reconcile, history };
}
export type Delivery = ReturnType<typeof createDelivery>;
