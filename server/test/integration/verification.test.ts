// Spot checks (抽查回访) through the HTTP API: a reproducible sample stratified by department, worked through with
// the item action, false close-outs reopened with a clue, and a district supervisor kept to their district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { dayStart } from '../../src/lib/clock.ts';

let t: TestContext;
let supervisor: Session, shenhe: Session, handler: Session;

beforeAll(async () => {
  t = await createTestContext();
  [supervisor, shenhe, handler] = await Promise.all(
    ['supervisor', 'supervisor.shenhe', 'handler'].map((u) => t.login(u)),
  );
  // Closed items of November 2026: 沈河区 6 × 市场监管局, 2 × 税务局, 1 × 供电公司; 和平区 3 × 市场监管局.
  const plan: [string, string, number][] = [
    ['d-210103', 'dept-scjg', 6],
    ['d-210103', 'dept-sw', 2],
    ['d-210103', 'dept-gd', 1],
    ['d-210102', 'dept-scjg', 3],
  ];
  let day = 2;
  for (const [district, dept, n] of plan) {
    for (let i = 0; i < n; i++) await closedItem(district, dept, `2026-11-${String(day++).padStart(2, '0')}`);
  }
  // One closed in October must never be drawn for November.
  await closedItem('d-210103', 'dept-scjg', '2026-10-15');
});
afterAll(() => t?.close());

/**
 * A closed item of a given department and day. The lifecycle up to close-out is covered by lifecycle.test.ts;
 * here only the projection matters, so the item is registered through the API and its closure written directly.
 */
async function closedItem(districtId: string, departmentId: string, day: string) {
  const res = await t.call(null, 'POST', '/api/public/items', intakeBody({ districtId }));
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json();
  await t.database.db
    .updateTable('item')
    .set({
      status: 'closed',
      main_department_id: departmentId,
      closed_at: dayStart(day) + 10 * 3_600_000,
      replied_at: dayStart(day),
      verified_at: dayStart(day),
    })
    .where('id', '=', id)
    .execute();
  await t.database.db
    .insertInto('item_assignment')
    .values({
      id: `a-${id}`,
      item_id: id,
      department_id: departmentId,
      role: 'main',
      state: 'signed',
      dispatched_at: dayStart(day),
      signed_at: dayStart(day),
      returned_at: null,
      return_reason: null,
    })
    .execute();
  return id as string;
}

const draw = (as: Session, body: Record<string, unknown>) => t.call(as, 'POST', '/api/spot-checks', body);
const perDept = (entries: { departmentId: string }[]) =>
  entries.reduce<Record<string, number>>((m, e) => ({ ...m, [e.departmentId]: (m[e.departmentId] ?? 0) + 1 }), {});

describe('spot checks', () => {
  it('draws the same sample for the same seed, stratified by department with at least one each', async () => {
    const a = await draw(supervisor, { period: '2026-11', rate: 0.5, seed: 'nov-2026', districtId: 'd-210103' });
    expect(a.statusCode, a.body).toBe(201);
    const b = await draw(supervisor, { period: '2026-11', rate: 0.5, seed: 'nov-2026', districtId: 'd-210103' });
    const ids = (r: typeof a) =>
      r
        .json()
        .entries.map((e: { itemId: string }) => e.itemId)
        .sort();
    expect(ids(b)).toEqual(ids(a));
    // 6 → 3, 2 → 1, 1 → at least 1.
    expect(perDept(a.json().entries)).toEqual({ 'dept-scjg': 3, 'dept-sw': 1, 'dept-gd': 1 });
    expect(a.json().progress).toEqual({ total: 5, pending: 5, confirmed: 0, falseClosure: 0 });
    for (const e of a.json().entries) expect(e.closedAt.startsWith('2026-11')).toBe(true);

    // Other seeds pick other items of the big stratum sooner or later; the sizes stay the same.
    const samples = new Set<string>();
    for (const seed of ['s1', 's2', 's3', 's4', 's5']) {
      const r = await draw(supervisor, { period: '2026-11', rate: 0.5, seed, districtId: 'd-210103' });
      expect(perDept(r.json().entries)).toEqual({ 'dept-scjg': 3, 'dept-sw': 1, 'dept-gd': 1 });
      samples.add(ids(r).join());
    }
    expect(samples.size).toBeGreaterThan(1);
  });

  it('takes 10% by default, at least one per department, across the city', async () => {
    const r = await draw(supervisor, { period: '2026-11' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().rate).toBe(0.1);
    expect(r.json().seed).toMatch(/^[A-Z0-9]{12}$/);
    // 市场监管局 has 9 closed items citywide → round(0.9) = 1; the others 1 each.
    expect(perDept(r.json().entries)).toEqual({ 'dept-scjg': 1, 'dept-sw': 1, 'dept-gd': 1 });
  });

  it('records each call back through the item action and reopens a false close-out with a clue', async () => {
    const sc = (await draw(supervisor, { period: '2026-11', rate: 0.5, seed: 'work', districtId: 'd-210103' })).json();
    const [first, second] = sc.entries;
    let res = await t.call(supervisor, 'POST', `/api/items/${first.itemId}/spot_check`, {
      contacted: true,
      solved: 'solved',
      satisfaction: 'satisfied',
      falseClosure: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await t.call(supervisor, 'POST', `/api/items/${second.itemId}/spot_check`, {
      contacted: true,
      solved: 'not',
      satisfaction: 'dissatisfied',
      falseClosure: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');

    const detail = (await t.call(supervisor, 'GET', `/api/spot-checks/${sc.id}`)).json();
    expect(detail.progress).toMatchObject({ total: sc.size, confirmed: 1, falseClosure: 1, pending: sc.size - 2 });
    expect(detail.entries.find((e: { itemId: string }) => e.itemId === second.itemId)).toMatchObject({
      result: 'false_closure',
      answers: { solved: 'not' },
    });
    const clue = await t.database.db
      .selectFrom('clue')
      .selectAll()
      .where('item_id', '=', second.itemId)
      .executeTakeFirst();
    expect(clue?.rule).toBe('false_closure');

    const list = (await t.call(supervisor, 'GET', '/api/spot-checks?period=2026-11')).json();
    expect(list.items.find((s: { id: string }) => s.id === sc.id).progress.falseClosure).toBe(1);
  });

  it('keeps a district supervisor to their district', async () => {
    const city = (await draw(supervisor, { period: '2026-11', rate: 0.5, seed: 'x', districtId: 'd-210102' })).json();
    expect(city.entries.length).toBe(2);
    const mine = await draw(shenhe, { period: '2026-11', rate: 0.5, seed: 'x' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().districtId).toBe('d-210103');
    const other = await draw(shenhe, { period: '2026-11', districtId: 'd-210102' });
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0].path).toBe('districtId');
    expect((await t.call(shenhe, 'GET', `/api/spot-checks/${city.id}`)).statusCode).toBe(404);
    const list = (await t.call(shenhe, 'GET', '/api/spot-checks?pageSize=200')).json();
    expect(list.items.every((s: { districtId: string }) => s.districtId === 'd-210103')).toBe(true);
    expect((await t.call(handler, 'GET', '/api/spot-checks')).statusCode).toBe(403);
  });

  it('rejects bad input with the field at fault and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('spot_check')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const [body, path] of [
      [{ period: '2026-13' }, 'body.period'],
      [{ period: '2026-11', rate: 0 }, 'body.rate'],
      [{ period: '2026-11', rate: 1.5 }, 'body.rate'],
      [{ period: '2026-11', seed: 'a b' }, 'body.seed'],
      [{ period: '2026-11', districtId: 'd-nowhere' }, 'districtId'],
      [{ period: '2027-01' }, 'period'],
    ] as const) {
      const res = await draw(supervisor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await draw(supervisor, { period: '2025-01' })).statusCode).toBe(409);
    expect(await count()).toBe(before);
  });
});
