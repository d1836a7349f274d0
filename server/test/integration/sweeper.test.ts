// The deadline sweeper on a real database with the fake clock moving across real working days: the escalation
// ladder, missed clocks, the default rating and rule-based clues, each exactly once (also with two sweepers at once).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, PG_URL, type Session, type TestContext } from '../harness.ts';
import { openDatabase } from '../../src/db/database.ts';
import { localDay } from '../../src/lib/clock.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';
import { createSweeper } from '../../src/modules/sweeper/sweeper.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestContext;
const dispatcher = 'dispatcher';
const handler = 'handler';

beforeAll(async () => {
  // Friday 2026-12-04 10:00 in Shanghai.
  t = await createTestContext({ start: '2026-12-04T02:00:00.000Z' });
});
afterAll(() => t?.close());

// Sessions expire while the fake clock runs for weeks: sign in again when the clock has moved on.
const sessions = new Map<string, { at: number; session: Session }>();
async function as(username: string): Promise<Session> {
  const s = sessions.get(username);
  if (s && t.clock.now() - s.at < DAY) return s.session;
  const session = await t.login(username);
  sessions.set(username, { at: t.clock.now(), session });
  return session;
}

const act = async (user: string, id: string, action: string, body: unknown = {}) => {
  const res = await t.call(await as(user), 'POST', `/api/items/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
};

/** An item dispatched to 市市场监管局 now; optionally signed for and contacted at once. */
async function dispatched(opts: { tier?: string; sign?: boolean } = {}) {
  const res = await t.call(null, 'POST', '/api/public/items', intakeBody());
  expect(res.statusCode, res.body).toBe(201);
  const receipt = res.json() as { id: string; trackingCode: string; accessPin: string };
  await act(dispatcher, receipt.id, 'accept', { tier: opts.tier ?? 'general' });
  await act(dispatcher, receipt.id, 'dispatch', { mainDepartmentId: 'dept-scjg' });
  if (opts.sign !== false) {
    await act(handler, receipt.id, 'sign');
    await act(handler, receipt.id, 'contact', { method: 'phone', note: '已电话联系，说明处理安排' });
  }
  return receipt;
}

const itemEvents = (id: string) =>
  t.database.db.selectFrom('event').selectAll().where('item_id', '=', id).orderBy('seq').execute();
const item = (id: string) =>
  t.database.db.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the escalation ladder', () => {
  it('takes each step on its working day, once, for an item dispatched on a Friday', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const r = await dispatched();
    const start = t.clock.now();
    // Every 3 hours for 21 days, as a worker would (coarser, so that the test stays quick).
    while (t.clock.now() < start + 21 * DAY) {
      t.clock.advance(3 * HOUR);
      await sweeper.runOnce();
    }
    // And again many times: nothing more happens.
    for (let i = 0; i < 5; i++) await sweeper.runOnce();

    const steps = (await itemEvents(r.id))
      .filter((e) => e.action === 'escalation')
      .map((e) => [JSON.parse(e.data).step, localDay(Number(e.at))]);
    // general = 3 working days: due Wed 12-09 10:00; warning at 75% (Tue 16:00); 催办 the next working day;
    // 督办 > 2, 通报 > 5, clue > 10 working days overdue (weekends skipped).
    expect(steps).toEqual([
      ['warning', '2026-12-08'],
      ['overdue', '2026-12-09'],
      ['urge', '2026-12-10'],
      ['supervise', '2026-12-11'],
      ['listed', '2026-12-16'],
      ['clue', '2026-12-23'],
    ]);
    const row = await item(r.id);
    expect(row.escalation_level).toBe(6);
    expect(row.warn_level).toBe(2);
    expect(row.handle_met).toBe(0);
    expect(row.listed).toBe(1);
    expect(row.next_escalation_at).toBeNull();

    const clues = await t.database.db.selectFrom('clue').selectAll().where('item_id', '=', r.id).execute();
    expect(clues.map((c) => c.rule)).toEqual(['overdue']);
    expect(clues[0].reason).toContain('10');

    const notices = await t.database.db
      .selectFrom('outbox')
      .select(['topic', 'recipient'])
      .where('payload', 'like', `%${r.id}%`)
      .where('channel', '=', 'inapp')
      .execute();
    const topics = notices.map((n) => `${n.topic}>${n.recipient}`);
    expect(topics).toContain('item.warning>dept:dept-scjg');
    expect(topics).toContain('item.overdue>dept:dept-scjg');
    expect(topics).toContain('item.urge>dept:dept-scjg');
    expect(topics).toContain('item.supervise>role:supervisor:d-210103');
    expect(topics).toContain('clue.created>role:inspector:d-210103');
    expect(topics.filter((x) => x.startsWith('item.urge')).length).toBe(1);

    // The API shows the state a user would see; a late reply keeps the deadline missed.
    const detail = await act(handler, r.id, 'reply', { reply: '已在大厅配置复印机，问题已解决。' });
    expect(detail.escalation).toBe('clue');
    expect(detail.deadlines.find((d: { kind: string }) => d.kind === 'handle').met).toBe(false);
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('catches up in order after being down, and records a missed sign-for once', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const r = await dispatched({ sign: false });
    t.clock.advance(30 * DAY);
    const counts = await sweeper.runOnce();
    expect(counts.escalations).toBeGreaterThanOrEqual(6);
    await sweeper.runOnce();
    const events = await itemEvents(r.id);
    expect(events.filter((e) => e.action === 'escalation').map((e) => JSON.parse(e.data).step)).toEqual([
      'warning',
      'overdue',
      'urge',
      'supervise',
      'listed',
      'clue',
    ]);
    const missed = events
      .filter((e) => e.action === 'deadline_missed')
      .map((e) => JSON.parse(e.data).kind)
      .sort();
    expect(missed).toEqual(['contact', 'sign']);
    const row = await item(r.id);
    expect([row.sign_met, row.contact_met]).toEqual([0, 0]);
    // Signing late keeps it missed.
    const detail = await act(handler, r.id, 'sign');
    expect(detail.deadlines.find((d: { kind: string }) => d.kind === 'sign').met).toBe(false);
  });

  it('does nothing for an item replied in time', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const r = await dispatched();
    await act(handler, r.id, 'reply', { reply: '已配置复印机，问题已解决。' });
    t.clock.advance(3 * DAY);
    await sweeper.runOnce();
    expect((await itemEvents(r.id)).filter((e) => e.action === 'escalation')).toEqual([]);
  });
});

describe('exactly once with two sweepers', () => {
  it('takes each step once per item when two run at the same time on separate connections', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await dispatched({ sign: i % 2 === 0 })).id);
    t.clock.advance(25 * DAY);
    // A second process: its own connection pool on PostgreSQL; on SQLite the same file through the one connection.
    let other = t.database;
    if (PG_URL) {
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(t.database.db);
      other = openDatabase(PG_URL, { schema: rows[0].s, poolSize: 3 });
    }
    try {
      const a = createSweeper({
        database: t.database,
        clock: t.clock,
        deadlines: t.services.deadlines,
        lease: false,
        batchSize: 5,
      });
      const b = createSweeper({
        database: other,
        clock: t.clock,
        deadlines: t.services.deadlines,
        lease: false,
        batchSize: 5,
      });
      const passes = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      // Which of the racing passes takes the work is up to the race; together they take all of it, once.
      expect(passes.reduce((n, p) => n + p.escalations, 0)).toBe(ids.length * 6);
    } finally {
      if (other !== t.database) await other.close();
    }
    for (const id of ids) {
      const events = await itemEvents(id);
      const steps = events.filter((e) => e.action === 'escalation').map((e) => JSON.parse(e.data).step);
      expect(steps, id).toEqual(['warning', 'overdue', 'urge', 'supervise', 'listed', 'clue']);
      const missed = events.filter((e) => e.action === 'deadline_missed').map((e) => JSON.parse(e.data).kind);
      expect(new Set(missed).size, id).toBe(missed.length);
    }
    const clues = await t.database.db.selectFrom('clue').select('item_id').where('item_id', 'in', ids).execute();
    expect(clues.length).toBe(ids.length);
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('lets only one of two processes hold the lease at a time', async () => {
    const a = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const b = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    await t.database.db
      .updateTable('job_lease')
      .set({ owner: a.owner, until: t.clock.now() + 60_000 })
      .execute();
    expect((await b.runOnce()).skipped).toBe(true);
    expect((await a.runOnce()).skipped).toBe(false);
    // a released it at the end of its pass.
    expect((await b.runOnce()).skipped).toBe(false);
  });
});

describe('verification clocks', () => {
  it('gives the default rating 基本满意 after 7 days and closes a simple item out', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const simple = await dispatched({ tier: 'simple' });
    await act(handler, simple.id, 'reply', { reply: '已配置复印机，问题已解决。' });
    const general = await dispatched();
    await act(handler, general.id, 'reply', { reply: '已配置复印机，部分解决。', solved: 'partly' });

    t.clock.advance(6 * DAY);
    await sweeper.runOnce();
    expect((await item(simple.id)).status).toBe('replied');

    t.clock.advance(DAY + 1000);
    const counts = await sweeper.runOnce();
    expect(counts.defaultRatings).toBeGreaterThanOrEqual(2);
    await sweeper.runOnce();

    const s = (await t.call(await as(dispatcher), 'GET', `/api/items/${simple.id}`)).json();
    expect(s.status).toBe('closed');
    expect(s.verification).toMatchObject({ satisfaction: 'basically_satisfied', source: 'default', badReview: false });
    expect(s.events.map((e: { action: string }) => e.action).slice(-2)).toEqual(['default_rating', 'close_out']);

    const g = (await t.call(await as(dispatcher), 'GET', `/api/items/${general.id}`)).json();
    expect(g.status).toBe('verified');
    expect(g.verification.source).toBe('default');
    expect(g.events.filter((e: { action: string }) => e.action === 'default_rating')).toHaveLength(1);
    // Nobody called back within 2 working days: missed, recorded once.
    expect(g.deadlines.find((d: { kind: string }) => d.kind === 'callback').met).toBe(false);
    expect(
      g.events.filter(
        (e: { action: string; data: { kind?: string } }) =>
          e.action === 'deadline_missed' && e.data.kind === 'callback',
      ),
    ).toHaveLength(1);
  });

  it('counts a requester rating in time as the callback clock met, with no default rating and no missed event', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    const r = await dispatched();
    await act(handler, r.id, 'reply', { reply: '已配置复印机，问题已解决。' });
    const rated = await t.call(null, 'POST', '/api/public/track/rate', {
      code: r.trackingCode,
      pin: r.accessPin,
      payload: { contacted: true, solved: 'solved', satisfaction: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    t.clock.advance(8 * DAY);
    await sweeper.runOnce();
    const g = (await t.call(await as(dispatcher), 'GET', `/api/items/${r.id}`)).json();
    expect(g.deadlines.find((d: { kind: string }) => d.kind === 'callback').met).toBe(true);
    expect(g.verification.source).toBe('requester');
    expect(g.events.map((e: { action: string }) => e.action)).not.toContain('deadline_missed');
    expect(g.events.map((e: { action: string }) => e.action)).not.toContain('default_rating');
  });

  it('raises one clue per department and period for repeated dissatisfaction (configurable)', async () => {
    const sweeper = createSweeper({ database: t.database, clock: t.clock, deadlines: t.services.deadlines });
    await t.database.db
      .insertInto('setting')
      .values({
        key: 'clue_rules',
        value: JSON.stringify({ repeatedDissatisfaction: { count: 2, days: 30 } }),
        updated_at: t.clock.now(),
      })
      .execute();
    const rules = () =>
      t.database.db.selectFrom('clue').selectAll().where('rule', '=', 'repeated_dissatisfaction').execute();
    const before = (await rules()).length;
    for (let i = 0; i < 2; i++) {
      const r = await dispatched();
      await act(handler, r.id, 'reply', { reply: '已答复，请查看处理结果。' });
      const res = await t.call(null, 'POST', '/api/public/track/rate', {
        code: r.trackingCode,
        pin: r.accessPin,
        payload: { contacted: true, solved: 'not', satisfaction: 'very_dissatisfied' },
      });
      expect(res.statusCode, res.body).toBe(200);
      await sweeper.runOnce();
      expect((await rules()).length).toBe(before + i);
    }
    await sweeper.runOnce();
    const found = await rules();
    expect(found.length).toBe(before + 1);
    expect(found.at(-1)!.department_id).toBe('dept-scjg');
    expect(found.at(-1)!.reason).toContain('差评');
  });
});
