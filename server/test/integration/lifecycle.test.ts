// The whole life of a ledger item through the HTTP API, on a real database: intake → … → closed, with its events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';

let t: TestContext;
let dispatcher: Session, handler: Session, supervisor: Session, clerk: Session, admin: Session, handlerTax: Session;

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handler, supervisor, clerk, admin, handlerTax] = await Promise.all(
    ['dispatcher', 'handler', 'supervisor', 'clerk', 'admin', 'handler.tax'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

async function raise(over: Record<string, unknown> = {}) {
  const res = await t.call(null, 'POST', '/api/public/items', intakeBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; ledgerNo: string; trackingCode: string; accessPin: string };
}

const act = (as: Session, id: string, action: string, body: unknown = {}) =>
  t.call(as, 'POST', `/api/items/${id}/${action}`, body);

describe('an item from the public form to close-out', () => {
  it('walks the whole lifecycle and keeps a verifiable history', async () => {
    const receipt = await raise();
    expect(receipt.ledgerNo).toMatch(/^SY-2026-\d{6}$/);
    expect(receipt.trackingCode).toHaveLength(12);

    let res = await act(dispatcher, receipt.id, 'accept', { tier: 'general' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('accepted');

    res = await act(dispatcher, receipt.id, 'dispatch', {
      mainDepartmentId: 'dept-scjg',
      coDepartmentIds: ['dept-sw'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const dispatched = res.json();
    expect(dispatched.status).toBe('dispatched');
    // general = 3 working days from Monday 10:00 → Thursday 10:00 Shanghai
    expect(dispatched.deadlines.find((d: { kind: string }) => d.kind === 'handle').due).toBe(
      '2026-12-03T10:00:00.000+08:00',
    );

    // The tax bureau is only a co-department: it may sign its part but not reply.
    res = await act(handlerTax, receipt.id, 'reply', { reply: '已处理完毕' });
    expect(res.statusCode).toBe(403);

    res = await act(handler, receipt.id, 'sign');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
    res = await act(handlerTax, receipt.id, 'sign');
    expect(res.statusCode, res.body).toBe(200);

    t.clock.advance(3600_000);
    res = await act(handler, receipt.id, 'contact', { method: 'phone', note: '已电话联系张先生，说明处理安排' });
    expect(res.statusCode, res.body).toBe(200);
    res = await act(handler, receipt.id, 'reply', { reply: '已在一楼大厅配置自助复印机一台，即日起可用。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('replied');

    // The requester rates through the tracking code: dissatisfied → a bad review.
    res = await t.call(null, 'POST', '/api/public/track/rate', {
      code: receipt.trackingCode,
      pin: receipt.accessPin,
      payload: { contacted: true, solved: 'partly', satisfaction: 'dissatisfied', comment: '复印机经常没纸' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().verification.badReview).toBe(true);

    // Close-out is refused until the bad review is dealt with; the supervisor redoes it.
    res = await act(supervisor, receipt.id, 'close_out');
    expect(res.statusCode).toBe(409);
    res = await act(supervisor, receipt.id, 'redo', { reason: '群众反映复印机缺纸，需建立巡检机制' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
    expect(res.json().redoCount).toBe(1);

    res = await act(handler, receipt.id, 'reply', { reply: '已安排专人每日巡检补纸，并公示联系电话。' });
    expect(res.statusCode, res.body).toBe(200);
    res = await act(supervisor, receipt.id, 'callback', {
      contacted: true,
      solved: 'solved',
      satisfaction: 'satisfied',
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await act(supervisor, receipt.id, 'close_out');
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json();
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'sign',
      'sign',
      'contact',
      'reply',
      'rate',
      'redo',
      'reply',
      'callback',
      'close_out',
    ]);
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('answers 409 with the allowed actions when the state does not allow an action', async () => {
    const r = await raise();
    const res = await act(handler, r.id, 'sign');
    // The handler's department holds no assignment yet: the item is invisible to it.
    expect(res.statusCode).toBe(404);
    const res2 = await act(dispatcher, r.id, 'close_out');
    expect(res2.statusCode).toBe(403);
    const res3 = await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-scjg' });
    expect(res3.statusCode).toBe(409);
    expect(res3.json().allowedActions).toContain('accept');
  });

  it('rejects bad input with the field at fault and stores nothing', async () => {
    const before = await t.database.db
      .selectFrom('item')
      .select(t.database.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await t.call(
      null,
      'POST',
      '/api/public/items',
      intakeBody({ title: '', requester: { kind: 'person', phone: '12345' } }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('body.title');
    expect(paths).toContain('body.requester.phone');
    const res2 = await t.call(null, 'POST', '/api/public/items', intakeBody({ categoryId: 'cat-nope' }));
    expect(res2.statusCode).toBe(400);
    expect(res2.json().issues[0].path).toBe('categoryId');
    const after = await t.database.db
      .selectFrom('item')
      .select(t.database.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('returns the first answer for a retried intake with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'retry-test-0001' };
    const a = await t.call(null, 'POST', '/api/public/items', intakeBody(), headers);
    const b = await t.call(null, 'POST', '/api/public/items', intakeBody(), headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    const c = await t.call(null, 'POST', '/api/public/items', intakeBody({ title: '另一个问题标题' }), headers);
    expect(c.statusCode).toBe(422);
  });

  it('masks the requester, reveals with a logged event, and hides confidential requesters from departments', async () => {
    const r = await raise({ confidential: true });
    await act(dispatcher, r.id, 'accept');
    await act(dispatcher, r.id, 'dispatch', { mainDepartmentId: 'dept-scjg' });
    const asDispatcher = (await t.call(dispatcher, 'GET', `/api/items/${r.id}`)).json();
    expect(asDispatcher.requester.phone).toBe('138****5678');
    const asHandler = (await t.call(handler, 'GET', `/api/items/${r.id}`)).json();
    expect(asHandler.requester.hidden).toBe(true);
    expect(JSON.stringify(asHandler)).not.toContain('13812345678');
    expect((await t.call(handler, 'POST', `/api/items/${r.id}/reveal`, { reason: '需要联系' })).statusCode).toBe(403);
    const revealed = await t.call(dispatcher, 'POST', `/api/items/${r.id}/reveal`, { reason: '核实身份' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().requester.phone).toBe('13812345678');
    expect(revealed.json().events.at(-1).action).toBe('reveal');
    expect((await t.call(admin, 'POST', `/api/items/${r.id}/reveal`, { reason: 'x' })).statusCode).toBe(403);
  });

  it('scopes lists: a clerk sees own centre, a district dispatcher own district', async () => {
    await t.call(clerk, 'POST', '/api/items', { ...intakeBody({ districtId: undefined }), channel: 'window' });
    const clerkList = (await t.call(clerk, 'GET', '/api/items')).json();
    expect(clerkList.total).toBeGreaterThan(0);
    for (const i of clerkList.items) expect(i.channel).toBe('window');
    const shenhe = await t.login('dispatcher.shenhe');
    const list = (await t.call(shenhe, 'GET', '/api/items?pageSize=200')).json();
    for (const i of list.items) expect(i.districtId).toBe('d-210103');
  });
});
