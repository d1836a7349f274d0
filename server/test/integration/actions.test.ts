// The less common paths of the lifecycle: returns and designation, extensions, parking, merging, appeals,
// unreasonable requests, on-the-spot resolution and automatic close-out of simple items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';

let t: TestContext;
let dispatcher: Session, handler: Session, supervisor: Session, clerk: Session, power: Session;

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handler, supervisor, clerk, power] = await Promise.all(
    ['dispatcher', 'handler', 'supervisor', 'clerk', 'handler.power'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

const act = (as: Session, id: string, action: string, body: unknown = {}) =>
  t.call(as, 'POST', `/api/items/${id}/${action}`, body);

async function accepted(over: Record<string, unknown> = {}) {
  const r = (await t.call(null, 'POST', '/api/public/items', intakeBody(over))).json();
  expect((await act(dispatcher, r.id, 'accept')).statusCode).toBe(200);
  return r as { id: string; trackingCode: string; accessPin: string };
}

async function inProgress(over: Record<string, unknown> = {}) {
  const r = await accepted(over);
  expect((await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-scjg' })).statusCode).toBe(200);
  expect((await act(handler, r.id, 'sign')).statusCode).toBe(200);
  return r;
}

describe('returns (退单) and designation (指定承办)', () => {
  it('lets a department return within one working day with a reason, and designates after three dispatches', async () => {
    const r = await accepted();
    for (let i = 1; i <= 3; i++) {
      const dd = await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-gd' });
      expect(dd.statusCode, `dispatch ${i} ${dd.body}`).toBe(200);
      const res = await act(power, r.id, 'return', { reason: `不属于本单位职责（第${i}次）` });
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await t.call(dispatcher, 'GET', `/api/items/${r.id}`)).json();
    expect(detail.returnCount).toBe(3);
    expect(detail.problem).toBe(true);
    // The fourth dispatch is a designation: it can no longer be returned.
    const d = await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-gd' });
    expect(d.json().designated).toBe(true);
    expect(d.json().abilities).not.toContain('return');
    const ret = await act(power, r.id, 'return', { reason: '再次退回' });
    expect(ret.statusCode).toBe(409);
    const clues = await t.database.db.selectFrom('clue').selectAll().where('item_id', '=', r.id).execute();
    expect(clues.map((c) => c.rule)).toEqual(['returns_3']);
  });

  it('refuses a return after one working day', async () => {
    const r = await accepted();
    await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-scjg' });
    t.clock.advance(2 * 86_400_000);
    const res = await act(handler, r.id, 'return', { reason: '不属于本单位' });
    expect(res.statusCode).toBe(409);
    t.clock.advance(-2 * 86_400_000);
  });

  it('requires a reason to return', async () => {
    const r = await accepted();
    await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-scjg' });
    const res = await act(handler, r.id, 'return', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.reason');
  });
});

describe('extension and parking need the supervisor', () => {
  it('extends the handling deadline by working days only once approved', async () => {
    const r = await inProgress();
    const before = (await t.call(handler, 'GET', `/api/items/${r.id}`)).json();
    const due = before.deadlines.find((d: { kind: string }) => d.kind === 'handle').due;
    expect((await act(handler, r.id, 'request_extension', { days: 2, reason: '需现场核查' })).statusCode).toBe(200);
    expect((await act(handler, r.id, 'request_extension', { days: 1, reason: '再次申请' })).statusCode).toBe(409);
    expect((await act(handler, r.id, 'decide_extension', { approve: true })).statusCode).toBe(403);
    const res = await act(supervisor, r.id, 'decide_extension', { approve: true });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().deadlines.find((d: { kind: string }) => d.kind === 'handle').due;
    // Thursday 10:00 + 2 working days = next Monday 10:00.
    expect(due).toBe('2026-12-03T10:00:00.000+08:00');
    expect(after).toBe('2026-12-07T10:00:00.000+08:00');
    expect(res.json().pending).toBeNull();
  });

  it('parks and resumes an item; a parked item is not closed', async () => {
    const r = await inProgress();
    await act(handler, r.id, 'request_park', { reason: '涉及历史遗留问题，需市级协调' });
    const parked = await act(supervisor, r.id, 'decide_park', { approve: true });
    expect(parked.json().status).toBe('parked');
    const resumed = await act(handler, r.id, 'resume', {});
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json().status).toBe('in_progress');
  });
});

describe('merging duplicates (并单)', () => {
  it('merges an item into its primary and closes it with the primary', async () => {
    const primary = await inProgress();
    const dup = await accepted({ title: '一楼大厅没有复印机（重复反映）' });
    const m = await act(dispatcher, dup.id, 'merge', { primaryId: primary.id });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().status).toBe('merged');
    expect(m.json().primaryId).toBe(primary.id);
    expect((await act(dispatcher, dup.id, 'merge', { primaryId: dup.id })).statusCode).toBe(409);
    await act(handler, primary.id, 'reply', { reply: '已配置复印机，并安排专人维护。' });
    await act(supervisor, primary.id, 'callback', {
      contacted: true,
      solved: 'solved',
      satisfaction: 'very_satisfied',
    });
    expect((await act(supervisor, primary.id, 'close_out')).statusCode).toBe(200);
    const merged = (await t.call(dispatcher, 'GET', `/api/items/${dup.id}`)).json();
    expect(merged.closedAt).not.toBeNull();
    expect(merged.events.at(-1).action).toBe('close_with_primary');
    const outbox = await t.database.db
      .selectFrom('outbox')
      .select(['recipient', 'topic'])
      .where('topic', '=', 'item.replied')
      .where('channel', '=', 'sms')
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(2); // both requesters are answered
  });
});

describe('ratings', () => {
  it('closes a simple item rated satisfied automatically', async () => {
    const r = (
      await t.call(clerk, 'POST', '/api/items', {
        ...intakeBody({ districtId: undefined }),
        channel: 'window',
        tier: 'simple',
      })
    ).json();
    const res = await act(clerk, r.id, 'resolve_on_spot', { reply: '现场为群众提供复印服务并告知自助复印机位置。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('replied');
    const rated = await t.call(null, 'POST', '/api/public/track/rate', {
      code: r.trackingCode,
      pin: r.accessPin,
      payload: { contacted: true, solved: 'solved', satisfaction: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().status).toBe('closed');
  });

  it('lets a department appeal a malicious rating; the supervisor decides and the rating is excluded', async () => {
    const r = await inProgress();
    await act(handler, r.id, 'reply', { reply: '经核实已按规定办理完毕。' });
    await t.call(null, 'POST', '/api/public/track/rate', {
      code: r.trackingCode,
      pin: r.accessPin,
      payload: { contacted: true, solved: 'solved', satisfaction: 'very_dissatisfied' },
    });
    expect((await act(handler, r.id, 'appeal', { reason: '评价与办理事实不符，有通话录音为证' })).statusCode).toBe(200);
    const decided = await act(supervisor, r.id, 'decide_appeal', { approve: true, note: '核实录音，评价不实' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().verification.excluded).toBe(true);
    expect((await act(supervisor, r.id, 'close_out')).statusCode).toBe(200);
  });

  it('a wrong tracking PIN looks like an unknown code', async () => {
    const r = await accepted();
    const res = await t.call(null, 'GET', `/api/public/track?code=${r.trackingCode}&pin=000000`);
    expect(res.statusCode).toBe(404);
    const ok = await t.call(null, 'GET', `/api/public/track?code=${r.trackingCode}&pin=${r.accessPin}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().requester.phone).toBe('13812345678');
    for (const e of ok.json().events) expect(e.actorName).toBeNull();
  });
});

describe('the evidence', () => {
  it('detects an edited event', async () => {
    expect((await verifyChains(t.database.db)).ok).toBe(true);
    const victim = await t.database.db
      .selectFrom('event')
      .select(['id', 'stream', 'seq'])
      .where('action', '=', 'reply')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('event')
      .set({ data: '{"solved":"solved","forged":true}' })
      .where('id', '=', victim.id)
      .execute();
    const r = await verifyChains(t.database.db);
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ stream: victim.stream, seq: Number(victim.seq), problem: 'hash_mismatch' });
  });
});
