// Property-based fuzzing of every route in the OpenAPI document: wrong types, missing and extra fields, huge and
// control-character strings, invalid JSON, wrong content types, bad multipart. Zero 5xx, and a refused request
// stores nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
let sessions: Session[];
let itemId: string;

beforeAll(async () => {
  t = await createTestContext();
  sessions = await Promise.all(
    ['admin', 'dispatcher', 'supervisor', 'handler', 'clerk', 'inspector', 'policy'].map((u) => t.login(u)),
  );
  itemId = (await t.call(null, 'POST', '/api/public/items', intakeBody())).json().id;
}, 120_000);
afterAll(() => t?.close());

interface Operation {
  method: string;
  path: string;
  bodyProps: string[];
  queryParams: string[];
}

const SKIP = [/^\/api\/docs/, /^\/api\/auth\/logout$/];
const WRITE_TABLES = [
  'item',
  'event',
  'item_assignment',
  'outbox',
  'clue',
  'attachment',
  'app_user',
  'category',
  'sla_rule',
] as const;

async function operations(): Promise<Operation[]> {
  const doc = (await t.call(null, 'GET', '/api/openapi.json')).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (SKIP.some((re) => re.test(path))) continue;
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        bodyProps: Object.keys(schema?.properties ?? {}),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u0007bell',
    'a'.repeat(100_000),
    '汉'.repeat(20_000),
    '\uD800',
    '../../etc/passwd',
    "'; DROP TABLE item; --",
    '%00',
    '{}',
    'null',
    'NaN',
    '-1',
    '1e309',
    '2026-13-45',
    'Infinity',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function bodyFor(op: Operation) {
  return fc.oneof(
    fc.jsonValue(),
    fc.record(Object.fromEntries(op.bodyProps.map((p) => [p, nasty])), { requiredKeys: [] }),
    fc.record(
      { ...Object.fromEntries(op.bodyProps.map((p) => [p, nasty])), zzExtraField: nasty },
      { requiredKeys: [] },
    ),
  );
}

async function counts(): Promise<number[]> {
  return Promise.all(
    WRITE_TABLES.map(async (table) =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
}

describe('fuzzing every route', () => {
  it('never answers 5xx and a refused request changes nothing', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(40);
    let requests = 0;
    const failures: string[] = [];
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          bodyFor(op),
          fc.dictionary(
            fc.constantFrom(...(op.queryParams.length ? op.queryParams : ['x'])),
            fc.string({ maxLength: 30 }),
            { maxKeys: 4 },
          ),
          fc.constantFrom(...sessions.map((_, i) => i), -1),
          fc.constantFrom('valid-id', 'random', 'huge'),
          fc.constantFrom('json', 'invalid-json', 'text', 'multipart'),
          async (body, query, who, idKind, encoding) => {
            const id =
              idKind === 'valid-id'
                ? itemId
                : idKind === 'huge'
                  ? 'x'.repeat(5000)
                  : `r${Math.random().toString(36).slice(2)}`;
            const url =
              op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id)) +
              (op.method === 'GET' ? `?${new URLSearchParams(query)}` : '');
            const as = who >= 0 ? sessions[who] : null;
            const headers: Record<string, string> = as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {};
            let payload: string | undefined;
            if (op.method !== 'GET' && op.method !== 'DELETE') {
              if (encoding === 'json') {
                payload = JSON.stringify(body);
                headers['content-type'] = 'application/json';
              } else if (encoding === 'invalid-json') {
                payload = '{"a":' + JSON.stringify(body).slice(0, 20);
                headers['content-type'] = 'application/json';
              } else if (encoding === 'text') {
                payload = `text ${JSON.stringify(body)}`;
                headers['content-type'] = 'text/plain';
              } else {
                payload =
                  '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.exe"\r\n\r\nMZ\u0090\u0000garbage\r\n--XX';
                headers['content-type'] = 'multipart/form-data; boundary=XX';
              }
            }
            const before = await counts();
            const res = await t.app.inject({ method: op.method as 'POST', url, payload, headers });
            requests++;
            if (res.statusCode >= 500)
              failures.push(`${op.method} ${op.path} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            if (res.statusCode >= 400) {
              const after = await counts();
              // Failed logins are audit events by design; nothing else may change.
              if (!op.path.startsWith('/api/auth/login') && after.some((n, i) => n !== before[i])) {
                failures.push(
                  `${op.method} ${op.path} → ${res.statusCode} changed ${WRITE_TABLES.filter((_, i) => after[i] !== before[i]).join(', ')}`,
                );
              }
            }
            return true;
          },
        ),
        { numRuns: 25, seed: 20261130 },
      );
    }
    console.log(`fuzz: ${ops.length} operations, ${requests} requests, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 300_000);
});
