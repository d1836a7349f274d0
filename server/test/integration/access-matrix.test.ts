// The access-control matrix, generated from the permission table: every item route × every demo role × an item in
// and out of the user's jurisdiction or department. Invisible rows answer 404, visible but forbidden 403.
import { ACTION_RULES, ITEM_ACTIONS, type ItemAction, type Role } from '@tingquan/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_EXAMPLES, createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
const sessions = new Map<string, Session>();

/** Demo user → roles, and which of the two items (A: 沈河区, dept-scjg; B: 铁西区, dept-sw) they may see. */
const USERS: [string, Role[], { A: boolean; B: boolean }][] = [
  ['admin', ['admin'], { A: true, B: true }],
  ['dispatcher', ['dispatcher'], { A: true, B: true }],
  ['dispatcher.shenhe', ['dispatcher'], { A: true, B: false }],
  ['supervisor', ['supervisor'], { A: true, B: true }],
  ['supervisor.shenhe', ['supervisor'], { A: true, B: false }],
  ['clerk', ['window_clerk'], { A: false, B: false }],
  ['clerk.shenhe', ['window_clerk'], { A: true, B: false }],
  ['handler', ['handler'], { A: true, B: false }],
  ['lead', ['dept_lead'], { A: true, B: false }],
  ['handler.tax', ['handler'], { A: false, B: true }],
  ['inspector', ['inspector'], { A: true, B: true }],
  ['officer', ['officer'], { A: false, B: false }],
  ['citizen', ['requester'], { A: false, B: false }],
];

async function dispatchedItem(district: string, centre: string, dept: string): Promise<string> {
  const dispatcher = sessions.get('dispatcher')!;
  const r = (
    await t.call(null, 'POST', '/api/public/items', intakeBody({ districtId: district, centreId: centre }))
  ).json();
  await t.call(dispatcher, 'POST', `/api/items/${r.id}/accept`, {});
  await t.call(dispatcher, 'POST', `/api/items/${r.id}/dispatch`, { mainDepartmentId: dept });
  return r.id;
}

beforeAll(async () => {
  t = await createTestContext();
  for (const [u] of USERS) sessions.set(u, await t.login(u));
  sessions.set('policy', await t.login('policy'));
}, 120_000);
afterAll(() => t?.close());

describe('reading items', () => {
  it('answers 200 or 404 by jurisdiction and department, and lists only what each may see', async () => {
    const A = await dispatchedItem('d-210103', 'centre-210103', 'dept-scjg');
    const B = await dispatchedItem('d-210106', 'centre-210106', 'dept-sw');
    for (const [u, , can] of USERS) {
      const s = sessions.get(u)!;
      expect((await t.call(s, 'GET', `/api/items/${A}`)).statusCode, `${u} reads A`).toBe(can.A ? 200 : 404);
      expect((await t.call(s, 'GET', `/api/items/${B}`)).statusCode, `${u} reads B`).toBe(can.B ? 200 : 404);
      const listRes = await t.call(s, 'GET', '/api/items?pageSize=200');
      expect(listRes.statusCode, `${u} lists: ${listRes.body.slice(0, 200)}`).toBe(200);
      const listed = listRes.json().items.map((i: { id: string }) => i.id);
      expect(listed.includes(A), `${u} lists A`).toBe(can.A);
      expect(listed.includes(B), `${u} lists B`).toBe(can.B);
      // Lists never carry contact details.
      expect(JSON.stringify(listed)).not.toContain('13812345678');
    }
    expect((await t.call(sessions.get('policy')!, 'GET', '/api/items')).statusCode).toBe(403);
    expect((await t.call(null, 'GET', '/api/items')).statusCode).toBe(401);
  });
});

describe('item actions', () => {
  for (const action of ITEM_ACTIONS.filter((a) => a !== 'reveal')) {
    it(`${action}: 404 where invisible, 403 where the role may not, otherwise the state decides`, async () => {
      for (const [u, roles, can] of USERS) {
        const id = await dispatchedItem('d-210103', 'centre-210103', 'dept-scjg');
        const res = await t.call(
          sessions.get(u)!,
          'POST',
          `/api/items/${id}/${action}`,
          ACTION_EXAMPLES[action as ItemAction],
        );
        const allowedRole = roles.some((r) => ACTION_RULES[action].roles.includes(r));
        const tag = `${u} ${action} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (!can.A) expect(res.statusCode, tag).toBe(404);
        else if (!allowedRole) expect(res.statusCode, tag).toBe(403);
        else expect([200, 400, 409], tag).toContain(res.statusCode);
      }
    });
  }
});
