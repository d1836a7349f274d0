// The two ways to know an item's facts: read its projection row, or replay its hash-chained events in seq order.
// `recompute-stats` compares the figures from the replay with those the API serves from the rollups.
import { BAD_REVIEW, type Satisfaction, type Tier } from '@tingquan/common';
import type { ItemTable } from '../../db/schema.ts';
import type { Deadlines } from '../deadlines/deadline.service.ts';
import { toFact, type FactInput, type ItemFact } from './stats.figures.ts';

export type WorkingMs = (a: number, b: number) => number;

/** Projection columns the facts need (the refresh selects only these). */
export const FACT_COLUMNS = [
  'id',
  'version',
  'updated_at',
  'submitted_at',
  'accepted_at',
  'rejected_at',
  'closed_at',
  'replied_at',
  'handle_due_at',
  'district_id',
  'main_department_id',
  'centre_id',
  'window_id',
  'channel',
  'category_id',
  'type',
  'tier',
  'status',
  'on_time',
  'parked',
  'extended',
  'dispatch_count',
  'return_count',
  'redo_count',
  'satisfaction',
  'excluded',
  'contacted',
  'solved',
  'bad_review',
  'rectification',
] as const;
export type FactRow = Pick<ItemTable, (typeof FACT_COLUMNS)[number]>;

const num = (v: number | null) => (v === null ? null : Number(v));

export function factFromRow(r: FactRow, workingMs: WorkingMs): ItemFact {
  return toFact(
    {
      id: r.id,
      submittedAt: Number(r.submitted_at),
      acceptedAt: num(r.accepted_at),
      dims: {
        district: r.district_id,
        department: r.main_department_id,
        centre: r.centre_id,
        window: r.window_id,
        channel: r.channel,
        category: r.category_id,
        type: r.type,
        tier: r.tier,
      },
      status: r.status,
      rejected: r.rejected_at !== null,
      closedAt: num(r.closed_at),
      onTime: r.on_time === null ? null : !!r.on_time,
      parked: !!r.parked,
      extended: !!r.extended,
      dispatched: Number(r.dispatch_count) > 0,
      returned: Number(r.return_count) > 0,
      redone: Number(r.redo_count) > 0,
      satisfaction: r.satisfaction,
      excluded: !!r.excluded,
      contacted: !!r.contacted,
      solved: r.solved,
      badReview: !!r.bad_review,
      rectified: r.rectification !== null,
      repliedAt: num(r.replied_at),
      handleDueAt: num(r.handle_due_at),
    },
    workingMs,
  );
}

export interface ReplayEvent {
  action: string;
  at: number;
  data: string;
}

/** Statuses an action leads to, as in common/lifecycle ACTION_RULES (the replay must not depend on who acted). */
const TO_STATUS: Record<string, string> = {
  accept: 'accepted',
  reject: 'rejected',
  resolve_on_spot: 'replied',
  dispatch: 'dispatched',
  return: 'accepted',
  resume: 'in_progress',
  reply: 'replied',
  rate: 'verified',
  callback: 'verified',
  default_rating: 'verified',
  redo: 'in_progress',
  close_out: 'closed',
  merge: 'merged',
};

/**
 * Folds one item's events (seq order) into its facts. Deadlines are recomputed with the current SLA snapshot,
 * exactly as the use cases computed them (they only matter for "overdue now").
 */
export function factFromEvents(itemId: string, events: ReplayEvent[], dl: Deadlines): ItemFact | null {
  const first = events[0];
  if (!first || first.action !== 'submit') return null;
  const s0 = JSON.parse(first.data) as Record<string, any>;
  const st = {
    status: 'submitted',
    submittedAt: Number(s0.submittedAt ?? first.at),
    acceptedAt: null as number | null,
    rejected: false,
    district: (s0.districtId ?? null) as string | null,
    department: null as string | null,
    centre: (s0.centreId ?? null) as string | null,
    window: (s0.windowId ?? null) as string | null,
    channel: String(s0.channel),
    category: String(s0.categoryId),
    type: String(s0.type),
    tier: String(s0.tier ?? 'general'),
    urgent: !!s0.urgent,
    closedAt: null as number | null,
    onTime: null as boolean | null,
    parked: false,
    extended: false,
    dispatches: 0,
    returns: 0,
    redos: 0,
    contactedAt: null as number | null,
    satisfaction: null as string | null,
    excluded: false,
    contacted: false,
    solved: null as string | null,
    badReview: false,
    rectified: false,
    repliedAt: null as number | null,
    handleStart: null as number | null,
    handleDue: null as number | null,
  };
  const scope = () => ({ tier: st.tier as Tier, urgent: st.urgent, type: st.type, categoryId: st.category });
  const restartClock = (at: number) => {
    st.handleStart = at;
    st.handleDue = dl.due('handle', at, scope());
  };
  const verification = (d: Record<string, any>, contacted: boolean) => {
    st.contacted = contacted;
    st.solved = d.solved ?? null;
    st.satisfaction = d.satisfaction ?? null;
    st.badReview = BAD_REVIEW.includes(d.satisfaction as Satisfaction);
  };
  for (const e of events.slice(1)) {
    const d = JSON.parse(e.data) as Record<string, any>;
    const at = Number(e.at);
    let to: string | undefined = TO_STATUS[e.action];
    switch (e.action) {
      case 'accept':
        st.acceptedAt = at;
        if (d.tier) st.tier = d.tier;
        break;
      case 'reject':
        st.rejected = true;
        break;
      case 'triage':
        st.tier = d.tier;
        if (st.handleStart !== null && st.status !== 'accepted')
          st.handleDue = dl.due('handle', st.handleStart, scope());
        break;
      case 'resolve_on_spot':
        st.acceptedAt ??= at;
        st.tier = d.tier ?? 'simple';
        st.repliedAt = at;
        st.handleStart = at;
        st.handleDue = at;
        break;
      case 'dispatch':
        st.department = d.mainDepartmentId;
        if (d.tier) st.tier = d.tier;
        st.dispatches += 1;
        restartClock(at);
        break;
      case 'sign':
        if (d.role !== 'co') to = 'in_progress';
        break;
      case 'return':
        st.returns += 1;
        st.department = null;
        st.handleStart = null;
        st.handleDue = null;
        break;
      case 'contact':
        st.contactedAt ??= at;
        break;
      case 'decide_extension':
        if (d.approve && st.handleDue !== null) {
          st.handleDue = dl.addWorkingDays(st.handleDue, Number(d.days));
          st.extended = true;
        }
        break;
      case 'decide_park':
        if (d.approve) {
          to = 'parked';
          st.parked = true;
        }
        break;
      case 'resume':
        st.parked = false;
        restartClock(at);
        break;
      case 'reply':
        st.repliedAt = at;
        break;
      case 'rate':
      case 'callback':
        if (d.reached === false) {
          to = undefined;
          break;
        }
        verification(d, !!d.contacted);
        st.rectified = false;
        st.excluded = false;
        break;
      case 'default_rating':
        verification(d, st.contactedAt !== null);
        break;
      case 'rectify':
        st.rectified = true;
        break;
      case 'decide_appeal':
        if (d.approve && d.by === 'department') st.excluded = true;
        if (d.approve && d.by === 'requester') st.excluded = false;
        break;
      case 'decide_unreasonable':
        if (d.approve) st.excluded = true;
        break;
      case 'redo':
        st.redos += 1;
        st.repliedAt = null;
        restartClock(at);
        break;
      case 'close_out':
        st.closedAt = at;
        st.onTime = d.onTime === undefined ? null : !!d.onTime;
        break;
      case 'close_with_primary':
        st.closedAt = at;
        break;
      case 'spot_check':
        if (d.falseClosure) {
          to = 'in_progress';
          st.closedAt = null;
          restartClock(at);
        }
        break;
    }
    if (to) st.status = to;
  }
  const input: FactInput = {
    id: itemId,
    submittedAt: st.submittedAt,
    acceptedAt: st.acceptedAt,
    dims: {
      district: st.district,
      department: st.department,
      centre: st.centre,
      window: st.window,
      channel: st.channel,
      category: st.category,
      type: st.type,
      tier: st.tier,
    },
    status: st.status,
    rejected: st.rejected,
    closedAt: st.closedAt,
    onTime: st.onTime,
    parked: st.parked,
    extended: st.extended,
    dispatched: st.dispatches > 0,
    returned: st.returns > 0,
    redone: st.redos > 0,
    satisfaction: st.satisfaction,
    excluded: st.excluded,
    contacted: st.contacted,
    solved: st.solved,
    badReview: st.badReview,
    rectified: st.rectified,
    repliedAt: st.repliedAt,
    handleDueAt: st.handleDue,
  };
  return toFact(input, (a, b) => dl.calendar.workingMsBetween(new Date(a), new Date(b)));
}
