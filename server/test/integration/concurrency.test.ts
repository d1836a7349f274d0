// Many clients race on the same items: no lost update, no skipped transition, every history a legal path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';
import { replayStatus } from '../replay.ts';

let t: TestContext;
let dispatcher: Session, handler: Session, lead: Session, supervisor: Session;

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handler, lead, supervisor] = await Promise.all(
    ['dispatcher', 'handler', 'lead', 'supervisor'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

const act = (as: Session, id: string, action: string, body: unknown = {}) =>
  t.call(as, 'POST', `/api/items/${id}/${action}`, body);

describe('concurrent actions on the same items', () => {
  it('serialises racing actions into legal histories with nothing lost', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = (await t.call(null, 'POST', '/api/public/items', intakeBody({ title: `并发测试问题 ${i}` }))).json();
      await act(dispatcher, r.id, 'accept');
      ids.push(r.id);
    }
    // Round 1: dispatch races with itself and with reject/accept.
    await Promise.all(
      ids.flatMap((id) => [
        act(dispatcher, id, 'dispatch', { mainDepartmentId: 'dept-scjg' }),
        act(dispatcher, id, 'dispatch', { mainDepartmentId: 'dept-scjg' }),
        act(dispatcher, id, 'accept'),
      ]),
    );
    // Round 2: two people of the same department sign, return and reply at once.
    const round2 = await Promise.all(
      ids.flatMap((id) => [
        act(handler, id, 'sign'),
        act(lead, id, 'sign'),
        act(handler, id, 'return', { reason: '不属于本单位' }),
        act(lead, id, 'reply', { reply: '已处理完毕，特此答复。' }),
      ]),
    );
    for (const r of round2) expect([200, 404, 409]).toContain(r.statusCode);
    // Round 3: redo, callback and close-out race.
    await Promise.all(
      ids.flatMap((id) => [
        act(supervisor, id, 'callback', { contacted: true, solved: 'solved', satisfaction: 'satisfied' }),
        act(supervisor, id, 'redo', { reason: '群众不满意' }),
        act(supervisor, id, 'close_out'),
        act(lead, id, 'reply', { reply: '再次答复，已彻底解决。' }),
      ]),
    );

    for (const id of ids) {
      const item = await t.database.db.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const events = await t.database.db
        .selectFrom('event')
        .select(['action', 'data', 'seq'])
        .where('item_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => Number(e.seq))).toEqual(events.map((_, i) => i + 1));
      expect(Number(item.event_seq)).toBe(events.length);
      const replay = replayStatus(events);
      expect(replay.illegal, `${id}: ${events.map((e) => e.action).join(' → ')}`).toBeNull();
      expect(replay.status).toBe(item.status);
      // At most one active main assignment, whatever raced.
      const mains = await t.database.db
        .selectFrom('item_assignment')
        .select('id')
        .where('item_id', '=', id)
        .where('role', '=', 'main')
        .where('state', '!=', 'returned')
        .execute();
      expect(mains.length).toBeLessThanOrEqual(1);
    }
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('never issues a ledger number twice under concurrent intake', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.call(null, 'POST', '/api/public/items', intakeBody({ title: `并发登记 ${i}` })),
      ),
    );
    const numbers = results.map((r) => r.json().ledgerNo);
    expect(new Set(numbers).size).toBe(60);
  });

  it('creates one item for a burst of retries with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'burst-retry-key-01' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call(null, 'POST', '/api/public/items', intakeBody({ title: '重复提交测试' }), headers),
      ),
    );
    const ids = new Set(results.map((r) => r.json().id));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(ids.size).toBe(1);
  });
});
