// Test helpers for account holders: a phone-code sign-in read from the SMS outbox (the outside world we fake is the
// gateway, not the code path), and an enterprise bound through the simulated 电子营业执照.
import { expect } from 'vitest';
import type { Session, TestContext } from '../harness.ts';

let nextIp = 1;
/** Each helper sign-in comes from its own address, so the per-address code limit belongs to the tests about it. */
const freshIp = () => `10.9.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

export async function smsCodeFor(t: TestContext, phone: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('channel', '=', 'sms')
    .where('recipient', '=', phone)
    .where('topic', '=', 'account.code')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const m = /验证码是(\d{6})/.exec(JSON.parse(row.payload).text as string);
  if (!m) throw new Error(`no code in ${row.payload}`);
  return m[1];
}

export async function requestCode(t: TestContext, phone: string, ip = freshIp()) {
  return t.app.inject({ method: 'POST', url: '/api/accounts/codes', payload: { phone }, remoteAddress: ip });
}

/** Signs a person in by phone code (registering them on first use); the clock moves past the per-phone interval. */
export async function signInByPhone(t: TestContext, phone: string, name?: string): Promise<Session> {
  t.clock.advance(61_000);
  const sent = await requestCode(t, phone);
  expect(sent.statusCode, sent.body).toBe(202);
  const code = await smsCodeFor(t, phone);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/accounts/sign-in',
    payload: { phone, code, ...(name ? { name } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const me = res.json();
  return { cookie, csrf: me.csrfToken, userId: me.userId };
}

/** Binds an enterprise to the session's account: request, the legal representative approves, complete. */
export async function bindEnterprise(
  t: TestContext,
  as: Session,
  e: { uscc: string; name: string },
  role: 'legal_rep' | 'admin' | 'agent' = 'legal_rep',
): Promise<string> {
  const asked = await t.call(as, 'POST', '/api/accounts/bindings', { uscc: e.uscc, name: e.name, role });
  expect(asked.statusCode, asked.body).toBe(201);
  const ref = String(asked.json().confirmUrl).split('/').pop();
  const ok = await t.call(null, 'POST', `/api/accounts/licence-sim/${ref}/decide`, { approve: true });
  expect(ok.statusCode, ok.body).toBe(200);
  const done = await t.call(as, 'POST', `/api/accounts/bindings/${asked.json().id}/complete`, {});
  expect(done.json().status, done.body).toBe('approved');
  return done.json().enterpriseId as string;
}
