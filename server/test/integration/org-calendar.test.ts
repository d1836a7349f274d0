// Calendar administration at the turn of a year the official data does not cover yet (2027): the status warns,
// a holiday override moves a new deadline, and declaring the year complete stops the warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
let admin: Session, dispatcher: Session;

beforeAll(async () => {
  // Wednesday 2026-12-30 10:00 in Shanghai: three working days reach into January 2027.
  t = await createTestContext({ start: '2026-12-30T02:00:00.000Z' });
  [admin, dispatcher] = await Promise.all(['admin', 'dispatcher'].map((u) => t.login(u)));
}, 120_000); // seeding hashes passwords: slow when the machine is busy
afterAll(() => t?.close());

async function dispatchedHandleDue(): Promise<string> {
  let res = await t.call(null, 'POST', '/api/public/items', intakeBody());
  const { id } = res.json();
  res = await t.call(dispatcher, 'POST', `/api/items/${id}/accept`, { tier: 'general' });
  expect(res.statusCode, res.body).toBe(200);
  res = await t.call(dispatcher, 'POST', `/api/items/${id}/dispatch`, { mainDepartmentId: 'dept-scjg' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().deadlines.find((d: { kind: string }) => d.kind === 'handle').due;
}

describe('calendar administration', () => {
  it('warns about 2027, honours its overrides and stops warning once declared complete', async () => {
    let res = await t.call(admin, 'GET', '/api/admin/calendar');
    expect(res.statusCode, res.body).toBe(200);
    let status = res.json();
    expect(status.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027, 2028]);
    expect(status.years[0]).toMatchObject({ covered: true, source: 'data' });
    expect(status.missing).toEqual([2027, 2028]);
    expect(status.warning).toContain('2027');
    expect((await t.call(null, 'GET', '/api/health')).json().calendar.missingYears).toEqual([2027]);

    // Without 2027 data only weekends are off: Thu 31 Dec, Fri 1 Jan, Mon 4 Jan.
    expect(await dispatchedHandleDue()).toBe('2027-01-04T10:00:00.000+08:00');

    res = await t.call(admin, 'POST', '/api/admin/calendar/overrides', {
      day: '2027-01-01',
      kind: 'holiday',
      note: '元旦',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().overrides).toEqual([{ day: '2027-01-01', kind: 'holiday', note: '元旦' }]);
    expect(await dispatchedHandleDue()).toBe('2027-01-05T10:00:00.000+08:00');

    res = await t.call(admin, 'POST', '/api/admin/calendar/overrides', { day: '2027-02-30', kind: 'holiday' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['body.day']);
    expect(
      (await t.call(dispatcher, 'POST', '/api/admin/calendar/overrides', { day: '2027-01-02', kind: 'workday' }))
        .statusCode,
    ).toBe(403);

    res = await t.call(admin, 'POST', '/api/admin/calendar/years', { year: 2026 });
    expect(res.statusCode).toBe(409);
    res = await t.call(admin, 'POST', '/api/admin/calendar/years', { year: 2027 });
    expect(res.statusCode, res.body).toBe(200);
    status = res.json();
    expect(status.years[1]).toMatchObject({ year: 2027, covered: true, source: 'override' });
    expect(status.missing).toEqual([2028]);
    expect(status.warning).not.toContain('2027');
    expect((await t.call(null, 'GET', '/api/health')).json().calendar).toEqual({ missingYears: [], warning: null });

    // Removing the override restores the weekday for new deadlines.
    res = await t.call(admin, 'DELETE', '/api/admin/calendar/overrides/2027-01-01');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().overrides).toEqual([]);
    expect((await t.call(admin, 'DELETE', '/api/admin/calendar/overrides/2027-01-01')).statusCode).toBe(404);
    expect(await dispatchedHandleDue()).toBe('2027-01-04T10:00:00.000+08:00');

    const audit = await t.database.db
      .selectFrom('event')
      .select('action')
      .where('stream', '=', 'audit')
      .where('action', 'like', 'admin.calendar.%')
      .execute();
    expect(audit.map((e) => e.action)).toEqual([
      'admin.calendar.override',
      'admin.calendar.year_complete',
      'admin.calendar.override_delete',
    ]);
  });
});
