// The organisation admin API through HTTP on a real database: permissions per route, field-level validation,
// duplicates, users and their sessions, the category tree, SLA matrix and calendar changes reaching new deadlines,
// API tokens, webhooks, key projects, notifications, look-ups, and the audit trail of every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { newId } from '../../src/lib/ids.ts';

let t: TestContext;
let admin: Session, dispatcher: Session, handler: Session, officer: Session, clerk: Session, shenhe: Session;

beforeAll(async () => {
  t = await createTestContext();
  [admin, dispatcher, handler, officer, clerk, shenhe] = await Promise.all(
    ['admin', 'dispatcher', 'handler', 'officer', 'clerk', 'dispatcher.shenhe'].map((u) => t.login(u)),
  );
}, 120_000); // seeding hashes passwords: slow when the machine is busy
afterAll(() => t?.close());

const issuesOf = (res: { json(): unknown }) =>
  ((res.json() as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path);

async function auditActions(): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('event')
    .select('action')
    .where('stream', '=', 'audit')
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

async function raiseAndDispatch(as: Session = dispatcher, over: Record<string, unknown> = {}) {
  let res = await t.call(null, 'POST', '/api/public/items', intakeBody(over));
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json();
  res = await t.call(as, 'POST', `/api/items/${id}/accept`, { tier: 'general' });
  expect(res.statusCode, res.body).toBe(200);
  res = await t.call(as, 'POST', `/api/items/${id}/dispatch`, { mainDepartmentId: 'dept-scjg' });
  expect(res.statusCode, res.body).toBe(200);
  return { id, handleDue: res.json().deadlines.find((d: { kind: string }) => d.kind === 'handle').due as string };
}

describe('permissions per route', () => {
  it('lets staff with org.read list the organisation but only admins change it', async () => {
    expect((await t.call(null, 'GET', '/api/admin/districts')).statusCode).toBe(401);
    const list = await t.call(dispatcher, 'GET', '/api/admin/districts');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(13);
    expect((await t.call(dispatcher, 'POST', '/api/admin/districts', { code: 'X1', name: '新区' })).statusCode).toBe(
      403,
    );
    expect(
      (
        await t.call(dispatcher, 'POST', '/api/admin/users', {
          username: 'x.y',
          displayName: 'X',
          password: 'long-enough-1',
          roles: ['dispatcher'],
        })
      ).statusCode,
    ).toBe(403);
    for (const url of [
      '/api/admin/users',
      '/api/admin/sla-rules',
      '/api/admin/calendar',
      '/api/admin/tokens',
      '/api/admin/webhooks',
      '/api/admin/settings/escalation',
      '/api/admin/categories',
    ]) {
      expect((await t.call(handler, 'GET', url)).statusCode, url).toBe(403);
    }
    // A window clerk has no org.read: the public look-ups serve the intake form, the staff ones are not theirs.
    expect((await t.call(clerk, 'GET', '/api/lookups')).statusCode).toBe(403);
    expect((await t.call(handler, 'GET', '/api/projects')).statusCode).toBe(403);
  });

  it('documents every admin route with its schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/admin/users',
      '/api/admin/sla-rules',
      '/api/admin/calendar/overrides',
      '/api/projects/{id}',
      '/api/public/lookups',
      '/api/notifications',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/admin/users'].post.responses['409']).toBeDefined();
  });
});

describe('districts, departments, service centres and windows', () => {
  it('creates, refuses duplicates and bad fields, and retires without deleting', async () => {
    let res = await t.call(admin, 'POST', '/api/admin/districts', { code: 'XQ01', name: '测试新区' });
    expect(res.statusCode, res.body).toBe(201);
    const district = res.json();
    expect(district.active).toBe(true);

    res = await t.call(admin, 'POST', '/api/admin/districts', { code: 'XQ01', name: '重复' });
    expect(res.statusCode).toBe(409);
    expect(issuesOf(res)).toEqual(['code']);
    res = await t.call(admin, 'POST', '/api/admin/districts', { code: 'bad code!', name: '' });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(expect.arrayContaining(['body.code', 'body.name']));

    res = await t.call(admin, 'POST', '/api/admin/departments', {
      code: 'XQ01-zj',
      name: '测试新区住建局',
      level: 'district',
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toContain('body.districtId');
    res = await t.call(admin, 'POST', '/api/admin/departments', {
      code: 'XQ01-zj',
      name: '测试新区住建局',
      level: 'district',
      districtId: 'd-nowhere',
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['districtId']);
    res = await t.call(admin, 'POST', '/api/admin/departments', {
      code: 'XQ01-zj',
      name: '测试新区住建局',
      level: 'district',
      districtId: district.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ level: 'district', districtId: district.id, active: true });
    expect(
      (await t.call(admin, 'POST', '/api/admin/departments', { code: 'scjg', name: '重复', level: 'city' })).statusCode,
    ).toBe(409);

    res = await t.call(admin, 'POST', '/api/admin/centres', { name: '测试新区政务服务中心', districtId: district.id });
    expect(res.statusCode, res.body).toBe(201);
    const centre = res.json();
    res = await t.call(admin, 'POST', `/api/admin/centres/${centre.id}/windows`, { code: 'W01', name: '找茬窗口' });
    expect(res.statusCode, res.body).toBe(201);
    res = await t.call(admin, 'POST', `/api/admin/centres/${centre.id}/windows`, { code: 'W01', name: '重复窗口' });
    expect(res.statusCode).toBe(409);
    expect(issuesOf(res)).toEqual(['code']);
    res = await t.call(admin, 'PATCH', `/api/admin/centres/${centre.id}`, {
      address: '新区大道1号',
      districtId: 'd-210103',
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['body']);
    res = await t.call(admin, 'PATCH', `/api/admin/centres/${centre.id}`, { address: '新区大道1号' });
    expect(res.json()).toMatchObject({ address: '新区大道1号', windowCount: 1 });

    let lookups = (await t.call(null, 'GET', '/api/public/lookups')).json();
    expect(lookups.districts.map((d: { id: string }) => d.id)).toContain(district.id);
    expect(lookups.centres.find((c: { id: string }) => c.id === centre.id).windows).toHaveLength(1);

    res = await t.call(admin, 'POST', `/api/admin/districts/${district.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    res = await t.call(admin, 'POST', `/api/admin/centres/${centre.id}/deactivate`);
    expect(res.json()).toEqual({ id: centre.id, active: false });
    lookups = (await t.call(null, 'GET', '/api/public/lookups')).json();
    expect(lookups.districts.map((d: { id: string }) => d.id)).not.toContain(district.id);
    expect(lookups.centres.map((c: { id: string }) => c.id)).not.toContain(centre.id);
    // Admins still see it, marked inactive.
    const all = (await t.call(admin, 'GET', '/api/admin/districts')).json();
    expect(all.find((d: { id: string }) => d.id === district.id).active).toBe(false);
    expect((await t.call(admin, 'POST', '/api/admin/districts/d-nowhere/deactivate')).statusCode).toBe(404);

    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'admin.district.create',
        'admin.department.create',
        'admin.centre.create',
        'admin.window.create',
        'admin.district.deactivate',
      ]),
    );
  });
});

describe('users and roles', () => {
  it('checks that the scope fits the roles and names the field', async () => {
    const base = { username: 'new.handler', displayName: '新承办', password: 'Correct-horse-1', roles: ['handler'] };
    let res = await t.call(admin, 'POST', '/api/admin/users', base);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['departmentId']);
    res = await t.call(admin, 'POST', '/api/admin/users', { ...base, departmentId: 'dept-nowhere' });
    expect(issuesOf(res)).toEqual(['departmentId']);
    res = await t.call(admin, 'POST', '/api/admin/users', { ...base, roles: ['window_clerk'] });
    expect(issuesOf(res)).toEqual(['centreId']);
    res = await t.call(admin, 'POST', '/api/admin/users', {
      ...base,
      roles: ['window_clerk'],
      centreId: 'centre-city',
      windowId: 'centre-210103-w01',
    });
    expect(issuesOf(res)).toEqual(['windowId']);
    res = await t.call(admin, 'POST', '/api/admin/users', { ...base, password: 'short' });
    expect(issuesOf(res)).toEqual(['body.password']);
    res = await t.call(admin, 'POST', '/api/admin/users', {
      ...base,
      username: 'dispatcher',
      departmentId: 'dept-scjg',
    });
    expect(res.statusCode).toBe(409);
    expect(issuesOf(res)).toEqual(['username']);
    const users = await t.database.db
      .selectFrom('app_user')
      .select('username')
      .where('username', '=', 'new.handler')
      .execute();
    expect(users).toHaveLength(0);
  });

  it('creates an account that can sign in, and deactivation ends its sessions', async () => {
    let res = await t.call(admin, 'POST', '/api/admin/users', {
      username: 'new.handler',
      displayName: '新承办',
      password: 'Correct-horse-1',
      roles: ['handler'],
      departmentId: 'dept-scjg',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(res.body).not.toMatch(/argon2|password/i);
    expect(created).toMatchObject({
      username: 'new.handler',
      roles: ['handler'],
      departmentId: 'dept-scjg',
      active: true,
    });

    const session = await t.login('new.handler', 'Correct-horse-1');
    expect((await t.call(session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const listed = await t.call(admin, 'GET', '/api/admin/users?role=handler');
    expect(listed.json().map((u: { username: string }) => u.username)).toContain('new.handler');
    expect(listed.body).not.toMatch(/argon2/);
    const found = (await t.call(admin, 'GET', '/api/admin/users?q=%E6%96%B0%E6%89%BF')).json(); // q=新承
    expect(found.map((u: { username: string }) => u.username)).toEqual(['new.handler']);

    res = await t.call(admin, 'POST', `/api/admin/users/${created.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await t.call(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(
      (await t.call(null, 'POST', '/api/auth/login', { username: 'new.handler', password: 'Correct-horse-1' }))
        .statusCode,
    ).toBe(401);
    expect(
      await t.database.db.selectFrom('session').select('id').where('user_id', '=', created.id).execute(),
    ).toHaveLength(0);

    res = await t.call(admin, 'POST', `/api/admin/users/${created.id}/activate`);
    expect(res.json().active).toBe(true);
    res = await t.call(admin, 'POST', `/api/admin/users/${created.id}/reset-password`, { password: 'Another-horse-2' });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (await t.call(null, 'POST', '/api/auth/login', { username: 'new.handler', password: 'Correct-horse-1' }))
        .statusCode,
    ).toBe(401);
    await t.login('new.handler', 'Another-horse-2');

    // Moving to a window clerk needs the department cleared and a centre given.
    res = await t.call(admin, 'PATCH', `/api/admin/users/${created.id}`, {
      roles: ['window_clerk'],
      centreId: 'centre-city',
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['departmentId']);
    res = await t.call(admin, 'PATCH', `/api/admin/users/${created.id}`, {
      roles: ['window_clerk'],
      centreId: 'centre-city',
      departmentId: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['window_clerk'], centreId: 'centre-city', departmentId: null });

    // An administrator cannot lock themselves out.
    res = await t.call(admin, 'POST', `/api/admin/users/${admin.userId}/deactivate`);
    expect(res.statusCode).toBe(409);

    const audit = await t.database.db
      .selectFrom('event')
      .select(['action', 'data'])
      .where('stream', '=', 'audit')
      .where('action', 'like', 'admin.user.%')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['admin.user.create', 'admin.user.update']));
    for (const e of audit) expect(e.data).not.toMatch(/horse/);
  });
});

describe('category tree', () => {
  it('lists a tree publicly, moves without cycles, and deletes only what nothing uses', async () => {
    let res = await t.call(null, 'GET', '/api/categories');
    expect(res.statusCode).toBe(200);
    const facilities = res.json().find((c: { code: string }) => c.code === 'facilities');
    expect(facilities.children.map((c: { code: string }) => c.code)).toContain('facilities.office');

    const attributes = [{ code: 'floor', datatype: 'string', required: false, description: '楼层' }];
    res = await t.call(admin, 'POST', '/api/admin/categories', {
      parentId: 'cat-facilities',
      code: 'facilities-copier',
      name: '复印设备',
      attributes,
    });
    expect(res.statusCode, res.body).toBe(201);
    const copier = res.json();
    expect(copier).toMatchObject({ parentId: 'cat-facilities', attributes, children: [] });
    expect(
      (await t.call(admin, 'POST', '/api/admin/categories', { code: 'facilities-copier', name: '重复' })).statusCode,
    ).toBe(409);
    res = await t.call(admin, 'POST', '/api/admin/categories', { parentId: 'cat-nowhere', code: 'x-y', name: '无父' });
    expect(issuesOf(res)).toEqual(['parentId']);

    res = await t.call(admin, 'POST', '/api/admin/categories/cat-facilities/move', { parentId: copier.id });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['parentId']);
    res = await t.call(admin, 'POST', `/api/admin/categories/${copier.id}/move`, { parentId: 'cat-other' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().parentId).toBe('cat-other');
    res = await t.call(admin, 'PATCH', `/api/admin/categories/${copier.id}`, { name: '复印机' });
    expect(res.json().name).toBe('复印机');

    // In use by an item: not deletable, only deactivated; then it leaves the public tree.
    await t.call(null, 'POST', '/api/public/items', intakeBody({ categoryId: 'cat-facilities-hall' }));
    res = await t.call(admin, 'DELETE', '/api/admin/categories/cat-facilities-hall');
    expect(res.statusCode).toBe(409);
    expect((await t.call(admin, 'POST', '/api/admin/categories/cat-facilities-hall/deactivate')).statusCode).toBe(200);
    const tree = (await t.call(null, 'GET', '/api/categories')).json();
    expect(JSON.stringify(tree)).not.toContain('cat-facilities-hall');
    expect(JSON.stringify((await t.call(admin, 'GET', '/api/admin/categories')).json())).toContain(
      'cat-facilities-hall',
    );

    expect((await t.call(admin, 'DELETE', `/api/admin/categories/${copier.id}`)).statusCode).toBe(204);
    expect((await t.call(admin, 'DELETE', `/api/admin/categories/${copier.id}`)).statusCode).toBe(404);
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'admin.category.create',
        'admin.category.move',
        'admin.category.deactivate',
        'admin.category.delete',
      ]),
    );
  });
});

describe('the SLA matrix', () => {
  it('changes the handling deadline of newly dispatched items, and only theirs', async () => {
    const before = await raiseAndDispatch();
    // general = 3 working days from Monday 2026-11-30 10:00
    expect(before.handleDue).toBe('2026-12-03T10:00:00.000+08:00');

    const matrix = (await t.call(admin, 'GET', '/api/admin/sla-rules')).json();
    const general = matrix.rules.find(
      (r: { tier: string; urgent: boolean; type: null; categoryId: null }) =>
        r.tier === 'general' && !r.urgent && !r.type && !r.categoryId,
    );
    let res = await t.call(admin, 'PATCH', `/api/admin/sla-rules/${general.id}`, { handleDays: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().handleDays).toBe(5);
    // A PATCH changes only what it names: an urgent row keeps its urgency and its 30-minute sign-for limit.
    const urgent = matrix.rules.find((r: { tier: string; urgent: boolean }) => r.tier === 'simple' && r.urgent);
    res = await t.call(admin, 'PATCH', `/api/admin/sla-rules/${urgent.id}`, { handleDays: 2 });
    expect(res.json()).toEqual({ ...urgent, handleDays: 2 });

    const after = await raiseAndDispatch();
    expect(after.handleDue).toBe('2026-12-07T10:00:00.000+08:00');
    const kept = (await t.call(dispatcher, 'GET', `/api/items/${before.id}`)).json();
    expect(kept.deadlines.find((d: { kind: string }) => d.kind === 'handle').due).toBe('2026-12-03T10:00:00.000+08:00');

    // A category-specific row wins for that category only.
    res = await t.call(admin, 'POST', '/api/admin/sla-rules', {
      tier: 'general',
      categoryId: 'cat-facilities',
      handleDays: 1,
    });
    expect(res.statusCode, res.body).toBe(201);
    const specific = res.json();
    expect((await raiseAndDispatch(dispatcher, { categoryId: 'cat-facilities-computer' })).handleDue).toBe(
      '2026-12-01T10:00:00.000+08:00',
    );
    expect((await raiseAndDispatch(dispatcher, { categoryId: 'cat-tax-invoice' })).handleDue).toBe(
      '2026-12-07T10:00:00.000+08:00',
    );

    res = await t.call(admin, 'POST', '/api/admin/sla-rules', {
      tier: 'general',
      categoryId: 'cat-facilities',
      handleDays: 2,
    });
    expect(res.statusCode).toBe(409);
    res = await t.call(admin, 'POST', '/api/admin/sla-rules', {
      tier: 'general',
      categoryId: 'cat-nowhere',
      handleDays: 2,
    });
    expect(issuesOf(res)).toEqual(['categoryId']);
    res = await t.call(admin, 'POST', '/api/admin/sla-rules', { tier: 'urgentish', handleDays: -1 });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(expect.arrayContaining(['body.tier', 'body.handleDays']));
    expect((await t.call(admin, 'DELETE', `/api/admin/sla-rules/${specific.id}`)).statusCode).toBe(204);

    // Replacing the whole matrix: duplicates refused with the row, nothing changed.
    const rows = (await t.call(admin, 'GET', '/api/admin/sla-rules'))
      .json()
      .rules.map(({ id: _id, ...r }: { id: string }) => r);
    res = await t.call(admin, 'PUT', '/api/admin/sla-rules', { rules: [...rows, rows[0]] });
    expect(res.statusCode).toBe(409);
    expect(issuesOf(res)).toEqual([`rules.${rows.length}`]);
    expect((await t.call(admin, 'GET', '/api/admin/sla-rules')).json().rules).toHaveLength(rows.length);
    res = await t.call(admin, 'PUT', '/api/admin/sla-rules', {
      rules: rows.map((r: { tier: string }) => (r.tier === 'general' ? { ...r, handleDays: 3 } : r)),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await raiseAndDispatch()).handleDue).toBe('2026-12-03T10:00:00.000+08:00');
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['admin.sla.update', 'admin.sla.add', 'admin.sla.delete', 'admin.sla.replace']),
    );
  });
});

describe('concurrent admin changes', () => {
  it('lets exactly one of two simultaneous rows with the same scope in', async () => {
    const body = { tier: 'complex', type: 'report', handleDays: 5 };
    const answers = await Promise.all([1, 2, 3].map(() => t.call(admin, 'POST', '/api/admin/sla-rules', body)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = (await t.call(admin, 'GET', '/api/admin/sla-rules'))
      .json()
      .rules.filter((r: { tier: string; type: string | null }) => r.tier === 'complex' && r.type === 'report');
    expect(rows).toHaveLength(1);
  });
});

describe('escalation settings', () => {
  it('validates the ladder and stores it', async () => {
    let res = await t.call(admin, 'PUT', '/api/admin/settings/escalation', {
      superviseAfterWorkingDays: 6,
      listAfterWorkingDays: 5,
      clueAfterWorkingDays: 10,
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['body.listAfterWorkingDays']);
    res = await t.call(admin, 'PUT', '/api/admin/settings/escalation', {
      superviseAfterWorkingDays: 1,
      listAfterWorkingDays: 4,
      clueAfterWorkingDays: 8,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.call(admin, 'GET', '/api/admin/settings/escalation')).json()).toEqual({
      superviseAfterWorkingDays: 1,
      listAfterWorkingDays: 4,
      clueAfterWorkingDays: 8,
    });
    expect((await t.services.deadlines.snapshot()).escalation.listAfterWorkingDays).toBe(4);
  });
});

describe('API tokens and webhooks', () => {
  it('authenticates with a Bearer token until it is revoked', async () => {
    let res = await t.call(admin, 'POST', '/api/admin/tokens', { name: '12345 热线对接', userId: 'u-nowhere' });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['userId']);
    res = await t.call(admin, 'POST', '/api/admin/tokens', { name: '12345 热线对接', userId: 'u-dispatcher' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, token } = res.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.call(null, 'GET', '/api/items?pageSize=1', undefined, bearer)).statusCode).toBe(200);
    // Token callers carry the user's permissions, nothing more.
    expect((await t.call(null, 'GET', '/api/admin/tokens', undefined, bearer)).statusCode).toBe(403);

    const listed = await t.call(admin, 'GET', '/api/admin/tokens');
    expect(listed.body).not.toContain(token);
    expect(listed.json().find((x: { id: string }) => x.id === id).lastUsedAt).not.toBeNull();

    res = await t.call(admin, 'POST', `/api/admin/tokens/${id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).not.toBeNull();
    expect((await t.call(null, 'GET', '/api/items?pageSize=1', undefined, bearer)).statusCode).toBe(401);
    expect(await auditActions()).toEqual(expect.arrayContaining(['admin.token.create', 'admin.token.revoke']));
  });

  it('shows a webhook secret once and deactivates', async () => {
    let res = await t.call(admin, 'POST', '/api/admin/webhooks', { url: 'ftp://example.org/hook' });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['body.url']);
    res = await t.call(admin, 'POST', '/api/admin/webhooks', {
      url: 'https://example.org/hook',
      events: ['item.closed'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const hook = res.json();
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await t.call(admin, 'GET', '/api/admin/webhooks');
    expect(listed.body).not.toContain(hook.secret);
    res = await t.call(admin, 'POST', `/api/admin/webhooks/${hook.id}/deactivate`);
    expect(res.json().active).toBe(false);
    expect((await t.call(dispatcher, 'POST', '/api/admin/webhooks', { url: 'https://example.org/x' })).statusCode).toBe(
      403,
    );
  });
});

describe('key projects', () => {
  it('lets the officer follow their own projects and the bureau its jurisdiction', async () => {
    let res = await t.call(admin, 'POST', '/api/projects', {
      code: 'KP-2026-002',
      name: '沈河金融商贸区项目',
      districtId: 'd-210103',
      officerId: 'u-dispatcher',
    });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toEqual(['officerId']);
    res = await t.call(admin, 'POST', '/api/projects', {
      code: 'KP-2026-002',
      name: '沈河金融商贸区项目',
      districtId: 'd-210103',
      officerId: 'u-officer',
    });
    expect(res.statusCode, res.body).toBe(201);
    const shenheProject = res.json();
    expect(
      (await t.call(admin, 'POST', '/api/projects', { code: 'KP-2026-002', name: '重复', officerId: 'u-officer' }))
        .statusCode,
    ).toBe(409);

    // The officer raises an item for the Hunnan project: it is urgent by default and shows on the project page.
    res = await t.call(officer, 'POST', '/api/items', {
      ...intakeBody({ districtId: 'd-210112' }),
      channel: 'window',
      projectId: 'proj-hunnan-ic',
    });
    expect(res.statusCode, res.body).toBe(201);
    const itemId = res.json().id;

    const mine = (await t.call(officer, 'GET', '/api/projects')).json();
    expect(mine.map((p: { id: string }) => p.id).sort()).toEqual(['proj-hunnan-ic', shenheProject.id].sort());
    res = await t.call(officer, 'GET', '/api/projects/proj-hunnan-ic');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.officer.displayName).toBe('首席服务官 卫服务');
    expect(page.openItems).toBe(1);
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    expect(page.items[0].urgent).toBe(true);

    // The city bureau sees all projects; the Shenhe bureau only Shenhe's.
    expect((await t.call(dispatcher, 'GET', '/api/projects')).json().length).toBeGreaterThanOrEqual(2);
    expect((await t.call(shenhe, 'GET', '/api/projects')).json().map((p: { id: string }) => p.id)).toEqual([
      shenheProject.id,
    ]);
    expect((await t.call(shenhe, 'GET', '/api/projects/proj-hunnan-ic')).statusCode).toBe(404);
    expect((await t.call(dispatcher, 'PATCH', `/api/projects/${shenheProject.id}`, { name: '改名' })).statusCode).toBe(
      403,
    );
    res = await t.call(admin, 'PATCH', `/api/projects/${shenheProject.id}`, { status: 'closed' });
    expect(res.json().status).toBe('closed');
  });
});

describe('notifications', () => {
  it('shows only the reader’s own, unread first, and marks them read', async () => {
    const at = t.clock.now();
    const row = (userId: string, n: number, read: boolean) => ({
      id: newId(at + n),
      user_id: userId,
      item_id: null,
      kind: 'item.dispatched',
      title: `通知 ${n}`,
      body: '',
      created_at: at + n * 1000,
      read_at: read ? at : null,
    });
    await t.database.db
      .insertInto('notification')
      .values([
        row(handler.userId, 1, false),
        row(handler.userId, 2, true),
        row(handler.userId, 3, false),
        row(dispatcher.userId, 4, false),
      ])
      .execute();
    let res = await t.call(handler, 'GET', '/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.items.map((n: { title: string }) => n.title)).toEqual(['通知 3', '通知 1', '通知 2']);
    expect(list.unread).toBe(2);

    const others = (await t.call(dispatcher, 'GET', '/api/notifications')).json().items;
    expect((await t.call(handler, 'POST', `/api/notifications/${others[0].id}/read`)).statusCode).toBe(404);
    res = await t.call(handler, 'POST', `/api/notifications/${list.items[0].id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json().readAt).not.toBeNull();
    expect(
      (await t.call(handler, 'GET', '/api/notifications?unread=true'))
        .json()
        .items.map((n: { title: string }) => n.title),
    ).toEqual(['通知 1']);
    expect((await t.call(null, 'GET', '/api/notifications')).statusCode).toBe(401);
  });
});

describe('look-ups', () => {
  it('serves the intake form without an account and staff pickers within scope', async () => {
    const res = await t.call(null, 'GET', '/api/public/lookups');
    expect(res.statusCode).toBe(200);
    const pub = res.json();
    expect(pub.itemTypes).toContain('complaint');
    expect(
      pub.centres.reduce((n: number, c: { windows: unknown[] }) => n + c.windows.length, 0),
    ).toBeGreaterThanOrEqual(350);
    expect(pub).not.toHaveProperty('users');

    const lead = await t.login('lead');
    const staff = (await t.call(lead, 'GET', '/api/lookups')).json();
    expect(staff.departments.length).toBeGreaterThan(10);
    expect(new Set(staff.users.map((u: { departmentId: string }) => u.departmentId))).toEqual(new Set(['dept-scjg']));
    expect(Object.keys(staff.users[0]).sort()).toEqual(['departmentId', 'displayName', 'id']);
  });
});
