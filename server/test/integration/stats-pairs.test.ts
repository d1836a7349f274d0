// Two-dimension figures (a district bureau's breakdowns, district + channel, department + category …) are served
// from the pair rollups: after creates, status changes, re-ratings, a redo and across midnight they must equal the
// answer computed from the per-item fact rows, and the replay of the event history (recompute-stats).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFigures } from '../../src/modules/stats/stats.service.ts';
import {
  aggregateFacts,
  computeFigures,
  dayNumberOfIso,
  emptyAggregate,
  type Dimension,
  type FactFilter,
} from '../../src/modules/stats/stats.figures.ts';
import * as repo from '../../src/modules/stats/stats.repository.ts';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

// 23:20 in Shanghai on Monday 30 November 2026: the first items arrive just before midnight.
const START = '2026-11-30T15:20:00.000Z';
const D1 = '2026-11-30';
const D2 = '2026-12-01';

let t: TestContext;
let dispatcher: Session, handler: Session, supervisor: Session, shenhe: Session, lead: Session, handlerTax: Session;
const ids: Record<string, { id: string; trackingCode: string; accessPin: string }> = {};

const act = async (as: Session, id: string, action: string, body: unknown = {}) => {
  const res = await t.call(as, 'POST', `/api/items/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
};
const raise = async (name: string, over: Record<string, unknown> = {}) => {
  const res = await t.call(null, 'POST', '/api/public/items', intakeBody(over));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json();
  return ids[name]!.id;
};
const get = async (as: Session, url: string) => {
  const res = await t.call(as, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const rate = (name: string, payload: Record<string, unknown>) =>
  t
    .call(null, 'POST', '/api/public/track/rate', { code: ids[name]!.trackingCode, pin: ids[name]!.accessPin, payload })
    .then((r) => expect(r.statusCode, r.body).toBe(200));

/** The same question answered from the fact rows (the reference aggregation of stats.figures). */
async function fromFacts(
  dims: Partial<Record<Dimension, string[]>>,
  from: string,
  to: string,
  by: Dimension | 'day' | null,
) {
  const rows = await t.database.db.selectFrom('stats_item').selectAll().execute();
  const filter: FactFilter = { fromDay: dayNumberOfIso(from), toDay: dayNumberOfIso(to), dims };
  const group =
    by === null
      ? () => ''
      : by === 'day'
        ? (_f: unknown, day: number) => String(day)
        : (f: { dims: Record<Dimension, string> }) => f.dims[by];
  return aggregateFacts(rows.map(repo.rowToFact), filter, t.clock.now(), group);
}

const SETTINGS = { countBasicallySatisfied: true };

/** Asserts that a summary or breakdown served by the API equals the fact-row answer, group by group. */
async function expectSameAsFacts(
  as: Session,
  url: string,
  dims: Partial<Record<Dimension, string[]>>,
  by: Dimension | null,
) {
  const body = await get(as, url);
  const ref = await fromFacts(dims, body.period.from, body.period.to, by);
  const diffs: string[] = [];
  if (by === null)
    diffs.push(...compareFigures(url, computeFigures(ref.get('') ?? emptyAggregate(), SETTINGS), body.figures));
  else {
    const served = new Map<string, any>(body.rows.map((r: any) => [r.key ?? '', r.figures]));
    for (const k of new Set([...ref.keys(), ...served.keys()])) {
      diffs.push(
        ...compareFigures(
          `${url} ${k}`,
          computeFigures(ref.get(k) ?? emptyAggregate(), SETTINGS),
          served.get(k) ?? computeFigures(emptyAggregate(), SETTINGS),
        ),
      );
    }
  }
  expect(diffs).toEqual([]);
  return body;
}

/** Every query shape that the pair grains answer, each compared with the fact rows. */
async function expectAllSameAsFacts() {
  const facilities = ['cat-facilities', 'cat-facilities-office', 'cat-facilities-hall', 'cat-facilities-computer'];
  // Single days, the two days, and two months (whole 16-day blocks plus the days around them).
  for (const [from, to] of [
    [D1, D1],
    [D2, D2],
    [D1, D2],
    ['2026-11-01', '2026-12-31'],
  ] as const) {
    const p = `from=${from}&to=${to}`;
    await expectSameAsFacts(
      dispatcher,
      `/api/stats/summary?${p}&districtId=d-210103&channel=web`,
      { district: ['d-210103'], channel: ['web'] },
      null,
    );
    await expectSameAsFacts(
      dispatcher,
      `/api/stats/summary?${p}&districtId=d-210103&channel=mobile`,
      { district: ['d-210103'], channel: ['mobile'] },
      null,
    );
    await expectSameAsFacts(
      dispatcher,
      `/api/stats/breakdown?${p}&by=district&channel=web`,
      { channel: ['web'] },
      'district',
    );
    await expectSameAsFacts(
      dispatcher,
      `/api/stats/breakdown?${p}&by=department&categoryId=cat-facilities`,
      { category: facilities },
      'department',
    );
    // The district bureau: every breakdown is two-dimensional.
    for (const by of ['department', 'channel', 'category', 'type', 'tier', 'centre'] as const) {
      await expectSameAsFacts(shenhe, `/api/stats/breakdown?${p}&by=${by}`, { district: ['d-210103'] }, by);
    }
    await expectSameAsFacts(
      shenhe,
      `/api/stats/summary?${p}&departmentId=dept-scjg`,
      { district: ['d-210103'], department: ['dept-scjg'] },
      null,
    );
    // The department lead, by category and with a type filter.
    await expectSameAsFacts(lead, `/api/stats/breakdown?${p}&by=category`, { department: ['dept-scjg'] }, 'category');
    await expectSameAsFacts(
      lead,
      `/api/stats/summary?${p}&type=complaint`,
      { department: ['dept-scjg'], type: ['complaint'] },
      null,
    );
    await expectSameAsFacts(lead, `/api/stats/breakdown?${p}&by=district`, { department: ['dept-scjg'] }, 'district');
  }
  const series = await get(shenhe, `/api/stats/series?interval=day&from=${D1}&to=${D2}&channel=mobile`);
  for (const point of series.points) {
    const ref = await fromFacts({ district: ['d-210103'], channel: ['mobile'] }, point.start, point.start, null);
    expect(
      compareFigures(`series ${point.start}`, computeFigures(ref.get('') ?? emptyAggregate(), SETTINGS), point.figures),
    ).toEqual([]);
  }
}

/** The pair table itself, grain by grain and value by value, against the fact rows (no planner in between). */
async function expectPairTableSameAsFacts() {
  const rows = (await t.database.db.selectFrom('stats_item').selectAll().execute()).map(repo.rowToFact);
  const diffs: string[] = [];
  const periods = [
    [dayNumberOfIso(D1) - 40, dayNumberOfIso(D2) + 40],
    [dayNumberOfIso(D1), dayNumberOfIso(D1)],
  ] as const;
  for (const [[fromDay, toDay], [a, b]] of periods.flatMap((period) =>
    repo.PAIRS.map((pair) => [period, pair] as const),
  )) {
    const firsts = new Set(rows.map((f) => f.dims[a]));
    for (const k1 of firsts) {
      const ref = aggregateFacts(rows, { fromDay, toDay, dims: { [a]: [k1] } }, 0, (f) => f.dims[b]);
      const served = await repo.readPair(
        t.database.db,
        `${a}:${b}` as repo.PairGrain,
        [k1],
        null,
        fromDay,
        toDay,
        'k2',
      );
      for (const k2 of new Set([...ref.keys(), ...served.keys()])) {
        const x = ref.get(k2) ?? emptyAggregate();
        const y = served.get(k2) ?? emptyAggregate();
        x.overdue = 0; // overdue is counted at query time, never stored
        diffs.push(
          ...compareFigures(`${a}=${k1} ${b}=${k2}`, computeFigures(x, SETTINGS), computeFigures(y, SETTINGS)),
        );
      }
    }
  }
  expect(diffs).toEqual([]);
}

beforeAll(async () => {
  t = await createTestContext({ start: START });
  [dispatcher, handler, supervisor, shenhe, lead, handlerTax] = await Promise.all(
    ['dispatcher', 'handler', 'supervisor', 'dispatcher.shenhe', 'lead', 'handler.tax'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

describe('figures by two dimensions (pair rollups)', () => {
  it('match the fact rows after creates on both sides of midnight', async () => {
    // Before midnight: p (web, accepted and dispatched the same day), q (mobile, accepted after midnight), r rejected.
    const p = await raise('p');
    await act(dispatcher, p, 'accept', { tier: 'general' });
    await act(dispatcher, p, 'dispatch', { mainDepartmentId: 'dept-scjg', coDepartmentIds: [] });
    const q = await raise('q', { channel: 'mobile', categoryId: 'cat-efficiency-queue', type: 'suggestion' });
    const r = await raise('r', { districtId: 'd-210102' });
    await act(dispatcher, r, 'reject', { reason: '不属于受理范围' });
    t.clock.advance(50 * 60_000); // 00:10 on 1 December
    await act(dispatcher, q, 'accept', { tier: 'simple' });
    await act(dispatcher, q, 'dispatch', { mainDepartmentId: 'dept-sw', coDepartmentIds: [] });
    // After midnight: s in another district for the same department, u in the district with a hall category.
    const s = await raise('s', { districtId: 'd-210102' });
    await act(dispatcher, s, 'accept', { tier: 'general' });
    await act(dispatcher, s, 'dispatch', { mainDepartmentId: 'dept-scjg', coDepartmentIds: [] });
    const u = await raise('u', { categoryId: 'cat-facilities-hall', channel: 'mobile' });
    await act(dispatcher, u, 'accept', { tier: 'complex' });
    await act(dispatcher, u, 'dispatch', { mainDepartmentId: 'dept-scjg', coDepartmentIds: [] });

    // q was received on 30 November but accepted on 1 December: each day counts what happened on it.
    const day1 = await get(dispatcher, `/api/stats/summary?from=${D1}&to=${D1}&districtId=d-210103&channel=mobile`);
    expect([day1.figures.received.value, day1.figures.accepted.value]).toEqual([1, 0]);
    const day2 = await get(dispatcher, `/api/stats/summary?from=${D2}&to=${D2}&districtId=d-210103&channel=mobile`);
    expect([day2.figures.received.value, day2.figures.accepted.value]).toEqual([1, 2]); // u received and accepted, q accepted
    const byDept = await get(shenhe, `/api/stats/breakdown?from=${D1}&to=${D2}&by=department`);
    expect(byDept.rows.map((row: any) => [row.key, row.figures.accepted.value])).toEqual([
      ['dept-scjg', 2],
      ['dept-sw', 1],
    ]);
    await expectAllSameAsFacts();
    await expectPairTableSameAsFacts();
  });

  it('follow status changes, a re-rating and a redo', async () => {
    const [p, q, s] = [ids.p!.id, ids.q!.id, ids.s!.id];
    await act(handler, p, 'sign');
    await act(handler, s, 'sign');
    await act(handlerTax, q, 'sign');
    t.clock.advance(3 * 3600_000);
    await act(handler, p, 'reply', { reply: '已配置复印机一台。' });
    await act(handlerTax, q, 'reply', { reply: '已增加叫号窗口。' });
    await rate('p', { contacted: true, solved: 'partly', satisfaction: 'dissatisfied' });
    await rate('q', { contacted: true, solved: 'solved', satisfaction: 'very_satisfied' });
    const bad = await get(shenhe, `/api/stats/summary?from=${D1}&to=${D2}&departmentId=dept-scjg`);
    expect(bad.figures.badReviews.value).toBe(1);
    await expectAllSameAsFacts();

    // The supervisor sends p back (redo); it is replied again, re-rated by callback, and closed out.
    await act(supervisor, p, 'redo', { reason: '复印机缺纸' });
    t.clock.advance(3600_000);
    await act(handler, p, 'reply', { reply: '已安排每日巡检补纸。' });
    await act(supervisor, p, 'callback', { contacted: true, solved: 'solved', satisfaction: 'satisfied' });
    await act(supervisor, p, 'close_out');
    const after = await get(shenhe, `/api/stats/summary?from=${D1}&to=${D2}&departmentId=dept-scjg`);
    expect(after.figures.badReviews.value).toBe(0);
    expect(after.figures.redoRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(after.figures.closed.value).toBe(1);
    // s is returned by the department: the district's row for it leaves dept-scjg.
    await act(handler, s, 'return', { reason: '不属于本部门职责' });
    const lead2 = await get(lead, `/api/stats/breakdown?from=${D1}&to=${D2}&by=district`);
    expect(lead2.rows.map((row: any) => [row.key, row.figures.accepted.value])).toEqual([['d-210103', 2]]);
    await expectAllSameAsFacts();
    await expectPairTableSameAsFacts();
  });

  it('agree with the replay of the event history, pair by pair', async () => {
    const r = await t.services.stats.recompute({ from: D1, to: D2 });
    expect(r.diffs).toEqual([]);
    expect(r.agree).toBe(true);
  });

  it('are rebuilt from the facts to the same numbers', async () => {
    const before = await get(shenhe, `/api/stats/breakdown?from=${D1}&to=${D2}&by=channel`);
    await t.services.stats.rebuild();
    const after = await get(shenhe, `/api/stats/breakdown?from=${D1}&to=${D2}&by=channel`);
    expect(after.rows).toEqual(before.rows);
    await expectPairTableSameAsFacts();
  });
});
