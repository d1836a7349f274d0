// The access-control matrix over every route: generated from the OpenAPI document and the routes the app registered
// (with the guards their preHandlers declare, see guardedRoutes in plugins/auth.ts), every demo user plus an anonymous
// caller, and for item routes an item in and one out of the caller's jurisdiction/department. The expected answer
// comes from the permission table in common: 401 without a session, 403 without the permission, 404 for a row the
// caller may not see, otherwise anything but those (2xx, or a 4xx about the request itself). A route nobody
// classified fails the test; a refused request changes no row of any table.
import { ACTION_BODIES, ACTION_RULES, ITEM_ACTIONS, hasPermission, type ItemAction, type Role } from '@tingquan/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../src/modules/outbox/outbox.worker.ts';
import { guardedRoutes } from '../../src/plugins/auth.ts';
import { DEMO_USERS } from '../../src/seed/org.data.ts';
import { ACTION_EXAMPLES, DIALECT, createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';

let t: TestContext;
const sessions = new Map<string, Session>();

/** Which of the two items each demo user may see (A: 沈河区, centre-210103, dept-scjg; B: 铁西区, centre-210106, dept-sw). */
const SEES: Record<string, { A: boolean; B: boolean }> = {
  admin: { A: true, B: true },
  dispatcher: { A: true, B: true },
  'dispatcher.shenhe': { A: true, B: false },
  supervisor: { A: true, B: true },
  'supervisor.shenhe': { A: true, B: false },
  clerk: { A: false, B: false },
  'clerk.shenhe': { A: true, B: false },
  handler: { A: true, B: false },
  'handler.tax': { A: false, B: true },
  'handler.power': { A: false, B: false },
  lead: { A: true, B: false },
  inspector: { A: true, B: true },
  officer: { A: false, B: false },
  policy: { A: false, B: false },
  citizen: { A: false, B: false },
};

/**
 * How a route is protected when its preHandler declares no guard: the routes that are public on purpose, the ones whose
 * handler asks for a session itself, and the item actions whose service checks visibility (404) before the role (403).
 */
type Rule =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'permission'; permission: string }
  | { kind: 'item-action'; action: ItemAction };
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/public/items',
  'GET /api/public/track',
  'POST /api/public/track/rate',
  'POST /api/public/track/appeal',
  'POST /api/public/track/add_info',
  'POST /api/public/track/attachments',
  'GET /api/public/lookups',
  'GET /api/categories',
  'POST /api/public/policy/calculator',
  'POST /api/public/policy/consent',
  'POST /api/public/policy/consent/preview',
  'POST /api/public/policy/complaints',
  'POST /api/accounts/codes',
  'POST /api/accounts/sign-in',
  'GET /api/accounts/licence-sim/{id}',
  'POST /api/accounts/licence-sim/{id}/decide',
]);
const SESSION_IN_HANDLER = new Set(['POST /api/auth/logout', 'GET /api/auth/me']);
/** Open311 GeoReport v2: public reads; posting needs an API key (the spec folds 401 into 403). Hidden from the document. */
const OPEN311 = /^\/open311\//;

/** Uploads are multipart: a refused caller is refused with a well-formed upload too, not merely told the body's type. */
const MULTIPART = /\/(attachments|import)$/;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
function multipartPng(): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tq${Math.random().toString(36).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

function classify(method: string, path: string, guards: Map<string, Rule>): Rule | undefined {
  const key = `${method} ${path}`;
  if (guards.has(key)) return guards.get(key);
  if (PUBLIC.has(key) || OPEN311.test(path)) return { kind: 'public' };
  if (SESSION_IN_HANDLER.has(key)) return { kind: 'session' };
  const m = /^\/api\/items\/\{id\}\/(\w+)$/.exec(path);
  if (method === 'POST' && m && (ITEM_ACTIONS as readonly string[]).includes(m[1]))
    return { kind: 'item-action', action: m[1] as ItemAction };
  return undefined;
}

interface Probe {
  method: string;
  path: string;
  rule: Rule;
  caller: string; // a demo username, or 'anonymous'
  row: 'A' | 'B' | null; // the item of an /api/items/{id} route
  url: string;
  body: unknown;
  multipart: boolean;
  expect: (status: number) => boolean;
  expected: string;
}

async function dispatchedItem(district: string, centre: string, dept: string): Promise<string> {
  const dispatcher = sessions.get('dispatcher')!;
  const r = (
    await t.call(null, 'POST', '/api/public/items', intakeBody({ districtId: district, centreId: centre }))
  ).json();
  expect((await t.call(dispatcher, 'POST', `/api/items/${r.id}/accept`, {})).statusCode).toBe(200);
  expect((await t.call(dispatcher, 'POST', `/api/items/${r.id}/dispatch`, { mainDepartmentId: dept })).statusCode).toBe(
    200,
  );
  return r.id;
}
const ROWS: Record<'A' | 'B', [string, string, string]> = {
  A: ['d-210103', 'centre-210103', 'dept-scjg'],
  B: ['d-210106', 'centre-210106', 'dept-sw'],
};

/** Row counts of every table: a refused request must leave them all as they were. */
async function fingerprint(): Promise<Record<string, number>> {
  const tables = (await t.database.db.introspection.getTables())
    .map((x) => x.name)
    .filter((n) => !/^kysely_/.test(n))
    .sort();
  const out: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.database.db);
    out[name] = Number(r.rows[0].n);
  }
  return out;
}

function send(p: Probe, url: string) {
  const as = p.caller === 'anonymous' ? null : sessions.get(p.caller)!;
  if (!p.multipart) return t.call(as, p.method, url, p.body);
  const form = multipartPng();
  return t.call(as, p.method, url, form.payload, form.headers);
}

/** Runs independent requests a few at a time (the database round trips overlap). */
async function inParallel<T>(list: T[], fn: (x: T) => Promise<void>, width = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < list.length) await fn(list[next++]);
    }),
  );
}

const isRefusal = (s: number) => s === 401 || s === 403 || s === 404;

const probes: Probe[] = [];
let classifiedRoutes = 0;

beforeAll(async () => {
  t = await createTestContext();
  for (const u of DEMO_USERS) sessions.set(u.username, await t.login(u.username));
}, 120_000);
afterAll(() => t?.close());

describe('the route × role × row matrix', () => {
  it('classifies every route of the OpenAPI document and every registered route', async () => {
    const registered = guardedRoutes(t.app).filter((r) => r.method !== 'HEAD');
    const guards = new Map<string, Rule>();
    for (const r of registered) {
      const g = r.guards[0];
      if (!g) continue;
      guards.set(
        `${r.method} ${openApiPath(r.url)}`,
        g.kind === 'permission' ? { kind: 'permission', permission: g.permission } : { kind: 'session' },
      );
    }
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; required?: boolean }[] }>>;
    };
    const ops = new Set<string>();
    /** Reads that need a query parameter: without it a permitted caller is told what is missing (400), not refused. */
    const needsQuery = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        ops.add(`${m.toUpperCase()} ${path}`);
        if (op.parameters?.some((x) => x.in === 'query' && x.required)) needsQuery.add(`${m.toUpperCase()} ${path}`);
      }
    }
    // Every documented route was registered after the guard registry was installed: none escapes it.
    const registeredKeys = new Set(registered.map((r) => `${r.method} ${openApiPath(r.url)}`));
    expect(
      [...ops].filter((k) => !registeredKeys.has(k)),
      'documented but not in the guard registry',
    ).toEqual([]);
    for (const k of registeredKeys) ops.add(k);

    const unclassified: string[] = [];
    const rules = new Map<string, Rule>();
    for (const key of ops) {
      const [method, path] = key.split(' ');
      const rule = classify(method, path, guards);
      if (!rule) unclassified.push(key);
      else rules.set(key, rule);
    }
    expect(unclassified, 'routes with no guard and no classification in this test').toEqual([]);
    // Every demo user is in the visibility table, and every item action has a valid body.
    expect(DEMO_USERS.map((u) => u.username).filter((u) => !SEES[u])).toEqual([]);
    for (const a of ITEM_ACTIONS)
      expect(
        ACTION_BODIES[a as keyof typeof ACTION_BODIES]?.safeParse(ACTION_EXAMPLES[a]).success ?? a === 'reveal',
        `body of ${a}`,
      ).toBe(true);
    classifiedRoutes = rules.size;

    const callers: [string, readonly Role[]][] = [
      ['anonymous', []],
      ...DEMO_USERS.map((u): [string, readonly Role[]] => [u.username, u.roles]),
    ];
    for (const [key, rule] of rules) {
      const [method, path] = key.split(' ');
      if (key === 'POST /api/auth/logout') continue; // ends the session: checked on its own below
      const itemRoute = path.startsWith('/api/items/{id}');
      for (const [caller, roles] of callers) {
        for (const row of itemRoute ? (['A', 'B'] as const) : [null]) {
          const url = path
            .replace('{id}', row ? `{row:${row}}` : 'nope-0000')
            .replace('{attachmentId}', 'nope-0000')
            .replace('{day}', '2026-12-01')
            .replace('{file}', 'nope-0000.json');
          const body =
            method === 'GET' || method === 'DELETE'
              ? undefined
              : rule.kind === 'item-action'
                ? ACTION_EXAMPLES[rule.action]
                : {};
          const sees = row ? (SEES[caller]?.[row] ?? false) : true;
          let expected: string;
          let check: (s: number) => boolean;
          const anything = (s: number) => s < 500 && !isRefusal(s);
          const permitted = (s: number) => s < 500 && s !== 401 && s !== 403;
          if (rule.kind === 'public') {
            expected = 'not 401/403, no 5xx';
            check = permitted;
          } else if (caller === 'anonymous') {
            expected = '401';
            check = (s) => s === 401;
          } else if (rule.kind === 'session') {
            expected = 'not 401, no 5xx';
            check = (s) => s < 500 && s !== 401;
          } else if (rule.kind === 'permission') {
            if (!hasPermission(roles, rule.permission)) {
              expected = `403 (no ${rule.permission})`;
              check = (s) => s === 403;
            } else if (row && !sees) {
              expected = `404 (item ${row} out of sight)`;
              check = (s) => s === 404;
            } else {
              const plainRead = method === 'GET' && !path.includes('{') && !needsQuery.has(key);
              const itemRead = method === 'GET' && path === '/api/items/{id}';
              if (plainRead || itemRead) {
                // A read the caller may make answers with data.
                expected = 'allowed: 200';
                check = (s) => s === 200;
              } else {
                expected =
                  row && !path.includes('{attachmentId}') ? 'allowed: not 401/403/404' : 'allowed: not 401/403';
                check = row && !path.includes('{attachmentId}') ? anything : permitted;
              }
            }
          } else {
            const allowedRole = roles.some((r) => ACTION_RULES[rule.action].roles.includes(r));
            // Administrators may never see personal data, even though they see every item.
            const adminReveal = rule.action === 'reveal' && roles.includes('admin');
            if (!sees) {
              expected = `404 (item ${row} out of sight)`;
              check = (s) => s === 404;
            } else if (!allowedRole || adminReveal) {
              expected = `403 (role may not ${rule.action})`;
              check = (s) => s === 403;
            } else {
              expected = 'allowed: the state machine answers (200/400/409)';
              check = (s) => [200, 400, 409].includes(s);
            }
          }
          probes.push({
            method,
            path,
            rule,
            caller,
            row,
            url,
            body,
            multipart: method === 'POST' && MULTIPART.test(path),
            expect: check,
            expected,
          });
        }
      }
    }
    console.log(`access matrix (${DIALECT}): ${rules.size} routes classified, ${probes.length} probes planned`);
    expect(rules.size).toBeGreaterThan(150);
  });

  it('refuses (401/403/404) where the table says so, and a refused request changes no row', async () => {
    const A = await dispatchedItem(...ROWS.A);
    const B = await dispatchedItem(...ROWS.B);
    const refused = probes.filter(
      (p) => p.expected.startsWith('401') || p.expected.startsWith('403') || p.expected.startsWith('404'),
    );
    const before = await fingerprint();
    const wrong: string[] = [];
    await inParallel(refused, async (p) => {
      const url = p.url.replace('{row:A}', A).replace('{row:B}', B);
      const res = await send(p, url);
      if (!p.expect(res.statusCode))
        wrong.push(
          `${p.caller} ${p.method} ${p.path}${p.row ? ` [${p.row}]` : ''}: expected ${p.expected}, got ${res.statusCode} ${res.body.slice(0, 100)}`,
        );
    });
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    console.log(`access matrix (${DIALECT}): ${refused.length} refused requests as expected, 0 rows changed`);
  }, 120_000);

  it('lets through whoever the table allows (on a fresh item for item actions), with no 5xx', async () => {
    const allowed = probes.filter((p) => !/^(401|403|404)/.test(p.expected));
    const wrong: string[] = [];
    const shared = { A: await dispatchedItem(...ROWS.A), B: await dispatchedItem(...ROWS.B) };
    // An item action that succeeds changes the item: the next one gets a fresh copy of the row (refused ones change nothing).
    const fresh: Partial<Record<'A' | 'B', string>> = {};
    const check = async (p: Probe, url: string) => {
      const res = await send(p, url);
      if (!p.expect(res.statusCode))
        wrong.push(
          `${p.caller} ${p.method} ${p.path}${p.row ? ` [${p.row}]` : ''}: expected ${p.expected}, got ${res.statusCode} ${res.body.slice(0, 100)}`,
        );
      return res;
    };
    // Everything but the item actions is independent of order; the item actions go one by one below.
    await inParallel(
      allowed.filter((p) => p.rule.kind !== 'item-action'),
      async (p) => void (await check(p, p.row ? p.url.replace(`{row:${p.row}}`, shared[p.row]) : p.url)),
    );
    for (const p of allowed.filter((x) => x.rule.kind === 'item-action')) {
      const row = p.row!;
      const id = (fresh[row] ??= await dispatchedItem(...ROWS[row]));
      const res = await check(p, p.url.replace(`{row:${row}}`, id));
      if (res.statusCode < 300) delete fresh[row];
    }
    expect(wrong).toEqual([]);
    console.log(
      `access matrix (${DIALECT}): ${allowed.length} permitted requests answered without 401/403 or 5xx, ${allowed.filter((p) => p.expected === 'allowed: 200').length} of them reads answered 200 (${classifiedRoutes} routes)`,
    );
  }, 120_000);

  it('scopes the rows behind session and permission routes: clues by jurisdiction, key projects by bureau or officer, notifications by owner', async () => {
    const A = await dispatchedItem(...ROWS.A);
    const B = await dispatchedItem(...ROWS.B);
    const supervisor = sessions.get('supervisor')!;
    for (const id of [A, B])
      expect(
        (await t.call(supervisor, 'POST', `/api/items/${id}/transfer_clue`, { reason: '不作为' })).statusCode,
      ).toBe(200);
    const clues = (await t.call(supervisor, 'GET', '/api/clues?pageSize=100')).json().items as {
      id: string;
      itemId: string;
    }[];
    const clueOf = (item: string) => clues.find((c) => c.itemId === item)!.id;
    /** Expected answers per row, from the permission table (clue.read) and the reader's jurisdiction. */
    const rows: [string, string, (user: string, roles: readonly Role[]) => number][] = [
      [`/api/clues/${clueOf(A)}`, 'clue A (沈河区)', (_u, roles) => (hasPermission(roles, 'clue.read') ? 200 : 403)],
      [
        `/api/clues/${clueOf(B)}`,
        'clue B (铁西区)',
        (u, roles) => (!hasPermission(roles, 'clue.read') ? 403 : u.endsWith('.shenhe') ? 404 : 200),
      ],
      // 浑南区's key project, followed by its officer, the city bureau and the administrator; a district bureau elsewhere gets 404.
      [
        '/api/projects/proj-hunnan-ic',
        'key project (浑南区)',
        (u, roles) => {
          const reader =
            hasPermission(roles, 'project.read') || roles.some((r) => r === 'dispatcher' || r === 'supervisor');
          return !reader ? 403 : u.endsWith('.shenhe') ? 404 : 200;
        },
      ],
    ];
    const wrong: string[] = [];
    for (const [url, what, expected] of rows) {
      expect((await t.call(null, 'GET', url)).statusCode, `anonymous ${what}`).toBe(401);
      for (const u of DEMO_USERS) {
        const got = (await t.call(sessions.get(u.username)!, 'GET', url)).statusCode;
        if (got !== expected(u.username, u.roles))
          wrong.push(`${u.username} ${what}: expected ${expected(u.username, u.roles)}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);

    // Notifications belong to one user: another's is a 404 to everyone else, and stays unread.
    const worker = createOutboxWorker({
      db: t.database.db,
      clock: t.clock,
      sms: { send: async () => {} },
      fetch: async () => ({ ok: true, status: 200 }),
    });
    await worker.runOnce();
    let owner: string | undefined;
    let note: { id: string; readAt: string | null } | undefined;
    for (const u of DEMO_USERS) {
      const list = await t.call(sessions.get(u.username)!, 'GET', '/api/notifications?unread=true');
      expect(list.statusCode).toBe(200);
      const first = list.json().items[0];
      if (first) [owner, note] = [u.username, first];
      if (note) break;
    }
    expect(note, 'some demo user has a notification after the dispatches').toBeDefined();
    for (const u of DEMO_USERS.filter((x) => x.username !== owner)) {
      expect(
        (await t.call(sessions.get(u.username)!, 'POST', `/api/notifications/${note!.id}/read`)).statusCode,
        `${u.username} reads ${owner}'s notification`,
      ).toBe(404);
    }
    const mine = (await t.call(sessions.get(owner!)!, 'GET', '/api/notifications?unread=true')).json().items as {
      id: string;
    }[];
    expect(mine.map((n) => n.id)).toContain(note!.id);
    expect((await t.call(sessions.get(owner!)!, 'POST', `/api/notifications/${note!.id}/read`)).statusCode).toBe(200);
  });

  it('logout needs a session and ends only the caller’s own', async () => {
    expect((await t.call(null, 'POST', '/api/auth/logout')).statusCode).toBe(401);
    const other = await t.login('handler');
    const mine = await t.login('handler');
    expect((await t.call(mine, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await t.call(mine, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.call(other, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});
