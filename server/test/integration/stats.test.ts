// Figures through /api/stats on items raised and worked through the real HTTP API; the replay of the event
// history (recompute-stats) must agree with what the API serves, before and after further changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
let dispatcher: Session,
  handler: Session,
  supervisor: Session,
  shenhe: Session,
  lead: Session,
  handlerTax: Session,
  admin: Session;
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
const figure = (body: any, key: string) =>
  body.figures[key] as { value: number | null; numerator: number | null; denominator: number | null };

async function acceptDispatchSign(id: string, dept = 'dept-scjg') {
  await act(dispatcher, id, 'accept', { tier: 'general' });
  await act(dispatcher, id, 'dispatch', { mainDepartmentId: dept, coDepartmentIds: [] });
  await act(dept === 'dept-sw' ? handlerTax : handler, id, 'sign');
}

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handler, supervisor, shenhe, lead, handlerTax, admin] = await Promise.all(
    ['dispatcher', 'handler', 'supervisor', 'dispatcher.shenhe', 'lead', 'handler.tax', 'admin'].map((u) => t.login(u)),
  );
  // a: the full path with a bad review, a redo, a callback and close-out.
  const a = await raise('a');
  await acceptDispatchSign(a);
  t.clock.advance(2 * 3600_000);
  await act(handler, a, 'reply', { reply: '已配置复印机一台。' });
  await t.call(null, 'POST', '/api/public/track/rate', {
    code: ids.a!.trackingCode,
    pin: ids.a!.accessPin,
    payload: { contacted: true, solved: 'partly', satisfaction: 'dissatisfied' },
  });
  await act(supervisor, a, 'redo', { reason: '复印机缺纸' });
  t.clock.advance(3600_000);
  await act(handler, a, 'reply', { reply: '已安排每日巡检补纸。' });
  await act(supervisor, a, 'callback', { contacted: true, solved: 'solved', satisfaction: 'satisfied' });
  await act(supervisor, a, 'close_out');
  // b: rejected. c: returned once, then redispatched to the tax bureau and left open (becomes overdue later).
  const b = await raise('b', { districtId: 'd-210102' });
  await act(dispatcher, b, 'reject', { reason: '不属于受理范围' });
  const c = await raise('c', { categoryId: 'cat-efficiency-queue' });
  await act(dispatcher, c, 'accept', { tier: 'general' });
  await act(dispatcher, c, 'dispatch', { mainDepartmentId: 'dept-scjg', coDepartmentIds: [] });
  await act(handler, c, 'return', { reason: '不属于本部门职责' });
  await act(dispatcher, c, 'dispatch', { mainDepartmentId: 'dept-sw', coDepartmentIds: [] });
  await act(handlerTax, c, 'sign');
  // d: extended, then parked. e: a basically-satisfied rating, closed. f: submitted only.
  const d = await raise('d', { districtId: 'd-210102' });
  await acceptDispatchSign(d);
  await act(handler, d, 'request_extension', { days: 2, reason: '需要协调' });
  await act(supervisor, d, 'decide_extension', { approve: true });
  await act(handler, d, 'request_park', { reason: '等待上级政策' });
  await act(supervisor, d, 'decide_park', { approve: true });
  const e = await raise('e');
  await acceptDispatchSign(e);
  await act(handler, e, 'reply', { reply: '已处理完毕，请评价。' });
  await act(supervisor, e, 'callback', { contacted: false, solved: 'solved', satisfaction: 'basically_satisfied' });
  await act(supervisor, e, 'close_out');
  await raise('f');
});
afterAll(() => t?.close());

describe('figures through /api/stats', () => {
  it('counts the city summary with exact numerators, denominators and definitions', async () => {
    const s = await get(dispatcher, '/api/stats/summary');
    expect(s.scope.kind).toBe('city');
    expect(figure(s, 'received').value).toBe(6);
    expect(figure(s, 'rejected').value).toBe(1);
    expect(figure(s, 'accepted').value).toBe(4);
    expect(figure(s, 'closed').value).toBe(2);
    expect(figure(s, 'closureRate')).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(figure(s, 'parked').value).toBe(1);
    expect(figure(s, 'extended').value).toBe(1);
    expect(figure(s, 'returnRate')).toMatchObject({ numerator: 1, denominator: 4 });
    expect(figure(s, 'redoRate')).toMatchObject({ numerator: 1, denominator: 4 });
    // a: contacted, solved, satisfied; e: not contacted, solved, basically satisfied (counted by default).
    expect(figure(s, 'responseRate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure(s, 'solutionRate')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(figure(s, 'satisfactionRate')).toMatchObject({
      numerator: 2,
      denominator: 2,
      setting: { countBasicallySatisfied: true },
    });
    expect(figure(s, 'badReviews').value).toBe(0); // a's latest valid rating is satisfied
    expect(figure(s, 'handlingHoursP50').denominator).toBe(2);
    expect(s.figures.closureRate.definition['zh-CN']).toContain('办结销号数 ÷ 受理数');
    expect(s.figures.closureRate.definition['en-US']).toContain('closed ÷ accepted');
  });

  it('agrees with the replay of the event history', async () => {
    const r = await t.services.stats.recompute({});
    expect(r.diffs).toEqual([]);
    expect(r.agree).toBe(true);
    expect(r.items).toBe(6);
  });

  it('reports a disagreement when the projection no longer matches the event history', async () => {
    // A projection edited behind the ledger's back (no event): the replay must notice.
    const { db } = t.database;
    const before = await db
      .selectFrom('item')
      .select(['closed_at', 'status', 'version', 'updated_at'])
      .where('id', '=', ids.e!.id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('item')
      .set({ status: 'verified', closed_at: null, version: before.version + 1, updated_at: t.clock.now() })
      .where('id', '=', ids.e!.id)
      .execute();
    const r = await t.services.stats.recompute({});
    expect(r.agree).toBe(false);
    expect(r.diffs.join('\n')).toContain('summary closed: replay 2/null=2 vs api 1/null=1');
    await db
      .updateTable('item')
      .set({ ...before, version: before.version + 2, updated_at: t.clock.now() })
      .where('id', '=', ids.e!.id)
      .execute();
    expect((await t.services.stats.recompute({})).agree).toBe(true);
  });

  it('keeps up with later changes, and still agrees with the replay', async () => {
    await act(handlerTax, ids.c!.id, 'reply', { reply: '已优化叫号流程。', solved: 'partly' });
    await t.call(null, 'POST', '/api/public/track/rate', {
      code: ids.c!.trackingCode,
      pin: ids.c!.accessPin,
      payload: { contacted: true, solved: 'not', satisfaction: 'very_dissatisfied' },
    });
    await act(handlerTax, ids.c!.id, 'rectify', { kind: 'immediate', note: '当场整改' });
    const s = await get(dispatcher, '/api/stats/summary');
    expect(figure(s, 'badReviews').value).toBe(1);
    expect(figure(s, 'rectificationRate')).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(figure(s, 'satisfactionRate')).toMatchObject({ numerator: 2, denominator: 3 });
    const r = await t.services.stats.recompute({});
    expect(r.diffs).toEqual([]);
  });

  it('counts open items past their deadline as overdue now', async () => {
    const g = await raise('g');
    await acceptDispatchSign(g);
    const before = figure(await get(dispatcher, '/api/stats/summary'), 'overdueOpen').value!;
    t.clock.advance(10 * 86_400_000);
    // Sessions last 7 days: sign in again after the jump.
    [dispatcher, handler, supervisor, shenhe, lead, handlerTax, admin] = await Promise.all(
      ['dispatcher', 'handler', 'supervisor', 'dispatcher.shenhe', 'lead', 'handler.tax', 'admin'].map((u) =>
        t.login(u),
      ),
    );
    const after = await get(
      dispatcher,
      `/api/stats/summary?to=${new Date(t.clock.now() + 8 * 3600_000).toISOString().slice(0, 10)}`,
    );
    expect(figure(after, 'overdueOpen').value).toBe(before + 1);
    expect((await t.services.stats.recompute({})).diffs).toEqual([]);
  });

  it('honours the basically-satisfied setting and shows it with the figure', async () => {
    await t.database.db
      .insertInto('setting')
      .values({ key: 'stats.countBasicallySatisfied', value: 'false', updated_at: t.clock.now() })
      .execute();
    const s = await get(dispatcher, '/api/stats/summary');
    expect(figure(s, 'satisfactionRate')).toMatchObject({
      numerator: 1,
      denominator: 3,
      setting: { countBasicallySatisfied: false },
    });
    await t.database.db.deleteFrom('setting').where('key', '=', 'stats.countBasicallySatisfied').execute();
  });

  it('breaks down by dimension, and a filter narrows every figure', async () => {
    const b = await get(dispatcher, '/api/stats/breakdown?by=district');
    const byKey = Object.fromEntries(b.rows.map((r: any) => [r.key, r]));
    expect(byKey['d-210102'].name).toBe('和平区');
    expect(byKey['d-210102'].figures.received.value).toBe(2);
    expect(byKey['d-210103'].figures.received.value).toBe(5);
    const f = await get(dispatcher, '/api/stats/summary?districtId=d-210103&channel=web');
    expect(figure(f, 'received').value).toBe(5);
    const two = await get(dispatcher, '/api/stats/breakdown?by=department&districtId=d-210103');
    const sw = two.rows.find((r: any) => r.key === 'dept-sw');
    expect(sw.figures.accepted.value).toBe(1);
    const cat = await get(dispatcher, '/api/stats/summary?categoryId=cat-facilities');
    expect(figure(cat, 'received').value).toBe(6); // the parent category includes its children
  });

  it('scopes a district bureau to its district and a department lead to the department', async () => {
    const s = await get(shenhe, '/api/stats/summary');
    expect(s.scope).toMatchObject({ kind: 'district', districtId: 'd-210103' });
    expect(figure(s, 'received').value).toBe(5);
    expect((await t.call(shenhe, 'GET', '/api/stats/summary?districtId=d-210102')).statusCode).toBe(404);
    const l = await get(lead, '/api/stats/breakdown?by=department');
    expect(l.rows.map((r: any) => r.key)).toEqual(['dept-scjg']);
    expect((await t.call(handler, 'GET', '/api/stats/summary')).statusCode).toBe(403);
    expect((await t.call(null, 'GET', '/api/stats/summary')).statusCode).toBe(401);
  });

  it('rejects bad queries with the field at fault', async () => {
    const bad = async (url: string, path: string) => {
      const res = await t.call(dispatcher, 'GET', url);
      expect(res.statusCode, res.body).toBe(400);
      expect(
        res
          .json()
          .issues.map((i: any) => i.path)
          .join(' '),
      ).toContain(path);
    };
    await bad('/api/stats/summary?from=2026-12-31&to=2026-01-01', 'from');
    await bad('/api/stats/summary?from=2026-13-01', 'from');
    await bad('/api/stats/summary?districtId=d-nope', 'districtId');
    await bad('/api/stats/summary?channel=fax', 'channel');
    await bad('/api/stats/breakdown?by=colour', 'by');
    await bad('/api/stats/series?interval=hour', 'interval');
  });

  it('serves a time series, the league table and hotspots', async () => {
    const s = await get(admin, '/api/stats/series?interval=week&from=2026-11-01&to=2026-12-31');
    expect(s.points.length).toBeGreaterThanOrEqual(9);
    const total = s.points.reduce((n: number, p: any) => n + p.figures.received.value, 0);
    expect(total).toBe(7);
    const league = await get(dispatcher, '/api/stats/league?minVolume=1');
    expect(league.ranked[0]).toMatchObject({ rank: 1, departmentId: 'dept-scjg' });
    expect(league.red[0].departmentId).toBe('dept-scjg');
    const h = await get(dispatcher, '/api/stats/hotspots');
    expect(h.topCategories[0]).toMatchObject({ key: 'cat-facilities-office', received: 6 });
    expect(h.rising[0]).toMatchObject({ key: 'cat-facilities-office', growth: 6 });
  });
});
