// A real, migrated database per test file (SQLite in a temp file, or a fresh PostgreSQL schema when
// TEST_DATABASE_URL is set), the whole app built on it, a fake clock, and helpers to sign in as demo users.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ItemAction } from '@tingquan/common';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp, type BuildOptions } from '../src/app.ts';
import { createServices, type Services } from '../src/services.ts';
import { fakeClock } from '../src/lib/clock.ts';
import { seedOrg } from '../src/seed/seed-org.ts';
import { DEMO_PASSWORD } from '../src/seed/org.data.ts';

export const PG_URL = process.env.TEST_DATABASE_URL;
export const DIALECT = PG_URL ? 'postgres' : 'sqlite';

export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (PG_URL) {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const database = openDatabase(PG_URL, { schema, poolSize: 5 });
    return {
      database,
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tingquan-test-'));
  const database = openDatabase(`sqlite:${join(dir, 'test.db')}`);
  return {
    database,
    drop: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface TestContext {
  app: FastifyInstance;
  services: Services;
  database: Database;
  clock: ReturnType<typeof fakeClock>;
  login(username: string, password?: string): Promise<Session>;
  /** Sends a request as the signed-in user (cookie + CSRF), or anonymously. */
  call(
    as: Session | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Monday 2026-11-30 10:00 in Shanghai: a plain working day. */
export const TEST_START = '2026-11-30T02:00:00.000Z';

export async function createTestContext(
  opts: {
    start?: string;
    env?: Record<string, string>;
    plugins?: BuildOptions['plugins'] /** e.g. pino options with a `stream` to capture the log */;
    logger?: BuildOptions['logger'];
  } = {},
): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  await migrateToLatest(database.db);
  const clock = fakeClock(opts.start ?? TEST_START);
  await seedOrg(database, clock);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WEB_DIST: '/nonexistent',
    INTAKE_RATE_PER_MINUTE: '10000',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...opts.env,
  });
  const services = createServices({ config, database, clock });
  const app = await buildApp({
    services,
    plugins: opts.plugins,
    ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
  });
  await app.ready();
  const call: TestContext['call'] = (as, method, url, body, headers = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: { ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}), ...headers },
    });
  return {
    app,
    services,
    database,
    clock,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const me = res.json();
      return { cookie, csrf: me.csrfToken, userId: me.id };
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** A valid public intake body; override what the test is about. */
export function intakeBody(over: Record<string, unknown> = {}) {
  return {
    type: 'complaint',
    categoryId: 'cat-facilities-office',
    title: '一楼大厅没有复印机',
    description: '沈河区政务服务中心一楼大厅没有复印机，办事群众需要到外面复印材料，来回跑很不方便。',
    districtId: 'd-210103',
    requester: { kind: 'person', name: '张三', phone: '13812345678' },
    ...over,
  };
}

/**
 * A valid body for every item action (access-matrix-routes.test.ts checks them against the shared schemas), so that
 * the state machine or the permission answers a probe, not the validator.
 */
export const ACTION_EXAMPLES: Record<ItemAction, unknown> = {
  reveal: { reason: '核实情况需要联系诉求人' },
  accept: {},
  reject: { reason: '不属于受理范围' },
  triage: { tier: 'complex' },
  resolve_on_spot: { reply: '已当场解决。' },
  dispatch: { mainDepartmentId: 'dept-scjg' },
  sign: {},
  return: { reason: '不属于本单位' },
  contact: { method: 'phone', note: '已联系' },
  progress: { note: '正在处理' },
  request_extension: { days: 2, reason: '需核查' },
  decide_extension: { approve: true },
  request_park: { reason: '历史遗留' },
  decide_park: { approve: true },
  resume: {},
  reply: { reply: '已处理完毕。' },
  rate: { contacted: true, solved: 'solved', satisfaction: 'satisfied' },
  callback: { contacted: true, solved: 'solved', satisfaction: 'satisfied' },
  rectify: { kind: 'immediate', note: '立行立改' },
  appeal: { reason: '评价不实' },
  decide_appeal: { approve: false },
  request_unreasonable: { reason: '诉求不合理' },
  decide_unreasonable: { approve: false },
  redo: { reason: '未解决' },
  close_out: {},
  spot_check: { contacted: true, solved: 'solved', satisfaction: 'satisfied', falseClosure: false },
  merge: { primaryId: 'nope' },
  urge: { note: '请尽快办理' },
  supervise: { note: '督办' },
  escalate: { note: '提级' },
  transfer_clue: { reason: '不作为' },
  add_info: { note: '补充说明' },
};
