// Group commit: intakes and actions that arrive together share one transaction; each still succeeds or fails alone,
// keyed retries get the first answer, and nothing is acknowledged that is not stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommit, type BulkKind } from '../../src/db/group-commit.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';
import type { IntakeAlso } from '../../src/modules/items/item.service.ts';
import { createTestContext, intakeBody, type TestContext } from '../harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const post = (body: unknown, key?: string) =>
  t.call(null, 'POST', '/api/public/items', body, key ? { 'idempotency-key': key } : {});

describe('intakes written together', () => {
  it('stores every acknowledged intake of a burst once, with contiguous ledger numbers, its event and its notifications', async () => {
    const before = { ...t.services.items.writeStats };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(intakeBody({ title: `批量登记 ${i}` }), `burst-${i}-0123456789`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    // They really were written together (else this test proves nothing about the bulk path).
    expect(t.services.items.writeStats.bulkWrites).toBeGreaterThan(before.bulkWrites);
    const ids = results.map((r) => r.json().id as string);
    const rows = await t.database.db
      .selectFrom('item')
      .select(['id', 'ledger_no', 'title', 'event_seq'])
      .where('id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(40);
    const numbers = rows.map((r) => Number(r.ledger_no.slice(-6))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]! + 1).toBe(40);
    const events = await t.database.db
      .selectFrom('event')
      .select(['item_id'])
      .where('item_id', 'in', ids)
      .where('action', '=', 'submit')
      .execute();
    expect(events).toHaveLength(40);
    const receipts = await t.database.db
      .selectFrom('outbox')
      .select(['payload'])
      .where('topic', '=', 'item.receipt')
      .execute();
    for (const r of results) expect(receipts.some((o) => o.payload.includes(r.json().trackingCode))).toBe(true);
    // Each receipt answers the tracking lookup with its own PIN.
    const first = results[7]!.json();
    const track = await t.call(null, 'GET', `/api/public/track?code=${first.trackingCode}&pin=${first.accessPin}`);
    expect(track.statusCode).toBe(200);
    expect(track.json().title).toBe('批量登记 7');
    expect((await verifyChains(t.database.db)).ok).toBe(true);
  });

  it('answers a key repeated within one batch and a key answered before with the first answer, and refuses a changed body', async () => {
    const earlier = await post(intakeBody({ title: '先前提交' }), 'known-key-0123456789');
    expect(earlier.statusCode).toBe(201);
    const before = await t.database.db
      .selectFrom('item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const burst = await Promise.all([
      post(intakeBody({ title: '同批重复' }), 'same-batch-0123456789'),
      post(intakeBody({ title: '同批重复' }), 'same-batch-0123456789'),
      post(intakeBody({ title: '同批重复，内容不同' }), 'same-batch-0123456789'),
      post(intakeBody({ title: '先前提交' }), 'known-key-0123456789'),
      post(intakeBody({ title: '先前提交，内容不同' }), 'known-key-0123456789'),
      post(intakeBody({ title: '无键提交 1' })),
      post(intakeBody({ title: '无键提交 2' })),
    ]);
    expect(burst.map((r) => r.statusCode)).toEqual([201, 201, 422, 201, 422, 201, 201]);
    expect(burst[1]!.json().id).toBe(burst[0]!.json().id);
    expect(burst[1]!.json().accessPin).toBe(burst[0]!.json().accessPin);
    expect(burst[3]!.json().id).toBe(earlier.json().id);
    expect(burst[2]!.json().error?.code ?? burst[2]!.json().code).toMatch(/idempotency_mismatch/);
    const after = await t.database.db
      .selectFrom('item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(3); // the same-batch key once, and the two without a key
  });

  it('refuses a bad intake alone while the others of its batch are stored', async () => {
    const burst = await Promise.all([
      post(intakeBody({ title: '好的一件' }), 'good-one-0123456789'),
      post(intakeBody({ title: '坏的一件', categoryId: 'cat-does-not-exist' }), 'bad-one-0123456789'),
      post(intakeBody({ title: '好的另一件' }), 'good-two-0123456789'),
    ]);
    expect(burst.map((r) => r.statusCode)).toEqual([201, 400, 201]);
    const stored = await t.database.db
      .selectFrom('item')
      .select('title')
      .where('title', 'in', ['好的一件', '坏的一件', '好的另一件'])
      .execute();
    expect(stored.map((r) => r.title).sort()).toEqual(['好的一件', '好的另一件'].sort());
  });
});

describe('work that goes with an intake', () => {
  it('is stored in the intake transaction: when it fails, the intake is not stored either, alone or in a batch', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('item')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const failing = async () => {
      throw new Error('the posting could not be stored');
    };
    const alone = t.services.items.intake(null, intakeBody({ title: '附带失败', channel: 'web' }) as never, {
      also: failing,
    });
    await expect(alone).rejects.toThrow('the posting could not be stored');
    expect(await count()).toBe(before);
    // In a batch: the failing one falls out, the others (and their own work) are stored. The work may run more than
    // once (in the batch, then alone after the batch's rollback): only what it stores counts, once.
    const mark = async (trx: Parameters<IntakeAlso>[0], r: Parameters<IntakeAlso>[1]) =>
      void (await trx
        .insertInto('counter')
        .values({ name: `also-${r.ledgerNo}`, value: 1 })
        .execute());
    const settled = await Promise.allSettled([
      t.services.items.intake(null, intakeBody({ title: '附带成功 1', channel: 'web' }) as never, { also: mark }),
      t.services.items.intake(null, intakeBody({ title: '附带失败 2', channel: 'web' }) as never, { also: failing }),
      t.services.items.intake(null, intakeBody({ title: '附带成功 3', channel: 'web' }) as never, { also: mark }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(before + 2);
    const marks = (await t.database.db.selectFrom('counter').select('name').where('name', 'like', 'also-%').execute())
      .map((r) => r.name)
      .sort();
    expect(marks).toEqual(
      settled.flatMap((s) => (s.status === 'fulfilled' ? [`also-${s.value.ledgerNo}`] : [])).sort(),
    );
  });
});

describe('the group commit itself', () => {
  it('rolls back a failing unit alone, and reruns every unit on its own when the bulk write fails', async () => {
    const writes = createGroupCommit(t.database);
    const mark = (name: string) => (trx: Parameters<Parameters<typeof writes.run>[0]>[0]) =>
      trx
        .insertInto('counter')
        .values({ name, value: 1 })
        .execute()
        .then(() => name);
    const failing = (trx: Parameters<Parameters<typeof writes.run>[0]>[0]) =>
      trx
        .insertInto('counter')
        .values({ name: 'gc-failed', value: 1 })
        .execute()
        .then(() => {
          throw new Error('refused after writing');
        });
    const settled = await Promise.allSettled([writes.run(mark('gc-a')), writes.run(failing), writes.run(mark('gc-b'))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes.stats.batches).toBe(1);

    // A bulk kind whose write throws half-way: nothing of it stays, and each unit's own work runs instead.
    const kind: BulkKind<string, string> = {
      name: 'test',
      async write(trx, units) {
        await trx
          .insertInto('counter')
          .values({ name: `gc-bulk-${units[0]}`, value: 1 })
          .execute();
        throw new Error('bulk refused');
      },
    };
    const bulk = await Promise.all(
      ['x', 'y', 'z'].map((u) => writes.bulk(kind, u, (trx) => mark(`gc-single-${u}`)(trx))),
    );
    expect(bulk).toEqual(['gc-single-x', 'gc-single-y', 'gc-single-z']);
    expect(writes.stats.bulkFallbacks).toBe(1);
    const names = (await t.database.db.selectFrom('counter').select('name').where('name', 'like', 'gc-%').execute())
      .map((r) => r.name)
      .sort();
    expect(names).toEqual(['gc-a', 'gc-b', 'gc-single-x', 'gc-single-y', 'gc-single-z']);
    await sql`delete from counter where name like 'gc-%'`.execute(t.database.db);
  });
});
