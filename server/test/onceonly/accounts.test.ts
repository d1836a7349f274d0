// Accounts of people and enterprises, tested from the rules: a phone code signs in once, within five minutes, after
// at most five tries, at most one a minute and five an hour per phone and twenty an hour per address; an enterprise is
// bound only when its legal representative confirms through the 电子营业执照; one person acts for several
// enterprises with a role each, and who they act as is chosen per session or per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ENTERPRISES } from '../../src/modules/accounts/accounts.seed-data.ts';
import { createTestContext, type TestContext } from '../harness.ts';
import { bindEnterprise, requestCode, signInByPhone, smsCodeFor } from './accounts-helpers.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const [QIHANG, JINGGONG, JIAOZI] = DEMO_ACCOUNT_ENTERPRISES;
const signIn = (phone: string, code: string, name?: string) =>
  t.app.inject({ method: 'POST', url: '/api/accounts/sign-in', payload: { phone, code, ...(name ? { name } : {}) } });

describe('phone verification codes', () => {
  it('sends the code by SMS through the outbox and stores only its hash', async () => {
    const res = await requestCode(t, '13911110001');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().phoneMasked).toBe('139****0001');
    const code = await smsCodeFor(t, '13911110001');
    const row = await t.database.db
      .selectFrom('account_phone_code')
      .selectAll()
      .where('phone', '=', '13911110001')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('registers on first sign-in, and signs the same account in next time', async () => {
    t.clock.advance(61_000);
    await requestCode(t, '13911110002');
    const first = await signIn('13911110002', await smsCodeFor(t, '13911110002'), '李明');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ name: '李明', phoneMasked: '139****0002', acting: { kind: 'person' } });
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    const me = await t.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie } });
    expect(me.json().userId).toBe(first.json().userId);

    t.clock.advance(61_000);
    await requestCode(t, '13911110002');
    const again = await signIn('13911110002', await smsCodeFor(t, '13911110002'), '别的名字');
    expect(again.json().userId).toBe(first.json().userId);
    expect(again.json().name).toBe('李明');
  });

  it('refuses a wrong code with the field named, and kills the code after five wrong tries', async () => {
    t.clock.advance(61_000);
    await requestCode(t, '13911110003');
    const code = await smsCodeFor(t, '13911110003');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await signIn('13911110003', wrong);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues).toEqual([{ path: 'body.code', message: 'wrong or expired verification code' }]);
    }
    expect((await signIn('13911110003', code)).statusCode).toBe(400);
  });

  it('expires a code after five minutes and uses a code only once', async () => {
    t.clock.advance(61_000);
    await requestCode(t, '13911110004');
    const old = await smsCodeFor(t, '13911110004');
    t.clock.advance(5 * 60_000 + 1000);
    expect((await signIn('13911110004', old)).statusCode).toBe(400);

    await requestCode(t, '13911110004');
    const fresh = await smsCodeFor(t, '13911110004');
    expect((await signIn('13911110004', fresh)).statusCode).toBe(200);
    expect((await signIn('13911110004', fresh)).statusCode).toBe(400);
  });

  it('limits codes per phone: one a minute, five an hour', async () => {
    t.clock.advance(3_600_000);
    expect((await requestCode(t, '13911110005')).statusCode).toBe(202);
    const soon = await requestCode(t, '13911110005');
    expect(soon.statusCode).toBe(429);
    const before = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', '13911110005')
      .execute();
    expect(before).toHaveLength(1);
    for (let i = 2; i <= 5; i++) {
      t.clock.advance(61_000);
      expect((await requestCode(t, '13911110005')).statusCode).toBe(202);
    }
    t.clock.advance(61_000);
    expect((await requestCode(t, '13911110005')).statusCode).toBe(429);
    t.clock.advance(3_600_000);
    expect((await requestCode(t, '13911110005')).statusCode).toBe(202);
  });

  it('limits codes per address: twenty an hour, whatever the phones', async () => {
    t.clock.advance(3_600_000);
    for (let i = 0; i < 20; i++)
      expect((await requestCode(t, `1370000${String(i).padStart(4, '0')}`, '10.20.30.40')).statusCode).toBe(202);
    expect((await requestCode(t, '13700009999', '10.20.30.40')).statusCode).toBe(429);
    expect((await requestCode(t, '13700009999', '10.20.30.41')).statusCode).toBe(202);
  });

  it('answers a malformed phone with 400 naming the field, and sends nothing', async () => {
    const before = await t.database.db.selectFrom('outbox').select('id').execute();
    const res = await requestCode(t, '1234567');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().issues)).toContain('phone');
    expect(await t.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
  });

  it('gives a phone account no password to guess', async () => {
    await signInByPhone(t, '13911110006');
    const res = await t.call(null, 'POST', '/api/auth/login', { username: 'm13911110006', password: '!' });
    expect(res.statusCode).toBe(401);
  });
});

describe('enterprises bound through the 电子营业执照', () => {
  it('refuses a code whose check character is wrong, changing nothing', async () => {
    const me = await signInByPhone(t, '13922220001', '王五');
    const bad = `${QIHANG.uscc.slice(0, 17)}${QIHANG.uscc[17] === 'A' ? 'B' : 'A'}`;
    const res = await t.call(me, 'POST', '/api/accounts/bindings', { uscc: bad, name: QIHANG.name, role: 'agent' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.uscc');
    expect(await t.database.db.selectFrom('account_binding').select('id').execute()).toHaveLength(0);
  });

  it('binds only after the legal representative approves, under the register’s name', async () => {
    const me = await signInByPhone(t, '13922220002', '沈启航');
    const asked = await t.call(me, 'POST', '/api/accounts/bindings', {
      uscc: QIHANG.uscc,
      name: '启航科技',
      role: 'legal_rep',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('pending');
    const early = await t.call(me, 'POST', `/api/accounts/bindings/${asked.json().id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect((await t.call(me, 'GET', '/api/accounts/me')).json().enterprises).toEqual([]);

    const ref = String(asked.json().confirmUrl).split('/').pop();
    const page = await t.call(null, 'GET', `/api/accounts/licence-sim/${ref}`);
    expect(page.json()).toMatchObject({
      enterpriseName: QIHANG.name,
      legalRepName: QIHANG.legalRepName,
      applicantPhoneMasked: '139****0002',
    });
    await t.call(null, 'POST', `/api/accounts/licence-sim/${ref}/decide`, { approve: true });
    const again = await t.call(null, 'POST', `/api/accounts/licence-sim/${ref}/decide`, { approve: false });
    expect(again.statusCode).toBe(409);

    const done = await t.call(me, 'POST', `/api/accounts/bindings/${asked.json().id}/complete`, {});
    expect(done.json()).toMatchObject({ status: 'approved' });
    const account = (await t.call(me, 'GET', '/api/accounts/me')).json();
    expect(account.enterprises).toEqual([
      expect.objectContaining({
        uscc: QIHANG.uscc,
        name: QIHANG.name,
        legalRepName: QIHANG.legalRepName,
        role: 'legal_rep',
      }),
    ]);
  });

  it('does not bind when the legal representative declines, nor an enterprise the register does not know', async () => {
    const me = await signInByPhone(t, '13922220003');
    const asked = (
      await t.call(me, 'POST', '/api/accounts/bindings', { uscc: JINGGONG.uscc, name: JINGGONG.name, role: 'agent' })
    ).json();
    await t.call(null, 'POST', `/api/accounts/licence-sim/${asked.confirmUrl.split('/').pop()}/decide`, {
      approve: false,
    });
    expect((await t.call(me, 'POST', `/api/accounts/bindings/${asked.id}/complete`, {})).json().status).toBe(
      'declined',
    );

    // A valid code the register does not know: the provider answers not_found, and nothing is bound.
    const unknown = (
      await t.call(me, 'POST', '/api/accounts/bindings', {
        uscc: '91210100MA7F3K2P16',
        name: '未登记公司',
        role: 'agent',
      })
    ).json();
    expect(unknown.confirmUrl).toBeNull();
    const done = await t.call(me, 'POST', `/api/accounts/bindings/${unknown.id}/complete`, {});
    expect(done.json().status).toBe('not_found');
    expect((await t.call(me, 'GET', '/api/accounts/me')).json().enterprises).toEqual([]);
  });

  it('lets one person act for several enterprises with a role each, chosen per session or per request', async () => {
    const me = await signInByPhone(t, '13922220004', '边秀兰');
    const qihang = await bindEnterprise(t, me, QIHANG, 'admin');
    const jiaozi = await bindEnterprise(t, me, JIAOZI, 'legal_rep');
    const account = (await t.call(me, 'GET', '/api/accounts/me')).json();
    expect(account.enterprises.map((e: { role: string }) => e.role).sort()).toEqual(['admin', 'legal_rep']);
    expect(account.acting.kind).toBe('person');

    const chosen = await t.call(me, 'POST', '/api/accounts/acting', { enterpriseId: jiaozi });
    expect(chosen.json().acting).toMatchObject({ kind: 'enterprise', id: jiaozi, role: 'legal_rep' });
    expect((await t.call(me, 'GET', '/api/accounts/me')).json().acting.id).toBe(jiaozi);
    const perRequest = await t.call(me, 'GET', '/api/accounts/me', undefined, { 'x-acting-for': qihang });
    expect(perRequest.json().acting).toMatchObject({ kind: 'enterprise', id: qihang, role: 'admin' });

    // Another session of the same person starts as the person.
    const other = await signInByPhone(t, '13922220004');
    expect((await t.call(other, 'GET', '/api/accounts/me')).json().acting.kind).toBe('person');
    const stranger = await t.call(me, 'POST', '/api/accounts/acting', { enterpriseId: 'nope-0000' });
    expect(stranger.statusCode).toBe(403);
  });

  it('lets the legal representative add and revoke members; an agent may not; an outsider sees nothing', async () => {
    const rep = await signInByPhone(t, '13922220005', '韩精工');
    const enterpriseId = await bindEnterprise(t, rep, JINGGONG, 'legal_rep');
    const agent = await signInByPhone(t, '13922220006', '韩小工');
    const outsider = await signInByPhone(t, '13922220007', '路人');

    const unknownPhone = await t.call(rep, 'POST', `/api/accounts/enterprises/${enterpriseId}/members`, {
      phone: '13922229999',
      role: 'agent',
    });
    expect(unknownPhone.statusCode).toBe(400);
    const added = await t.call(rep, 'POST', `/api/accounts/enterprises/${enterpriseId}/members`, {
      phone: '13922220006',
      role: 'agent',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(
      added
        .json()
        .map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(['agent', 'legal_rep']);
    const asAgent = await t.call(agent, 'GET', '/api/accounts/me', undefined, { 'x-acting-for': enterpriseId });
    expect(asAgent.json().acting).toMatchObject({ kind: 'enterprise', role: 'agent' });

    const byAgent = await t.call(agent, 'POST', `/api/accounts/enterprises/${enterpriseId}/members`, {
      phone: '13922220007',
      role: 'admin',
    });
    expect(byAgent.statusCode).toBe(403);
    expect((await t.call(outsider, 'GET', `/api/accounts/enterprises/${enterpriseId}/members`)).statusCode).toBe(404);
    const promote = await t.call(
      rep,
      'POST',
      `/api/accounts/enterprises/${enterpriseId}/members/${rep.userId}/revoke`,
      {},
    );
    expect(promote.statusCode).toBe(409);

    await t.call(agent, 'POST', '/api/accounts/acting', { enterpriseId });
    const revoked = await t.call(
      rep,
      'POST',
      `/api/accounts/enterprises/${enterpriseId}/members/${agent.userId}/revoke`,
      {},
    );
    expect(revoked.json()).toHaveLength(1);
    const after = await t.call(agent, 'GET', '/api/accounts/me', undefined, { 'x-acting-for': enterpriseId });
    expect(after.statusCode).toBe(403);
    // The saved choice no longer holds: the account page shows the person so the choice can be made again.
    expect((await t.call(agent, 'GET', '/api/accounts/me')).json().acting.kind).toBe('person');
  });

  it('gives staff no account page (they are not holders)', async () => {
    const staff = await t.login('dispatcher');
    expect((await t.call(staff, 'GET', '/api/accounts/me')).statusCode).toBe(403);
  });
});
