// Ledger use cases. Each runs in one transaction: lock the item, check who may see it and act, assert the
// transition, update the projection, append the hash-chained event and queue notifications.
import {
  ACTION_RULES,
  BAD_REVIEW,
  actionsFromStatus,
  canTransition,
  nextStatus,
  type ItemAction,
  type ItemDetail,
  type ItemListQuery,
  type PublicIntakeBody,
  type RegisterItemBody,
  type Role,
  type Satisfaction,
  type Status,
  type Tier,
} from '@tingquan/common';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, EventTable, ItemTable } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso, localDay } from '../../lib/clock.ts';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { canonicalJson, sha256 } from '../../lib/hash.ts';
import { newId, randomCode, randomDigits } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { DeadlineService, Deadlines } from '../deadlines/deadline.service.ts';
import { GENESIS, appendAudit, chainEvent, insertEvents, listItemEvents } from '../ledger/event.repository.ts';
import { enqueue, outboxRow, type OutboxMessage } from '../outbox/outbox.repository.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { createGroupCommit, type BulkKind, type Outcome } from '../../db/group-commit.ts';
import { canAct, canSee } from './item.policy.ts';
import { presentDetail, presentSummary } from './item.presenter.ts';
import {
  findItem,
  findItemByTrackingCode,
  insertItem,
  listAssignments,
  listAttachments,
  listItems,
  lockItem,
  mergedInto,
  nextCounter,
  officerProjectIds,
  submittedItemRow,
  updateItem,
  type ItemRow,
} from './item.repository.ts';

export interface Idempotency {
  scope: string;
  key: string;
  requestHash: string;
}

/** What an intake answers: the ledger number, and the tracking code with its PIN (shown once). */
export interface IntakeReceipt {
  id: string;
  ledgerNo: string;
  trackingCode: string;
  accessPin: string;
  submittedAt: string;
}

/** More work of the caller's in the intake's own transaction (e.g. the Open311 posting that goes with the item). */
export type IntakeAlso = (trx: Transaction<DB>, receipt: IntakeReceipt) => Promise<void>;

/** An intake decided before its transaction: everything but its ledger number, which `build` turns into rows. */
interface PreparedIntake {
  idem?: Idempotency;
  also?: IntakeAlso;
  now: number;
  year: string;
  build(n: number): { row: ItemTable; event: EventTable; notify: OutboxMessage[]; receipt: IntakeReceipt };
}

export interface ItemServiceDeps {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  cityCode: string;
}

type Assignment = Awaited<ReturnType<typeof listAssignments>>[number];

interface ActionContext {
  trx: Transaction<DB>;
  dl: Deadlines;
  item: ItemRow;
  assignments: Assignment[];
  actor: Actor;
  role: Role | null;
  now: number;
}

interface Change {
  patch?: Partial<ItemTable>;
  data?: Record<string, unknown>;
  notify?: OutboxMessage[];
  /** Further events in the same transaction (e.g. an automatic close-out after a satisfied rating). */
  followUps?: { action: string; data: Record<string, unknown>; patch: Partial<ItemTable> }[];
}

type Handler = (ctx: ActionContext, body: any) => Promise<Change> | Change;

const SATISFIED: readonly Satisfaction[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];
const RETURN_LIMIT = 3;
const REDO_LIMIT = 3;

export function createItemService(deps: ItemServiceDeps) {
  const { database, clock, deadlines } = deps;
  const db = database.db;
  const writes = createGroupCommit(database);

  const scopeOf = (item: Pick<ItemRow, 'tier' | 'urgent' | 'type' | 'category_id'>) => ({
    tier: item.tier as Tier,
    urgent: !!item.urgent,
    type: item.type,
    categoryId: item.category_id,
  });

  /** Runs `work` once per idempotency key: a retry (even a concurrent one) gets the stored first answer. */
  async function idempotent<T, U>(
    idem: Idempotency | undefined,
    work: (trx: Transaction<DB>) => Promise<T>,
    bulk?: { kind: BulkKind<U, T>; unit: U },
  ): Promise<T> {
    let claimed = false;
    const unit = async (trx: Transaction<DB>) => {
      claimed = false; // a unit can run twice: in its batch, then alone if the batch failed
      if (idem) {
        await trx
          .insertInto('idempotency')
          .values({
            scope: idem.scope,
            key: idem.key,
            request_hash: idem.requestHash,
            status_code: 0,
            response: '',
            created_at: clock.now(),
          })
          .execute();
        claimed = true;
      }
      const result = await work(trx);
      if (idem) {
        await trx
          .updateTable('idempotency')
          .set({ status_code: 200, response: JSON.stringify(result) })
          .where('scope', '=', idem.scope)
          .where('key', '=', idem.key)
          .execute();
      }
      return result;
    };
    try {
      return await (bulk ? writes.bulk(bulk.kind, bulk.unit, unit) : writes.run(unit));
    } catch (err) {
      if (!idem || claimed || !isUniqueViolation(err)) throw err;
      const stored = await db
        .selectFrom('idempotency')
        .selectAll()
        .where('scope', '=', idem.scope)
        .where('key', '=', idem.key)
        .executeTakeFirst();
      if (!stored) throw err;
      if (stored.request_hash !== idem.requestHash) {
        throw new AppError('idempotency_mismatch', 'this Idempotency-Key was used for a different request');
      }
      return JSON.parse(stored.response) as T;
    }
  }

  /**
   * Reference data for intake (categories, districts, centres, windows, projects), kept in memory: intake is the
   * hottest path. An unknown id reloads at once, so new entries are seen immediately; changes to existing entries
   * (a deactivated category) are seen within REFS_TTL_MS.
   */
  const REFS_TTL_MS = 10_000;
  interface Refs {
    at: number;
    categories: Map<string, boolean>;
    districts: Map<string, boolean>;
    centres: Map<string, { district: string | null; active: boolean }>;
    windows: Map<string, { centre: string; active: boolean }>;
    projects: Set<string>;
  }
  let refs: Promise<Refs> | null = null;
  const loadRefs = async (): Promise<Refs> => {
    const [categories, districts, centres, windows, projects] = await Promise.all([
      db.selectFrom('category').select(['id', 'active']).execute(),
      db.selectFrom('district').select(['id', 'active']).execute(),
      db.selectFrom('service_centre').select(['id', 'district_id', 'active']).execute(),
      db.selectFrom('service_window').select(['id', 'centre_id', 'active']).execute(),
      db.selectFrom('key_project').select('id').execute(),
    ]);
    return {
      at: Date.now(),
      categories: new Map(categories.map((c) => [c.id, !!c.active])),
      districts: new Map(districts.map((d) => [d.id, !!d.active])),
      centres: new Map(centres.map((c) => [c.id, { district: c.district_id, active: !!c.active }])),
      windows: new Map(windows.map((w) => [w.id, { centre: w.centre_id, active: !!w.active }])),
      projects: new Set(projects.map((p) => p.id)),
    };
  };
  async function referenceData(fresh = false) {
    const current = refs ? await refs : null;
    // Wall time, not the injected clock: this is a cache lifetime, not a rule about the ledger.
    if (!current || fresh || Date.now() - current.at > REFS_TTL_MS) {
      refs = loadRefs();
      refs.catch(() => (refs = null));
    }
    return refs!;
  }

  async function assertRefs(body: {
    categoryId: string;
    districtId?: string;
    centreId?: string;
    windowId?: string;
    projectId?: string;
  }) {
    let r = await referenceData();
    const ids = [body.categoryId, body.districtId, body.centreId, body.windowId, body.projectId];
    const known = () =>
      r.categories.has(body.categoryId) &&
      (!body.districtId || r.districts.has(body.districtId)) &&
      (!body.centreId || r.centres.has(body.centreId)) &&
      (!body.windowId || r.windows.has(body.windowId)) &&
      (!body.projectId || r.projects.has(body.projectId));
    if (ids.some(Boolean) && !known()) r = await referenceData(true);
    if (!r.categories.get(body.categoryId)) throw invalidField('categoryId', 'unknown category');
    if (body.districtId && !r.districts.get(body.districtId)) throw invalidField('districtId', 'unknown district');
    if (body.centreId && !r.centres.get(body.centreId)?.active)
      throw invalidField('centreId', 'unknown service centre');
    let centreId = body.centreId;
    if (body.windowId) {
      const window = r.windows.get(body.windowId);
      if (!window?.active) throw invalidField('windowId', 'unknown window');
      if (centreId && window.centre !== centreId)
        throw invalidField('windowId', 'window is not in that service centre');
      centreId ??= window.centre;
    }
    if (body.projectId && !r.projects.has(body.projectId)) throw invalidField('projectId', 'unknown key project');
    const centreDistrict = centreId ? r.centres.get(centreId)?.district : null;
    return { districtId: body.districtId ?? centreDistrict ?? null, centreId: centreId ?? null };
  }

  /** Intake from any channel: the public form, a window clerk, the hotline, Open311, an undercover check. */
  async function intake(
    actor: Actor | null,
    body: PublicIntakeBody | RegisterItemBody,
    opts: { idem?: Idempotency; also?: IntakeAlso } = {},
  ): Promise<IntakeReceipt> {
    const reg = body as RegisterItemBody;
    const staff = actor && actor.kind !== 'tracking' && actor.roles.some((r) => r !== 'requester');
    if (reg.channel && !['web', 'mobile'].includes(reg.channel) && !staff)
      throw forbidden('only staff may register on another channel');
    const checked = await assertRefs({ ...body });
    // A window clerk registers at their own centre unless they say otherwise.
    const centreId = checked.centreId ?? (actor?.roles.includes('window_clerk') ? actor.centreId : null);
    const windowId =
      body.windowId ?? (actor?.roles.includes('window_clerk') && centreId === actor.centreId ? actor.windowId : null);
    const districtId =
      checked.districtId ?? (centreId ? ((await referenceData()).centres.get(centreId)?.district ?? null) : null);
    const project = reg.projectId ?? null;
    const urgent = reg.urgent ?? !!project; // key-project items default to the urgent tier (SPEC §2.7)
    const tier: Tier = reg.tier ?? 'general';
    const now = clock.now();
    const submittedAt = reg.submittedAt ? Math.min(Date.parse(reg.submittedAt), now) : now;
    const pin = randomDigits(6);

    const year = localDay(submittedAt).slice(0, 4);
    const channel = reg.channel ?? (body as PublicIntakeBody).channel;
    const prepared: PreparedIntake = {
      idem: opts.idem,
      also: opts.also,
      now,
      year,
      build(n) {
        const id = newId(now);
        const ledgerNo = `${deps.cityCode}-${year}-${String(n).padStart(6, '0')}`;
        const trackingCode = randomCode(12);
        const data = {
          channel,
          type: body.type,
          categoryId: body.categoryId,
          districtId,
          centreId,
          windowId,
          projectId: project,
          tier,
          urgent,
          confidential: body.confidential,
          requesterKind: body.requester.kind,
          submittedAt,
        };
        const event = chainEvent(
          id,
          id,
          { seq: 0, hash: GENESIS },
          {
            action: 'submit',
            actorId: actor?.id ?? null,
            actorRole: actor
              ? actorRoleFor(actor, ['window_clerk', 'dispatcher', 'officer', 'inspector', 'requester'])
              : null,
            at: now,
            data,
          },
        );
        const row = submittedItemRow({
          id,
          ledger_no: ledgerNo,
          tracking_code: trackingCode,
          tracking_pin_hash: sha256(`${trackingCode}:${pin}`),
          channel,
          type: body.type,
          category_id: body.categoryId,
          title: body.title,
          description: body.description,
          district_id: districtId,
          centre_id: centreId,
          window_id: windowId ?? null,
          place_text: body.placeText ?? null,
          lat: body.lat ?? null,
          lng: body.lng ?? null,
          requester_kind: body.requester.kind,
          requester_name: body.requester.name ?? null,
          requester_phone: body.requester.phone ?? null,
          requester_org: body.requester.organization ?? null,
          requester_uscc: body.requester.uscc ?? null,
          requester_user_id: actor && actor.roles.length === 1 && actor.roles[0] === 'requester' ? actor.id : null,
          confidential: body.confidential ? 1 : 0,
          tier,
          urgent: urgent ? 1 : 0,
          project_id: project,
          registered_by: actor?.id ?? null,
          submitted_at: submittedAt,
          event_seq: event.seq,
          event_hash: event.hash,
          version: 1,
          updated_at: now,
        });
        const notify: OutboxMessage[] = [
          {
            channel: 'inapp',
            topic: 'item.submitted',
            recipient: districtId ? `role:dispatcher:${districtId}` : 'role:dispatcher',
            payload: { itemId: id, title: `新诉求 ${ledgerNo}`, body: body.title },
          },
          {
            channel: 'webhook',
            topic: 'item.submitted',
            recipient: '*',
            payload: { itemId: id, ledgerNo, status: 'submitted' },
          },
        ];
        if (row.requester_phone) {
          notify.push({
            channel: 'sms',
            topic: 'item.receipt',
            recipient: row.requester_phone,
            payload: { text: `【听劝】您反映的问题已登记，编号${ledgerNo}，查询码${trackingCode}。` },
          });
        }
        return {
          row,
          event,
          notify,
          receipt: { id, ledgerNo, trackingCode, accessPin: pin, submittedAt: toIso(submittedAt)! },
        };
      },
    };
    // Alone: the intake in its own savepoint (the fallback of the bulk write, and the path of a lone request).
    const single = async (trx: Transaction<DB>) => {
      const built = prepared.build(await nextCounter(trx, `ledger:${year}`));
      await insertItem(trx, built.row);
      await insertEvents(trx, [built.event]);
      await enqueue(trx, now, built.notify);
      await opts.also?.(trx, built.receipt);
      return built.receipt;
    };
    return idempotent(opts.idem, single, { kind: intakeWrites, unit: prepared });
  }

  /**
   * Intakes that arrive together are written together: one read of their idempotency keys, one counter bump per
   * year, and one multi-row insert per table, instead of a handful of statements each. A key already answered gets
   * its stored answer; a key repeated within the batch gets the first one's answer (or the mismatch error).
   */
  const intakeWrites: BulkKind<PreparedIntake, IntakeReceipt> = {
    name: 'intake',
    async write(trx, units) {
      const keyOf = (idem: Idempotency) => `${idem.scope}\n${idem.key}`;
      // Keys already answered, read per scope through the (scope, key) primary key.
      const keysByScope = new Map<string, Set<string>>();
      for (const u of units)
        if (u.idem)
          (keysByScope.get(u.idem.scope) ?? keysByScope.set(u.idem.scope, new Set()).get(u.idem.scope)!).add(
            u.idem.key,
          );
      const stored = new Map<string, { request_hash: string; status_code: number; response: string }>();
      for (const [scope, keys] of keysByScope) {
        const rows = await trx
          .selectFrom('idempotency')
          .select(['scope', 'key', 'request_hash', 'status_code', 'response'])
          .where('scope', '=', scope)
          .where('key', 'in', [...keys])
          .execute();
        for (const r of rows) stored.set(`${r.scope}\n${r.key}`, r);
      }
      const mismatch = () =>
        new AppError('idempotency_mismatch', 'this Idempotency-Key was used for a different request');
      const outcomes: (Outcome<IntakeReceipt> | { follow: number } | null)[] = [];
      const leaders = new Map<string, number>();
      const byYear = new Map<string, number[]>();
      units.forEach((u, i) => {
        const key = u.idem ? keyOf(u.idem) : null;
        const prior = key ? stored.get(key) : undefined;
        if (prior) {
          // A stored claim without its answer belongs to a transaction still running elsewhere: let the single path wait.
          if (!prior.status_code) throw new Error('idempotency claim in flight');
          outcomes.push(
            prior.request_hash === u.idem!.requestHash
              ? { ok: true, value: JSON.parse(prior.response) as IntakeReceipt }
              : { ok: false, error: mismatch() },
          );
        } else if (key && leaders.has(key)) {
          outcomes.push({ follow: leaders.get(key)! });
        } else {
          if (key) leaders.set(key, i);
          const year = byYear.get(u.year);
          if (year) year.push(i);
          else byYear.set(u.year, [i]);
          outcomes.push(null);
        }
      });
      const built = new Map<number, ReturnType<PreparedIntake['build']>>();
      for (const [year, indexes] of byYear) {
        const last = await nextCounter(trx, `ledger:${year}`, indexes.length);
        indexes.forEach((unitIndex, k) => built.set(unitIndex, units[unitIndex]!.build(last - indexes.length + 1 + k)));
      }
      const fresh = [...built.entries()].sort((a, b) => a[0] - b[0]);
      if (fresh.length) {
        const now = Math.max(...fresh.map(([i]) => units[i]!.now));
        await insertRows(
          trx,
          database.dialect,
          'item',
          fresh.map(([, b]) => b.row),
        );
        await insertRows(
          trx,
          database.dialect,
          'event',
          fresh.map(([, b]) => b.event),
        );
        await insertRows(
          trx,
          database.dialect,
          'outbox',
          fresh.flatMap(([, b]) => b.notify.map((m) => outboxRow(now, m))),
          { onConflictDoNothing: 'dedupe_key' },
        );
        for (const [i, b] of fresh) await units[i]!.also?.(trx, b.receipt);
        const claims = fresh.filter(([i]) => units[i]!.idem);
        await insertRows(
          trx,
          database.dialect,
          'idempotency',
          claims.map(([i, b]) => ({
            scope: units[i]!.idem!.scope,
            key: units[i]!.idem!.key,
            request_hash: units[i]!.idem!.requestHash,
            status_code: 200,
            response: JSON.stringify(b.receipt),
            created_at: units[i]!.now,
          })),
        );
      }
      return outcomes.map((o, i): Outcome<IntakeReceipt> => {
        if (o === null) return { ok: true, value: built.get(i)!.receipt };
        if ('follow' in o)
          return units[i]!.idem!.requestHash === units[o.follow]!.idem!.requestHash
            ? { ok: true, value: built.get(o.follow)!.receipt }
            : { ok: false, error: mismatch() };
        return o;
      });
    },
  };

  function actorRoleFor(actor: Actor, allowed: readonly Role[]): Role | null {
    return actor.roles.find((r) => allowed.includes(r)) ?? null;
  }

  async function deptNotice(
    assignments: Assignment[],
    topic: string,
    item: ItemRow,
    title: string,
    body = item.title,
  ): Promise<OutboxMessage[]> {
    return assignments
      .filter((a) => a.state !== 'returned')
      .map((a) => ({
        channel: 'inapp' as const,
        topic,
        recipient: `dept:${a.department_id}`,
        payload: { itemId: item.id, title: `${title} ${item.ledger_no}`, body },
      }));
  }

  const smsRequester = (item: ItemRow, topic: string, text: string): OutboxMessage[] =>
    item.requester_phone
      ? [
          {
            channel: 'sms',
            topic,
            recipient: item.requester_phone,
            payload: { text: `【听劝】${text}（编号${item.ledger_no}）` },
          },
        ]
      : [];

  async function raiseClue(
    trx: Transaction<DB>,
    item: ItemRow,
    rule: string,
    reason: string,
    now: number,
    actorId: string | null,
  ) {
    await trx
      .insertInto('clue')
      .values({
        id: newId(now),
        item_id: item.id,
        district_id: item.district_id,
        department_id: item.main_department_id,
        rule,
        reason,
        status: 'open',
        created_at: now,
        created_by: actorId,
        notes: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['item_id', 'rule']).doNothing())
      .execute();
  }

  function handleClock(dl: Deadlines, item: ItemRow, start: number, tier = item.tier) {
    const scope = scopeOf({ ...item, tier });
    const due = dl.due('handle', start, scope);
    return {
      handle_start_at: start,
      handle_due_at: due,
      handle_met: null,
      warn_level: 0,
      escalation_level: 0,
      next_escalation_at: dl.nextEscalationAt(start, due, 0, scope),
    };
  }

  function requirePending(item: ItemRow, kind: string) {
    if (item.pending_kind !== kind) throw new AppError('conflict', `there is no pending ${kind} request to decide`);
    return JSON.parse(item.pending_data ?? '{}') as Record<string, unknown>;
  }

  function requireNoPending(item: ItemRow) {
    if (item.pending_kind)
      throw new AppError('conflict', `a ${item.pending_kind} request is already waiting for a decision`);
  }

  const verificationPatch = (
    now: number,
    b: { contacted: boolean; solved: string; satisfaction: Satisfaction },
    source: string,
  ): Partial<ItemTable> => ({
    contacted: b.contacted ? 1 : 0,
    solved: b.solved,
    satisfaction: b.satisfaction,
    rating_source: source,
    verified_at: now,
    bad_review: BAD_REVIEW.includes(b.satisfaction) ? 1 : 0,
    rectification: null,
    rectification_due: null,
    excluded: 0,
  });

  const closePatch = (item: ItemRow, now: number): Partial<ItemTable> => ({
    status: 'closed',
    closed_at: now,
    on_time: item.handle_met ?? 1,
    next_escalation_at: null,
    pending_kind: null,
    pending_data: null,
    pending_by: null,
    pending_at: null,
  });

  function closeOutBlocker(item: ItemRow): string | null {
    if (!item.replied_at) return 'the item has no reply';
    if (!item.verified_at) return 'the item has no verification';
    if (item.excluded) return null;
    if (item.solved === 'not') return 'the requester says it is not solved: redo it, or have it judged unreasonable';
    if (item.bad_review && !item.rectification) return 'a bad review must be rectified or explained first';
    return null;
  }

  const handlers: Record<ItemAction, Handler> = {
    accept: async ({ item, now }, b) => ({
      patch: {
        accepted_at: now,
        tier: b.tier ?? item.tier,
        urgent: b.urgent === undefined ? item.urgent : b.urgent ? 1 : 0,
      },
      data: { tier: b.tier ?? item.tier, note: b.note },
      notify: smsRequester(item, 'item.accepted', '您反映的问题已受理'),
    }),
    reject: ({ item, now }, b) => ({
      patch: { rejected_at: now, reject_reason: b.reason },
      data: { reason: b.reason },
      notify: smsRequester(item, 'item.rejected', `您反映的问题不予受理：${b.reason}`),
    }),
    triage: async ({ item, dl }, b) => {
      const patch: Partial<ItemTable> = {
        tier: b.tier,
        urgent: b.urgent === undefined ? item.urgent : b.urgent ? 1 : 0,
      };
      if (item.handle_start_at && item.status !== 'accepted')
        Object.assign(patch, handleClock(dl, { ...item, ...patch } as ItemRow, Number(item.handle_start_at), b.tier));
      return { patch, data: { from: item.tier, tier: b.tier, reason: b.reason } };
    },
    resolve_on_spot: async ({ item, now, dl }, b) => ({
      patch: {
        accepted_at: item.accepted_at ?? now,
        tier: b.tier ?? 'simple',
        replied_at: now,
        reply_text: b.reply,
        reply_solved: 'solved',
        handle_start_at: now,
        handle_due_at: now,
        handle_met: 1,
        callback_due_at: dl.due('callback', now, scopeOf(item)),
        rating_due_at: dl.due('rating', now, scopeOf(item)),
      },
      data: { onTheSpot: true, tier: b.tier ?? 'simple' },
      notify: smsRequester(item, 'item.replied', '您反映的问题已当场办结，请对办理结果进行评价'),
    }),
    dispatch: async ({ trx, item, assignments, now, dl }, b) => {
      const ids = [b.mainDepartmentId, ...b.coDepartmentIds];
      const depts = await trx.selectFrom('department').select(['id', 'active']).where('id', 'in', ids).execute();
      for (const [i, d] of ids.entries()) {
        if (!depts.some((x) => x.id === d && x.active))
          throw invalidField(i === 0 ? 'mainDepartmentId' : `coDepartmentIds.${i - 1}`, 'unknown department');
      }
      const designated = item.dispatch_count >= RETURN_LIMIT ? 1 : 0;
      // Earlier assignments that were not returned are superseded by this dispatch.
      const stale = assignments.filter((a) => a.state !== 'returned').map((a) => a.id);
      if (stale.length)
        await trx
          .updateTable('item_assignment')
          .set({ state: 'returned', returned_at: now, return_reason: 'superseded' })
          .where('id', 'in', stale)
          .execute();
      await trx
        .insertInto('item_assignment')
        .values(
          ids.map((d, i) => ({
            id: newId(now),
            item_id: item.id,
            department_id: d,
            role: i === 0 ? 'main' : 'co',
            state: 'dispatched',
            dispatched_at: now,
            signed_at: null,
            returned_at: null,
            return_reason: null,
          })),
        )
        .execute();
      const tier = (b.tier ?? item.tier) as Tier;
      const scope = scopeOf({ ...item, tier });
      return {
        patch: {
          tier,
          main_department_id: b.mainDepartmentId,
          dispatched_at: now,
          dispatch_count: item.dispatch_count + 1,
          designated,
          sign_due_at: dl.due('sign', now, scope),
          sign_met: null,
          contact_due_at: item.contacted_at ? item.contact_due_at : dl.due('contact', now, scope),
          ...handleClock(dl, item, now, tier),
        },
        data: {
          mainDepartmentId: b.mainDepartmentId,
          coDepartmentIds: b.coDepartmentIds,
          tier,
          designated: !!designated,
          note: b.note,
        },
        notify: ids.map((d) => ({
          channel: 'inapp' as const,
          topic: 'item.dispatched',
          recipient: `dept:${d}`,
          payload: { itemId: item.id, title: `新交办 ${item.ledger_no}`, body: item.title },
        })),
      };
    },
    sign: async ({ trx, item, assignments, actor, now }) => {
      const mine = assignments.find((a) => a.department_id === actor.departmentId && a.state !== 'returned');
      if (!mine) throw forbidden('your department holds no assignment on this item');
      if (mine.state !== 'dispatched')
        throw new AppError('invalid_transition', 'your department has already signed for this item', {
          allowedActions: [],
        });
      if (mine.role === 'main' && item.status !== 'dispatched')
        throw new AppError('invalid_transition', 'already signed for');
      await trx
        .updateTable('item_assignment')
        .set({ state: 'signed', signed_at: now })
        .where('id', '=', mine.id)
        .execute();
      if (mine.role !== 'main')
        return { patch: { status: item.status }, data: { departmentId: mine.department_id, role: 'co' } };
      const met = item.sign_due_at === null || now <= Number(item.sign_due_at);
      return {
        patch: { signed_at: now, sign_met: met ? 1 : 0 },
        data: { departmentId: mine.department_id, role: 'main', met },
      };
    },
    return: async ({ trx, item, assignments, now, dl }, b) => {
      if (item.designated)
        throw new AppError('conflict', 'the item was designated (指定承办) and can no longer be returned');
      const limit = dl.addWorkingDays(Number(item.dispatched_at), 1);
      if (now > limit) throw new AppError('conflict', 'a dispatch can only be returned within 1 working day');
      const active = assignments.filter((a) => a.state !== 'returned').map((a) => a.id);
      if (active.length)
        await trx
          .updateTable('item_assignment')
          .set({ state: 'returned', returned_at: now, return_reason: b.reason })
          .where('id', 'in', active)
          .execute();
      const returns = item.return_count + 1;
      const problem = returns >= RETURN_LIMIT;
      if (problem) await raiseClue(trx, item, 'returns_3', `退单${returns}次`, now, null);
      return {
        patch: {
          return_count: returns,
          problem: problem ? 1 : item.problem,
          main_department_id: null,
          sign_due_at: null,
          handle_start_at: null,
          handle_due_at: null,
          next_escalation_at: null,
          warn_level: 0,
          escalation_level: 0,
        },
        data: { reason: b.reason, departmentId: item.main_department_id, returns, problem },
        notify: [
          {
            channel: 'inapp',
            topic: 'item.returned',
            recipient: item.district_id ? `role:dispatcher:${item.district_id}` : 'role:dispatcher',
            payload: { itemId: item.id, title: `退单 ${item.ledger_no}`, body: b.reason },
          },
        ],
      };
    },
    contact: ({ item, now }, b) => {
      const first = !item.contacted_at;
      const met = item.contact_due_at === null || now <= Number(item.contact_due_at);
      return {
        patch: first ? { contacted_at: now, contact_met: met ? 1 : 0 } : {},
        data: { method: b.method, note: b.note, first, ...(first ? { met } : {}) },
      };
    },
    progress: (_ctx, b) => ({ data: { note: b.note } }),
    request_extension: ({ item, actor, now }, b) => {
      requireNoPending(item);
      return {
        patch: {
          pending_kind: 'extension',
          pending_data: JSON.stringify({ days: b.days, reason: b.reason }),
          pending_by: actor.id,
          pending_at: now,
        },
        data: { days: b.days, reason: b.reason },
        notify: [
          {
            channel: 'inapp',
            topic: 'item.approval',
            recipient: item.district_id ? `role:supervisor:${item.district_id}` : 'role:supervisor',
            payload: { itemId: item.id, title: `延期申请 ${item.ledger_no}`, body: b.reason },
          },
        ],
      };
    },
    decide_extension: async ({ item, assignments, dl }, b) => {
      const req = requirePending(item, 'extension');
      const patch: Partial<ItemTable> = { pending_kind: null, pending_data: null, pending_by: null, pending_at: null };
      if (b.approve) {
        const days = Number(req.days);
        const due = dl.addWorkingDays(Number(item.handle_due_at), days);
        Object.assign(patch, {
          handle_due_at: due,
          extended: 1,
          extension_days: item.extension_days + days,
          next_escalation_at: dl.nextEscalationAt(Number(item.handle_start_at), due, 0, scopeOf(item)),
          escalation_level: 0,
          warn_level: 0,
        });
      }
      return {
        patch,
        data: { approve: b.approve, days: req.days, note: b.note },
        notify: await deptNotice(assignments, 'item.decision', item, b.approve ? '延期已批准' : '延期未批准'),
      };
    },
    request_park: ({ item, actor, now }, b) => {
      requireNoPending(item);
      return {
        patch: {
          pending_kind: 'park',
          pending_data: JSON.stringify({ reason: b.reason }),
          pending_by: actor.id,
          pending_at: now,
        },
        data: { reason: b.reason },
        notify: [
          {
            channel: 'inapp',
            topic: 'item.approval',
            recipient: item.district_id ? `role:supervisor:${item.district_id}` : 'role:supervisor',
            payload: { itemId: item.id, title: `挂账申请 ${item.ledger_no}`, body: b.reason },
          },
        ],
      };
    },
    decide_park: async ({ item, now, assignments }, b) => {
      const req = requirePending(item, 'park');
      const patch: Partial<ItemTable> = { pending_kind: null, pending_data: null, pending_by: null, pending_at: null };
      if (b.approve) Object.assign(patch, { status: 'parked', parked: 1, parked_at: now, next_escalation_at: null });
      else patch.status = item.status;
      return {
        patch,
        data: { approve: b.approve, reason: req.reason, note: b.note },
        notify: await deptNotice(assignments, 'item.decision', item, b.approve ? '挂账已批准' : '挂账未批准'),
      };
    },
    resume: async ({ item, now, dl }) => ({
      patch: { parked: 0, ...handleClock(dl, item, now) },
      data: { parkedSince: Number(item.parked_at) },
    }),
    reply: async ({ trx, item, now, assignments, dl }, b) => {
      const met = item.handle_due_at === null || now <= Number(item.handle_due_at);
      const scope = scopeOf(item);
      const merged = await mergedInto(trx, item.id);
      return {
        patch: {
          replied_at: now,
          reply_text: b.reply,
          reply_solved: b.solved,
          handle_met: met ? 1 : 0,
          callback_due_at: dl.due('callback', now, scope),
          rating_due_at: dl.due('rating', now, scope),
          next_escalation_at: null,
          pending_kind: null,
          pending_data: null,
          pending_by: null,
          pending_at: null,
        },
        data: { solved: b.solved, met, departmentId: item.main_department_id },
        notify: [
          ...smsRequester(item, 'item.replied', '您反映的问题已办理答复，请通过查询码查看并评价'),
          ...merged.flatMap((m) =>
            m.requester_phone
              ? [
                  {
                    channel: 'sms' as const,
                    topic: 'item.replied',
                    recipient: m.requester_phone,
                    payload: { text: `【听劝】您反映的问题已办理答复（查询码${m.tracking_code}）` },
                  },
                ]
              : [],
          ),
          {
            channel: 'inapp',
            topic: 'item.replied',
            recipient: item.district_id ? `role:supervisor:${item.district_id}` : 'role:supervisor',
            payload: { itemId: item.id, title: `待回访 ${item.ledger_no}`, body: item.title },
          },
          ...(await deptNotice(
            assignments.filter((a) => a.role === 'co'),
            'item.replied',
            item,
            '主办已答复',
          )),
        ],
      };
    },
    rate: (ctx, b) => verify(ctx, b, 'requester'),
    callback: (ctx, b) => {
      const met = ctx.item.callback_due_at === null || ctx.now <= Number(ctx.item.callback_due_at);
      if (b.reached === false) return { patch: { status: ctx.item.status }, data: { reached: false } };
      const change = verify(ctx, b, 'callback');
      return { ...change, patch: { ...change.patch, callback_met: met ? 1 : 0 }, data: { ...change.data, met } };
    },
    rectify: ({ item }, b) => {
      if (!item.bad_review) throw new AppError('conflict', 'only a bad review needs rectification');
      return {
        patch: { rectification: b.kind, rectification_due: b.dueDate ?? null },
        data: { kind: b.kind, note: b.note, dueDate: b.dueDate },
      };
    },
    appeal: ({ item, actor, now }, b) => {
      requireNoPending(item);
      if (!item.satisfaction) throw new AppError('conflict', 'there is no rating to appeal');
      return {
        patch: {
          pending_kind: 'appeal',
          pending_data: JSON.stringify({
            reason: b.reason,
            by: actor.kind === 'tracking' ? 'requester' : 'department',
          }),
          pending_by: actor.id,
          pending_at: now,
        },
        data: { reason: b.reason },
        notify: [
          {
            channel: 'inapp',
            topic: 'item.approval',
            recipient: item.district_id ? `role:supervisor:${item.district_id}` : 'role:supervisor',
            payload: { itemId: item.id, title: `评价申诉 ${item.ledger_no}`, body: b.reason },
          },
        ],
      };
    },
    decide_appeal: ({ item }, b) => {
      const req = requirePending(item, 'appeal');
      const patch: Partial<ItemTable> = { pending_kind: null, pending_data: null, pending_by: null, pending_at: null };
      // An upheld appeal from the department voids a malicious or mistaken rating; from the requester it reopens review.
      if (b.approve && req.by === 'department') Object.assign(patch, { excluded: 1 });
      if (b.approve && req.by === 'requester') Object.assign(patch, { excluded: 0 });
      return { patch, data: { approve: b.approve, by: req.by, note: b.note } };
    },
    request_unreasonable: ({ item, actor, now }, b) => {
      requireNoPending(item);
      return {
        patch: {
          pending_kind: 'unreasonable',
          pending_data: JSON.stringify({ reason: b.reason }),
          pending_by: actor.id,
          pending_at: now,
        },
        data: { reason: b.reason },
      };
    },
    decide_unreasonable: ({ item }, b) => {
      const req = requirePending(item, 'unreasonable');
      return {
        patch: {
          pending_kind: null,
          pending_data: null,
          pending_by: null,
          pending_at: null,
          ...(b.approve ? { excluded: 1 } : {}),
        },
        data: { approve: b.approve, reason: req.reason, note: b.note },
      };
    },
    redo: async ({ trx, item, now, assignments, dl }, b) => {
      if (item.status === 'verified' && item.solved === 'solved' && !item.bad_review) {
        throw new AppError('conflict', 'only an unsolved or badly rated item is redone');
      }
      const redos = item.redo_count + 1;
      const problem = redos >= REDO_LIMIT;
      if (problem) await raiseClue(trx, item, 'redo_3', `重办${redos}次`, now, null);
      return {
        patch: {
          redo_count: redos,
          problem: problem ? 1 : item.problem,
          replied_at: null,
          reply_text: null,
          reply_solved: null,
          verified_at: null,
          callback_due_at: null,
          callback_met: null,
          rating_due_at: null,
          ...handleClock(dl, item, now),
        },
        data: { reason: b.reason, redos, problem, previous: { solved: item.solved, satisfaction: item.satisfaction } },
        notify: await deptNotice(assignments, 'item.redo', item, '重办', b.reason),
      };
    },
    close_out: ({ item, now }) => {
      const blocker = closeOutBlocker(item);
      if (blocker) throw new AppError('conflict', blocker);
      return {
        patch: closePatch(item, now),
        data: { auto: false, onTime: !!(item.handle_met ?? 1) },
        notify: smsRequester(item, 'item.closed', '您反映的问题已办结销号'),
      };
    },
    spot_check: async ({ trx, item, now, actor, assignments, dl }, b) => {
      const patch: Partial<ItemTable> = {};
      if (b.falseClosure) {
        Object.assign(patch, { status: 'in_progress', closed_at: null, problem: 1, ...handleClock(dl, item, now) });
        await raiseClue(trx, item, 'false_closure', '抽查回访发现虚假办结', now, actor.id);
      }
      await trx
        .updateTable('spot_check_entry')
        .set({
          result: b.falseClosure ? 'false_closure' : 'confirmed',
          answers: JSON.stringify({ contacted: b.contacted, solved: b.solved, satisfaction: b.satisfaction }),
          checked_by: actor.id,
          checked_at: now,
        })
        .where('item_id', '=', item.id)
        .where('result', '=', 'pending')
        .execute();
      return {
        patch,
        data: {
          contacted: b.contacted,
          solved: b.solved,
          satisfaction: b.satisfaction,
          falseClosure: b.falseClosure,
          note: b.note,
        },
        notify: b.falseClosure
          ? await deptNotice(assignments, 'item.reopened', item, '抽查发现虚假办结，已重新打开')
          : [],
      };
    },
    merge: async ({ trx, item, actor }, b) => {
      if (b.primaryId === item.id) throw invalidField('primaryId', 'an item cannot be merged into itself');
      const primary = await findItem(trx, b.primaryId);
      const primaryAssignments = primary ? await listAssignments(trx, primary.id) : [];
      if (!primary || !canSee(actor, primary, primaryAssignments, await officerProjectIds(trx, actor)))
        throw invalidField('primaryId', 'unknown item');
      if (['merged', 'rejected', 'closed'].includes(primary.status))
        throw invalidField('primaryId', `cannot merge into a ${primary.status} item`);
      return {
        patch: { primary_id: primary.id, next_escalation_at: null },
        data: { primaryId: primary.id, primaryLedgerNo: primary.ledger_no, note: b.note },
      };
    },
    urge: async ({ item, assignments }, b) => ({
      data: { note: b.note, manual: true },
      notify: await deptNotice(assignments, 'item.urge', item, '催办', b.note),
    }),
    supervise: async ({ item, assignments }, b) => ({
      data: { note: b.note, manual: true },
      notify: await deptNotice(assignments, 'item.supervise', item, '督办', b.note),
    }),
    escalate: ({ item }, b) => ({
      patch: { problem: 1 },
      data: { note: b.note },
      notify: [
        {
          channel: 'inapp',
          topic: 'item.escalated',
          recipient: 'role:supervisor',
          payload: { itemId: item.id, title: `提级督办 ${item.ledger_no}`, body: b.note },
        },
      ],
    }),
    transfer_clue: async ({ trx, item, now, actor }, b) => {
      await raiseClue(trx, item, 'manual', b.reason, now, actor.id);
      return {
        data: { reason: b.reason },
        notify: [
          {
            channel: 'inapp',
            topic: 'clue.created',
            recipient: item.district_id ? `role:inspector:${item.district_id}` : 'role:inspector',
            payload: { itemId: item.id, title: `问题线索 ${item.ledger_no}`, body: b.reason },
          },
        ],
      };
    },
    add_info: (_ctx, b) => ({ data: { note: b.note } }),
    // Who may see a confidential requester is decided in revealRequester, before this event is written.
    reveal: (_ctx, b) => ({ data: { reason: b.reason } }),
  };

  function verify(
    { item, now, trx }: ActionContext,
    b: { contacted: boolean; solved: string; satisfaction: Satisfaction; comment?: string },
    source: 'requester' | 'callback',
  ): Change {
    void trx;
    const patch = verificationPatch(now, b, source);
    const data = {
      contacted: b.contacted,
      solved: b.solved,
      satisfaction: b.satisfaction,
      source,
      comment: b.comment,
      badReview: !!patch.bad_review,
    };
    const notify: OutboxMessage[] = patch.bad_review
      ? [
          {
            channel: 'inapp',
            topic: 'item.bad_review',
            recipient: item.main_department_id ? `dept:${item.main_department_id}` : 'role:supervisor',
            payload: { itemId: item.id, title: `差评 ${item.ledger_no}`, body: b.comment ?? '' },
          },
        ]
      : [];
    // Simple items rated satisfied and solved close out automatically (SPEC §2.2).
    const followUps: Change['followUps'] = [];
    if (item.tier === 'simple' && b.solved === 'solved' && SATISFIED.includes(b.satisfaction) && !item.pending_kind) {
      const after = { ...item, ...patch } as ItemRow;
      followUps.push({
        action: 'close_out',
        data: { auto: true, onTime: !!(item.handle_met ?? 1) },
        patch: closePatch(after, now),
      });
    }
    return { patch, data, notify, followUps };
  }

  async function loadForAction(trx: Transaction<DB>, actor: Actor, id: string) {
    const item = await lockItem(trx, database.dialect, id);
    if (!item) throw notFound();
    const assignments = await listAssignments(trx, id);
    const projects = await officerProjectIds(trx, actor);
    if (!canSee(actor, item, assignments, projects)) throw notFound();
    return { item, assignments, projects };
  }

  function abilitiesOf(actor: Actor, item: ItemRow, assignments: Assignment[], projects: string[]): ItemAction[] {
    return actionsFromStatus(item.status as Status).filter(
      (a) =>
        a !== 'reveal' && canAct(actor, a, item, assignments, projects) && abilityHolds(a, item, actor, assignments),
    );
  }

  /** State details beyond the status that decide whether a button makes sense. */
  function abilityHolds(action: ItemAction, item: ItemRow, actor: Actor, assignments: Assignment[]): boolean {
    switch (action) {
      case 'sign':
        return assignments.some((a) => a.department_id === actor.departmentId && a.state === 'dispatched');
      case 'return':
        return (
          !item.designated &&
          assignments.some((a) => a.department_id === actor.departmentId && a.role === 'main' && a.state !== 'returned')
        );
      case 'reply':
      case 'contact':
      case 'request_extension':
      case 'request_park':
        return item.status === 'in_progress' && (action === 'reply' || action === 'contact' || !item.pending_kind);
      case 'decide_extension':
        return item.pending_kind === 'extension';
      case 'decide_park':
        return item.pending_kind === 'park';
      case 'decide_appeal':
        return item.pending_kind === 'appeal';
      case 'decide_unreasonable':
        return item.pending_kind === 'unreasonable';
      case 'appeal':
        return !item.pending_kind && !!item.satisfaction;
      case 'request_unreasonable':
        return !item.pending_kind && !item.excluded;
      case 'rectify':
        return !!item.bad_review && !item.rectification;
      case 'close_out':
        return closeOutBlocker(item) === null;
      case 'redo':
        return item.status === 'replied' || item.solved !== 'solved' || !!item.bad_review;
      case 'merge':
        return !item.primary_id;
      case 'rate':
        return actor.kind === 'tracking' || actor.id === item.requester_user_id;
      default:
        return true;
    }
  }

  async function act(
    actor: Actor,
    id: string,
    action: ItemAction,
    body: unknown,
    opts: { idem?: Idempotency } = {},
  ): Promise<ItemDetail> {
    const dl = await deadlines.snapshot();
    await idempotent(opts.idem, async (trx) => {
      const { item, assignments, projects } = await loadForAction(trx, actor, id);
      if (!canAct(actor, action, item, assignments, projects)) throw forbidden(`you may not ${action} this item`);
      if (!canTransition(action, item.status as Status)) {
        throw new AppError('invalid_transition', `cannot ${action} an item that is ${item.status}`, {
          allowedActions: abilitiesOf(actor, item, assignments, projects),
        });
      }
      const now = clock.now();
      const role = actorRoleFor(actor, ACTION_RULES[action].roles);
      const change = await handlers[action]({ trx, dl, item, assignments, actor, role, now }, body ?? {});
      let head = { seq: item.event_seq, hash: item.event_hash };
      const events = [];
      const first = chainEvent(item.id, item.id, head, {
        action,
        actorId: actor.id,
        actorRole: role,
        at: now,
        data: change.data ?? {},
      });
      events.push(first);
      head = { seq: first.seq, hash: first.hash };
      let patch: Partial<ItemTable> = { status: nextStatus(action, item.status as Status), ...change.patch };
      for (const f of change.followUps ?? []) {
        const e = chainEvent(item.id, item.id, head, {
          action: f.action,
          actorId: null,
          actorRole: null,
          at: now,
          data: f.data,
        });
        events.push(e);
        head = { seq: e.seq, hash: e.hash };
        patch = { ...patch, ...f.patch };
      }
      // Merged items follow their primary: answered and closed with it.
      if (action === 'merge') patch.status = 'merged';
      await updateItem(trx, item.id, {
        ...patch,
        event_seq: head.seq,
        event_hash: head.hash,
        version: item.version + 1,
        updated_at: now,
      });
      await insertEvents(trx, events);
      const status = patch.status ?? item.status;
      await enqueue(trx, now, [
        ...(change.notify ?? []),
        {
          channel: 'webhook',
          topic: `item.${action}`,
          recipient: '*',
          payload: { itemId: item.id, ledgerNo: item.ledger_no, action, status },
        },
      ]);
      if (status === 'closed' && item.status !== 'closed') await closeMerged(trx, item.id, now);
      return { id: item.id };
    });
    return getAfterAction(actor, id);
  }

  /**
   * The item as the actor left it. An action can end the actor's access (a department's return): the answer still
   * shows the result of what they just did, once, with no further abilities.
   */
  async function getAfterAction(actor: Actor, id: string): Promise<ItemDetail> {
    const item = await findItem(db, id);
    if (!item) throw notFound();
    const assignments = await listAssignments(db, id);
    const projects = await officerProjectIds(db, actor);
    const detail = await detailFor(actor, item, assignments, projects, requesterViewFor(actor, item));
    return canSee(actor, item, assignments, projects) ? detail : { ...detail, abilities: [], events: [] };
  }

  /** Items merged into a primary are closed with it, each with its own event. */
  async function closeMerged(trx: Transaction<DB>, primaryId: string, now: number) {
    const merged = await trx
      .selectFrom('item')
      .selectAll()
      .where('primary_id', '=', primaryId)
      .where('status', '=', 'merged')
      .execute();
    for (const m of merged) {
      const e = chainEvent(
        m.id,
        m.id,
        { seq: m.event_seq, hash: m.event_hash },
        { action: 'close_with_primary', actorId: null, actorRole: null, at: now, data: { primaryId } },
      );
      await updateItem(trx, m.id, {
        closed_at: now,
        event_seq: e.seq,
        event_hash: e.hash,
        version: m.version + 1,
        updated_at: now,
      });
      await insertEvents(trx, [e]);
    }
  }

  async function detailFor(
    actor: Actor,
    item: ItemRow,
    assignments: Assignment[],
    projects: string[],
    requesterView: 'full' | 'masked' | 'hidden',
  ): Promise<ItemDetail> {
    const [names, events, attachments, merged] = await Promise.all([
      db
        .selectFrom('item')
        .leftJoin('category', 'category.id', 'item.category_id')
        .leftJoin('district', 'district.id', 'item.district_id')
        .leftJoin('department', 'department.id', 'item.main_department_id')
        .leftJoin('service_centre', 'service_centre.id', 'item.centre_id')
        .leftJoin('service_window', 'service_window.id', 'item.window_id')
        .leftJoin('key_project', 'key_project.id', 'item.project_id')
        .select([
          'category.name as categoryName',
          'district.name as districtName',
          'department.name as departmentName',
          'service_centre.name as centreName',
          'service_window.name as windowName',
          'key_project.name as projectName',
        ])
        .where('item.id', '=', item.id)
        .executeTakeFirstOrThrow(),
      listItemEvents(db, item.id),
      listAttachments(db, item.id),
      db.selectFrom('item').select('id').where('primary_id', '=', item.id).execute(),
    ]);
    const deptIds = [...new Set(assignments.map((a) => a.department_id))];
    const actorIds = [...new Set(events.map((e) => e.actor_id).filter((x): x is string => !!x))];
    const [depts, actors] = await Promise.all([
      deptIds.length ? db.selectFrom('department').select(['id', 'name']).where('id', 'in', deptIds).execute() : [],
      actorIds.length
        ? db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', actorIds).execute()
        : [],
    ]);
    const deptName = new Map(depts.map((d) => [d.id, d.name]));
    const actorName = new Map(actors.map((a) => [a.id, a.display_name]));
    const isPublic = actor.kind === 'tracking' || (actor.roles.length === 1 && actor.roles[0] === 'requester');
    return presentDetail(item, {
      categoryName: names.categoryName,
      districtName: names.districtName,
      departmentName: names.departmentName,
      centreName: names.centreName,
      windowName: names.windowName,
      projectName: names.projectName,
      departments: assignments.map((a) => ({
        departmentId: a.department_id,
        name: deptName.get(a.department_id) ?? a.department_id,
        role: a.role as 'main' | 'co',
        state: (a.state === 'signed' && item.replied_at ? 'replied' : a.state) as
          | 'dispatched'
          | 'signed'
          | 'returned'
          | 'replied',
        dispatchedAt: toIso(a.dispatched_at)!,
        signedAt: toIso(a.signed_at),
      })),
      events: events
        .filter((e) => !isPublic || PUBLIC_EVENTS.has(e.action))
        .map((e) => ({
          seq: Number(e.seq),
          action: e.action,
          at: toIso(e.at)!,
          actorName: isPublic ? null : e.actor_id ? (actorName.get(e.actor_id) ?? null) : null,
          actorRole: e.actor_role,
          data: isPublic ? publicData(e.action, JSON.parse(e.data)) : JSON.parse(e.data),
        })),
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: Number(a.size) })),
      mergedIds: merged.map((m) => m.id),
      abilities: abilitiesOf(actor, item, assignments, projects),
      requesterView,
    });
  }

  function requesterViewFor(actor: Actor, item: ItemRow): 'masked' | 'hidden' | 'full' {
    if (actor.kind === 'tracking' || (actor.id && actor.id === item.requester_user_id)) return 'full';
    const bureau = actor.roles.some((r) =>
      ['dispatcher', 'supervisor', 'inspector', 'window_clerk', 'admin', 'officer'].includes(r),
    );
    if (item.confidential && !bureau) return 'hidden';
    return 'masked';
  }

  async function get(actor: Actor, id: string): Promise<ItemDetail> {
    const item = await findItem(db, id);
    if (!item) throw notFound();
    const assignments = await listAssignments(db, id);
    const projects = await officerProjectIds(db, actor);
    if (!canSee(actor, item, assignments, projects)) throw notFound();
    return detailFor(actor, item, assignments, projects, requesterViewFor(actor, item));
  }

  /** Shows the requester's identity in full to an allowed reader; every reveal is an event on the item. */
  async function revealRequester(actor: Actor, id: string, reason: string): Promise<ItemDetail> {
    const view = requesterViewFor(actor, (await findItem(db, id)) ?? ({} as ItemRow));
    if (actor.roles.includes('admin') && !actor.roles.some((r) => ACTION_RULES.reveal.roles.includes(r)))
      throw forbidden('administrators do not see personal data');
    if (view === 'hidden') {
      // A department must not learn who raised a confidential item: answer as if revealing were never possible.
      throw forbidden('the requester of a confidential item is not shown to departments');
    }
    await act(actor, id, 'reveal', { reason });
    const item = (await findItem(db, id))!;
    const assignments = await listAssignments(db, id);
    return detailFor(actor, item, assignments, await officerProjectIds(db, actor), 'full');
  }

  async function list(actor: Actor, q: ItemListQuery) {
    const now = clock.now();
    const { rows, total } = await listItems(db, database.dialect, actor, q, now);
    const departmentOnly = !actor.roles.some((r) =>
      ['dispatcher', 'supervisor', 'inspector', 'window_clerk', 'admin', 'officer'].includes(r),
    );
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => presentSummary(r, { hideRequester: departmentOnly && !!r.confidential })),
    };
  }

  /** The requester follows an item with its tracking code and PIN; a wrong pair looks like an unknown code. */
  async function track(code: string, pin: string): Promise<{ actor: Actor; detail: ItemDetail }> {
    const item = await findItemByTrackingCode(db, code.toUpperCase());
    if (!item || item.tracking_pin_hash !== sha256(`${item.tracking_code}:${pin}`)) throw notFound();
    const actor: Actor = {
      kind: 'tracking',
      id: null,
      displayName: 'requester',
      roles: ['requester'],
      districtId: null,
      departmentId: null,
      centreId: null,
      windowId: null,
      itemId: item.id,
    };
    return { actor, detail: await get(actor, item.id) };
  }

  async function audit(actor: Actor, action: string, data: Record<string, unknown>) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, database.dialect, {
        action,
        actorId: actor.id,
        actorRole: actor.roles[0] ?? null,
        at: clock.now(),
        data,
      }),
    );
  }

  /** Forget the cached reference data (after an admin changes categories, centres, windows or projects). */
  const invalidateReferenceData = () => {
    refs = null;
  };

  return {
    intake,
    act,
    get,
    list,
    track,
    revealRequester,
    audit,
    idempotent,
    invalidateReferenceData,
    requestHash: (v: unknown) => sha256(canonicalJson(v)),
    writeStats: writes.stats,
  };
}
export type ItemService = ReturnType<typeof createItemService>;

/** What a requester sees of the history: the milestones, in plain words, without staff names or internal notes. */
const PUBLIC_EVENTS = new Set([
  'submit',
  'accept',
  'reject',
  'dispatch',
  'sign',
  'contact',
  'reply',
  'rate',
  'callback',
  'redo',
  'close_out',
  'close_with_primary',
  'merge',
  'add_info',
  'appeal',
  'decide_appeal',
]);

function publicData(action: string, data: Record<string, unknown>): Record<string, unknown> {
  switch (action) {
    case 'reject':
      return { reason: data.reason };
    case 'rate':
    case 'callback':
      return { satisfaction: data.satisfaction, solved: data.solved };
    case 'decide_appeal':
      return { approve: data.approve };
    default:
      return {};
  }
}
