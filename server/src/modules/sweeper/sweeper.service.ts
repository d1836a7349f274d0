// The deadline sweeper (SPEC §2.3/§2.4): walks the escalation ladder of overdue items, records clocks missed at the
// moment they pass, gives the default rating after the rating window and raises rule-based clues. Every step is a
// guarded conditional update checked with numUpdatedRows, so it happens exactly once across processes and restarts;
// a lease row keeps two processes from doing the same pass in parallel.
import {
  BAD_REVIEW,
  DEFAULT_RATING,
  nextEscalations,
  type EscalationDue,
  type Satisfaction,
  type Tier,
} from '@tingquan/common';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { DB, ItemTable } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { DeadlineService, Deadlines } from '../deadlines/deadline.service.ts';
import { chainEvent } from '../ledger/event.repository.ts';
import { enqueue, type OutboxMessage } from '../outbox/outbox.repository.ts';
import type { ItemRow } from '../items/item.repository.ts';
import { CLUE_RULES_SETTING_KEY, clueRulesSchema, DEFAULT_CLUE_RULES, type ClueRules } from './clue-rules.ts';
import {
  MISSABLE,
  claimLease,
  departmentsWithBadReviews,
  dueEscalations,
  dueMissed,
  dueRatings,
  guardedItemUpdate,
  releaseLease,
  toCursor,
  type Cursor,
  type MissableKind,
} from './sweeper.repository.ts';

export interface SweeperDeps {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  /** Who holds the lease; defaults to a random id per sweeper. */
  owner?: string;
  /** Skip the lease (tests that prove the conditional updates alone keep each step unique). */
  lease?: boolean;
  batchSize?: number;
}

export interface SweepCounts {
  skipped: boolean;
  escalations: number;
  missed: number;
  defaultRatings: number;
  autoClosed: number;
  clues: number;
  ms: number;
}

export const SWEEPER_LEASE = 'deadline_sweeper';
const LEASE_MS = 5 * 60_000;
const SATISFIED: readonly Satisfaction[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];
const DAY_MS = 86_400_000;

/** Raised inside a transaction when another process changed the item first: roll back and move on. */
class Lost extends Error {}
/** Raised between pages when another process took the lease over. */
class LeaseLost extends Error {}

export function createSweeper(deps: SweeperDeps) {
  const { database, clock, deadlines } = deps;
  const db = database.db;
  const owner = deps.owner ?? `sweeper-${newId()}`;
  const batch = deps.batchSize ?? 200;
  let holding = false;

  const scopeOf = (item: ItemRow) => ({
    tier: item.tier as Tier,
    urgent: !!item.urgent,
    type: item.type,
    categoryId: item.category_id,
  });
  const deptRecipient = (item: ItemRow) =>
    item.main_department_id
      ? `dept:${item.main_department_id}`
      : item.district_id
        ? `role:dispatcher:${item.district_id}`
        : 'role:dispatcher';
  const roleRecipient = (role: string, item: { district_id: string | null }) =>
    item.district_id ? `role:${role}:${item.district_id}` : `role:${role}`;

  /** Locks one item and runs `work`; a lost race (or an item no longer due) rolls back quietly. */
  async function onItem<T>(
    id: string,
    work: (trx: Transaction<DB>, item: ItemRow) => Promise<T | null>,
  ): Promise<T | null> {
    try {
      return await db.transaction().execute(async (trx) => {
        const item = await forUpdate(
          database.dialect,
          trx.selectFrom('item').selectAll().where('id', '=', id),
        ).executeTakeFirst();
        return item ? work(trx, item) : null;
      });
    } catch (err) {
      if (err instanceof Lost) return null;
      throw err;
    }
  }

  /** Walks the due rows page by page in index order; rows handled in this pass are not read again. */
  async function eachDue(
    page: (after: Cursor | null) => Promise<{ id: string; at: number | null }[]>,
    fn: (id: string) => Promise<void>,
  ) {
    let after: Cursor | null = null;
    for (;;) {
      const rows = await page(after);
      for (const r of rows) await fn(r.id);
      if (rows.length < batch) return;
      after = toCursor(rows);
      // A long catch-up keeps its lease alive; a lost lease ends the pass (the new holder carries on safely).
      if (holding && !(await claimLease(db, SWEEPER_LEASE, owner, clock.now(), clock.now() + LEASE_MS)))
        throw new LeaseLost();
    }
  }

  function stepChange(
    item: ItemRow,
    step: EscalationDue,
    dl: Deadlines,
  ): { patch: Partial<ItemTable>; notify: OutboxMessage[] } {
    const title = (label: string) => ({ itemId: item.id, title: `${label} ${item.ledger_no}`, body: item.title });
    const msg = (recipient: string, topic: string, label: string): OutboxMessage => ({
      channel: 'inapp',
      topic,
      recipient,
      payload: title(label),
      dedupeKey: `escalation:${item.id}:${item.escalation_level}:${step.step}:${item.handle_start_at}`,
    });
    switch (step.step) {
      case 'warning':
        return {
          patch: { warn_level: Math.max(item.warn_level, 1) },
          notify: [msg(deptRecipient(item), 'item.warning', '临期预警')],
        };
      case 'overdue':
        // The handling deadline is missed now; a late reply keeps handle_met at 0.
        return {
          patch: { warn_level: 2, handle_met: 0 },
          notify: [msg(deptRecipient(item), 'item.overdue', '已超期')],
        };
      case 'urge':
        return { patch: {}, notify: [msg(deptRecipient(item), 'item.urge', '催办')] };
      case 'supervise':
        return { patch: {}, notify: [msg(roleRecipient('supervisor', item), 'item.supervise', '督办')] };
      case 'listed':
        return {
          patch: { listed: 1 },
          notify: [
            msg(deptRecipient(item), 'item.listed', '通报'),
            msg(roleRecipient('supervisor', item), 'item.listed', '通报'),
          ],
        };
      case 'clue':
        void dl;
        return { patch: {}, notify: [msg(roleRecipient('inspector', item), 'clue.created', '问题线索')] };
    }
  }

  async function escalate(id: string, dl: Deadlines): Promise<number> {
    const now = clock.now();
    const taken = await onItem(id, async (trx, item) => {
      if (item.next_escalation_at === null || Number(item.next_escalation_at) > now) return null;
      if (
        !['dispatched', 'in_progress'].includes(item.status) ||
        item.handle_start_at === null ||
        item.handle_due_at === null
      ) {
        // Not being handled any more: the pointer is stale, so drop it rather than read it on every pass.
        await trx
          .updateTable('item')
          .set({ next_escalation_at: null })
          .where('id', '=', item.id)
          .where('event_seq', '=', item.event_seq)
          .execute();
        return null;
      }
      const scope = scopeOf(item);
      const steps = nextEscalations({
        handleStart: new Date(Number(item.handle_start_at)),
        handleDue: new Date(Number(item.handle_due_at)),
        calendar: dl.calendar,
        settings: dl.escalation,
        warnRatio: dl.rule(scope).warnRatio,
        now: new Date(now),
        level: item.escalation_level,
      });
      let current = item;
      for (const step of steps) {
        const { patch, notify } = stepChange(current, step, dl);
        const event = chainEvent(
          item.id,
          item.id,
          { seq: current.event_seq, hash: current.event_hash },
          {
            action: 'escalation',
            actorId: null,
            actorRole: null,
            at: now,
            data: { step: step.step, dueAt: step.at.getTime() },
          },
        );
        const next = dl.nextEscalationAt(Number(item.handle_start_at), Number(item.handle_due_at), step.level, scope);
        const full: Partial<ItemTable> = {
          ...patch,
          escalation_level: step.level,
          next_escalation_at: next,
          updated_at: now,
        };
        const ok = await guardedItemUpdate(trx, current, full, (q) => q.where('escalation_level', '<', step.level), [
          event,
        ]);
        if (!ok) throw new Lost();
        if (step.step === 'clue') {
          const overdueDays = dl.escalation.clueAfterWorkingDays;
          await trx
            .insertInto('clue')
            .values({
              id: newId(now),
              item_id: item.id,
              district_id: item.district_id,
              department_id: item.main_department_id,
              rule: 'overdue',
              reason: `超期超过${overdueDays}个工作日仍未办结`,
              status: 'open',
              created_at: now,
              created_by: null,
              notes: null,
              updated_at: now,
              dedupe_key: null,
            })
            .onConflict((oc) => oc.columns(['item_id', 'rule']).doNothing())
            .execute();
        }
        await enqueue(trx, now, notify);
        current = { ...current, ...full, event_seq: event.seq, event_hash: event.hash, version: current.version + 1 };
      }
      if (!steps.length) {
        // Due by the stored instant but not by the ladder (e.g. settings changed): move the pointer on, once.
        const next = dl.nextEscalationAt(
          Number(item.handle_start_at),
          Number(item.handle_due_at),
          item.escalation_level,
          scope,
        );
        await trx
          .updateTable('item')
          .set({ next_escalation_at: next })
          .where('id', '=', item.id)
          .where('event_seq', '=', item.event_seq)
          .execute();
      }
      return steps.length;
    });
    return taken ?? 0;
  }

  async function markMissed(kind: MissableKind, id: string): Promise<number> {
    const now = clock.now();
    const { due, met } = MISSABLE[kind];
    const done = await onItem(id, async (trx, item) => {
      if (item[met] !== null || item[due] === null || Number(item[due]) > now) return null;
      // A requester's rating before the callback limit makes a callback unnecessary: the clock is met, no event.
      if (kind === 'callback' && item.verified_at !== null && Number(item.verified_at) <= Number(item[due])) {
        await trx
          .updateTable('item')
          .set({ callback_met: 1 })
          .where('id', '=', item.id)
          .where('callback_met', 'is', null)
          .execute();
        return 0;
      }
      const event = chainEvent(
        item.id,
        item.id,
        { seq: item.event_seq, hash: item.event_hash },
        {
          action: 'deadline_missed',
          actorId: null,
          actorRole: null,
          at: now,
          data: { kind, dueAt: Number(item[due]) },
        },
      );
      const ok = await guardedItemUpdate(trx, item, { [met]: 0, updated_at: now }, (q) => q.where(met, 'is', null), [
        event,
      ]);
      if (!ok) throw new Lost();
      const notify: OutboxMessage[] =
        kind === 'callback'
          ? [
              {
                channel: 'inapp',
                topic: 'item.deadline_missed',
                recipient: roleRecipient('supervisor', item),
                payload: { itemId: item.id, title: `回访超期 ${item.ledger_no}`, body: item.title },
              },
            ]
          : [
              {
                channel: 'inapp',
                topic: 'item.deadline_missed',
                recipient: deptRecipient(item),
                payload: {
                  itemId: item.id,
                  title: `${kind === 'sign' ? '签收' : '首次联系'}超期 ${item.ledger_no}`,
                  body: item.title,
                },
              },
            ];
      await enqueue(trx, now, notify);
      return 1;
    });
    return done ?? 0;
  }

  /** The requester let the rating window pass: 基本满意, marked as default; a simple item then closes out. */
  async function defaultRating(id: string): Promise<{ rated: number; closed: number }> {
    const now = clock.now();
    const done = await onItem(id, async (trx, item) => {
      if (
        item.status !== 'replied' ||
        item.verified_at !== null ||
        item.rating_due_at === null ||
        Number(item.rating_due_at) > now
      )
        return null;
      const solved = item.reply_solved ?? 'solved';
      const patch: Partial<ItemTable> = {
        status: 'verified',
        contacted: item.contacted_at !== null ? 1 : 0,
        solved,
        satisfaction: DEFAULT_RATING,
        rating_source: 'default',
        verified_at: now,
        bad_review: BAD_REVIEW.includes(DEFAULT_RATING) ? 1 : 0,
        updated_at: now,
      };
      const events = [
        chainEvent(
          item.id,
          item.id,
          { seq: item.event_seq, hash: item.event_hash },
          {
            action: 'default_rating',
            actorId: null,
            actorRole: null,
            at: now,
            data: { satisfaction: DEFAULT_RATING, solved, source: 'default', ratingDueAt: Number(item.rating_due_at) },
          },
        ),
      ];
      // Same rule as a requester's satisfied rating (item.service verify): simple, solved, nothing pending.
      const autoClose =
        item.tier === 'simple' && solved === 'solved' && SATISFIED.includes(DEFAULT_RATING) && !item.pending_kind;
      if (autoClose) {
        const last = events[0];
        events.push(
          chainEvent(
            item.id,
            item.id,
            { seq: last.seq, hash: last.hash },
            {
              action: 'close_out',
              actorId: null,
              actorRole: null,
              at: now,
              data: { auto: true, onTime: !!(item.handle_met ?? 1) },
            },
          ),
        );
        Object.assign(patch, {
          status: 'closed',
          closed_at: now,
          on_time: item.handle_met ?? 1,
          next_escalation_at: null,
        });
      }
      const ok = await guardedItemUpdate(
        trx,
        item,
        patch,
        (q) => q.where('verified_at', 'is', null).where('status', '=', 'replied'),
        events,
      );
      if (!ok) throw new Lost();
      await enqueue(trx, now, [
        {
          channel: 'webhook',
          topic: 'item.default_rating',
          recipient: '*',
          payload: { itemId: item.id, ledgerNo: item.ledger_no, action: 'default_rating', status: patch.status },
        },
      ]);
      return { rated: 1, closed: autoClose ? 1 : 0 };
    });
    return done ?? { rated: 0, closed: 0 };
  }

  async function clueRules(): Promise<ClueRules> {
    const row = await db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', CLUE_RULES_SETTING_KEY)
      .executeTakeFirst();
    return row ? clueRulesSchema.parse(JSON.parse(row.value)) : DEFAULT_CLUE_RULES;
  }

  /** Repeated dissatisfaction with one department: one clue per department and period of `days` days. */
  async function dissatisfactionClues(): Promise<number> {
    const rule = (await clueRules()).repeatedDissatisfaction;
    if (!rule.enabled) return 0;
    const now = clock.now();
    const period = Math.floor((now + 8 * 3_600_000) / (rule.days * DAY_MS));
    let raised = 0;
    for (const d of await departmentsWithBadReviews(db, now - rule.days * DAY_MS, rule.count)) {
      raised += await db.transaction().execute(async (trx) => {
        const res = await trx
          .insertInto('clue')
          .values({
            id: newId(now),
            item_id: null,
            district_id: d.districtId,
            department_id: d.departmentId,
            rule: 'repeated_dissatisfaction',
            reason: `${d.name}在${rule.days}日内收到${Number(d.n)}条差评（阈值${rule.count}条）`,
            status: 'open',
            created_at: now,
            created_by: null,
            notes: null,
            updated_at: now,
            dedupe_key: `repeated_dissatisfaction:${d.departmentId}:${rule.days}:${period}`,
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return 0;
        await enqueue(trx, now, [
          {
            channel: 'inapp',
            topic: 'clue.created',
            recipient: roleRecipient('inspector', { district_id: d.districtId }),
            payload: { title: `问题线索 ${d.name}`, body: `${rule.days}日内${Number(d.n)}条差评` },
          },
        ]);
        return 1;
      });
    }
    return raised;
  }

  async function runOnce(): Promise<SweepCounts> {
    const started = Date.now();
    const counts: SweepCounts = {
      skipped: false,
      escalations: 0,
      missed: 0,
      defaultRatings: 0,
      autoClosed: 0,
      clues: 0,
      ms: 0,
    };
    const useLease = deps.lease !== false;
    if (useLease && !(await claimLease(db, SWEEPER_LEASE, owner, clock.now(), clock.now() + LEASE_MS))) {
      return { ...counts, skipped: true, ms: Date.now() - started };
    }
    holding = useLease;
    try {
      const dl = await deadlines.snapshot();
      const now = clock.now();
      const cluesBefore = await countClues();
      await eachDue(
        (after) => dueEscalations(db, now, batch, after),
        async (id) => void (counts.escalations += await escalate(id, dl)),
      );
      for (const kind of Object.keys(MISSABLE) as MissableKind[]) {
        await eachDue(
          (after) => dueMissed(db, kind, now, batch, after),
          async (id) => void (counts.missed += await markMissed(kind, id)),
        );
      }
      await eachDue(
        (after) => dueRatings(db, now, batch, after),
        async (id) => {
          const r = await defaultRating(id);
          counts.defaultRatings += r.rated;
          counts.autoClosed += r.closed;
        },
      );
      await dissatisfactionClues();
      counts.clues = (await countClues()) - cluesBefore;
    } catch (err) {
      if (!(err instanceof LeaseLost)) throw err;
      counts.skipped = true;
    } finally {
      if (holding) await releaseLease(db, SWEEPER_LEASE, owner);
      holding = false;
    }
    counts.ms = Date.now() - started;
    return counts;
  }

  // Counted rather than summed per rule so that the figure includes clues raised by either path in this pass.
  async function countClues(): Promise<number> {
    const r = await db
      .selectFrom('clue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return { runOnce, owner };
}
export type Sweeper = ReturnType<typeof createSweeper>;
