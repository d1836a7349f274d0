// The ledger list carries the clocks a reader needs to see at a glance: sign-for until signed, callback until done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
let dispatcher: Session, handler: Session;
beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handler] = await Promise.all(['dispatcher', 'handler'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

const summaryOf = async (id: string, ledgerNo: string) => {
  const list = await t.call(dispatcher, 'GET', `/api/items?q=${encodeURIComponent(ledgerNo)}`);
  expect(list.statusCode, list.body).toBe(200);
  return list.json().items.find((i: { id: string }) => i.id === id);
};

describe('clocks in the ledger list', () => {
  it('shows the sign-for deadline while the department has not signed, and not after', async () => {
    const { id, ledgerNo } = (
      await t.call(null, 'POST', '/api/public/items', intakeBody({ title: '列表时限测试' }))
    ).json();
    expect((await t.call(dispatcher, 'POST', `/api/items/${id}/accept`, {})).statusCode).toBe(200);
    expect(
      (await t.call(dispatcher, 'POST', `/api/items/${id}/dispatch`, { mainDepartmentId: 'dept-scjg' })).statusCode,
    ).toBe(200);
    const dispatched = await summaryOf(id, ledgerNo);
    const detail = (await t.call(dispatcher, 'GET', `/api/items/${id}`)).json();
    const signClock = detail.deadlines.find((d: { kind: string }) => d.kind === 'sign');
    expect(dispatched.signDueAt).toBe(signClock.due);
    expect(dispatched.callbackDueAt).toBeNull();
    expect((await t.call(handler, 'POST', `/api/items/${id}/sign`, {})).statusCode).toBe(200);
    expect((await summaryOf(id, ledgerNo)).signDueAt).toBeNull();
  });
});
