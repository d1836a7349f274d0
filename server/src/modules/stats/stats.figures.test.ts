// The pure figures: attribution to submission and acceptance days, rates with their parts, the histogram percentiles.
import { describe, expect, it } from 'vitest';
import {
  aggregateFacts,
  computeFigures,
  emptyAggregate,
  hoursBucket,
  HOUR_EDGES,
  toFact,
  type FactInput,
} from './stats.figures.ts';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.parse('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
const elapsed = (a: number, b: number) => b - a;

function input(over: Partial<FactInput> = {}): FactInput {
  return {
    id: 'x',
    submittedAt: T0,
    acceptedAt: T0 + H,
    dims: {
      district: 'd1',
      department: 'dept',
      centre: null,
      window: null,
      channel: 'web',
      category: 'c',
      type: 'complaint',
      tier: 'general',
    },
    status: 'closed',
    rejected: false,
    closedAt: T0 + 3 * DAY,
    onTime: true,
    parked: false,
    extended: false,
    dispatched: true,
    returned: false,
    redone: false,
    satisfaction: 'satisfied',
    excluded: false,
    contacted: true,
    solved: 'solved',
    badReview: false,
    rectified: false,
    repliedAt: T0 + H + 10 * H,
    handleDueAt: null,
    ...over,
  };
}

describe('figures from facts', () => {
  it('buckets handling time by the upper edge: hourly to a day, then 6-hourly, then daily', () => {
    expect(HOUR_EDGES[hoursBucket(0)]).toBe(1);
    expect(HOUR_EDGES[hoursBucket(H)]).toBe(1);
    expect(HOUR_EDGES[hoursBucket(H + 1)]).toBe(2);
    expect(HOUR_EDGES[hoursBucket(25 * H)]).toBe(30);
    expect(HOUR_EDGES[hoursBucket(241 * H)]).toBe(264);
    expect(hoursBucket(10_000 * H)).toBe(HOUR_EDGES.length);
  });

  it('counts received and rejected by submission day, the rest by acceptance day', () => {
    const late = toFact(input({ id: 'late', submittedAt: T0 - 2 * DAY, acceptedAt: T0 }), elapsed);
    const rejected = toFact(
      input({
        id: 'rej',
        acceptedAt: null,
        rejected: true,
        status: 'rejected',
        closedAt: null,
        satisfaction: null,
        repliedAt: null,
      }),
      elapsed,
    );
    const day = Math.floor((T0 + 8 * H) / DAY);
    const a = aggregateFacts([late, rejected], { fromDay: day, toDay: day, dims: {} }, T0).get('')!;
    expect(a.counters.received).toBe(1);
    expect(a.counters.rejected).toBe(1);
    expect(a.counters.accepted).toBe(1);
  });

  it('computes every rate from its numerator and denominator, and the setting decides 基本满意', () => {
    const facts = [
      toFact(input({ id: 'a' }), elapsed),
      toFact(input({ id: 'b', satisfaction: 'basically_satisfied', contacted: false }), elapsed),
      toFact(
        input({
          id: 'c',
          satisfaction: 'very_dissatisfied',
          rectified: true,
          solved: 'not',
          status: 'verified',
          closedAt: null,
          onTime: null,
        }),
        elapsed,
      ),
      toFact(
        input({
          id: 'd',
          satisfaction: 'dissatisfied',
          excluded: true,
          status: 'parked',
          parked: true,
          closedAt: null,
        }),
        elapsed,
      ),
    ];
    const day = Math.floor((T0 + H + 8 * H) / DAY);
    const agg = aggregateFacts(facts, { fromDay: day, toDay: day, dims: {} }, T0).get('')!;
    const on = computeFigures(agg, { countBasicallySatisfied: true });
    expect(on.closureRate).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(on.satisfactionRate).toMatchObject({
      numerator: 2,
      denominator: 3,
      setting: { countBasicallySatisfied: true },
    });
    expect(on.responseRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(on.badReviews.value).toBe(1); // d's rating was voided by an upheld appeal
    expect(on.rectificationRate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(on.parked.value).toBe(1);
    expect(on.handlingHoursP50).toMatchObject({ value: 10, numerator: 4, denominator: 4 });
    const off = computeFigures(agg, { countBasicallySatisfied: false });
    expect(off.satisfactionRate).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('answers null rather than dividing by zero, and nearest-rank percentiles', () => {
    const f = computeFigures(emptyAggregate(), { countBasicallySatisfied: true });
    expect(f.closureRate).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(f.handlingHoursP90.value).toBeNull();
    const a = emptyAggregate();
    for (const [b, n] of [
      [0, 5],
      [9, 4],
      [30, 1],
    ] as const)
      a.hist.set(b, n);
    const g = computeFigures(a, { countBasicallySatisfied: true });
    expect(g.handlingHoursP50).toMatchObject({ value: 1, numerator: 5, denominator: 10 });
    expect(g.handlingHoursP90).toMatchObject({ value: 10, numerator: 9 });
  });

  it('filters by dimension values and counts overdue open items at the given moment', () => {
    const open = toFact(
      input({ id: 'o', status: 'in_progress', closedAt: null, repliedAt: null, handleDueAt: T0 + 2 * DAY }),
      elapsed,
    );
    const day = Math.floor((T0 + H + 8 * H) / DAY);
    const filter = { fromDay: day, toDay: day, dims: { district: ['d1'] } };
    expect(aggregateFacts([open], filter, T0 + DAY).get('')!.overdue).toBe(0);
    expect(aggregateFacts([open], filter, T0 + 3 * DAY).get('')!.overdue).toBe(1);
    expect(aggregateFacts([open], { ...filter, dims: { district: ['d2'] } }, T0 + 3 * DAY).size).toBe(0);
  });
});
