// Figures benchmark (`npm run bench -- stats [--quick] [--items N] [--requests N]`): N generated items (default
// 1,000,000) on SQLite, the rollups built once, then the real server answers the city dashboard summary; prints
// p50/p95, a few other stats endpoints (among them the two-dimension queries the pair rollups answer), a sweeper
// pass when nothing is due (if the services have one) and the server's RSS, each figure with the load average.
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { sqlitePath, openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { loadConfig } from '../server/src/config.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import { createServices } from '../server/src/services.ts';
import { seedOrg } from '../server/src/seed/seed-org.ts';
import { createSweeper } from '../server/src/modules/sweeper/sweeper.service.ts';
import { freshDatabase, login, startServer, type Session } from './robust/server-process.ts';
import { generateItems } from './lib/gen-items.ts';
import { pct, rssOf } from './lib/load.ts';

const TARGET = { p95: 100, twoFilterP95: 100, sweepMs: 1000, rssMb: 300 };
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function timeGets(base: string, session: Session, path: string, n: number) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(ms.at(-1)!), loadavg: load() };
}

export default async function main(args: string[]) {
  const quick = args.includes('--quick');
  const items = Math.ceil(arg(args, '--items', quick ? 100_000 : 1_000_000) / 100) * 100;
  const requests = arg(args, '--requests', quick ? 200 : 1000);
  // --db FILE reuses a database an earlier run generated and built (kept with --keep), to measure again.
  const reuse = args.includes('--db') ? args[args.indexOf('--db') + 1]! : null;
  const fresh = reuse ? { url: `sqlite:${reuse}`, drop: async () => {} } : await freshDatabase('sqlite', 'stats');
  const file = sqlitePath(fresh.url);
  console.log(`stats: ${reuse ? 'reusing' : items.toLocaleString('en') + ' items on'} SQLite (${file})`);

  let database = openDatabase(fresh.url);
  let gen = { ms: 0 };
  // A kept file from before a stats migration is brought up to date (the migration may ask for a rebuild).
  if (reuse) await migrateToLatest(database.db);
  if (!reuse) {
    await migrateToLatest(database.db);
    await seedOrg(database, systemClock);
    await database.close();
    gen = generateItems(file, items, Date.now());
    console.log(`generated ${items.toLocaleString('en')} items in ${(gen.ms / 1000).toFixed(1)} s`);
    database = openDatabase(fresh.url);
  }

  // Build facts and rollups once (what the first stats request after an upgrade would do), and try the sweeper.
  const services = createServices({
    config: loadConfig({ DATABASE_URL: fresh.url, NODE_ENV: 'production' }),
    database,
    clock: systemClock,
  });
  let t0 = Date.now();
  let rebuildMs = -1;
  const cursor = await database.db.selectFrom('stats_cursor').select('value').executeTakeFirst();
  if (!reuse || !cursor || args.includes('--rebuild')) {
    await services.stats.rebuild();
    rebuildMs = Date.now() - t0;
    console.log(`facts and rollups built in ${(rebuildMs / 1000).toFixed(1)} s (load ${load().join(' ')})`);
  }
  let sweep: { ms: number; note?: string } | null = null;
  // The sweeper as the workers build it (services may carry it one day).
  const sweeper =
    ((services as any).sweeper as { runOnce(): Promise<unknown> } | undefined) ??
    createSweeper({ database, clock: systemClock, deadlines: services.deadlines });
  if (sweeper?.runOnce) {
    await sweeper.runOnce(); // anything the generator left due is handled here; the measured pass finds nothing
    t0 = Date.now();
    const r = await sweeper.runOnce();
    sweep = { ms: Date.now() - t0 };
    console.log(`sweeper pass with nothing due: ${sweep.ms} ms ${JSON.stringify(r)} (load ${load().join(' ')})`);
  } else {
    sweep = { ms: -1, note: 'services has no sweeper yet: skipped' };
    console.log('sweeper: services has no sweeper yet — skipped');
  }
  // Leave no large WAL behind: the server's first commits would otherwise checkpoint it while timed.
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
  await database.close();
  const counted = Number(
    (
      await (async () => {
        const d = openDatabase(fresh.url);
        const r = await d.db.selectFrom('item').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        await d.close();
        return r;
      })()
    ).n,
  );

  const server = await startServer({ DATABASE_URL: fresh.url, DEMO: 'false', WORKERS: 'false' }, 3995);
  try {
    const city = await login(server.base, 'dispatcher');
    const district = await login(server.base, 'dispatcher.shenhe');
    await timeGets(server.base, city, '/api/stats/summary', 20); // warm-up
    const summary = await timeGets(server.base, city, '/api/stats/summary', requests);
    const districtSummary = await timeGets(server.base, district, '/api/stats/summary', Math.min(requests, 200));
    const breakdown = await timeGets(server.base, city, '/api/stats/breakdown?by=district', Math.min(requests, 100));
    const series = await timeGets(server.base, city, '/api/stats/series?interval=month', Math.min(requests, 100));
    // Two dimensions at once, from the pair rollups.
    const pairs = Math.min(requests, 200);
    const twoFilters = await timeGets(
      server.base,
      city,
      '/api/stats/summary?districtId=d-210103&channel=window',
      pairs,
    );
    const districtByDepartment = await timeGets(server.base, district, '/api/stats/breakdown?by=department', pairs);
    const departmentByCategory = await timeGets(
      server.base,
      city,
      '/api/stats/breakdown?by=category&departmentId=dept-scjg',
      pairs,
    );
    const districtSeries = await timeGets(
      server.base,
      district,
      '/api/stats/series?interval=month&channel=web',
      Math.min(requests, 100),
    );
    // Three dimensions still read the fact rows.
    const threeFilters = await timeGets(server.base, district, '/api/stats/summary?channel=window&type=complaint', 10);
    const rssMb = Math.round(rssOf(server.child.pid!) / 1024 / 1024);
    const res = await fetch(`${server.base}/api/stats/summary`, { headers: { cookie: city.cookie } });
    const figures = ((await res.json()) as { figures: Record<string, { value: number }> }).figures;
    const line = (name: string, r: { p50: number; p95: number; max: number; n: number; loadavg: number[] }) =>
      console.log(
        `${name.padEnd(44)} p50 ${String(r.p50).padStart(6)} ms  p95 ${String(r.p95).padStart(6)} ms  max ${String(r.max).padStart(6)} ms  (${r.n} requests, load ${r.loadavg.join(' ')})`,
      );
    line('city summary', summary);
    line('district summary (scoped)', districtSummary);
    line('breakdown by district', breakdown);
    line('monthly series', series);
    line('summary, district + channel (pair)', twoFilters);
    line('district bureau: breakdown by department', districtByDepartment);
    line('breakdown by category, department filter', departmentByCategory);
    line('district bureau: monthly series, channel', districtSeries);
    line('district bureau: channel + type (facts)', threeFilters);
    console.log(`server RSS at ${counted.toLocaleString('en')} items: ${rssMb} MB (load ${load().join(' ')})`);
    console.log(
      `received ${figures.received.value}, accepted ${figures.accepted.value}, closure rate ${(figures.closureRate.value * 100).toFixed(2)}%, satisfaction ${(figures.satisfactionRate.value * 100).toFixed(2)}%`,
    );
    const twoP95 = Math.max(twoFilters.p95, districtByDepartment.p95, departmentByCategory.p95);
    const met =
      summary.p95 <= TARGET.p95 &&
      twoP95 <= TARGET.twoFilterP95 &&
      rssMb <= TARGET.rssMb &&
      (sweep.ms < 0 || sweep.ms <= TARGET.sweepMs);
    console.log(
      `\ntargets: summary p95 ≤ ${TARGET.p95} ms, two-filter p95 ≤ ${TARGET.twoFilterP95} ms, sweeper ≤ ${TARGET.sweepMs} ms, RSS ≤ ${TARGET.rssMb} MB: ${met ? 'met' : 'NOT met'}`,
    );
    console.log(
      JSON.stringify({
        bench: 'stats',
        items: counted,
        generateMs: gen.ms,
        rebuildMs,
        summary,
        districtSummary,
        breakdown,
        series,
        twoFilters,
        districtByDepartment,
        departmentByCategory,
        districtSeries,
        threeFilters,
        sweep,
        rssMb,
        target: TARGET,
        met,
        loadavg: load(),
      }),
    );
  } finally {
    await server.kill('SIGTERM');
    if (args.includes('--keep')) console.log(`kept ${file} (measure again with --db ${file})`);
    else await fresh.drop();
  }
}
