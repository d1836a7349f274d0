// A real, migrated database per test file (SQLite in a temp file, or a fresh PostgreSQL schema when
// TEST_DATABASE_URL is set), the whole app built on it, a fake clock, and helpers to sign in as demo users.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
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
  call(as: Session | null, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Monday 2026-11-30 10:00 in Shanghai: a plain working day. */
export const TEST_START = '2026-11-30T02:00:00.000Z';

export async function createTestContext(
  opts: { start?: string; env?: Record<string, string>; plugins?: BuildOptions['plugins']; /** e.g. pino options with a `stream` to capture the log */ logger?: BuildOptions['logger'] } = {},
): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  await migrateToLatest(database.db);
  const clock = fakeClock(opts.start ?? TEST_START);
  await seedOrg(database, clock);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, WEB_DIST: '/nonexistent', INTAKE_RATE_PER_MINUTE: '10000', LOGIN_RATE_PER_MINUTE: '10000', ...opts.env });
  const services = createServices({ config, database, clock });
  const app = await buildApp({ services, plugins: opts.plugins, ...(opts.logger !== undefined ? { logger: opts.logger } : {}) });
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
