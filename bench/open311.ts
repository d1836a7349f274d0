// Open311 feed benchmark (`npm run bench -- open311 [--items N] [--requests N] [--pg | --pg-db name | --db file.db]`): GET requests.json
// with a date range over N ledger items (default 1,000,000, bulk-inserted straight into `item` by one INSERT … SELECT
// per chunk), through the real server over HTTP, one client; then the same mix as XML, and requests filtered by
// service_code and status (`--json-only` skips those two). Prints p50/p95/p99 with the load average for each and a final
// JSON line. Target p95 ≤ 50 ms.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { fakeClock } from '../server/src/lib/clock.ts';
import { seedOrg } from '../server/src/seed/seed-org.ts';
import { OPEN311_RATE } from '../server/src/modules/open311/open311.routes.ts';
import pg from 'pg';
import { freshDatabase, PG_ADMIN_URL, startServer } from './robust/server-process.ts';

const TARGET_P95_MS = 50;
const NOW = Date.parse('2026-11-30T02:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;
const CHUNK = 100_000;

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function open(args: string[]): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  const file = args.indexOf('--db');
  if (file >= 0) {
    // A kept SQLite file: filled on the first run, reused (not refilled) by the next ones.
    const database = openDatabase(`sqlite:${args[file + 1]}`);
    return { database, label: 'sqlite', drop: () => database.close().catch(() => undefined) };
  }
  const keep = args.indexOf('--pg-db');
  if (keep >= 0) {
    // A kept PostgreSQL database (created when missing), filled on the first run and reused like a kept SQLite file.
    const name = args[keep + 1];
    if (!/^[a-z_][a-z0-9_]*$/.test(name ?? '')) throw new Error('--pg-db takes a database name (a-z, 0-9, _)');
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const database = openDatabase(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), { poolSize: 4 });
    return { database, label: 'postgres', drop: () => database.close().catch(() => undefined) };
  }
  const dialect = args.includes('--pg') ? 'postgres' : 'sqlite';
  const fresh = await freshDatabase(dialect, 'open311');
  const database = openDatabase(fresh.url, { poolSize: 4 });
  return {
    database,
    label: dialect,
    drop: async () => {
      await database.close().catch(() => undefined); // already closed once the server has the database
      await fresh.drop();
    },
  };
}

/** A VALUES list (k, id) to pick a row's category or department by `n % count` inside one INSERT … SELECT. */
const lookup = (ids: string[]) => sql.join(ids.map((id, k) => sql`(${sql.lit(k)}, ${sql.lit(id)})`));

/** Items spread evenly over the year before NOW: 5% confidential, statuses from submitted to closed and rejected. */
async function bulkInsert(db: Kysely<any>, dialect: 'sqlite' | 'postgres', total: number) {
  const cats = (
    await db
      .selectFrom('category as c')
      .select('c.id')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))),
      )
      .orderBy('c.id')
      .execute()
  ).map((r) => r.id as string);
  const depts = (await db.selectFrom('department').select('id').orderBy('id').execute()).map((r) => r.id as string);
  const step = Math.floor(YEAR_MS / total);
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK) - 1;
    const series =
      dialect === 'postgres'
        ? sql`generate_series(${sql.lit(from)}::bigint, ${sql.lit(to)}::bigint) AS s(n)`
        : sql`(WITH RECURSIVE r(n) AS (SELECT ${sql.lit(from)} UNION ALL SELECT n + 1 FROM r WHERE n < ${sql.lit(to)}) SELECT n FROM r) AS s`;
    const r = sql`((s.n * 7919) % 100)`;
    const at = sql`(${sql.lit(NOW - YEAR_MS)} + s.n * ${sql.lit(step)})`;
    const status = sql`CASE WHEN ${r} < 60 THEN 'closed' WHEN ${r} < 65 THEN 'rejected' WHEN ${r} < 75 THEN 'replied' WHEN ${r} < 90 THEN 'in_progress' WHEN ${r} < 95 THEN 'dispatched' ELSE 'submitted' END`;
    await sql`
      INSERT INTO item (id, ledger_no, tracking_code, tracking_pin_hash, channel, type, category_id, title, description,
        district_id, place_text, lat, lng, requester_kind, requester_name, requester_phone, confidential, tier, urgent,
        main_department_id, status, submitted_at, accepted_at, rejected_at, reject_reason, handle_due_at, replied_at,
        reply_text, closed_at, event_hash, updated_at)
      SELECT 'bench-' || s.n, 'SY-B-' || s.n, 'T' || s.n, 'x', 'api', 'complaint', c.column2, '测试诉求 ' || s.n,
        '第' || s.n || '号测试诉求：政务服务大厅自助设备故障，影响办事。', NULL, '沈阳市和平区测试路' || (s.n % 500) || '号',
        41.7 + (s.n % 1000) / 10000.0, 123.4 + (s.n % 997) / 10000.0, 'person', '张三', '13812345678',
        CASE WHEN (s.n * 31) % 100 < 5 THEN 1 ELSE 0 END, 'general', 0,
        CASE WHEN ${r} < 65 AND ${r} >= 60 THEN NULL ELSE d.column2 END, ${status}, ${at}, ${at} + 3600000,
        CASE WHEN ${r} >= 60 AND ${r} < 65 THEN ${at} + 3600000 END,
        CASE WHEN ${r} >= 60 AND ${r} < 65 THEN '不属于受理范围' END,
        ${at} + ${sql.lit(3 * DAY_MS)},
        CASE WHEN ${r} < 60 OR (${r} >= 65 AND ${r} < 75) THEN ${at} + ${sql.lit(2 * DAY_MS)} END,
        CASE WHEN ${r} < 60 OR (${r} >= 65 AND ${r} < 75) THEN '已处理完毕，设备已修复。' END,
        CASE WHEN ${r} < 60 THEN ${at} + ${sql.lit(5 * DAY_MS)} END,
        'x', ${at} + ${sql.lit(5 * DAY_MS)}
      FROM ${series}
      JOIN (VALUES ${lookup(cats)}) AS c ON c.column1 = s.n % ${sql.lit(cats.length)}
      JOIN (VALUES ${lookup(depts)}) AS d ON d.column1 = s.n % ${sql.lit(depts.length)}
    `.execute(db);
    process.stdout.write(`\r  inserted ${to + 1} items`);
  }
  process.stdout.write('\n');
  await sql`ANALYZE`.execute(db);
}

/** A small seeded generator so that every run asks the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

export default async function run(args: string[]) {
  const total = arg(args, '--items', 1_000_000);
  // The anonymous per-address rate limit of the feed bounds one client's requests per minute.
  const requests = Math.min(arg(args, '--requests', 400), OPEN311_RATE.anonymous - 50);
  const { database, label, drop } = await open(args);
  try {
    await migrateToLatest(database.db);
    const clock = fakeClock(NOW);
    await seedOrg(database, clock, { demoUsers: false });
    console.log(`open311 feed on ${label}: ${total} items`);
    let t0 = performance.now();
    const present = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM item`.execute(database.db)).rows[0].n);
    if (present < total) {
      await bulkInsert(database.db, database.dialect, total);
      console.log(`  bulk insert ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } else console.log(`  reusing ${present} items`);

    // The real server in its own process (production mode, no workers), as a client would meet it: started afresh
    // for each variant, so that each gets the anonymous rate limit's whole minute budget.
    await database.close();
    const port = arg(args, '--port', 3311);
    const start = () => startServer({ DATABASE_URL: database.url, DEMO: 'false', WORKERS: 'false' }, port);
    let server = await start();
    const codes = (
      (await (await fetch(`${server.base}/open311/v2/services.json`)).json()) as { service_code: string }[]
    ).map((s) => s.service_code);

    const spans = [1, 7, 30, 90];
    /** The realistic mix: a date range of 1–90 days anywhere in the year; 20% also ask a status, 20% a service_code. */
    const mixed = (random: () => number) => {
      const days = spans[Math.floor(random() * spans.length)];
      const end = NOW - Math.floor(random() * (YEAR_MS - days * DAY_MS));
      const params = new URLSearchParams({ start_date: iso(end - days * DAY_MS), end_date: iso(end) });
      const kind = random();
      if (kind < 0.2) params.set('status', random() < 0.5 ? 'open' : 'closed');
      else if (kind < 0.4) params.set('service_code', codes[Math.floor(random() * codes.length)]);
      return params;
    };
    /** Every request filtered by one service_code and one status over a 1–90-day range. */
    const filtered = (random: () => number) => {
      const params = mixed(random);
      params.set('service_code', codes[Math.floor(random() * codes.length)]);
      params.set('status', random() < 0.5 ? 'open' : 'closed');
      return params;
    };
    const variants = [
      {
        name: 'json',
        what: 'GET requests.json, date range over 1–90 days; 20% with status, 20% with service_code',
        ext: 'json',
        params: mixed,
      },
      { name: 'xml', what: 'GET requests.xml, the same mix', ext: 'xml', params: mixed },
      {
        name: 'json-filtered',
        what: 'GET requests.json with service_code and status, date range over 1–90 days',
        ext: 'json',
        params: filtered,
      },
    ] as const;
    const only = args.includes('--json-only') ? variants.slice(0, 1) : variants;

    const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    const figures = [];
    for (const [n, variant] of only.entries()) {
      if (n > 0) {
        await server.kill('SIGTERM');
        server = await start();
      }
      // CPU the server process spends per request (utime + stime from /proc): a figure that other processes on the
      // machine cannot inflate as much as the latencies.
      const pid = server.child.pid;
      const cpuTicks = () => {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return Number(f[11]) + Number(f[12]);
      };
      const random = rng(311);
      const times: number[] = [];
      let ticks0 = 0;
      let rows = 0;
      let bytes = 0;
      const warmup = 20;
      const loadBefore = loadAverage();
      for (let i = 0; i < warmup + requests; i++) {
        const url = `/open311/v2/requests.${variant.ext}?${variant.params(random)}`;
        t0 = performance.now();
        const res = await fetch(`${server.base}${url}`);
        // Latency to the last byte; decoding the text is the client's own work and stays outside the clock.
        const raw = await res.arrayBuffer();
        const ms = performance.now() - t0;
        const body = new TextDecoder().decode(raw);
        if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
        if (i === warmup - 1) ticks0 = cpuTicks();
        if (i < warmup) continue;
        times.push(ms);
        rows += variant.ext === 'json' ? (JSON.parse(body) as unknown[]).length : body.split('<request>').length - 1;
        bytes += raw.byteLength;
      }
      const serverCpuMs = Math.round((((cpuTicks() - ticks0) * 10) / times.length) * 10) / 10; // 100 ticks a second
      times.sort((a, b) => a - b);
      const pct = (p: number) =>
        Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10;
      const figure = {
        variant: variant.name,
        requests: times.length,
        meanRows: Math.round(rows / times.length),
        meanKB: Math.round(bytes / times.length / 1024),
        p50: pct(50),
        p95: pct(95),
        p99: pct(99),
        max: Math.round(times[times.length - 1] * 10) / 10,
        serverCpuMs,
        loadAverage: { before: loadBefore, after: loadAverage() },
      };
      figures.push(figure);
      console.log(
        `  ${variant.what}: ${figure.requests} requests, ${figure.meanRows} requests/answer on average (${figure.meanKB} KB)`,
      );
      console.log(
        `    p50 ${figure.p50} ms  p95 ${figure.p95} ms  p99 ${figure.p99} ms  max ${figure.max} ms; server CPU ${serverCpuMs} ms per request; ` +
          `load average ${figure.loadAverage.before} → ${figure.loadAverage.after} (${cpus().length} cores)`,
      );
    }
    await server.kill('SIGTERM');
    const head = figures[0];
    const result = {
      bench: 'open311',
      dialect: label,
      items: total,
      ...head,
      variants: figures,
      target: { p95: TARGET_P95_MS },
      // The issue's figure is the JSON mix; the other variants are reported against the same target.
      pass: head.p95 <= TARGET_P95_MS,
      passEveryVariant: figures.every((f) => f.p95 <= TARGET_P95_MS),
    };
    console.log(
      `  target p95 ≤ ${TARGET_P95_MS} ms: ${figures.map((f) => `${f.variant} ${f.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`).join(', ')}`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await drop().catch(() => undefined);
  }
}
