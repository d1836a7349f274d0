// The discipline inspection commission through the HTTP API: clues scoped by district without the requester,
// their evidence timeline, audited follow-up and close, and undercover checks that put problems on the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
let inspector: Session, inspectorShenhe: Session, supervisor: Session, supervisorShenhe: Session, handler: Session;
let shenheClue: string, hepingClue: string, shenheItem: string;

beforeAll(async () => {
  t = await createTestContext();
  // A district commission office: the demo has only the city one, so add one for 沈河区.
  const city = await t.database.db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', 'inspector')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('app_user')
    .values({
      ...city,
      id: 'u-inspector-shenhe',
      username: 'inspector.shenhe',
      display_name: '沈河区纪委监委 监督',
      district_id: 'd-210103',
    })
    .execute();
  [inspector, inspectorShenhe, supervisor, supervisorShenhe, handler] = await Promise.all(
    ['inspector', 'inspector.shenhe', 'supervisor', 'supervisor.shenhe', 'handler'].map((u) => t.login(u)),
  );
  const clueOn = async (districtId: string) => {
    const res = await t.call(null, 'POST', '/api/public/items', intakeBody({ districtId }));
    const { id } = res.json();
    const tr = await t.call(supervisor, 'POST', `/api/items/${id}/transfer_clue`, {
      reason: '窗口人员多次推诿，不作为',
    });
    expect(tr.statusCode, tr.body).toBe(200);
    const clue = await t.database.db
      .selectFrom('clue')
      .select('id')
      .where('item_id', '=', id)
      .executeTakeFirstOrThrow();
    return { itemId: id as string, clueId: clue.id };
  };
  const a = await clueOn('d-210103');
  [shenheItem, shenheClue] = [a.itemId, a.clueId];
  hepingClue = (await clueOn('d-210102')).clueId;
});
afterAll(() => t?.close());

describe('case clues', () => {
  it('lists clues by jurisdiction and never shows the requester', async () => {
    const all = await t.call(inspector, 'GET', '/api/clues?pageSize=200');
    expect(all.statusCode, all.body).toBe(200);
    const ids = all.json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([shenheClue, hepingClue]));
    for (const reader of [inspectorShenhe, supervisorShenhe]) {
      const mine = (await t.call(reader, 'GET', '/api/clues?pageSize=200')).json();
      expect(mine.items.map((c: { id: string }) => c.id)).toContain(shenheClue);
      expect(mine.items.every((c: { districtId: string }) => c.districtId === 'd-210103')).toBe(true);
      expect((await t.call(reader, 'GET', `/api/clues/${hepingClue}`)).statusCode).toBe(404);
    }
    expect((await t.call(handler, 'GET', '/api/clues')).statusCode).toBe(403);
    expect(all.body).not.toContain('13812345678');
    expect(all.body).not.toContain('张三');
  });

  it('shows a clue with the item summary and its full evidence timeline', async () => {
    const res = await t.call(inspectorShenhe, 'GET', `/api/clues/${shenheClue}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({
      rule: 'manual',
      status: 'open',
      itemId: shenheItem,
      item: { id: shenheItem, requesterName: null },
    });
    expect(c.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'transfer_clue']);
    expect(c.events[1]).toMatchObject({ actorRole: 'supervisor', data: { reason: '窗口人员多次推诿，不作为' } });
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('张三');
  });

  it('follows up and closes a clue with notes, each audited; a supervisor may only read', async () => {
    expect((await t.call(supervisor, 'POST', `/api/clues/${shenheClue}/follow`, { note: '已约谈' })).statusCode).toBe(
      403,
    );
    const bad = await t.call(inspectorShenhe, 'POST', `/api/clues/${shenheClue}/follow`, { note: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.note');
    expect(
      (await t.call(inspectorShenhe, 'POST', `/api/clues/${hepingClue}/follow`, { note: '越权' })).statusCode,
    ).toBe(404);

    let res = await t.call(inspectorShenhe, 'POST', `/api/clues/${shenheClue}/follow`, {
      note: '已调取窗口监控，约谈相关人员',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('following');
    res = await t.call(inspectorShenhe, 'POST', `/api/clues/${shenheClue}/close`, { note: '查实，已给予诫勉谈话' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    expect(res.json().notes.map((n: { action: string; note: string }) => [n.action, n.note])).toEqual([
      ['follow', '已调取窗口监控，约谈相关人员'],
      ['close', '查实，已给予诫勉谈话'],
    ]);
    expect((await t.call(inspectorShenhe, 'POST', `/api/clues/${shenheClue}/close`, { note: '再次' })).statusCode).toBe(
      409,
    );
    const audit = await t.database.db
      .selectFrom('event')
      .select(['action', 'actor_id'])
      .where('stream', '=', 'audit')
      .where('action', 'like', 'clue.%')
      .execute();
    expect(audit).toEqual([
      { action: 'clue.follow', actor_id: 'u-inspector-shenhe' },
      { action: 'clue.close', actor_id: 'u-inspector-shenhe' },
    ]);
    const filtered = (await t.call(inspector, 'GET', '/api/clues?status=closed')).json();
    expect(filtered.items.map((c: { id: string }) => c.id)).toEqual([shenheClue]);
  });
});

describe('undercover checks', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    centreId: 'centre-210103',
    checkedOn: '2026-11-27',
    findings: '暗访发现一楼大厅复印机长期故障，窗口人员让群众自行外出复印。',
    ...over,
  });

  it('records a check and puts the problem on the ledger with channel inspection', async () => {
    const res = await t.call(
      inspectorShenhe,
      'POST',
      '/api/undercover-checks',
      body({
        departmentId: 'dept-scjg',
        raiseItem: {
          type: 'report',
          categoryId: 'cat-facilities-office',
          title: '大厅复印机长期故障',
          description: '暗访发现一楼大厅复印机长期故障无人维修。',
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json();
    expect(check).toMatchObject({ districtId: 'd-210103', centreId: 'centre-210103', departmentId: 'dept-scjg' });
    expect(check.ledgerNo).toMatch(/^SY-2026-\d{6}$/);
    const item = (await t.call(inspectorShenhe, 'GET', `/api/items/${check.itemId}`)).json();
    expect(item).toMatchObject({
      channel: 'inspection',
      status: 'submitted',
      districtId: 'd-210103',
      title: '大厅复印机长期故障',
    });

    const plain = await t.call(
      inspector,
      'POST',
      '/api/undercover-checks',
      body({ centreId: undefined, districtId: 'd-210102', findings: '和平区中心窗口服务规范，未发现问题。' }),
    );
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().itemId).toBeNull();

    const mine = (await t.call(inspectorShenhe, 'GET', '/api/undercover-checks')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([check.id]);
    const city = (await t.call(inspector, 'GET', '/api/undercover-checks')).json();
    expect(city.total).toBe(2);
    expect((await t.call(supervisor, 'GET', '/api/undercover-checks')).statusCode).toBe(403);
  });

  it('rejects bad input with the field at fault and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('undercover_check')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const items = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('item')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [c0, i0] = [await count(), await items()];
    const cases: [Session, Record<string, unknown>, string][] = [
      [inspector, body({ checkedOn: '2026-12-25' }), 'checkedOn'],
      [inspector, body({ checkedOn: '27/11/2026' }), 'body.checkedOn'],
      [inspector, body({ centreId: 'centre-nowhere' }), 'centreId'],
      [inspector, body({ departmentId: 'dept-nowhere' }), 'departmentId'],
      [inspector, body({ findings: '' }), 'body.findings'],
      [inspectorShenhe, body({ centreId: undefined, districtId: 'd-210102' }), 'districtId'],
      [
        inspector,
        body({
          raiseItem: {
            type: 'report',
            categoryId: 'cat-nope',
            title: '大厅复印机故障',
            description: '暗访发现一楼大厅复印机故障。',
          },
        }),
        'raiseItem.categoryId',
      ],
      [
        inspector,
        body({
          raiseItem: {
            type: 'gossip',
            categoryId: 'cat-facilities-office',
            title: '大厅复印机故障',
            description: '暗访发现一楼大厅复印机故障。',
          },
        }),
        'body.raiseItem.type',
      ],
    ];
    for (const [who, b, path] of cases) {
      const res = await t.call(who, 'POST', '/api/undercover-checks', b);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect([await count(), await items()]).toEqual([c0, i0]);
  });
});
