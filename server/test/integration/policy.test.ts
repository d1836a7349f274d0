// Policy direct delivery through the API on a real database: calculator, rule editor, 一企一档 import, matching runs
// (incl. a crash and resume), the delivery workflow, fast applications, complaints, figures and access control.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEnterprises } from '@tingquan/common/policy/demo-enterprises';
import { createTestContext, type Session, type TestContext } from '../harness.ts';
import { seedEnterprises, seedPolicyCatalogue } from '../../src/modules/policy/policy.seed.ts';
import { createMatching } from '../../src/modules/policy/policy.matching.ts';
import { createCatalogueCache } from '../../src/modules/policy/policy.catalogue.ts';

let t: TestContext;
let policy: Session;
const [A, B, C, D] = generateEnterprises(4, { seed: 7 }).map((e) => e.uscc);
const badUscc = `${A.slice(0, 17)}${A[17] === '0' ? '1' : '0'}`;

/** A high-tech enterprise certified this year: eligible for 高新技术企业首次认定奖励 (150,000 元 from 2026). */
const HNTE = {
  certifications: ['高新技术企业'],
  hnteCertifiedOn: '2026-06-01',
  establishedOn: '2019-03-01',
  dishonestListed: false,
};

function multipart(filename: string, content: Buffer, mime: string) {
  const boundary = '----tq' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(as: Session, url: string, filename: string, content: Buffer, mime = 'text/csv') {
  const { body, headers } = multipart(filename, content, mime);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...headers, cookie: as.cookie, 'x-csrf-token': as.csrf },
  });
}

beforeAll(async () => {
  t = await createTestContext();
  await seedPolicyCatalogue(t.database.db, t.clock.now());
  policy = await t.login('policy');
}, 60_000);
afterAll(async () => t?.close());

describe('OpenAPI', () => {
  it('documents every policy route with its request and response schemas', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
    const paths = Object.keys(doc.paths).filter((p) => p.includes('/policy'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/public/policy/calculator',
        '/api/policy/items/{id}/rules',
        '/api/policy/items/{id}/candidates',
        '/api/policy/runs/{id}',
        '/api/policy/enterprises/import',
        '/api/policy/stats',
      ]),
    );
    expect(paths.length).toBeGreaterThanOrEqual(25);
    const calc = doc.paths['/api/public/policy/calculator'].post;
    expect(calc.requestBody.content['application/json'].schema.properties.facts.properties).toHaveProperty(
      'industryCode',
    );
    expect(calc.responses['200'].content['application/json'].schema.properties).toHaveProperty('nearMisses');
  });
});

describe('policy calculator (public)', () => {
  it('says which items an enterprise can get, why, how much, and what it is missing', async () => {
    const res = await t.call(null, 'POST', '/api/public/policy/calculator', { facts: HNTE, asOf: '2026-11-30' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const hnte = body.eligible.find((e: { itemId: string }) => e.itemId === 'hnte-first');
    expect(hnte.amount).toBe(150000);
    expect(hnte.explanation.criteria.every((c: { state: string }) => c.state === 'pass')).toBe(true);
    expect(hnte.explanation.amount.parameters[0]).toMatchObject({ id: 'hnte_first_award', version: 2, value: 150000 });
    // Revenue is not given: items that need it are "needs data", never "ineligible".
    expect(body.needsData.some((e: { missingFacts: string[] }) => e.missingFacts.includes('revenue'))).toBe(true);
    // The same facts before the 2026 adjustment give the old amount.
    const before = (
      await t.call(null, 'POST', '/api/public/policy/calculator', {
        facts: { ...HNTE, hnteCertifiedOn: '2025-06-01' },
        asOf: '2025-11-30',
      })
    ).json();
    expect(before.eligible.find((e: { itemId: string }) => e.itemId === 'hnte-first').amount).toBe(100000);
  });

  it('refuses a malformed fact with its path', async () => {
    const res = await t.call(null, 'POST', '/api/public/policy/calculator', {
      facts: { industryCode: 'Z99', employees: -3 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.facts.industryCode', 'body.facts.employees']));
  });
});

describe('rule editor', () => {
  const draft = {
    effectiveFrom: '2026-12-01',
    hitPolicy: 'unique',
    inputs: [
      { id: 'hnte', fact: 'certifications' },
      { id: 'age', fact: 'ageYears' },
    ],
    rows: [{ cells: ['高新技术企业', '>= 2'] }],
    exclusions: [{ id: 'dishonest', label: '列入严重失信主体名单', fact: 'dishonestListed', test: 'true' }],
    amount: { steps: [{ id: 'award', label: '奖励额', expr: '$hnte_first_award' }] },
  };

  it('validates a draft and names the row and column of each problem', async () => {
    const res = await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules/validate', {
      ...draft,
      rows: [{ cells: ['高新技术企业', '>= banana'] }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.errors[0]).toMatchObject({ row: 1, column: 'age' });
    const refused = await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules', {
      ...draft,
      rows: [{ cells: ['高新技术企业', '>= banana'] }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues[0].path).toBe('rule.rows.1.age');
    expect((await t.call(policy, 'GET', '/api/policy/items/hnte-first/rules')).json()).toHaveLength(1);
  });

  it('publishes a frozen new version and keeps the old one; the test panel explains facts', async () => {
    const [v1] = (await t.call(policy, 'GET', '/api/policy/items/hnte-first/rules')).json();
    const res = await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules', draft);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      itemId: 'hnte-first',
      version: 2,
      status: 'published',
      effectiveFrom: '2026-12-01',
    });
    const versions = (await t.call(policy, 'GET', '/api/policy/items/hnte-first/rules')).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toEqual(v1);
    const audit = await t.database.db
      .selectFrom('event')
      .select(['action', 'actor_id', 'data'])
      .where('action', '=', 'policy.rule_published')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data)).toMatchObject({ itemId: 'hnte-first', version: 2 });
    // Backdating a change before the version in force is refused.
    const back = await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules', {
      ...draft,
      effectiveFrom: '2026-01-01',
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().issues[0].path).toBe('effectiveFrom');

    const test = await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules/test', {
      facts: { ...HNTE, establishedOn: '2025-06-01' },
      asOf: '2026-12-15',
    });
    expect(test.statusCode).toBe(200);
    const d = test.json();
    expect(d.status).toBe('ineligible');
    expect(d.ruleVersion).toBe(2);
    expect(d.criteria.find((c: { id: string }) => c.id === 'age')).toMatchObject({
      state: 'fail',
      source: { id: 'self' },
    });
    expect(d.nearestMiss.criterionId).toBe('age');
    // Before the new version takes effect, version 1 decides.
    const old = (
      await t.call(policy, 'POST', '/api/policy/items/hnte-first/rules/test', {
        facts: { ...HNTE, establishedOn: '2025-06-01' },
        asOf: '2026-11-30',
      })
    ).json();
    expect(old).toMatchObject({ status: 'eligible', ruleVersion: 1 });
  });

  it('adds a dated parameter value from a date on, keeping the earlier values for earlier dates', async () => {
    const url = '/api/policy/parameters/hnte_first_award/versions';
    const body = {
      effectiveFrom: '2027-01-01',
      value: 200000,
      reference: { document: '沈政办发〔2026〕30号', article: '第一条' },
    };
    const back = await t.call(policy, 'POST', url, { ...body, effectiveFrom: '2025-06-01' });
    expect(back.statusCode).toBe(400);
    expect(back.json().issues[0].path).toBe('effectiveFrom');
    const res = await t.call(policy, 'POST', url, body);
    expect(res.statusCode).toBe(201);
    expect(res.json().versions.map((v: { value: number }) => v.value)).toEqual([100000, 150000, 200000]);
    const calc = async (asOf: string) =>
      (
        await t.call(null, 'POST', '/api/public/policy/calculator', {
          facts: { ...HNTE, hnteCertifiedOn: '2026-10-01' },
          asOf,
        })
      )
        .json()
        .eligible.find((e: { itemId: string }) => e.itemId === 'hnte-first');
    expect((await calc('2027-02-01')).amount).toBe(200000);
    expect((await calc('2026-12-15')).amount).toBe(150000);
    expect((await calc('2027-02-01')).explanation.amount.parameters[0]).toMatchObject({
      version: 3,
      reference: { document: '沈政办发〔2026〕30号' },
    });
    expect((await t.call(policy, 'POST', '/api/policy/parameters/no_such/versions', body)).statusCode).toBe(404);
  });

  it('is for policy staff only', async () => {
    const dispatcher = await t.login('dispatcher');
    expect((await t.call(dispatcher, 'GET', '/api/policy/items')).statusCode).toBe(403);
    expect((await t.call(null, 'GET', '/api/policy/items')).statusCode).toBe(401);
    expect((await t.call(dispatcher, 'POST', '/api/policy/items/hnte-first/rules', draft)).statusCode).toBe(403);
  });
});

describe('enterprise file, matching and delivery', () => {
  let enterpriseId: string;
  let candidateId: string;

  it('imports a CSV: bad rows skipped with reasons, good rows with source and date', async () => {
    const csv = [
      '统一社会信用代码,企业名称,联系电话,国民经济行业代码,上年度营业收入,资质认定,高新技术企业认定日期,成立日期,列入严重失信主体名单',
      `${A},沈阳甲科技有限公司,13800000001,I6510,"12,000,000",高新技术企业,2026-06-01,2019-03-01,否`,
      `${badUscc},坏代码公司,,I6510,100,,,,`,
      `${B},乙公司,,Z9,abc,,2026-13-01,,`,
      `${C},丙公司,,C3411,5000000,,,2020/1/5,是`,
    ].join('\n');
    const res = await upload(policy, '/api/policy/enterprises/import?asOf=2026-10-31', 'market.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ format: 'csv', total: 4, imported: 2, skipped: 2, created: 2 });
    expect(r.rows[1].errors[0].column).toBe('统一社会信用代码');
    expect(r.rows[2].errors.map((e: { column: string }) => e.column).sort()).toEqual(
      ['上年度营业收入', '国民经济行业代码', '高新技术企业认定日期'].sort(),
    );
    const list = (await t.call(policy, 'GET', `/api/policy/enterprises?q=${A}`)).json();
    enterpriseId = list.items[0].id;
    const ent = (await t.call(policy, 'GET', `/api/policy/enterprises/${enterpriseId}`)).json();
    expect(ent.facts.revenue).toEqual({ value: 12000000, source: 'tax', asOf: '2026-10-31' });
    expect(ent.facts.certifications.value).toEqual(['高新技术企业']);
  });

  it('re-imports from XLSX: newer values replace, older ones go to history', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('tax');
    ws.addRow(['uscc', 'revenue', 'taxPaid']);
    ws.addRow([A, 15000000, 600000]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      policy,
      '/api/policy/enterprises/import?asOf=2026-11-15&source=tax',
      'tax.xlsx',
      buf,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'xlsx', imported: 1, updated: 1 });
    const ent = (await t.call(policy, 'GET', `/api/policy/enterprises/${enterpriseId}`)).json();
    expect(ent.facts.revenue).toEqual({ value: 15000000, source: 'tax', asOf: '2026-11-15' });
    expect(ent.history).toEqual([expect.objectContaining({ fact: 'revenue', value: 12000000, asOf: '2026-10-31' })]);
    expect(ent.facts.certifications.value).toEqual(['高新技术企业']);
    // A file without the identity column is refused as a whole.
    const none = await upload(
      policy,
      '/api/policy/enterprises/import?asOf=2026-11-15',
      'x.csv',
      Buffer.from('revenue\n100\n'),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().issues[0].path).toBe('file');
    // A broken multipart body is the client's fault, never a 500.
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/policy/enterprises/import?asOf=2026-11-15',
      payload: 'garbage',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        cookie: policy.cookie,
        'x-csrf-token': policy.csrf,
      },
    });
    expect(broken.statusCode).toBe(400);
  });

  it('runs matching as a background job and lists candidates with explanations and failure counts', async () => {
    const started = await t.call(policy, 'POST', '/api/policy/runs', { scope: 'all', asOf: '2026-11-30' });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'queued', total: 2, done: 0 });
    expect(await t.services.policy.matching.runOnce()).toBe(started.json().id);
    expect(await t.services.policy.matching.runOnce()).toBeNull();
    const run = (await t.call(policy, 'GET', `/api/policy/runs/${started.json().id}`)).json();
    expect(run).toMatchObject({ status: 'done', done: 2, progress: 1 });
    const list = (await t.call(policy, 'GET', '/api/policy/items/hnte-first/candidates')).json();
    expect(list.total).toBe(1);
    const c = list.items[0];
    expect(c).toMatchObject({
      status: 'candidate',
      amount: 150000,
      ruleVersion: 1,
      parameterSnapshotDate: '2026-11-30',
      enterprise: { uscc: A },
    });
    expect(c.ruleHash).toMatch(/^[0-9a-f]{16}$/);
    expect(c.explanation.criteria.find((x: { id: string }) => x.id === 'hnte')).toMatchObject({
      state: 'pass',
      source: { id: 'science' },
      asOf: '2026-10-31',
    });
    expect(c.abilities).toEqual(['confirm', 'reject']);
    // 丙公司's certifications are not on file: unknown, never counted as a fail; its 失信 listing is a fail.
    expect(list.aggregates).toMatchObject({ population: 2, eligible: 1, ineligible: 1 });
    const byId = Object.fromEntries(list.aggregates.criteria.map((x: { id: string }) => [x.id, x]));
    expect(byId.hnte).toMatchObject({ fail: 0, unknown: 1 });
    expect(
      Object.values(byId).some(
        (x) => (x as { kind: string; fail: number }).kind === 'exclusion' && (x as { fail: number }).fail === 1,
      ),
    ).toBe(true);
    candidateId = c.id;
    expect(
      (await t.call(policy, 'POST', '/api/policy/runs', { scope: 'item', itemId: 'no-such-item' })).json().issues[0]
        .path,
    ).toBe('itemId');
  });

  it('takes a candidate through confirmation, publicity, consent, disbursement and reconciliation', async () => {
    const url = (a: string) => `/api/policy/candidates/${candidateId}/${a}`;
    const pub = await t.call(policy, 'POST', url('confirm'), { publicityDays: 5 });
    expect(pub.json()).toMatchObject({ status: 'publicity' });
    const early = await t.call(policy, 'POST', url('notify'), {});
    expect(early.statusCode).toBe(409);
    t.clock.advance(6 * 86_400_000);
    expect((await t.call(policy, 'POST', url('notify'), {})).json().status).toBe('notified');
    // hnte-first is 免申即享: no consent link, straight to disbursement.
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'policy.notified')
      .where('channel', '=', 'sms')
      .execute();
    expect(sms).toHaveLength(1);
    expect(JSON.parse(sms[0].payload).text).toContain('无需申请');
    const tooMuch = await t.call(policy, 'POST', url('disburse'), { amount: 999999, paymentRef: 'P-1' });
    expect(tooMuch.statusCode).toBe(400);
    expect((await t.call(policy, 'POST', url('disburse'), { amount: 150000, paymentRef: 'P-1' })).json().status).toBe(
      'disbursed',
    );
    const noReason = await t.call(policy, 'POST', url('reconcile'), { result: 'failed' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await t.call(policy, 'POST', url('reconcile'), { result: 'failed', reason: '账户已注销' })).json(),
    ).toMatchObject({ status: 'failed', failureReason: '账户已注销' });
    expect((await t.call(policy, 'POST', url('retry'), { amount: 150000, paymentRef: 'P-2' })).json().status).toBe(
      'disbursed',
    );
    const paid = (await t.call(policy, 'POST', url('reconcile'), { result: 'paid' })).json();
    expect(paid).toMatchObject({ status: 'paid', paidAmount: 150000, paymentRef: 'P-2', abilities: [] });
    expect(paid.history.map((h: { action: string }) => h.action)).toEqual([
      'confirm',
      'notify',
      'disburse',
      'reconcile',
      'retry',
      'reconcile',
    ]);

    const stats = (await t.call(policy, 'GET', '/api/policy/stats')).json();
    expect(stats).toMatchObject({ enterprisesBenefited: 1, payments: 1, amount: 150000 });
    expect(stats.byCategory[0]).toMatchObject({ key: 'tech', amount: 150000 });
    expect(stats.mostFailed.length).toBeGreaterThan(0);
  });

  it('asks for one-click consent on items that are not 免申即享', async () => {
    // A run for the enterprise alone finds its other benefits; pick one delivered by confirmation.
    const run = (
      await t.call(policy, 'POST', '/api/policy/runs', { scope: 'enterprise', enterpriseId, asOf: '2026-12-08' })
    ).json();
    await t.services.policy.matching.runOnce();
    expect((await t.call(policy, 'GET', `/api/policy/runs/${run.id}`)).json().status).toBe('done');
    const row = await t.database.db
      .selectFrom('policy_candidate')
      .select(['id'])
      .where('enterprise_id', '=', enterpriseId)
      .where('delivery', '=', 'confirm')
      .where('status', '=', 'candidate')
      .executeTakeFirst();
    expect(row).toBeTruthy();
    const id = row!.id;
    await t.call(policy, 'POST', `/api/policy/candidates/${id}/confirm`, {});
    await t.call(policy, 'POST', `/api/policy/candidates/${id}/notify`, {});
    expect(
      (await t.call(policy, 'POST', `/api/policy/candidates/${id}/disburse`, { amount: 1, paymentRef: 'X' }))
        .statusCode,
    ).toBe(409);
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'policy.notified')
      .where('channel', '=', 'sms')
      .execute();
    const links = sms.map((m) => /token=([\w-]+)/.exec(JSON.parse(m.payload).text)).filter(Boolean);
    expect(links).toHaveLength(1);
    const token = links[0]![1];
    expect((await t.call(null, 'POST', '/api/public/policy/consent', { token: 'x'.repeat(32) })).statusCode).toBe(404);
    expect(
      (await t.call(null, 'POST', '/api/public/policy/consent/preview', { token: 'x'.repeat(32) })).statusCode,
    ).toBe(404);
    // The link first shows what it is for, with the reason, and reading it twice uses nothing up.
    for (let i = 0; i < 2; i++) {
      const preview = await t.call(null, 'POST', '/api/public/policy/consent/preview', { token });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        enterpriseName: '沈阳甲科技有限公司',
        status: 'notified',
        explanation: { status: 'eligible' },
      });
      expect(preview.json().explanation.criteria.length).toBeGreaterThan(0);
    }
    const ok = await t.call(null, 'POST', '/api/public/policy/consent', { token });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ enterpriseName: '沈阳甲科技有限公司', status: 'consented' });
    expect((await t.call(null, 'POST', '/api/public/policy/consent', { token })).statusCode).toBe(404);
    expect((await t.call(null, 'POST', '/api/public/policy/consent/preview', { token })).statusCode).toBe(404);
  });

  it('rejects with a reason, and a rejected candidate cannot be confirmed', async () => {
    const row = await t.database.db
      .selectFrom('policy_candidate')
      .select('id')
      .where('status', '=', 'candidate')
      .executeTakeFirstOrThrow();
    expect((await t.call(policy, 'POST', `/api/policy/candidates/${row.id}/reject`, {})).statusCode).toBe(400);
    const bulk = (
      await t.call(policy, 'POST', '/api/policy/candidates/bulk', {
        ids: [row.id],
        action: 'reject',
        reason: '已享受同类政策',
      })
    ).json();
    expect(bulk.results[0]).toMatchObject({ ok: true, status: 'rejected' });
    const again = await t.call(policy, 'POST', `/api/policy/candidates/${row.id}/confirm`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().allowedActions).toEqual([]);
  });

  it('withdraws a candidate nobody acted on when a later run on the same date no longer finds it eligible', async () => {
    const row = (listed: string) => `${D},丁公司,${listed},高新技术企业,2026-06-01,2019-03-01`;
    const head = '统一社会信用代码,企业名称,列入严重失信主体名单,资质认定,高新技术企业认定日期,成立日期';
    await upload(
      policy,
      '/api/policy/enterprises/import?asOf=2026-12-01',
      'd.csv',
      Buffer.from(`${head}\n${row('否')}\n`),
    );
    const run = async () => {
      await t.call(policy, 'POST', '/api/policy/runs', { scope: 'item', itemId: 'hnte-first', asOf: '2026-12-20' });
      await t.services.policy.matching.runOnce();
      return (await t.call(policy, 'GET', '/api/policy/items/hnte-first/candidates?asOf=2026-12-20')).json();
    };
    const first = await run();
    expect(first.items.map((c: { enterprise: { uscc: string } }) => c.enterprise.uscc)).toContain(D);
    // The credit bureau lists it as seriously dishonest: the next run drops it, and says why in the counts.
    await upload(
      policy,
      '/api/policy/enterprises/import?asOf=2026-12-10&source=credit',
      'credit.csv',
      Buffer.from(`统一社会信用代码,列入严重失信主体名单\n${D},是\n`),
    );
    const second = await run();
    expect(second.items.map((c: { enterprise: { uscc: string } }) => c.enterprise.uscc)).not.toContain(D);
    expect(
      second.aggregates.criteria.find(
        (c: { kind: string; label: string; fail: number }) => c.kind === 'exclusion' && c.label.includes('失信'),
      ).fail,
    ).toBeGreaterThanOrEqual(1);
  });

  it('lets the department an item names confirm its candidates (二次确认), and nothing else', async () => {
    // A candidate of 知识产权质押融资贴息, whose confirming department is 市市场监管局 (the demo handler's).
    const db = t.database.db;
    const model = await db.selectFrom('policy_candidate').selectAll().limit(1).executeTakeFirstOrThrow();
    const id = `cand-ip-${Date.now()}`;
    await db
      .insertInto('policy_candidate')
      .values({
        ...model,
        id,
        item_id: 'ip-pledge',
        as_of: '2026-11-29',
        status: 'candidate',
        delivery: 'confirm',
        run_id: null,
      })
      .execute();
    const handler = await t.login('handler');
    const list = await t.call(handler, 'GET', '/api/policy/items/ip-pledge/candidates');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((c: { id: string }) => c.id === id).abilities).toEqual(['confirm', 'reject']);
    // Another department's item is not there for them; later delivery steps are the policy staff's.
    expect((await t.call(handler, 'GET', '/api/policy/items/hnte-first/candidates')).statusCode).toBe(404);
    expect((await t.call(handler, 'GET', `/api/policy/candidates/${candidateId}`)).statusCode).toBe(404);
    expect((await t.call(handler, 'POST', `/api/policy/candidates/${candidateId}/confirm`, {})).statusCode).toBe(404);
    expect((await t.call(handler, 'POST', `/api/policy/candidates/${id}/notify`, {})).statusCode).toBe(403);
    const ok = await t.call(handler, 'POST', `/api/policy/candidates/${id}/confirm`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', abilities: [] });
    expect(
      (await t.call(await t.login('handler.tax'), 'GET', '/api/policy/items/ip-pledge/candidates')).statusCode,
    ).toBe(404);
    expect(
      (await t.call(await t.login('dispatcher'), 'GET', '/api/policy/items/ip-pledge/candidates')).statusCode,
    ).toBe(403);
  });

  it('gives a department’s staff the item picker of their own items, and no other department’s', async () => {
    for (const username of ['handler', 'lead']) {
      const staff = await t.login(username);
      const res = await t.call(staff, 'GET', '/api/policy/items?pageSize=200');
      expect(res.statusCode).toBe(200);
      const { total, items } = res.json();
      expect(total).toBe(items.length);
      expect(items.map((i: { id: string }) => i.id)).toContain('ip-pledge');
      expect(new Set(items.map((i: { department: string }) => i.department))).toEqual(new Set(['市市场监管局']));
      expect((await t.call(staff, 'GET', '/api/policy/items?q=hnte-first')).json().total).toBe(0);
      expect((await t.call(staff, 'GET', '/api/policy/items/ip-pledge')).json()).toMatchObject({
        id: 'ip-pledge',
        department: '市市场监管局',
      });
      expect((await t.call(staff, 'GET', '/api/policy/items/hnte-first')).statusCode).toBe(404);
    }
    const all = (await t.call(policy, 'GET', '/api/policy/items?pageSize=200')).json();
    expect(all.total).toBeGreaterThan(
      (await t.call(await t.login('handler'), 'GET', '/api/policy/items?pageSize=200')).json().total,
    );
    const tax = (await t.call(await t.login('handler.tax'), 'GET', '/api/policy/items?pageSize=200')).json();
    expect(tax.items.map((i: { id: string }) => i.id)).not.toContain('ip-pledge');
    // Staff of no department, without policy.read, still get nothing.
    expect((await t.call(await t.login('dispatcher'), 'GET', '/api/policy/items')).statusCode).toBe(403);
    expect((await t.call(await t.login('dispatcher'), 'GET', '/api/policy/items/ip-pledge')).statusCode).toBe(403);
  });

  it('pre-fills a fast application due in 60 working days', async () => {
    const res = await t.call(policy, 'POST', '/api/policy/fast-applications', { itemId: 'first-loan', enterpriseId });
    expect(res.statusCode).toBe(201);
    const app = res.json();
    const dl = await t.services.deadlines.snapshot();
    expect(Date.parse(app.dueAt)).toBe(dl.addWorkingDays(t.clock.now(), 60));
    expect(app.prefilled.enterprise.uscc).toBe(A);
    expect(app.prefilled.missingFacts).toContain('sizeClass');
    expect(app.prefilled.facts.revenue.value).toBe(15000000);
    const decided = (
      await t.call(policy, 'POST', `/api/policy/fast-applications/${app.id}/decide`, { approve: true })
    ).json();
    expect(decided.status).toBe('approved');
    expect(
      (await t.call(policy, 'POST', `/api/policy/fast-applications/${app.id}/decide`, { approve: false })).statusCode,
    ).toBe(409);
  });

  it('turns a complaint about a benefit into a ledger item linked to the policy item', async () => {
    const res = await t.call(null, 'POST', '/api/public/policy/complaints', {
      policyItemId: 'hnte-first',
      uscc: A,
      organization: '沈阳甲科技有限公司',
      phone: '13800000001',
      description: '认定已满半年，奖励资金仍未到账，请协调。',
    });
    expect(res.statusCode).toBe(201);
    const dispatcher = await t.login('dispatcher');
    const item = (await t.call(dispatcher, 'GET', `/api/items/${res.json().itemId}`)).json();
    expect(item).toMatchObject({ categoryId: 'cat-policy-late', channel: 'web', type: 'complaint' });
    const link = await t.database.db
      .selectFrom('policy_complaint')
      .selectAll()
      .where('item_id', '=', res.json().itemId)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ policy_item_id: 'hnte-first', enterprise_id: enterpriseId });
    const bad = await t.call(null, 'POST', '/api/public/policy/complaints', {
      policyItemId: 'nope',
      uscc: badUscc,
      organization: 'x',
      phone: '1',
      description: '短',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.uscc', 'body.phone', 'body.description']),
    );
  });
});

describe('matching run recovery', () => {
  it('resumes a crashed run from its cursor and counts every enterprise exactly once', async () => {
    const db = t.database.db;
    await seedEnterprises(db, t.clock.now(), 40, { seed: 99 });
    const total = Number(
      (
        await db
          .selectFrom('enterprise')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const catalogue = createCatalogueCache(db);
    const crashed = createMatching({ database: t.database, clock: t.clock, catalogue, owner: 'crashed' });
    const rescuer = createMatching({ database: t.database, clock: t.clock, catalogue, owner: 'rescuer' });
    const run = await crashed.start({ id: null } as never, { scope: 'item', itemId: 'hnte-first', asOf: '2026-11-30' });
    const claimed = await crashed.claim();
    expect(await rescuer.claim()).toBeNull(); // claimed once across processes
    await expect(
      crashed.execute(claimed!, {
        chunk: 10,
        afterChunk: (done) => {
          if (done >= 20) throw new Error('SIGKILL');
        },
      }),
    ).rejects.toThrow('SIGKILL');
    expect(await rescuer.get(run.id)).toMatchObject({ status: 'running', done: 20 });
    t.clock.advance(5 * 60_000); // the crashed owner's lease runs out
    expect(await rescuer.runOnce({ chunk: 10 })).toBe(run.id);
    expect(await rescuer.get(run.id)).toMatchObject({ status: 'done', done: total, attempts: 2 });
    const agg = await db
      .selectFrom('policy_run_item')
      .selectAll()
      .where('run_id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(Number(agg.population)).toBe(total);
  });

  it('marks a run failed after repeated failures', async () => {
    const m = t.services.policy.matching;
    const run = await m.start({ id: null } as never, { scope: 'all' });
    for (let i = 0; i < 3; i++)
      await expect(
        m.runOnce({
          chunk: 10,
          afterChunk: () => {
            throw new Error('disk full');
          },
        }),
      ).rejects.toThrow('disk full');
    expect(await m.get(run.id)).toMatchObject({ status: 'failed', error: 'disk full', attempts: 3 });
    expect(await m.runOnce()).toBeNull();
  });
});

describe('demo data', () => {
  it('seeds the catalogue, enterprises, a first worked run with a delivery history, and queues the full run', async () => {
    const { seedPolicyDemo } = await import('../../src/modules/policy/policy.seed.ts');
    const d = await createTestContext();
    try {
      const r = await seedPolicyDemo(d.database, d.clock, { enterprises: 300, seed: 3 });
      expect(r).toMatchObject({ enterprises: 300, items: 207 });
      expect(await seedPolicyDemo(d.database, d.clock, { enterprises: 300 })).toBeNull();
      const n = async (table: 'policy_document' | 'policy_parameter' | 'policy_rule' | 'enterprise') =>
        Number(
          (
            await d.database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect([
        await n('policy_document'),
        await n('policy_parameter'),
        await n('policy_rule'),
        await n('enterprise'),
      ]).toEqual([27, 108, 235, 300]);
      const s = await d.login('policy');
      const runs = (await d.call(s, 'GET', '/api/policy/runs')).json();
      expect(runs.map((x: { status: string; scope: string }) => `${x.scope}:${x.status}`).sort()).toEqual([
        'all:queued',
        'items:done',
      ]);
      const stats = (await d.call(s, 'GET', '/api/policy/stats')).json();
      expect(stats.enterprisesBenefited).toBeGreaterThan(0);
      expect(stats.byDistrict.length).toBeGreaterThan(0);
      // The queued run is the workers' job; worked here, it fills every item's candidate list.
      await d.services.policy.matching.runOnce();
      expect(
        (
          await d.call(s, 'GET', `/api/policy/runs/${runs.find((x: { scope: string }) => x.scope === 'all').id}`)
        ).json(),
      ).toMatchObject({ status: 'done', done: 300 });
    } finally {
      await d.close();
    }
  }, 120_000);
});
