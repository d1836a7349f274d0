// Open311 GeoReport v2 through app.inject on a real database: every JSON response checked against the published
// schemas (../shared/data/open311/, draft-07 → the default Ajv class), every XML response parsed and checked
// against the same shapes, each error path, the API keys, and a posting followed to close-out by staff.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { OPEN311_RATE } from '../../src/modules/open311/open311.routes.ts';

const DATA = resolve(import.meta.dirname, '../../../../shared/data/open311');
const load = (name: string) => JSON.parse(readFileSync(resolve(DATA, name), 'utf8'));
const swagger = load('swagger.json');

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// The swagger definitions name opaque identifiers with a custom format: any string.
ajv.addFormat('uid', true);
for (const name of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json'])
  ajv.addSchema(load(name), name);
// Shapes the data folder has no file for: taken from the spec's swagger definitions, and the spec's error list.
const defs = swagger.definitions;
const SCHEMAS: Record<string, object> = {
  'post-response': {
    type: 'array',
    minItems: 1,
    items: {
      ...defs.RequestResponse,
      required: ['service_request_id', 'token', 'service_notice'],
      additionalProperties: false,
    },
  },
  'token-response': {
    type: 'array',
    items: { ...defs.TokenResponse, required: ['service_request_id', 'token'], additionalProperties: false },
  },
  errors: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
  discovery: {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', format: 'date-time' },
      contact: { type: 'string' },
      key_service: { type: 'string' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string' },
            url: { type: 'string' },
            changeset: { type: 'string' },
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
          },
        },
      },
    },
  },
};
for (const [name, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema, name);

type Shape =
  | 'requests.json'
  | 'services.json'
  | 'service-definition.json'
  | 'post-response'
  | 'token-response'
  | 'errors'
  | 'discovery';

function check(shape: Shape, data: unknown) {
  const validate = ajv.getSchema(shape) as ValidateFunction;
  const ok = validate(data);
  expect(ok, `${shape}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(data).slice(0, 500)}`).toBe(true);
}

// ---- XML: parsed with every value as text, then typed by the same JSON schema and validated like the JSON ----
const XML_ROOTS: Record<Shape, { root: string; item?: string }> = {
  'requests.json': { root: 'service_requests', item: 'request' },
  'services.json': { root: 'services', item: 'service' },
  'service-definition.json': { root: 'service_definition' },
  'post-response': { root: 'service_requests', item: 'request' },
  'token-response': { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
  discovery: { root: 'discovery' },
};
const LISTS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => LISTS.has(name) });
// Nested lists are wrapped in the XML (<attributes><attribute>…</attribute></attributes>): unwrap them by name.
const WRAPPED: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

function resolveRef(schema: any): any {
  if (schema?.$ref) return resolveRef(ajv.getSchema(schema.$ref)!.schema);
  return schema;
}

/** Turns XML text back into typed JSON by the schema: '' is null, booleans and numbers are parsed, lists unwrapped. */
function typed(value: unknown, schemaIn: any): unknown {
  const schema = resolveRef(schemaIn) ?? {};
  if (schema.anyOf) {
    if (value === '' && schema.anyOf.some((s: any) => s.type === 'null')) return null;
    return typed(
      value,
      schema.anyOf.find((s: any) => s.type !== 'null'),
    );
  }
  if (schema.type === 'array' || schema.items) {
    const list = value === '' || value === undefined ? [] : (value as unknown[]);
    return list.map((v) => typed(v, schema.items));
  }
  if (schema.type === 'boolean') {
    expect(['true', 'false']).toContain(value);
    return value === 'true';
  }
  if (schema.type === 'number' || schema.type === 'integer') return Number(value);
  if (schema.properties && value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const inner = WRAPPED[k] && v && typeof v === 'object' ? (v as Record<string, unknown>)[WRAPPED[k]] : v;
      out[k] = typed(inner, schema.properties[k]);
    }
    return out;
  }
  return value;
}

function parseXml(shape: Shape, body: string): unknown {
  expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = parser.parse(body);
  const { root, item } = XML_ROOTS[shape];
  expect(Object.keys(doc)).toEqual([root]);
  const inner = doc[root] === '' ? {} : doc[root];
  const raw = item ? (inner[item] ?? []) : inner;
  const data = typed(raw, ajv.getSchema(shape)!.schema);
  check(shape, data);
  return data;
}

let t: TestContext;
let admin: Session, dispatcher: Session, handler: Session, supervisor: Session;
let apiKey: string;
let keyId: string;

const itemCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('item')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function get(path: string, shape: Shape, status = 200) {
  const res = await t.app.inject({ method: 'GET', url: `/open311/v2/${path}` });
  expect(res.statusCode, res.body).toBe(status);
  const json = path.split('?')[0].endsWith('.json');
  expect(res.headers['content-type']).toBe(json ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8');
  if (json) {
    const data = res.json();
    check(shape, data);
    return data;
  }
  return parseXml(shape, res.body) as any;
}

/** The same resource in both formats: both valid, and the same data. */
async function both(path: string, shape: Shape, status = 200) {
  const [base, query] = path.split('?');
  const q = query ? `?${query}` : '';
  const json = await get(`${base}.json${q}`, shape, status);
  const xml = await get(`${base}.xml${q}`, shape, status);
  expect(xml).toEqual(json);
  return json;
}

async function post(
  fields: Record<string, string | string[]>,
  opts: { format?: 'json' | 'xml'; headers?: Record<string, string>; payload?: string } = {},
) {
  const format = opts.format ?? 'json';
  return t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { ...FORM, ...opts.headers },
    payload: opts.payload ?? form(fields),
  });
}

const validPosting = (over: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  service_code: 'facilities.office',
  description: '市政务服务中心二楼自助打印机坏了一周，无人维修。',
  address_string: '沈阳市政务服务中心二楼',
  lat: '41.796',
  long: '123.451',
  first_name: '小明',
  last_name: '李',
  phone: '13900001111',
  email: 'li@example.com',
  media_url: 'https://example.com/photo.jpg',
  ...over,
});

async function expectError(
  res: Awaited<ReturnType<typeof post>>,
  status: number,
  mention: string,
  format: 'json' | 'xml' = 'json',
) {
  expect(res.statusCode, `${mention}: ${res.body}`).toBe(status);
  const errors = (format === 'json' ? res.json() : parseXml('errors', res.body)) as {
    code: number;
    description: string;
  }[];
  if (format === 'json') check('errors', errors);
  expect(errors[0].code).toBe(status);
  expect(errors[0].description).toContain(mention);
}

beforeAll(async () => {
  t = await createTestContext();
  [admin, dispatcher, handler, supervisor] = await Promise.all(
    ['admin', 'dispatcher', 'handler', 'supervisor'].map((u) => t.login(u)),
  );
  const res = await t.call(admin, 'POST', '/api/admin/open311-keys', { name: '市民随手拍 App' });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json().token;
  keyId = res.json().id;
  // An admin configures service definition attributes on one leaf category (the format of category.attributes).
  await t.database.db
    .updateTable('category')
    .set({
      attributes: JSON.stringify([
        {
          code: 'floor',
          datatype: 'singlevaluelist',
          required: true,
          description: '所在楼层',
          order: 1,
          values: [
            { key: '1', name: '一楼' },
            { key: '2', name: '二楼' },
          ],
        },
        {
          code: 'devices',
          datatype: 'multivaluelist',
          description: '涉及设备',
          order: 2,
          values: [
            { key: 'printer', name: '打印机' },
            { key: 'copier', name: '复印机' },
          ],
        },
        { code: 'since', datatype: 'datetime', description: '发现时间', order: 3 },
        { code: 'count', datatype: 'number', description: '故障台数', order: 4 },
        { code: 'note', datatype: 'text', variable: false, description: '请勿填写个人身份证号', order: 5 },
      ]),
    })
    .where('id', '=', 'cat-facilities-office')
    .execute();
});
afterAll(() => t?.close());

describe('discovery and services', () => {
  it('serves discovery, the leaf categories as services and their definitions in XML and JSON', async () => {
    const discovery = await both('discovery', 'discovery');
    expect(discovery.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    expect(discovery.endpoints[0].url).toBe('http://localhost:80/open311/v2');

    const services = await both('services', 'services.json');
    const codes = services.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('facilities.office');
    expect(codes).not.toContain('facilities'); // a parent category is a group, not a service
    const office = services.find((s: { service_code: string }) => s.service_code === 'facilities.office');
    expect(office).toMatchObject({ service_name: '办公设备', metadata: true, type: 'realtime', group: '设施设备' });
    expect(services.find((s: { service_code: string }) => s.service_code === 'tax.invoice').metadata).toBe(false);
    // XML is the default when no format is named.
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services' });
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml('services.json', res.body)).toEqual(services);

    const def = await both('services/facilities.office', 'service-definition.json');
    expect(def.service_code).toBe('facilities.office');
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['floor', 'devices', 'since', 'count', 'note']);
    expect(def.attributes[0]).toMatchObject({
      required: true,
      datatype: 'singlevaluelist',
      order: 1,
      values: [
        { key: '1', name: '一楼' },
        { key: '2', name: '二楼' },
      ],
    });
    expect(def.attributes[4].variable).toBe(false);
    expect((await both('services/tax.invoice', 'service-definition.json')).attributes).toEqual([]);
  });

  it('answers unknown services, jurisdictions and methods in the spec error format', async () => {
    await both('services/no.such', 'errors', 404);
    await both('services?jurisdiction_id=example.org', 'errors', 404);
    expect((await both('services?jurisdiction_id=shenyang.gov.cn', 'services.json')).length).toBeGreaterThan(10);
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/nothing.json' });
    await expectError(res as never, 404, 'no Open311 method');
    const xml = await t.app.inject({ method: 'GET', url: '/open311/v2/nothing' });
    await expectError(xml as never, 404, 'no Open311 method', 'xml');
  });
});

describe('POST requests', () => {
  it('turns a posting into a ledger item on channel api, with the same intake, events and idempotency', async () => {
    const before = await itemCount();
    const res = await post(
      validPosting({ 'attribute[floor]': '2', 'attribute[devices][]': ['printer', 'copier'], 'attribute[count]': '2' }),
      {
        headers: { 'idempotency-key': 'open311-post-0001' },
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const [receipt] = res.json();
    check('post-response', res.json());
    expect(receipt.service_request_id).toMatch(/^SY-2026-\d{6}$/);
    expect(receipt.service_notice).toContain('一般问题3个工作日');

    // A retry with the same key answers the same request and creates nothing.
    const again = await post(
      validPosting({ 'attribute[floor]': '2', 'attribute[devices][]': ['printer', 'copier'], 'attribute[count]': '2' }),
      {
        headers: { 'idempotency-key': 'open311-post-0001' },
      },
    );
    expect(again.json()).toEqual(res.json());
    expect(await itemCount()).toBe(before + 1);

    const item = await t.database.db
      .selectFrom('item')
      .selectAll()
      .where('ledger_no', '=', receipt.service_request_id)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      channel: 'api',
      category_id: 'cat-facilities-office',
      status: 'submitted',
      requester_name: '李小明',
      requester_phone: '13900001111',
      place_text: '沈阳市政务服务中心二楼',
    });
    expect(item.description).toContain('所在楼层：二楼');
    expect(item.description).toContain('涉及设备：打印机、复印机');
    const staffView = await t.call(dispatcher, 'GET', `/api/items/${item.id}`);
    expect(staffView.json().events.map((e: { action: string }) => e.action)).toEqual(['submit']);

    // The public view never names who raised it.
    const [shown] = await both(`requests/${receipt.service_request_id}`, 'requests.json');
    expect(shown).toMatchObject({
      service_request_id: receipt.service_request_id,
      status: 'open',
      service_code: 'facilities.office',
      service_name: '办公设备',
      lat: 41.796,
      long: 123.451,
      media_url: 'https://example.com/photo.jpg',
      address: '沈阳市政务服务中心二楼',
      expected_datetime: null,
    });
    expect(shown.requested_datetime).toBe('2026-11-30T10:00:00.000+08:00');
    const raw = JSON.stringify(
      await get(`requests.json?service_request_id=${receipt.service_request_id}`, 'requests.json'),
    );
    for (const secret of ['13900001111', '李小明', 'li@example.com', '小明']) expect(raw).not.toContain(secret);

    // The token resolves to the request id.
    const tokens = await both(`tokens/${receipt.token}`, 'token-response');
    expect(tokens).toEqual([{ service_request_id: receipt.service_request_id, token: receipt.token }]);
    await both('tokens/not-a-token', 'errors', 404);

    // Every posting is an audit event naming the key.
    const audit = await t.database.db.selectFrom('event').selectAll().where('action', '=', 'open311.post').execute();
    expect(audit.length).toBe(2);
    expect(JSON.parse(audit[0].data)).toMatchObject({ tokenId: keyId, ledgerNo: receipt.service_request_id });
  });

  it('answers in XML too, and accepts an anonymous posting located by address_id only', async () => {
    const res = await post(
      {
        api_key: apiKey,
        service_code: 'tax.invoice',
        address_id: 'ADDR-001',
        description: '电子发票系统开票时一直提示网络错误。',
      },
      { format: 'xml' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const [receipt] = parseXml('post-response', res.body) as { service_request_id: string }[];
    const [shown] = await both(`requests/${receipt.service_request_id}`, 'requests.json');
    expect(shown).toMatchObject({ address_id: 'ADDR-001', lat: null, long: null, media_url: null });
    const item = await t.database.db
      .selectFrom('item')
      .selectAll()
      .where('ledger_no', '=', receipt.service_request_id)
      .executeTakeFirstOrThrow();
    expect(item.requester_kind).toBe('anonymous');
  });

  it('refuses every bad posting with the spec error and changes nothing', async () => {
    const before = await itemCount();
    const cases: [Record<string, string | string[]>, number, string][] = [
      [{ ...validPosting({ 'attribute[floor]': '1' }), api_key: '' }, 403, 'api_key was not provided'],
      [validPosting({ 'attribute[floor]': '1', api_key: 'tq_wrong' }), 403, 'api_key is invalid'],
      [validPosting({ 'attribute[floor]': '1', service_code: '' }), 400, 'service_code'],
      [validPosting({ 'attribute[floor]': '1', service_code: 'no.such' }), 404, 'service_code no.such not found'],
      [validPosting({ 'attribute[floor]': '1', service_code: 'facilities' }), 404, 'not found'], // a group is not a service
      [validPosting({ 'attribute[floor]': '1', jurisdiction_id: 'example.org' }), 404, 'jurisdiction_id'],
      [validPosting(), 400, 'attribute[floor]'], // required attribute missing
      [validPosting({ 'attribute[floor]': '9' }), 400, 'attribute[floor]'],
      [validPosting({ 'attribute[floor]': ['1', '2'] }), 400, 'attribute[floor]'],
      [validPosting({ 'attribute[floor]': '1', 'attribute[count]': 'two' }), 400, 'attribute[count]'],
      [validPosting({ 'attribute[floor]': '1', 'attribute[since]': '2026-11-30' }), 400, 'attribute[since]'],
      [validPosting({ 'attribute[floor]': '1', 'attribute[colour]': 'red' }), 400, 'attribute[colour]'],
      [validPosting({ 'attribute[floor]': '1', lat: '', long: '', address_string: '' }), 400, 'location'],
      [validPosting({ 'attribute[floor]': '1', long: '' }), 400, 'long'],
      [validPosting({ 'attribute[floor]': '1', lat: 'north' }), 400, 'lat'],
      [validPosting({ 'attribute[floor]': '1', lat: '95' }), 400, 'lat'],
      [validPosting({ 'attribute[floor]': '1', phone: '12345' }), 400, 'phone'],
      [validPosting({ 'attribute[floor]': '1', email: 'not-mail' }), 400, 'email'],
      [validPosting({ 'attribute[floor]': '1', media_url: 'javascript:alert(1)' }), 400, 'media_url'],
      [validPosting({ service_code: 'tax.invoice', description: '坏了' }), 400, 'description'],
      [validPosting({ service_code: 'tax.invoice', description: '' }), 400, 'description'],
      [validPosting({ 'attribute[floor]': '1', description: 'x'.repeat(6000) }), 400, 'description'],
      [
        validPosting({ 'attribute[floor]': '1', service_code: ['facilities.office', 'tax.invoice'] }),
        400,
        'service_code',
      ],
    ];
    for (const [fields, status, mention] of cases) {
      await expectError(await post(fields), status, mention);
    }
    // Wrong content types: JSON, multipart and plain text are not the spec's form encoding.
    const asJson = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: validPosting({ 'attribute[floor]': '1' }),
    });
    await expectError(asJson as never, 400, 'application/x-www-form-urlencoded');
    const asText = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'text/plain' },
      payload: form(validPosting({ 'attribute[floor]': '1' })),
    });
    await expectError(asText as never, 400, 'application/x-www-form-urlencoded', 'xml');
    const asOdd = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/vnd.unknown' },
      payload: 'x',
    });
    await expectError(asOdd as never, 400, 'content type');
    await expectError(
      await post(validPosting({ 'attribute[floor]': '1' }), { headers: { 'idempotency-key': 'bad key!' } }),
      400,
      'Idempotency-Key',
    );
    expect(await itemCount()).toBe(before);
  });
});

describe('GET requests', () => {
  const ids: string[] = [];

  beforeAll(async () => {
    // Three postings a day apart, one confidential public intake and one rejected item.
    for (const code of ['tax.invoice', 'tax.refund', 'fund.loan']) {
      t.clock.advance(86_400_000);
      const res = await post({
        api_key: apiKey,
        service_code: code,
        address_string: '和平区',
        description: `关于${code}的问题描述，请尽快处理。`,
      });
      expect(res.statusCode, res.body).toBe(200);
      ids.push(res.json()[0].service_request_id);
    }
    const confidential = await t.call(
      null,
      'POST',
      '/api/public/items',
      intakeBody({ confidential: true, categoryId: 'cat-tax-invoice' }),
    );
    expect(confidential.statusCode, confidential.body).toBe(201);
    ids.push(confidential.json().ledgerNo);
  });

  it('filters by id list, service code, dates and status; never shows a confidential item', async () => {
    const [a, b, c, secret] = ids;
    const byIds = await both(`requests?service_request_id=${a},${c},${secret}`, 'requests.json');
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, c].sort());
    await both(`requests/${secret}`, 'errors', 404);
    await both('requests/SY-2026-999999', 'errors', 404);

    const all = await both('requests', 'requests.json');
    const listed = all.map((r: { service_request_id: string }) => r.service_request_id);
    expect(listed).toEqual(expect.arrayContaining([a, b, c]));
    expect(listed).not.toContain(secret);
    // Newest first.
    expect(listed.indexOf(c)).toBeLessThan(listed.indexOf(a));

    const tax = await both('requests?service_code=tax.refund', 'requests.json');
    expect(tax.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([b]);

    const day2 = await both(
      `requests?start_date=${encodeURIComponent('2026-12-02T00:00:00+08:00')}&end_date=${encodeURIComponent('2026-12-02T23:59:59+08:00')}`,
      'requests.json',
    );
    expect(day2.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([b]);
    const fromDay2 = await both(`requests?start_date=2026-12-02T00:00:00Z`, 'requests.json');
    expect(fromDay2.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([b, c].sort());

    expect((await both('requests?status=closed', 'requests.json')).length).toBe(0);
    expect((await both('requests?status=open,closed', 'requests.json')).length).toBe(all.length);
    // An empty optional argument is the same as none.
    expect((await both('requests?status=&service_code=', 'requests.json')).length).toBe(all.length);
  });

  it('refuses bad arguments with 400 and unknown services with 404', async () => {
    await both('requests?start_date=yesterday', 'errors', 400);
    await both('requests?start_date=2026-12-01', 'errors', 400); // no time zone
    await both('requests?end_date=2026-13-01T00:00:00Z', 'errors', 400);
    await both('requests?end_date=2026-02-30T00:00:00Z', 'errors', 400); // no such day: refused, not rolled over
    expect(await both('requests?end_date=2026-12-05T00:00:00%2B0800', 'requests.json')).toBeInstanceOf(Array); // basic-format offset
    await both(`requests?start_date=2026-12-05T00:00:00Z&end_date=2026-12-01T00:00:00Z`, 'errors', 400);
    await both(`requests?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z`, 'errors', 400); // > 90 days
    await both('requests?status=pending', 'errors', 400);
    await both('requests?service_code=no.such', 'errors', 404);
    await both('requests?jurisdiction_id=example.org', 'errors', 404);
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&status=closed' });
    await expectError(res as never, 400, 'status');
  });
});

describe('round trip through the staff API', () => {
  it('shows an Open311 posting closed, with the reply as status_notes, once staff close it out', async () => {
    const res = await post({
      api_key: apiKey,
      service_code: 'startup.register',
      lat: '41.8',
      long: '123.4',
      phone: '13700002222',
      description: '企业设立登记网上申请提交后五天没有审核结果。',
    });
    const [{ service_request_id: no }] = res.json();
    const item = await t.database.db
      .selectFrom('item')
      .select('id')
      .where('ledger_no', '=', no)
      .executeTakeFirstOrThrow();
    const act = async (as: Session, action: string, body: unknown = {}) => {
      const r = await t.call(as, 'POST', `/api/items/${item.id}/${action}`, body);
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      return r.json();
    };
    await act(dispatcher, 'accept', { tier: 'general' });
    const dispatched = await act(dispatcher, 'dispatch', { mainDepartmentId: 'dept-scjg' });
    const due = dispatched.deadlines.find((d: { kind: string }) => d.kind === 'handle').due;

    let [shown] = await both(`requests/${no}`, 'requests.json');
    expect(shown).toMatchObject({
      status: 'open',
      agency_responsible: '市市场监管局',
      expected_datetime: due,
      service_notice: '一般问题3个工作日内办结',
    });

    await act(handler, 'sign');
    t.clock.advance(3_600_000);
    await act(handler, 'reply', { reply: '已核查，申请材料齐全，今日已完成审核并通知企业领取执照。' });
    [shown] = await both(`requests/${no}`, 'requests.json');
    expect(shown).toMatchObject({
      status: 'open',
      status_notes: '已核查，申请材料齐全，今日已完成审核并通知企业领取执照。',
    });

    await act(supervisor, 'callback', { contacted: true, solved: 'solved', satisfaction: 'satisfied' });
    t.clock.advance(60_000);
    const closed = await act(supervisor, 'close_out');
    expect(closed.status).toBe('closed');

    [shown] = await both(`requests/${no}`, 'requests.json');
    expect(shown).toMatchObject({
      status: 'closed',
      status_notes: '已核查，申请材料齐全，今日已完成审核并通知企业领取执照。',
      updated_datetime: closed.closedAt,
    });
    const closedList = await both('requests?status=closed', 'requests.json');
    expect(closedList.map((r: { service_request_id: string }) => r.service_request_id)).toContain(no);
    expect(JSON.stringify(closedList)).not.toContain('13700002222');
  });

  it('shows a merged duplicate following its primary', async () => {
    const nos: string[] = [];
    for (const text of ['社保大厅排队叫号系统故障，等了两个小时。', '社保大厅叫号机坏了，排队很久没人管。']) {
      const res = await post({
        api_key: apiKey,
        service_code: 'efficiency.queue',
        address_string: '沈河区社保大厅',
        description: text,
      });
      nos.push(res.json()[0].service_request_id);
    }
    const [primary, duplicate] = await Promise.all(
      nos.map((no) =>
        t.database.db.selectFrom('item').select('id').where('ledger_no', '=', no).executeTakeFirstOrThrow(),
      ),
    );
    const r = await t.call(dispatcher, 'POST', `/api/items/${duplicate.id}/merge`, { primaryId: primary.id });
    expect(r.statusCode, r.body).toBe(200);
    const [shown] = await both(`requests/${nos[1]}`, 'requests.json');
    expect(shown).toMatchObject({ status: 'open', status_notes: `已并入 ${nos[0]}` });
    expect(
      (await both(`requests?status=open&service_code=efficiency.queue`, 'requests.json')).map(
        (x: { service_request_id: string }) => x.service_request_id,
      ),
    ).toContain(nos[1]);
  });

  it('shows a rejected posting closed with the reason', async () => {
    const res = await post({
      api_key: apiKey,
      service_code: 'other.misc',
      address_string: '浑南区',
      description: '建议在政务中心门口增设共享单车停放点。',
    });
    const [{ service_request_id: no }] = res.json();
    const item = await t.database.db
      .selectFrom('item')
      .select('id')
      .where('ledger_no', '=', no)
      .executeTakeFirstOrThrow();
    const r = await t.call(dispatcher, 'POST', `/api/items/${item.id}/reject`, {
      reason: '不属于政务服务事项，已转城市管理部门',
    });
    expect(r.statusCode, r.body).toBe(200);
    const [shown] = await both(`requests/${no}`, 'requests.json');
    expect(shown).toMatchObject({ status: 'closed', status_notes: '不予受理：不属于政务服务事项，已转城市管理部门' });
  });
});

describe('API keys', () => {
  it('are issued, listed and revoked by an admin only, and every use is logged', async () => {
    expect((await t.call(dispatcher, 'POST', '/api/admin/open311-keys', { name: 'x' })).statusCode).toBe(403);
    expect((await t.call(null, 'GET', '/api/admin/open311-keys')).statusCode).toBe(401);
    expect((await t.call(admin, 'POST', '/api/admin/open311-keys', { name: '' })).statusCode).toBe(400);
    expect(
      (await t.call(admin, 'POST', '/api/admin/open311-keys', { name: 'x', userId: 'u-citizen' })).statusCode,
    ).toBe(400);
    const issued = await t.call(admin, 'POST', '/api/admin/open311-keys', {
      name: '第三方平台',
      userId: 'u-dispatcher',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const { id, token } = issued.json();
    // Stored hashed: the token itself is nowhere in the database.
    const stored = await t.database.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);
    expect(stored.kind).toBe('open311');

    // A read with a key is counted and logged (summed per key, flushed in the background).
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/services.json?api_key=${token}` })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${token}` })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?api_key=tq_wrong' })).statusCode).toBe(
      403,
    );
    await t.services.open311.flushReadLog();
    const reads = await t.database.db.selectFrom('event').selectAll().where('action', '=', 'open311.read').execute();
    expect(reads.map((e) => JSON.parse(e.data))).toContainEqual(expect.objectContaining({ tokenId: id, count: 2 }));

    const listed = (await t.call(admin, 'GET', '/api/admin/open311-keys')).json();
    expect(listed.find((k: { id: string }) => k.id === id)).toMatchObject({
      name: '第三方平台',
      userId: 'u-dispatcher',
      revokedAt: null,
      useCount: 2,
    });
    expect(JSON.stringify(listed)).not.toContain(token);

    const revoked = await t.call(admin, 'DELETE', `/api/admin/open311-keys/${id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await t.call(admin, 'DELETE', '/api/admin/open311-keys/nope')).statusCode).toBe(404);
    await expectError(
      await post({
        api_key: token,
        service_code: 'tax.invoice',
        address_string: '和平区',
        description: '撤销的密钥不能再提交诉求。',
      }),
      403,
      'api_key',
    );
    const audit = await t.database.db
      .selectFrom('event')
      .select('action')
      .where('action', 'in', ['open311.key_issued', 'open311.key_revoked'])
      .execute();
    expect(audit.map((e) => e.action).sort()).toEqual([
      'open311.key_issued',
      'open311.key_issued',
      'open311.key_revoked',
    ]);
  });

  it('limits the rate per key, in the spec error format', async () => {
    const issued = await t.call(admin, 'POST', '/api/admin/open311-keys', { name: '限流测试' });
    const { token } = issued.json();
    let last = 0;
    for (let i = 0; i <= OPEN311_RATE.keyed; i++) {
      last = (await t.app.inject({ method: 'GET', url: `/open311/v2/discovery.json?api_key=${token}` })).statusCode;
      if (i < OPEN311_RATE.keyed) expect(last).toBe(200);
    }
    const limited = await t.app.inject({ method: 'GET', url: `/open311/v2/discovery.json?api_key=${token}` });
    await expectError(limited as never, 429, 'too many requests');
    // Another key is not held back by the first one's burst.
    expect(
      (await t.app.inject({ method: 'GET', url: `/open311/v2/discovery.json?api_key=${apiKey}` })).statusCode,
    ).toBe(200);

    // Postings carry the key in the form body: counted per key as well (refused postings count too).
    const other = (await t.call(admin, 'POST', '/api/admin/open311-keys', { name: '限流测试二' })).json().token;
    for (let i = 0; i < OPEN311_RATE.keyed; i++) expect((await post({ api_key: other })).statusCode).toBe(400);
    await expectError(await post({ api_key: other }), 429, 'too many requests');
    expect((await post({ api_key: apiKey })).statusCode).toBe(400);
  });
});
