// Personal data (the requester's name, phone, and an enterprise's credit code) never leaves the server in full except
// in the explicit, logged reveal: not in any list (ledger, workbench queues, search, figures, Open311, discipline,
// projects, notifications), not in the server's log, not in the Excel/CSV export (SPEC §6: masked by default).
import ExcelJS from 'exceljs';
import { DIMENSIONS } from '../../src/modules/stats/stats.figures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT } from '../../src/app.ts';
import { OPEN311_PREFIX } from '../../src/modules/open311/open311.routes.ts';
import { DEMO_USERS } from '../../src/seed/org.data.ts';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

const NAME = '欧阳晓梅';
const PHONE = '13987654321';
const PHONE2 = '15911223344';
const USCC = '91350100M000100Y43';
const SECRETS = [NAME, PHONE, PHONE2, USCC];
/** What the masks leave: the first character of a name, the ends of a phone number. */
const MASKED_NAME = '欧***';
const MASKED_PHONE = '139****4321';

let t: TestContext;
const log: string[] = [];
const sessions = new Map<string, Session>();
let person: { id: string; trackingCode: string; accessPin: string; ledgerNo: string };
let enterprise: { id: string };

const QUEUES = [
  'to_accept',
  'to_dispatch',
  'to_sign',
  'in_progress',
  'to_reply',
  'to_callback',
  'to_close',
  'to_approve',
  'overdue',
  'problem',
];

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

async function readSheet(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[] = [];
  wb.worksheets[0].eachRow((row) =>
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v == null ? '' : String(v)))
        .join('\t'),
    ),
  );
  return rows.join('\n');
}

beforeAll(async () => {
  // The production logger settings (redaction included) at the most talkative level, written into memory.
  t = await createTestContext({
    logger: { level: 'trace', redact: LOG_REDACT, stream: { write: (line: string) => void log.push(line) } },
  });
  for (const u of DEMO_USERS) sessions.set(u.username, await t.login(u.username));
  const dispatcher = sessions.get('dispatcher')!;
  const a = await t.call(
    null,
    'POST',
    '/api/public/items',
    intakeBody({ centreId: 'centre-210103', requester: { kind: 'person', name: NAME, phone: PHONE } }),
  );
  expect(a.statusCode, a.body).toBe(201);
  person = a.json();
  const b = await t.call(dispatcher, 'POST', '/api/items', {
    ...intakeBody({
      centreId: 'centre-210103',
      requester: { kind: 'enterprise', name: NAME, organization: '沈阳晓梅贸易有限公司', phone: PHONE2, uscc: USCC },
    }),
    channel: 'hotline',
  });
  expect(b.statusCode, b.body).toBe(201);
  enterprise = b.json();
  // A request that fails validation with the personal data in it: the log must not keep it either.
  expect(
    (
      await t.call(
        null,
        'POST',
        '/api/public/items',
        intakeBody({ title: '', requester: { kind: 'person', name: NAME, phone: PHONE } }),
      )
    ).statusCode,
  ).toBe(400);
  for (const id of [person.id, enterprise.id]) {
    expect((await t.call(dispatcher, 'POST', `/api/items/${id}/accept`, {})).statusCode).toBe(200);
    expect(
      (await t.call(dispatcher, 'POST', `/api/items/${id}/dispatch`, { mainDepartmentId: 'dept-scjg' })).statusCode,
    ).toBe(200);
  }
  // A clue on the item, so the discipline lists have a row that points to it.
  expect(
    (await t.call(sessions.get('supervisor')!, 'POST', `/api/items/${person.id}/transfer_clue`, { reason: '不作为' }))
      .statusCode,
  ).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe('personal data', () => {
  it('is in no list, queue, search, figure, Open311, discipline or project response of any demo user', async () => {
    const checked: string[] = [];
    const urls = [
      '/api/items?pageSize=200',
      ...QUEUES.map((q) => `/api/items?pageSize=200&queue=${q}`),
      `/api/items?q=${encodeURIComponent('复印机')}`,
      `/api/items?q=${encodeURIComponent(person.ledgerNo)}`,
      '/api/stats/summary',
      ...DIMENSIONS.map((d) => `/api/stats/breakdown?by=${d}`),
      '/api/stats/series',
      '/api/stats/league?minVolume=0',
      '/api/stats/hotspots',
      '/api/clues',
      '/api/undercover-checks',
      '/api/spot-checks',
      '/api/projects',
      '/api/notifications',
      `${OPEN311_PREFIX}/requests.json`,
      `${OPEN311_PREFIX}/requests.xml`,
      `${OPEN311_PREFIX}/requests/${person.ledgerNo}.json`,
      `${OPEN311_PREFIX}/requests/${person.ledgerNo}.xml`,
    ];
    let listedOurs = 0;
    for (const u of DEMO_USERS) {
      for (const url of urls) {
        const res = await t.call(sessions.get(u.username)!, 'GET', url);
        if (res.statusCode === 403) continue; // not this user's list
        expect(res.statusCode, `${u.username} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(400);
        expect(leaks(res.body), `${u.username} GET ${url}`).toEqual([]);
        if (res.body.includes(person.id) || res.body.includes(person.ledgerNo)) listedOurs++;
        checked.push(url);
      }
    }
    // The item is really in those lists (so the check is not vacuous), masked where it shows the requester.
    expect(listedOurs).toBeGreaterThan(20);
    const list = (await t.call(sessions.get('dispatcher')!, 'GET', '/api/items?pageSize=200')).json();
    expect(list.items.find((i: { id: string }) => i.id === person.id).requesterName).toBe(MASKED_NAME);
    console.log(
      `pii: ${checked.length} list responses of ${DEMO_USERS.length} users, 0 with a name, phone or credit code in full`,
    );
  });

  it('is masked in the item read by default, shown in full only by the reveal, which leaves an event', async () => {
    const dispatcher = sessions.get('dispatcher')!;
    const plain = await t.call(dispatcher, 'GET', `/api/items/${person.id}`);
    expect(plain.statusCode).toBe(200);
    expect(leaks(plain.body)).toEqual([]);
    expect(plain.json().requester).toMatchObject({ name: MASKED_NAME, phone: MASKED_PHONE, masked: true });

    const revealed = await t.call(dispatcher, 'POST', `/api/items/${person.id}/reveal`, {
      reason: '回访需要联系诉求人',
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().requester).toMatchObject({ name: NAME, phone: PHONE, masked: false });
    const events = revealed.json().events as {
      action: string;
      actorName: string | null;
      data: Record<string, unknown>;
    }[];
    const reveal = events.filter((e) => e.action === 'reveal');
    expect(reveal).toHaveLength(1);
    expect(reveal[0].actorName).toBeTruthy();
    expect(leaks(JSON.stringify(reveal[0].data))).toEqual([]);
    // Revealing once does not unmask the next read.
    expect(leaks((await t.call(dispatcher, 'GET', `/api/items/${person.id}`)).body)).toEqual([]);
    // Administrators see every item but never the person behind it.
    expect(
      (await t.call(sessions.get('admin')!, 'POST', `/api/items/${person.id}/reveal`, { reason: '想看看' })).statusCode,
    ).toBe(403);
  });

  it('is masked in the XLSX and CSV exports of every user who may export, also after a reveal', async () => {
    let rows = 0;
    const audited = async () =>
      (
        await t.database.db.selectFrom('event').select(['actor_id', 'data']).where('action', '=', 'export').execute()
      ).map((e) => ({ actor: e.actor_id, data: e.data }));
    const before = (await audited()).length;
    for (const u of ['dispatcher', 'supervisor', 'admin', 'handler', 'lead', 'clerk.shenhe']) {
      for (const format of ['xlsx', 'csv']) {
        const res = await t.call(sessions.get(u)!, 'GET', `/api/items/export.${format}`);
        expect(res.statusCode, `${u} ${format}: ${res.body.slice(0, 200)}`).toBe(200);
        const text = format === 'xlsx' ? await readSheet(res.rawPayload) : res.rawPayload.toString('utf8');
        expect(leaks(text), `${u} export.${format}`).toEqual([]);
        expect(text, `${u} export.${format} lists the item, masked`).toContain(person.ledgerNo);
        if (u !== 'admin') expect(text).toContain(MASKED_PHONE);
        rows++;
      }
    }
    expect(rows).toBe(12);
    // Every export is an audit event naming who took it, itself without personal data.
    const events = await audited();
    expect(events.length - before).toBe(12);
    expect(new Set(events.map((e) => e.actor)).size).toBeGreaterThanOrEqual(6);
    expect(leaks(JSON.stringify(events))).toEqual([]);
  });

  it('never reaches the log: intake, failed validation, lists, reveal and export all logged without it', async () => {
    const text = log.join('');
    // The capture works: the requests of this file are in it, the reveal and the export among them.
    expect(log.length).toBeGreaterThan(1000);
    expect(text).toContain(`/api/items/${person.id}/reveal`);
    expect(text).toContain('/api/items/export.xlsx');
    expect(text).toContain('/api/public/items');
    expect(leaks(text)).toEqual([]);
    console.log(`pii: ${log.length} log lines at level trace, 0 with a name, phone or credit code`);
  });
});
