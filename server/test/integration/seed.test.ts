// The demo year of items: written in bulk, yet indistinguishable from what the use cases write — chains verify, every
// history is a legal path of the state machine, the projection matches the events, and the API can carry on.
import { ITEM_ACTIONS, canTransition, nextStatus, type ItemAction, type Status } from '@tingquan/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../harness.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';
import { seedItems } from '../../src/seed/seed-items.ts';
import { seedOrg } from '../../src/seed/seed-org.ts';

const COUNT = 3000;
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  const r = await seedItems(t.database, t.clock, { count: COUNT, seed: 7 });
  expect(r.items).toBe(COUNT);
}, 120_000);
afterAll(() => t?.close());

const actions = new Set<string>(ITEM_ACTIONS);

describe('demo items', () => {
  it('verifies as a ledger: every chain intact, heads stored on the items', async () => {
    const v = await verifyChains(t.database.db);
    expect(v.ok, JSON.stringify(v.firstProblem)).toBe(true);
    expect(v.streams).toBeGreaterThanOrEqual(COUNT);
  });

  it('replays every history as a legal path whose end state is the stored projection', async () => {
    const items = await t.database.db.selectFrom('item').selectAll().execute();
    const events = await t.database.db
      .selectFrom('event')
      .selectAll()
      .where('item_id', 'is not', null)
      .orderBy('item_id')
      .orderBy('seq')
      .execute();
    const byItem = new Map<string, typeof events>();
    for (const e of events) byItem.set(e.item_id!, [...(byItem.get(e.item_id!) ?? []), e]);
    const problems: string[] = [];
    for (const item of items) {
      const history = byItem.get(item.id) ?? [];
      if (history[0]?.action !== 'submit') problems.push(`${item.id}: does not start with submit`);
      let status: Status = 'submitted';
      let dispatches = 0,
        returns = 0,
        redos = 0;
      let acceptedAt: number | null = null,
        closedAt: number | null = null,
        repliedAt: number | null = null,
        main: string | null = null;
      let satisfaction: string | null = null,
        handleMet: number | null = null;
      for (const e of history.slice(1)) {
        const data = JSON.parse(e.data);
        if (e.action === 'default_rating') {
          // The sweeper's default rating (not a user action): replied → verified.
          if (status !== 'replied') problems.push(`${item.ledger_no}: default rating from ${status}`);
          [status, satisfaction] = ['verified', data.satisfaction];
          continue;
        }
        if (!actions.has(e.action)) continue;
        const action = e.action as ItemAction;
        if (!canTransition(action, status)) problems.push(`${item.ledger_no}: ${action} from ${status}`);
        const co = action === 'sign' && data.role === 'co';
        if (!co && !(action === 'decide_park' && !data.approve)) status = nextStatus(action, status);
        if (action === 'accept' || action === 'resolve_on_spot') acceptedAt ??= Number(e.at);
        if (action === 'resolve_on_spot') [repliedAt, handleMet] = [Number(e.at), 1];
        if (action === 'dispatch') [dispatches, main] = [dispatches + 1, data.mainDepartmentId];
        if (action === 'return') [returns, main] = [returns + 1, null];
        if (action === 'reply') [repliedAt, handleMet] = [Number(e.at), data.met ? 1 : 0];
        if (action === 'redo') [redos, repliedAt] = [redos + 1, null];
        if (action === 'rate' || action === 'callback') satisfaction = data.satisfaction;
        if (action === 'close_out') closedAt = Number(e.at);
      }
      const stored = {
        status: item.status,
        dispatches: item.dispatch_count,
        returns: item.return_count,
        redos: item.redo_count,
        acceptedAt: item.accepted_at === null ? null : Number(item.accepted_at),
        closedAt: item.closed_at === null ? null : Number(item.closed_at),
        repliedAt: item.replied_at === null ? null : Number(item.replied_at),
        main: item.main_department_id,
        satisfaction: item.satisfaction,
        handleMet: item.handle_met,
        seq: Number(item.event_seq),
      };
      const replayed = {
        status,
        dispatches,
        returns,
        redos,
        acceptedAt,
        closedAt,
        repliedAt,
        main,
        satisfaction,
        handleMet,
        seq: history.length,
      };
      if (JSON.stringify(stored) !== JSON.stringify(replayed))
        problems.push(`${item.ledger_no}: stored ${JSON.stringify(stored)} ≠ replayed ${JSON.stringify(replayed)}`);
      if (
        item.handle_met !== null &&
        item.replied_at !== null &&
        item.handle_due_at !== null &&
        Number(item.replied_at) <= Number(item.handle_due_at) !== !!item.handle_met
      )
        problems.push(`${item.ledger_no}: handle_met disagrees with the times`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('looks like a real city: closure rate near 99%, every open state, channels, tiers, the two quoted problems', async () => {
    const items = await t.database.db
      .selectFrom('item')
      .select([
        'status',
        'channel',
        'tier',
        'accepted_at',
        'title',
        'ledger_no',
        'main_department_id',
        'bad_review',
        'rating_source',
        'extended',
        'return_count',
        'redo_count',
        'handle_due_at',
      ])
      .execute();
    const accepted = items.filter((i) => i.accepted_at !== null).length;
    const closed = items.filter((i) => i.status === 'closed').length;
    expect(closed / accepted).toBeGreaterThan(0.97);
    expect(closed / accepted).toBeLessThan(0.997);
    const statuses = new Set(items.map((i) => i.status));
    for (const s of ['rejected', 'in_progress', 'replied', 'closed']) expect(statuses).toContain(s);
    const share = (f: (i: (typeof items)[number]) => boolean) => items.filter(f).length / items.length;
    expect(share((i) => i.channel === 'window')).toBeGreaterThan(0.4);
    expect(share((i) => i.channel === 'hotline')).toBeGreaterThan(0.15);
    expect(share((i) => i.tier === 'simple')).toBeGreaterThan(0.38);
    expect(share((i) => i.tier === 'complex')).toBeGreaterThan(0.1);
    expect(items.some((i) => i.bad_review)).toBe(true);
    expect(items.some((i) => i.rating_source === 'default')).toBe(true);
    expect(items.some((i) => i.return_count > 0)).toBe(true);
    expect(items.some((i) => i.redo_count > 0)).toBe(true);
    expect(items.some((i) => i.status === 'in_progress' && Number(i.handle_due_at) < t.clock.now())).toBe(true);
    expect(items.find((i) => i.title === '一楼大厅没有复印机')?.main_department_id).toBe('dept-210103-zwfw');
    expect(items.find((i) => i.title === '评标电脑运行缓慢')?.main_department_id).toBe('dept-gz');
    expect(new Set(items.map((i) => i.ledger_no)).size).toBe(items.length);
    const counter = await t.database.db
      .selectFrom('counter')
      .selectAll()
      .where('name', '=', 'ledger:2026')
      .executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(items.filter((i) => i.ledger_no.startsWith('SY-2026-')).length);
  });

  it('leaves items the API can carry on with: a seeded replied item takes a supervisor callback', async () => {
    const item = await t.database.db
      .selectFrom('item')
      .select(['id', 'tier'])
      .where('status', '=', 'replied')
      .where('tier', '!=', 'simple')
      .executeTakeFirstOrThrow();
    const supervisor = await t.login('supervisor');
    const res = await t.call(supervisor, 'POST', `/api/items/${item.id}/callback`, {
      contacted: true,
      solved: 'solved',
      satisfaction: 'satisfied',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('verified');
    const dispatcher = await t.login('dispatcher');
    const list = await t.call(dispatcher, 'GET', '/api/items?pageSize=1');
    expect(list.json().total).toBe(COUNT);
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('is deterministic: the same seed and clock give the same ledger, hash for hash', async () => {
    // Generated twice into two fresh SQLite files: determinism is the generator's, whichever database the suite runs on
    // (and a second PostgreSQL schema would trip the migrator's cross-schema table check, see the report).
    const dir = mkdtempSync(join(tmpdir(), 'tingquan-seed-'));
    try {
      const heads = [];
      for (const name of ['a', 'b']) {
        const database = openDatabase(`sqlite:${join(dir, `${name}.db`)}`);
        await migrateToLatest(database.db);
        await seedOrg(database, t.clock, { demoUsers: false });
        await seedItems(database, t.clock, { count: 300, seed: 11 });
        heads.push(
          await database.db.selectFrom('item').select(['id', 'ledger_no', 'event_hash']).orderBy('id').execute(),
        );
        await database.close();
      }
      expect(heads[0]).toHaveLength(300);
      expect(heads[1]).toEqual(heads[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
