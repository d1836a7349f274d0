// The figures of SPEC §2.5 as pure code: per-item facts → additive counters → figures with their definitions.
// The API (from rollups), the projection and the event replay all end in the same `computeFigures`.
import { BAD_REVIEW, type Satisfaction } from '@tingquan/common';

/** Dimensions an item is counted under; each is a filter, a breakdown and a rollup grain. */
export const DIMENSIONS = [
  'district',
  'department',
  'centre',
  'window',
  'channel',
  'category',
  'type',
  'tier',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Counted by submission day (received, rejected) … */
export const SUB_COUNTERS = ['received', 'rejected'] as const;
/** … and by acceptance day (the cohort of every other figure). */
export const ACC_COUNTERS = [
  'accepted',
  'closed',
  'closed_timed',
  'closed_on_time',
  'parked',
  'extended',
  'dispatched',
  'returned',
  'redone',
  'rated',
  'contacted',
  'solved',
  'sat_very',
  'sat_ok',
  'sat_basic',
  'sat_bad',
  'sat_very_bad',
  'bad_review',
  'rectified',
  'handled',
] as const;
export const COUNTERS = [...SUB_COUNTERS, ...ACC_COUNTERS] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export const SATISFACTION_COUNTER: Record<Satisfaction, Counter> = {
  very_satisfied: 'sat_very',
  satisfied: 'sat_ok',
  basically_satisfied: 'sat_basic',
  dissatisfied: 'sat_bad',
  very_dissatisfied: 'sat_very_bad',
};

/** Upper edges (working hours) of the handling-time histogram: hourly to a day, 6-hourly to 10 days, daily to 30. */
export const HOUR_EDGES: readonly number[] = [
  ...Array.from({ length: 24 }, (_, i) => i + 1),
  ...Array.from({ length: 36 }, (_, i) => 30 + i * 6),
  ...Array.from({ length: 20 }, (_, i) => 264 + i * 24),
];
export const LAST_BUCKET = HOUR_EDGES.length; // overflow: longer than the last edge

export function hoursBucket(workingMs: number): number {
  const h = workingMs / 3_600_000;
  for (let i = 0; i < HOUR_EDGES.length; i++) if (h <= HOUR_EDGES[i]!) return i;
  return LAST_BUCKET;
}
const bucketValue = (b: number) => HOUR_EDGES[Math.min(b, HOUR_EDGES.length - 1)]!;

/** One item as the figures see it, built either from the projection or by replaying its events. */
export interface ItemFact {
  id: string;
  /** City-local day numbers (days since 1970-01-01 in Asia/Shanghai). */
  subDay: number;
  accDay: number | null;
  dims: Record<Dimension, string>;
  counters: Counters;
  /** Handling-time bucket (acceptance → latest reply, working hours), null before a reply. */
  bucket: number | null;
  /** The handling deadline while the item is dispatched or in progress, else null. */
  openDueAt: number | null;
}

export interface FactInput {
  id: string;
  submittedAt: number;
  acceptedAt: number | null;
  dims: Record<Dimension, string | null>;
  status: string;
  rejected: boolean;
  closedAt: number | null;
  onTime: boolean | null;
  parked: boolean;
  extended: boolean;
  dispatched: boolean;
  returned: boolean;
  redone: boolean;
  satisfaction: string | null;
  excluded: boolean;
  contacted: boolean;
  solved: string | null;
  badReview: boolean;
  rectified: boolean;
  repliedAt: number | null;
  handleDueAt: number | null;
}

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;
export const dayNumber = (ms: number) => Math.floor((ms + OFFSET_MS) / DAY_MS);
export const dayNumberOfIso = (day: string) => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
export const isoOfDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** The one place where an item's state becomes counts: both fact builders go through here. */
export function toFact(f: FactInput, workingMs: (a: number, b: number) => number): ItemFact {
  const c = zeroCounters();
  c.received = 1;
  c.rejected = f.rejected ? 1 : 0;
  const accepted = f.acceptedAt !== null;
  let bucket: number | null = null;
  if (accepted) {
    c.accepted = 1;
    const closed = f.closedAt !== null && (f.status === 'closed' || f.status === 'merged');
    c.closed = closed ? 1 : 0;
    c.closed_timed = closed && f.onTime !== null && f.status === 'closed' ? 1 : 0;
    c.closed_on_time = c.closed_timed && f.onTime ? 1 : 0;
    c.parked = f.parked ? 1 : 0;
    c.extended = f.extended ? 1 : 0;
    c.dispatched = f.dispatched ? 1 : 0;
    c.returned = f.returned ? 1 : 0;
    c.redone = f.redone ? 1 : 0;
    if (f.satisfaction && !f.excluded) {
      c.rated = 1;
      c.contacted = f.contacted ? 1 : 0;
      c.solved = f.solved === 'solved' ? 1 : 0;
      const sc = SATISFACTION_COUNTER[f.satisfaction as Satisfaction];
      if (sc) c[sc] = 1;
      c.bad_review = f.badReview || BAD_REVIEW.includes(f.satisfaction as Satisfaction) ? 1 : 0;
      c.rectified = c.bad_review && f.rectified ? 1 : 0;
    }
    if (f.repliedAt !== null) {
      bucket = hoursBucket(Math.max(0, workingMs(f.acceptedAt!, f.repliedAt)));
      c.handled = 1;
    }
  }
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, f.dims[d] ?? ''])) as Record<Dimension, string>;
  return {
    id: f.id,
    subDay: dayNumber(f.submittedAt),
    accDay: accepted ? dayNumber(f.acceptedAt!) : null,
    dims,
    counters: c,
    bucket,
    openDueAt: accepted && (f.status === 'dispatched' || f.status === 'in_progress') ? f.handleDueAt : null,
  };
}

/** Filters of a figures query, already scoped to the reader; `category` may list a parent with its children. */
export interface FactFilter {
  fromDay: number;
  toDay: number;
  dims: Partial<Record<Dimension, string[]>>;
}

/** Everything the figures need for one group: counters, handling-time histogram, overdue count. */
export interface Aggregate {
  counters: Counters;
  hist: Map<number, number>;
  overdue: number;
}
export const emptyAggregate = (): Aggregate => ({ counters: zeroCounters(), hist: new Map(), overdue: 0 });

export function addAggregate(into: Aggregate, from: Aggregate) {
  for (const c of COUNTERS) into.counters[c] += from.counters[c];
  for (const [b, n] of from.hist) into.hist.set(b, (into.hist.get(b) ?? 0) + n);
  into.overdue += from.overdue;
}

/**
 * The reference aggregation over facts, grouped by `group(fact, day)` (a dimension value, a day, or one group).
 * Same attribution as the rollups: received/rejected to the submission day, the rest to the acceptance day.
 */
export function aggregateFacts(
  facts: Iterable<ItemFact>,
  filter: FactFilter,
  now: number,
  group: (f: ItemFact, day: number) => string = () => '',
): Map<string, Aggregate> {
  const out = new Map<string, Aggregate>();
  const get = (k: string) => {
    let a = out.get(k);
    if (!a) out.set(k, (a = emptyAggregate()));
    return a;
  };
  const within = (d: number | null) => d !== null && d >= filter.fromDay && d <= filter.toDay;
  for (const f of facts) {
    let ok = true;
    for (const [dim, values] of Object.entries(filter.dims) as [Dimension, string[]][]) {
      if (!values.includes(f.dims[dim])) ok = false;
    }
    if (!ok) continue;
    if (within(f.subDay)) {
      const a = get(group(f, f.subDay));
      for (const c of SUB_COUNTERS) a.counters[c] += f.counters[c];
    }
    if (within(f.accDay)) {
      const a = get(group(f, f.accDay!));
      for (const c of ACC_COUNTERS) a.counters[c] += f.counters[c];
      if (f.bucket !== null) a.hist.set(f.bucket, (a.hist.get(f.bucket) ?? 0) + 1);
      if (f.openDueAt !== null && f.openDueAt < now) a.overdue += 1;
    }
  }
  return out;
}

export interface FigureSettings {
  countBasicallySatisfied: boolean;
}

export interface Figure {
  key: FigureKey;
  unit: 'count' | 'ratio' | 'hours';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  definition: { 'zh-CN': string; 'en-US': string };
  setting?: { countBasicallySatisfied: boolean };
}

export const FIGURE_KEYS = [
  'received',
  'accepted',
  'rejected',
  'closed',
  'closureRate',
  'onTimeClosureRate',
  'overdueOpen',
  'parked',
  'extended',
  'returnRate',
  'redoRate',
  'responseRate',
  'solutionRate',
  'satisfactionRate',
  'badReviews',
  'rectificationRate',
  'handlingHoursP50',
  'handlingHoursP90',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const COHORT_ZH = '统计期内受理（按受理日期）';
const COHORT_EN = 'accepted in the period (by acceptance date)';
const RATED_ZH = '有效评价件数（最近一次评价或回访，未经申诉复核或不合理诉求认定排除）';
const RATED_EN =
  'items with a valid verification (the latest rating or callback, not voided by an upheld appeal or an approved unreasonable-demand exclusion)';

export const DEFINITIONS: Record<FigureKey, { 'zh-CN': string; 'en-US': string }> = {
  received: {
    'zh-CN': '收到诉求数：统计期内提交或登记的诉求件数（按提交日期，各渠道合计）。',
    'en-US': 'Received: items submitted or registered in the period (by submission date, all channels).',
  },
  accepted: {
    'zh-CN': `受理数：${COHORT_ZH}的件数，含当场办结。`,
    'en-US': `Accepted: items ${COHORT_EN}, including those resolved on the spot.`,
  },
  rejected: {
    'zh-CN': '不予受理数：统计期内提交（按提交日期）且不予受理的件数。',
    'en-US': 'Rejected: items submitted in the period (by submission date) that were not accepted (不予受理).',
  },
  closed: {
    'zh-CN': `办结销号数：${COHORT_ZH}且现已销号的件数；并单件随主件办结计入；挂账、延期未销号的不计。`,
    'en-US': `Closed: items ${COHORT_EN} that are now closed out (销号); merged items closed with their primary count; parked or extended items not yet closed do not.`,
  },
  closureRate: {
    'zh-CN': '办结率 = 办结销号数 ÷ 受理数（同一受理期）。',
    'en-US': 'Closure rate = closed ÷ accepted (same acceptance cohort).',
  },
  onTimeClosureRate: {
    'zh-CN': '按期办结率 = 在办理时限内答复并已销号的件数 ÷ 已销号且有时限记录的件数（不含随主件办结的并单件）。',
    'en-US':
      'On-time closure rate = closed items replied within their handling deadline ÷ closed items with a deadline record (merged items closed with their primary excluded).',
  },
  overdueOpen: {
    'zh-CN': `当前超期件数：${COHORT_ZH}、现处于已交办或办理中且已超过办理时限的件数（按查询时刻）。`,
    'en-US': `Overdue open items now: items ${COHORT_EN} that are dispatched or in progress and past their handling deadline at the time of the query.`,
  },
  parked: {
    'zh-CN': `挂账数：${COHORT_ZH}、现处于挂账状态的件数（不计入办结）。`,
    'en-US': `Parked: items ${COHORT_EN} that are parked (挂账) now; never counted as closed.`,
  },
  extended: {
    'zh-CN': `延期数：${COHORT_ZH}、办理时限经批准延长过的件数。`,
    'en-US': `Extended: items ${COHORT_EN} whose handling deadline was extended with approval.`,
  },
  returnRate: {
    'zh-CN': '退单率 = 至少被退单一次的件数 ÷ 已交办件数（同一受理期）。',
    'en-US': 'Return rate = items returned (退单) at least once ÷ items dispatched (same acceptance cohort).',
  },
  redoRate: {
    'zh-CN': '重办率 = 至少重办一次的件数 ÷ 受理数（同一受理期）。',
    'en-US': 'Redo rate = items redone (重办) at least once ÷ accepted (same acceptance cohort).',
  },
  responseRate: {
    'zh-CN': `响应率 = 回答"已联系"的件数 ÷ ${RATED_ZH}。`,
    'en-US': `Response rate = items whose verification says the requester was contacted ÷ ${RATED_EN}.`,
  },
  solutionRate: {
    'zh-CN': `解决率 = 回答"已解决"的件数 ÷ ${RATED_ZH}。`,
    'en-US': `Solution rate = items whose verification says solved ÷ ${RATED_EN}.`,
  },
  satisfactionRate: {
    'zh-CN': `满意率 = 评价为非常满意、满意（按设置 stats.countBasicallySatisfied 含或不含基本满意）的件数 ÷ ${RATED_ZH}。`,
    'en-US': `Satisfaction rate = items rated very satisfied or satisfied (and basically satisfied when the setting stats.countBasicallySatisfied is on) ÷ ${RATED_EN}.`,
  },
  badReviews: {
    'zh-CN': `差评数：${COHORT_ZH}、有效评价为不满意或非常不满意的件数。`,
    'en-US': `Bad reviews: items ${COHORT_EN} whose valid verification is dissatisfied or very dissatisfied.`,
  },
  rectificationRate: {
    'zh-CN': '差评整改率 = 已整改（立行立改、限期整改或说明无依据）的差评件数 ÷ 差评件数。',
    'en-US':
      'Bad-review rectification rate = bad reviews rectified (immediately, on a schedule, or explained as unfounded) ÷ bad reviews.',
  },
  handlingHoursP50: {
    'zh-CN': `办理用时中位数：${COHORT_ZH}并已答复的件数中，从受理到最近一次答复的工作时长（小时，按工作日历）的中位数，取所在分档上限（1小时至24小时按小时、至240小时按6小时、至720小时按24小时分档）；分子为不超过该值的件数，分母为已答复件数。`,
    'en-US': `Median handling time: among items ${COHORT_EN} that have a reply, the median working time from acceptance to the latest reply (hours, by the working-day calendar), reported as the upper edge of its histogram bucket (hourly to 24 h, 6-hourly to 240 h, daily to 720 h); numerator = items at or below the value, denominator = items with a reply.`,
  },
  handlingHoursP90: {
    'zh-CN': `办理用时90分位：同中位数的口径，取第90百分位（最近秩法）。`,
    'en-US': 'Handling time, 90th percentile: as the median, at the 90th percentile (nearest rank).',
  },
};

function ratio(key: FigureKey, num: number, den: number): Figure {
  return {
    key,
    unit: 'ratio',
    value: den > 0 ? num / den : null,
    numerator: num,
    denominator: den,
    definition: DEFINITIONS[key],
  };
}
function count(key: FigureKey, n: number): Figure {
  return { key, unit: 'count', value: n, numerator: n, denominator: null, definition: DEFINITIONS[key] };
}
function percentile(key: FigureKey, hist: Map<number, number>, p: number): Figure {
  const total = [...hist.values()].reduce((a, b) => a + b, 0);
  const base = { key, unit: 'hours' as const, definition: DEFINITIONS[key], denominator: total };
  if (!total) return { ...base, value: null, numerator: 0 };
  const rank = Math.ceil(p * total);
  let cum = 0;
  for (const b of [...hist.keys()].sort((x, y) => x - y)) {
    cum += hist.get(b)!;
    if (cum >= rank) return { ...base, value: bucketValue(b), numerator: cum };
  }
  return { ...base, value: null, numerator: total };
}

export type Figures = Record<FigureKey, Figure>;

export function computeFigures(a: Aggregate, settings: FigureSettings): Figures {
  const c = a.counters;
  const satisfied = c.sat_very + c.sat_ok + (settings.countBasicallySatisfied ? c.sat_basic : 0);
  return {
    received: count('received', c.received),
    accepted: count('accepted', c.accepted),
    rejected: count('rejected', c.rejected),
    closed: count('closed', c.closed),
    closureRate: ratio('closureRate', c.closed, c.accepted),
    onTimeClosureRate: ratio('onTimeClosureRate', c.closed_on_time, c.closed_timed),
    overdueOpen: count('overdueOpen', a.overdue),
    parked: count('parked', c.parked),
    extended: count('extended', c.extended),
    returnRate: ratio('returnRate', c.returned, c.dispatched),
    redoRate: ratio('redoRate', c.redone, c.accepted),
    responseRate: ratio('responseRate', c.contacted, c.rated),
    solutionRate: ratio('solutionRate', c.solved, c.rated),
    satisfactionRate: {
      ...ratio('satisfactionRate', satisfied, c.rated),
      setting: { countBasicallySatisfied: settings.countBasicallySatisfied },
    },
    badReviews: count('badReviews', c.bad_review),
    rectificationRate: ratio('rectificationRate', c.rectified, c.bad_review),
    handlingHoursP50: percentile('handlingHoursP50', a.hist, 0.5),
    handlingHoursP90: percentile('handlingHoursP90', a.hist, 0.9),
  };
}
