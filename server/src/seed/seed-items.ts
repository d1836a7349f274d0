// A year of demo ledger items, written directly in batched transactions for speed, but event for event what the
// item use cases (item.service.ts) would have written: the same actions, data shapes, projection patches, working-day
// deadlines and hash chains. Deterministic: the same seed and clock give the same rows, ids and hashes.
import {
  BAD_REVIEW,
  canTransition,
  nextStatus,
  type ItemAction,
  type Satisfaction,
  type Status,
  type Tier,
} from '@tingquan/common';
import type { Database } from '../db/database.ts';
import type { EventTable, ItemAssignmentTable, ItemTable } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { localDay } from '../lib/clock.ts';
import { sha256 } from '../lib/hash.ts';
import { createDeadlineService, type Deadlines } from '../modules/deadlines/deadline.service.ts';
import { GENESIS, chainEvent, type EventInput } from '../modules/ledger/event.repository.ts';
import { submittedItemRow } from '../modules/items/item.repository.ts';
import {
  BAD_REVIEW_COMMENTS,
  CATEGORY_DEPARTMENTS,
  CATEGORY_WEIGHTS,
  CHANNEL_WEIGHTS,
  CONTACT_NOTES,
  DISTRICT_WEIGHTS,
  EXTENSION_REASONS,
  GIVEN,
  ITEM_TEMPLATES,
  ORG_NAMES,
  PARK_REASONS,
  QUOTED_PROBLEMS,
  RECTIFY_NOTES,
  REDO_REASONS,
  REPLY_TEMPLATES,
  RETURN_REASONS,
  SURNAMES,
  TIER_WEIGHTS,
  TYPE_WEIGHTS,
} from './demo-items.data.ts';
import { CITY_CENTRE_WINDOWS, DISTRICTS, DISTRICT_CENTRE_WINDOWS } from './org.data.ts';
import { categoryId, centreId, cityDeptId, districtDeptId, districtId, userId } from './seed-org.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SATISFIED: readonly Satisfaction[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** mulberry32: small, fast and good enough for demo data; the whole run derives from one seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(table: readonly (readonly [T, number])[]): T => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  const hex = (n: number) => {
    let s = '';
    while (s.length < n)
      s += Math.floor(next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  };
  /** Same layout as ids.newId (time-ordered), but reproducible. */
  const id = (at: number) => `${at.toString(16).padStart(12, '0')}7${hex(19)}`;
  const code = (n: number) => Array.from({ length: n }, () => pick([...CODE_ALPHABET])).join('');
  return {
    next,
    int,
    pick,
    weighted,
    hex,
    id,
    code,
    chance: (p: number) => next() < p,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
  };
}
type Rng = ReturnType<typeof prng>;

interface Actor {
  id: string | null;
  role: string | null;
}
interface Change {
  patch?: Partial<ItemTable>;
  data: Record<string, unknown>;
  followUps?: { action: string; data: Record<string, unknown>; patch: Partial<ItemTable> }[];
}

/** One item's life, replayed with the item service's rules; `advance` refuses to step past the clock. */
class ItemLife {
  readonly events: EventTable[] = [];
  readonly assignments: ItemAssignmentTable[] = [];
  t: number;
  constructor(
    readonly row: ItemTable,
    private readonly rng: Rng,
    private readonly dl: Deadlines,
    private readonly now: number,
  ) {
    this.t = row.submitted_at;
  }

  advance(ms: number): boolean {
    const next = this.t + Math.max(60_000, Math.round(ms));
    if (next > this.now) return false;
    this.t = next;
    return true;
  }

  scope(tier = this.row.tier) {
    return { tier: tier as Tier, urgent: !!this.row.urgent, type: this.row.type, categoryId: this.row.category_id };
  }

  handleClock(start: number, tier = this.row.tier): Partial<ItemTable> {
    const scope = this.scope(tier);
    const due = this.dl.due('handle', start, scope);
    return {
      handle_start_at: start,
      handle_due_at: due,
      handle_met: null,
      warn_level: 0,
      escalation_level: 0,
      next_escalation_at: this.dl.nextEscalationAt(start, due, 0, scope),
    };
  }

  /** What the deadline sweeper does (sweeper.service.ts): an actorless event that is not a user action. */
  record(
    action: string,
    data: Record<string, unknown>,
    patch: Partial<ItemTable>,
    followUps: Change['followUps'] = [],
  ) {
    const row = this.row;
    let head = { seq: row.event_seq, hash: row.event_hash };
    for (const [a, d] of [[action, data] as const, ...followUps.map((f) => [f.action, f.data] as const)]) {
      const e = seededEvent(this.rng.id(this.t), row.id, head, {
        action: a,
        actorId: null,
        actorRole: null,
        at: this.t,
        data: d,
      });
      this.events.push(e);
      head = { seq: e.seq, hash: e.hash };
    }
    Object.assign(row, patch, ...followUps.map((f) => f.patch), {
      event_seq: head.seq,
      event_hash: head.hash,
      version: row.version + 1,
    });
  }

  /** What item.service's act() does after a handler: chain the event(s), then patch the projection. */
  act(action: ItemAction, actor: Actor, change: Change) {
    const row = this.row;
    if (!canTransition(action, row.status as Status)) throw new Error(`seed bug: ${action} from ${row.status}`);
    let head = { seq: row.event_seq, hash: row.event_hash };
    const push = (a: string, who: Actor, data: Record<string, unknown>) => {
      const e = seededEvent(this.rng.id(this.t), row.id, head, {
        action: a,
        actorId: who.id,
        actorRole: who.role,
        at: this.t,
        data,
      });
      this.events.push(e);
      head = { seq: e.seq, hash: e.hash };
    };
    push(action, actor, change.data);
    let patch: Partial<ItemTable> = { status: nextStatus(action, row.status as Status), ...change.patch };
    for (const f of change.followUps ?? []) {
      push(f.action, { id: null, role: null }, f.data);
      patch = { ...patch, ...f.patch };
    }
    Object.assign(row, patch, {
      event_seq: head.seq,
      event_hash: head.hash,
      version: row.version + 1,
      updated_at: this.t,
    });
  }
}

export interface SeedItemsOptions {
  count: number;
  seed?: number;
  cityCode?: string;
  /** Items are spread over this many days before clock.now(). */
  days?: number;
}

/** Seeds `count` items over the last year; returns how many items and events were written. */
export async function seedItems(
  database: Database,
  clock: Clock,
  opts: SeedItemsOptions,
): Promise<{ items: number; events: number }> {
  const { db } = database;
  const rng = prng(opts.seed ?? 20261130);
  const now = clock.now();
  const span = (opts.days ?? 365) * DAY;
  const cityCode = opts.cityCode ?? 'SY';
  const dl = await createDeadlineService(db).snapshot();

  const staff = new Map<
    string,
    {
      id: string;
      name: string;
      roles: string[];
      department_id: string | null;
      centre_id: string | null;
      district_id: string | null;
    }
  >();
  const existingUsers = new Set((await db.selectFrom('app_user').select('id').execute()).map((u) => u.id));
  const departments = new Map(
    (await db.selectFrom('department').select(['id', 'name', 'district_id']).execute()).map((d) => [d.id, d]),
  );
  const centres = new Map(
    (await db.selectFrom('service_centre').select(['id', 'name', 'district_id']).execute()).map((c) => [c.id, c]),
  );
  const districtNames = new Map(DISTRICTS.map(([code, name]) => [districtId(code), name]));

  // The demo accounts act where they have a seat; elsewhere an inactive staff account stands for the department's or
  // hall's clerk, so that every event names a real user (they cannot sign in: no password, inactive).
  const DEMO_HANDLERS: Record<string, string> = {
    [cityDeptId('scjg')]: userId('handler'),
    [cityDeptId('sw')]: userId('handler.tax'),
    [cityDeptId('gd')]: userId('handler.power'),
  };
  const handlerOf = (dept: string): Actor => {
    const demo = DEMO_HANDLERS[dept];
    if (demo && existingUsers.has(demo)) return { id: demo, role: 'handler' };
    const id = `u-staff-${dept}`;
    if (!staff.has(id) && !existingUsers.has(id))
      staff.set(id, {
        id,
        name: `${departments.get(dept)?.name ?? dept}承办人`,
        roles: ['handler'],
        department_id: dept,
        centre_id: null,
        district_id: departments.get(dept)?.district_id ?? null,
      });
    return { id, role: 'handler' };
  };
  const clerkOf = (centre: string): Actor => {
    const demo =
      centre === centreId('city') ? userId('clerk') : centre === centreId('210103') ? userId('clerk.shenhe') : null;
    if (demo && existingUsers.has(demo)) return { id: demo, role: 'window_clerk' };
    const id = `u-staff-${centre}`;
    if (!staff.has(id) && !existingUsers.has(id))
      staff.set(id, {
        id,
        name: `${centres.get(centre)?.name ?? centre}窗口`,
        roles: ['window_clerk'],
        department_id: null,
        centre_id: centre,
        district_id: centres.get(centre)?.district_id ?? null,
      });
    return { id, role: 'window_clerk' };
  };
  const bureau = (district: string | null, role: 'dispatcher' | 'supervisor'): Actor => {
    const local = district === districtId('210103') ? userId(`${role}.shenhe`) : null;
    const id = local && existingUsers.has(local) && rng.chance(0.7) ? local : userId(role);
    return { id, role };
  };
  const deptFor = (code: string, district: string | null) => {
    if (code.startsWith('district:')) {
      const c = code.slice('district:'.length);
      return district ? districtDeptId(district.slice(2), c) : cityDeptId(c);
    }
    return cityDeptId(code);
  };

  // Submission times first: ledger numbers follow submission order within each year.
  const quotedAt = new Map([
    [Math.floor(opts.count * 0.35), 0],
    [Math.floor(opts.count * 0.7), 1],
  ]);
  const times = Array.from({ length: opts.count }, () => {
    const day = Math.floor((rng.next() * span) / DAY);
    const base = now - span + day * DAY;
    // Office hours in Shanghai (08:30–17:30 local = 00:30–09:30 UTC), a few in the evening (hotline, web).
    const localMidnight = base - ((base + 8 * HOUR) % DAY);
    const hour = rng.chance(0.9) ? rng.between(8.5, 17.5) : rng.between(17.5, 22);
    return Math.min(Math.round((localMidnight + hour * HOUR) / 1000) * 1000, now - 60_000);
  }).sort((a, b) => a - b);

  const counters = new Map<string, number>();
  for (const c of await db.selectFrom('counter').selectAll().where('name', 'like', 'ledger:%').execute())
    counters.set(c.name, Number(c.value));

  const categoryNameOf = (code: string) => code.split('.')[0];
  let written = 0;
  let eventCount = 0;
  const BATCH = 1000;
  for (let start = 0; start < opts.count; start += BATCH) {
    const lives: ItemLife[] = [];
    for (let i = start; i < Math.min(opts.count, start + BATCH); i++) {
      const quoted = quotedAt.has(i) ? QUOTED_PROBLEMS[quotedAt.get(i)!] : null;
      lives.push(simulate(i, times[i], quoted));
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < lives.length; i += 200)
        await trx
          .insertInto('item')
          .values(lives.slice(i, i + 200).map((l) => l.row))
          .execute();
      const assignments = lives.flatMap((l) => l.assignments);
      for (let i = 0; i < assignments.length; i += 2000)
        await trx
          .insertInto('item_assignment')
          .values(assignments.slice(i, i + 2000))
          .execute();
      const events = lives.flatMap((l) => l.events);
      for (let i = 0; i < events.length; i += 2000)
        await trx
          .insertInto('event')
          .values(events.slice(i, i + 2000))
          .execute();
      eventCount += events.length;
    });
    written += lives.length;
  }

  await db.transaction().execute(async (trx) => {
    for (const [name, value] of counters) {
      await trx
        .insertInto('counter')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    }
    const users = [...staff.values()];
    if (users.length) {
      await trx
        .insertInto('app_user')
        .values(
          users.map((u) => ({
            id: u.id,
            username: u.id.slice(2),
            display_name: u.name,
            password_hash: '!', // no password: these accounts only sign the seeded history
            phone: null,
            roles: JSON.stringify(u.roles),
            district_id: u.district_id,
            department_id: u.department_id,
            centre_id: u.centre_id,
            window_id: null,
            active: 0,
            created_at: now,
            failed_logins: 0,
            locked_until: null,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  });
  return { items: written, events: eventCount };

  function simulate(index: number, submittedAt: number, quoted: (typeof QUOTED_PROBLEMS)[number] | null): ItemLife {
    const channel = quoted ? 'window' : rng.weighted(CHANNEL_WEIGHTS);
    const catCode = quoted ? quoted.category : rng.weighted(CATEGORY_WEIGHTS);
    const district = quoted
      ? quoted.district
        ? districtId(quoted.district)
        : null
      : districtId(rng.weighted(DISTRICT_WEIGHTS));
    let centre: string | null = null;
    let window: string | null = null;
    let registrar: Actor = { id: null, role: null };
    if (channel === 'window') {
      const districtIndex = DISTRICTS.findIndex(([code]) => districtId(code) === district);
      const atCity = quoted ? quoted.district === null : rng.chance(0.3) || districtIndex < 0;
      centre = atCity ? centreId('city') : centreId(DISTRICTS[districtIndex][0]);
      const windows = atCity ? CITY_CENTRE_WINDOWS : DISTRICT_CENTRE_WINDOWS[districtIndex];
      window = `${centre}-w${String(rng.chance(0.6) ? 1 : rng.int(1, windows)).padStart(2, '0')}`;
      registrar = clerkOf(centre);
    } else if (channel === 'hotline' || channel === 'letter' || channel === 'callback') {
      registrar = { id: userId('dispatcher'), role: 'dispatcher' };
    } else if (channel === 'inspection') {
      registrar = { id: userId('inspector'), role: 'inspector' };
    }
    const type = quoted ? 'complaint' : rng.weighted(TYPE_WEIGHTS);
    const tier = quoted ? 'general' : (rng.weighted(TIER_WEIGHTS) as Tier);
    const anonymous = channel !== 'window' && rng.chance(0.05);
    const enterprise = !anonymous && rng.chance(0.3);
    const org = rng.pick(ORG_NAMES);
    const person = rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.5) ? rng.pick([...GIVEN]) : '');
    const centreName = centre
      ? centres.get(centre)!.name
      : district
        ? `${districtNames.get(district)}政务服务中心`
        : '市政务服务中心';
    const fill = (s: string) =>
      s
        .replaceAll('{centre}', centreName)
        .replaceAll('{district}', district ? districtNames.get(district)! : '沈阳市')
        .replaceAll('{org}', org)
        .replaceAll('{n}', String(rng.int(2, 6)));
    const [title, description] = quoted
      ? [quoted.title, quoted.description]
      : rng.pick(ITEM_TEMPLATES[catCode]).map(fill);
    const year = localDay(submittedAt).slice(0, 4);
    const counterName = `ledger:${year}`;
    const n = (counters.get(counterName) ?? 0) + 1;
    counters.set(counterName, n);
    const id = rng.id(submittedAt);
    const trackingCode = rng.code(12);
    const pin = String(rng.int(0, 999_999)).padStart(6, '0');
    const category = categoryId(catCode);
    const row = submittedItemRow({
      id,
      ledger_no: `${cityCode}-${year}-${String(n).padStart(6, '0')}`,
      tracking_code: trackingCode,
      tracking_pin_hash: sha256(`${trackingCode}:${pin}`),
      channel,
      type,
      category_id: category,
      title,
      description,
      district_id: district,
      centre_id: centre,
      window_id: window,
      place_text: quoted && !quoted.district ? '市公共资源交易中心评标室' : null,
      lat: null,
      lng: null,
      requester_kind: anonymous ? 'anonymous' : enterprise ? 'enterprise' : 'person',
      requester_name: anonymous ? null : person,
      requester_phone: anonymous
        ? null
        : `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      requester_org: enterprise ? org : null,
      requester_uscc: null,
      requester_user_id: null,
      confidential: rng.chance(0.03) ? 1 : 0,
      tier: 'general', // intake's default; acceptance sets the triaged tier
      urgent: 0,
      project_id: null,
      registered_by: registrar.id,
      submitted_at: submittedAt,
      event_seq: 0,
      event_hash: GENESIS,
      version: 0,
      updated_at: submittedAt,
    });
    const life = new ItemLife(row, rng, dl, now);
    // Intake: the submit event (version 1 after it, like insertItem + its first event).
    const submit = seededEvent(
      rng.id(submittedAt),
      id,
      { seq: 0, hash: GENESIS },
      {
        action: 'submit',
        actorId: registrar.id,
        actorRole: registrar.role,
        at: submittedAt,
        data: {
          channel,
          type,
          categoryId: category,
          districtId: district,
          centreId: centre,
          windowId: window,
          projectId: null,
          tier: 'general',
          urgent: false,
          confidential: !!row.confidential,
          requesterKind: row.requester_kind,
          submittedAt,
        },
      },
    );
    life.events.push(submit);
    Object.assign(row, { event_seq: 1, event_hash: submit.hash, version: 1 });

    const dispatcher = bureau(district, 'dispatcher');
    const supervisor = bureau(district, 'supervisor');
    const route = CATEGORY_DEPARTMENTS[catCode];
    const mainDept = deptFor(route.main, district);
    const replyText = quoted ? quoted.reply : rng.pick(REPLY_TEMPLATES[categoryNameOf(catCode)]);

    // 当场办结 at the window for simple problems.
    if (!quoted && channel === 'window' && tier === 'simple' && rng.chance(0.35)) {
      if (!life.advance(rng.between(0.1, 0.7) * HOUR)) return life;
      const t = life.t;
      life.act('resolve_on_spot', registrar, {
        patch: {
          accepted_at: row.accepted_at ?? t,
          tier: 'simple',
          replied_at: t,
          reply_text: replyText,
          reply_solved: 'solved',
          handle_start_at: t,
          handle_due_at: t,
          handle_met: 1,
          callback_due_at: dl.due('callback', t, life.scope()),
          rating_due_at: dl.due('rating', t, life.scope()),
        },
        data: { onTheSpot: true, tier: 'simple' },
      });
      verifyAndClose(life, supervisor, mainDept, replyText);
      return life;
    }

    // The last two days' problems are still queueing at the bureau in part, so that every open state has items.
    const fresh = submittedAt > now - 2 * DAY && rng.chance(0.5);
    if (!life.advance(rng.between(0.2, fresh ? 40 : 4) * HOUR)) return life;
    if (!quoted && rng.chance(0.009)) {
      const reason = rng.pick(['不属于政务服务诉求受理范围，已告知向有关机关反映', '诉求内容不清且无法联系诉求人核实']);
      life.act('reject', dispatcher, { patch: { rejected_at: life.t, reject_reason: reason }, data: { reason } });
      return life;
    }
    life.act('accept', dispatcher, { patch: { accepted_at: life.t, tier, urgent: row.urgent }, data: { tier } });

    if (!life.advance(rng.between(0.1, fresh ? 30 : 2) * HOUR)) return life;
    const co = route.co && rng.chance(0.25) ? [cityDeptId(route.co)] : [];
    // A few dispatches go to the wrong department first and come back (退单) within a working day.
    if (!quoted && rng.chance(0.03)) {
      const wrong = district ? districtDeptId(district.slice(2), 'yshj') : cityDeptId('yshj');
      if (wrong !== mainDept) {
        dispatch(life, dispatcher, wrong, []);
        if (!life.advance(rng.between(1, 6) * HOUR)) return life;
        if (life.t <= dl.addWorkingDays(Number(row.dispatched_at), 1)) {
          const reason = rng.pick(RETURN_REASONS);
          for (const a of life.assignments)
            if (a.state !== 'returned')
              Object.assign(a, { state: 'returned', returned_at: life.t, return_reason: reason });
          const returns = row.return_count + 1;
          life.act('return', handlerOf(wrong), {
            patch: {
              return_count: returns,
              problem: row.problem,
              main_department_id: null,
              sign_due_at: null,
              handle_start_at: null,
              handle_due_at: null,
              next_escalation_at: null,
              warn_level: 0,
              escalation_level: 0,
            },
            data: { reason, departmentId: row.main_department_id, returns, problem: false },
          });
          if (!life.advance(rng.between(0.3, 3) * HOUR)) return life;
        } else return life;
      }
    }
    if (row.status === 'accepted') dispatch(life, dispatcher, mainDept, co);
    else if (row.status !== 'dispatched') return life;

    // Sign for: mostly within the limit, some late.
    const handler = handlerOf(mainDept);
    if (!life.advance(rng.chance(0.95) ? rng.between(0.2, 5) * HOUR : rng.between(26, 60) * HOUR)) return life;
    signMain(life, handler);
    for (const c of co) {
      if (!life.advance(rng.between(0.2, 3) * HOUR)) return life;
      const mine = life.assignments.find((a) => a.department_id === c && a.state === 'dispatched')!;
      Object.assign(mine, { state: 'signed', signed_at: life.t });
      life.act('sign', handlerOf(c), { patch: { status: row.status }, data: { departmentId: c, role: 'co' } });
    }
    if (!handle(life, handler, supervisor, replyText)) return life;
    verifyAndClose(life, supervisor, mainDept, replyText);
    return life;
  }

  function dispatch(life: ItemLife, dispatcher: Actor, main: string, co: string[]) {
    const row = life.row;
    const t = life.t;
    const designated = row.dispatch_count >= 3 ? 1 : 0;
    for (const a of life.assignments)
      if (a.state !== 'returned') Object.assign(a, { state: 'returned', returned_at: t, return_reason: 'superseded' });
    [main, ...co].forEach((d, i) =>
      life.assignments.push({
        id: rng.id(t),
        item_id: row.id,
        department_id: d,
        role: i === 0 ? 'main' : 'co',
        state: 'dispatched',
        dispatched_at: t,
        signed_at: null,
        returned_at: null,
        return_reason: null,
      }),
    );
    const tier = row.tier as Tier;
    const scope = life.scope(tier);
    life.act('dispatch', dispatcher, {
      patch: {
        tier,
        main_department_id: main,
        dispatched_at: t,
        dispatch_count: row.dispatch_count + 1,
        designated,
        sign_due_at: dl.due('sign', t, scope),
        sign_met: null,
        contact_due_at: row.contacted_at ? row.contact_due_at : dl.due('contact', t, scope),
        ...life.handleClock(t, tier),
      },
      data: { mainDepartmentId: main, coDepartmentIds: co, tier, designated: !!designated },
    });
  }

  function signMain(life: ItemLife, handler: Actor) {
    const row = life.row;
    const mine = life.assignments.find((a) => a.department_id === row.main_department_id && a.state === 'dispatched')!;
    Object.assign(mine, { state: 'signed', signed_at: life.t });
    const met = row.sign_due_at === null || life.t <= Number(row.sign_due_at);
    life.act('sign', handler, {
      patch: { signed_at: life.t, sign_met: met ? 1 : 0 },
      data: { departmentId: mine.department_id, role: 'main', met },
    });
  }

  /** In progress → replied: contact, maybe an extension or a park, the reply. False when the clock stops it. */
  /** The handler's reply, as the item service writes it (first reply and the reply after a redo alike). */
  function reply(life: ItemLife, handler: Actor, text: string, solved: string, met: boolean) {
    life.act('reply', handler, {
      patch: {
        replied_at: life.t,
        reply_text: text,
        reply_solved: solved,
        handle_met: met ? 1 : 0,
        callback_due_at: dl.due('callback', life.t, life.scope()),
        rating_due_at: dl.due('rating', life.t, life.scope()),
        next_escalation_at: null,
        pending_kind: null,
        pending_data: null,
        pending_by: null,
        pending_at: null,
      },
      data: { solved, met, departmentId: life.row.main_department_id },
    });
  }

  function handle(life: ItemLife, handler: Actor, supervisor: Actor, replyText: string): boolean {
    const row = life.row;
    if (row.tier !== 'simple' && !row.contacted_at && rng.chance(0.9)) {
      if (!life.advance(rng.between(0.5, 12) * HOUR)) return false;
      const met = row.contact_due_at === null || life.t <= Number(row.contact_due_at);
      life.act('contact', handler, {
        patch: { contacted_at: life.t, contact_met: met ? 1 : 0 },
        data: { method: rng.pick(['phone', 'visit', 'sms'] as const), note: rng.pick(CONTACT_NOTES), first: true, met },
      });
    }
    if (row.tier === 'complex' && rng.chance(0.06)) {
      if (!life.advance(rng.between(4, 30) * HOUR)) return false;
      const days = rng.int(2, 5);
      const reason = rng.pick(EXTENSION_REASONS);
      life.act('request_extension', handler, {
        patch: {
          pending_kind: 'extension',
          pending_data: JSON.stringify({ days, reason }),
          pending_by: handler.id,
          pending_at: life.t,
        },
        data: { days, reason },
      });
      if (!life.advance(rng.between(1, 20) * HOUR)) return false;
      const approve = rng.chance(0.85);
      const patch: Partial<ItemTable> = { pending_kind: null, pending_data: null, pending_by: null, pending_at: null };
      if (approve) {
        const due = dl.addWorkingDays(Number(row.handle_due_at), days);
        Object.assign(patch, {
          handle_due_at: due,
          extended: 1,
          extension_days: row.extension_days + days,
          next_escalation_at: dl.nextEscalationAt(Number(row.handle_start_at), due, 0, life.scope()),
          escalation_level: 0,
          warn_level: 0,
        });
      }
      life.act('decide_extension', supervisor, { patch, data: { approve, days } });
    } else if (row.tier === 'complex' && rng.chance(0.012)) {
      if (!life.advance(rng.between(4, 30) * HOUR)) return false;
      const reason = rng.pick(PARK_REASONS);
      life.act('request_park', handler, {
        patch: {
          pending_kind: 'park',
          pending_data: JSON.stringify({ reason }),
          pending_by: handler.id,
          pending_at: life.t,
        },
        data: { reason },
      });
      if (!life.advance(rng.between(2, 30) * HOUR)) return false;
      life.act('decide_park', supervisor, {
        patch: {
          pending_kind: null,
          pending_data: null,
          pending_by: null,
          pending_at: null,
          status: 'parked',
          parked: 1,
          parked_at: life.t,
          next_escalation_at: null,
        },
        data: { approve: true, reason },
      });
      // Half of the parked problems wait on next year's plan; the others resume after some weeks.
      if (rng.chance(0.5) || !life.advance(rng.between(10, 60) * DAY)) return false;
      const parkedSince = Number(row.parked_at);
      life.act('resume', handler, { patch: { parked: 0, ...life.handleClock(life.t) }, data: { parkedSince } });
    }
    if (rng.chance(0.1)) {
      if (!life.advance(rng.between(1, 8) * HOUR)) return false;
      life.act('progress', handler, { data: { note: '已会同相关科室研究解决方案，正在推进' } });
    }
    // The reply: most within the handling limit, some late (recent late ones stay open and overdue).
    const startAt = Math.max(life.t, Number(row.handle_start_at));
    const due = Number(row.handle_due_at);
    const at = rng.chance(0.94)
      ? startAt + Math.max(0, due - startAt) * rng.between(0.05, 0.9)
      : due + (rng.chance(0.7) ? rng.between(2, 72) : rng.between(72, 300)) * HOUR;
    if (!life.advance(at - life.t)) return false;
    const met = row.handle_due_at === null || life.t <= Number(row.handle_due_at);
    const solved = rng.chance(0.93) ? 'solved' : rng.chance(0.75) ? 'partly' : 'not';
    reply(life, handler, replyText, solved, met);
    return true;
  }

  /** Replied → verified (requester, callback or default rating) → closed, through redo or rectification when needed. */
  function verifyAndClose(life: ItemLife, supervisor: Actor, mainDept: string, replyText: string): void {
    const row = life.row;
    const r = rng.next();
    const source: 'requester' | 'callback' | 'default' = r < 0.56 ? 'requester' : r < 0.94 ? 'callback' : 'default';
    if (source === 'default') {
      if (!life.advance(Number(row.rating_due_at) - life.t)) return;
    } else if (!life.advance(rng.between(source === 'callback' ? 2 : 1, source === 'callback' ? 40 : 60) * HOUR))
      return;
    const solved = (row.reply_solved ?? 'solved') as 'solved' | 'partly' | 'not';
    const satisfaction: Satisfaction =
      source === 'default'
        ? 'basically_satisfied'
        : solved === 'not'
          ? rng.pick(['dissatisfied', 'very_dissatisfied'] as const)
          : rng.weighted([
              ['very_satisfied', 52],
              ['satisfied', 33],
              ['basically_satisfied', 12.5],
              ['dissatisfied', 1.8],
              ['very_dissatisfied', 0.7],
            ] as const);
    const contacted = source === 'default' ? row.contacted_at !== null : rng.chance(0.97);
    const badReview = BAD_REVIEW.includes(satisfaction);
    const comment = badReview && source !== 'default' ? rng.pick(BAD_REVIEW_COMMENTS) : undefined;
    const patch: Partial<ItemTable> = {
      contacted: contacted ? 1 : 0,
      solved,
      satisfaction,
      rating_source: source,
      verified_at: life.t,
      bad_review: badReview ? 1 : 0,
      rectification: null,
      rectification_due: null,
      excluded: 0,
    };
    const data: Record<string, unknown> = { contacted, solved, satisfaction, source, comment, badReview };
    const followUps: Change['followUps'] = [];
    if (row.tier === 'simple' && solved === 'solved' && SATISFIED.includes(satisfaction) && !row.pending_kind) {
      const after = { ...row, ...patch };
      followUps.push({
        action: 'close_out',
        data: { auto: true, onTime: !!(row.handle_met ?? 1) },
        patch: closePatch(after, life.t),
      });
    }
    if (source === 'default') {
      // The sweeper's default rating (sweeper.service.ts defaultRating): its own event and a narrower patch.
      life.record(
        'default_rating',
        { satisfaction, solved, source: 'default', ratingDueAt: Number(row.rating_due_at) },
        {
          status: 'verified',
          contacted: row.contacted_at !== null ? 1 : 0,
          solved,
          satisfaction,
          rating_source: 'default',
          verified_at: life.t,
          bad_review: 0,
          updated_at: life.t,
        },
        followUps.map((f) => ({
          ...f,
          patch: {
            ...f.patch,
            status: 'closed',
            closed_at: life.t,
            on_time: row.handle_met ?? 1,
            next_escalation_at: null,
          },
        })),
      );
    } else if (source === 'callback') {
      const met = row.callback_due_at === null || life.t <= Number(row.callback_due_at);
      life.act('callback', supervisor, {
        patch: { ...patch, callback_met: met ? 1 : 0 },
        data: { ...data, met },
        followUps,
      });
    } else {
      // The requester rates with the tracking code (no account).
      life.act('rate', { id: null, role: 'requester' }, { patch, data, followUps });
    }
    if (row.status === 'closed') return;

    if (solved === 'not' || (badReview && rng.chance(0.4))) {
      if (row.redo_count >= 2 || !life.advance(rng.between(2, 24) * HOUR)) return;
      const redos = row.redo_count + 1;
      life.act('redo', supervisor, {
        patch: {
          redo_count: redos,
          problem: row.problem,
          replied_at: null,
          reply_text: null,
          reply_solved: null,
          verified_at: null,
          callback_due_at: null,
          callback_met: null,
          rating_due_at: null,
          ...life.handleClock(life.t),
        },
        data: {
          reason: rng.pick(REDO_REASONS),
          redos,
          problem: false,
          previous: { solved: row.solved, satisfaction: row.satisfaction },
        },
      });
      // The second round is done properly: a thorough reply that solves it.
      if (!handleRedo(life, handlerOf(mainDept), replyText)) return;
      verifyAndClose(life, supervisor, mainDept, replyText);
      return;
    }
    if (badReview) {
      if (!life.advance(rng.between(4, 48) * HOUR)) return;
      const kind = rng.weighted([
        ['immediate', 5],
        ['explained', 3],
        ['scheduled', 2],
      ] as const);
      const dueDate = kind === 'scheduled' ? localDay(life.t + 30 * DAY) : undefined;
      life.act('rectify', handlerOf(mainDept), {
        patch: { rectification: kind, rectification_due: dueDate ?? null },
        data: { kind, note: rng.pick(RECTIFY_NOTES), dueDate },
      });
    }
    if (!life.advance(rng.between(1, 30) * HOUR)) return;
    life.act('close_out', supervisor, {
      patch: closePatch(row, life.t),
      data: { auto: false, onTime: !!(row.handle_met ?? 1) },
    });
  }

  function handleRedo(life: ItemLife, handler: Actor, replyText: string): boolean {
    const row = life.row;
    const due = Number(row.handle_due_at);
    if (!life.advance((due - life.t) * rng.between(0.1, 0.8))) return false;
    const met = life.t <= due;
    reply(life, handler, `${replyText}（重办）`, 'solved', met);
    return true;
  }
}

/** The item service's event, with an id from the seeded generator so that the same seed gives the same ledger. */
function seededEvent(id: string, itemId: string, head: { seq: number; hash: string }, input: EventInput): EventTable {
  return chainEvent(itemId, itemId, head, input, id);
}

function closePatch(item: Pick<ItemTable, 'handle_met'>, now: number): Partial<ItemTable> {
  return {
    status: 'closed',
    closed_at: now,
    on_time: item.handle_met ?? 1,
    next_escalation_at: null,
    pending_kind: null,
    pending_data: null,
    pending_by: null,
    pending_at: null,
  };
}
