// The API surface: health, the OpenAPI document, security headers, sessions and CSRF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('the API surface', () => {
  it('reports health with the database and the calendar years that lack holiday data', async () => {
    const res = await t.call(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', calendar: { missingYears: [2027] } });
  });

  it('publishes an OpenAPI document with every item action as its own POST route', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const action of [
      'accept',
      'dispatch',
      'sign',
      'return',
      'reply',
      'rate',
      'callback',
      'redo',
      'close_out',
      'merge',
    ]) {
      expect(doc.paths[`/api/items/{id}/${action}`]?.post, action).toBeDefined();
    }
    expect((await t.call(null, 'GET', '/api/docs/')).statusCode).toBe(200);
  });

  it('sends security headers with a strict content security policy', async () => {
    const res = await t.call(null, 'GET', '/api/health');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.call(null, 'GET', '/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('rejects invalid JSON with a 400, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/items',
      payload: '{"type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('idempotency for every write', () => {
  it('replays the first answer of any write retried with the same key, and refuses a different body', async () => {
    const r = (
      await t.call(null, 'POST', '/api/public/items', {
        type: 'consult',
        categoryId: 'cat-other-misc',
        title: '咨询公积金提取',
        description: '想咨询公积金提取需要准备哪些材料。',
        requester: { kind: 'person', phone: '13900001111' },
      })
    ).json();
    const d = await t.login('dispatcher');
    const headers = { 'idempotency-key': 'reveal-once-0001' };
    const a = await t.call(d, 'POST', `/api/items/${r.id}/reveal`, { reason: '核实身份' }, headers);
    const b = await t.call(d, 'POST', `/api/items/${r.id}/reveal`, { reason: '核实身份' }, headers);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replay']).toBe('true');
    const reveals = await t.database.db
      .selectFrom('event')
      .select('id')
      .where('item_id', '=', r.id)
      .where('action', '=', 'reveal')
      .execute();
    expect(reveals).toHaveLength(1);
    const c = await t.call(d, 'POST', `/api/items/${r.id}/reveal`, { reason: '另一个理由' }, headers);
    expect(c.statusCode).toBe(422);
    const bad = await t.call(d, 'POST', `/api/items/${r.id}/reveal`, { reason: 'x' }, { 'idempotency-key': 'no' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite cookie and refuses cookie writes without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dispatcher', password: 'Tingquan#2026' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0];
    const items = (
      await t.call(null, 'POST', '/api/public/items', {
        type: 'consult',
        categoryId: 'cat-other-misc',
        title: '咨询办事流程',
        description: '想咨询一下企业开办需要哪些材料和流程。',
        requester: { kind: 'anonymous' },
      })
    ).json();
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/items/${items.id}/accept`,
      payload: {},
      headers: { cookie: session },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
  });

  it('refuses wrong passwords alike for unknown users and locks an account after repeated failures', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'handler', password: 'wrong-password' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.json().message);
    for (let i = 0; i < 5; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'officer', password: 'wrong-password' },
      });
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: 'Tingquan#2026' },
    });
    expect(locked.statusCode).toBe(429);
    const audit = await t.database.db
      .selectFrom('event')
      .select('action')
      .where('stream', '=', 'audit')
      .where('action', '=', 'login_failed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });

  it('ends the session at logout', async () => {
    const s = await t.login('supervisor');
    expect((await t.call(s, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});
