// Sweeper benchmark (`npm run bench -- sweeper [--items N] [--dialect sqlite|postgres|both] [--passes K]`): fills a
// fresh database with N ledger items (default 1,000,000: 97% closed, 2% in progress, 1% waiting for a rating, none
// due), times sweeper passes that find nothing to do (target ≤ 1 s), then makes 1,000 items overdue and times the
// pass that walks their ladders. Prints the figures and a final JSON line.
import { sql } from 'kysely';
import { openDatabase, type Database } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { fakeClock } from '../server/src/lib/clock.ts';
import { createDeadlineService } from '../server/src/modules/deadlines/deadline.service.ts';
import { createSweeper } from '../server/src/modules/sweeper/sweeper.service.ts';
import { seedOrg } from '../server/src/seed/seed-org.ts';
import { freshDatabase, type DialectName } from './robust/server-process.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T02:00:00.000Z');

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** Inserts `count` items starting at `from` with one INSERT … SELECT over a generated series. */
async function fill(
  database: Database,
  from: number,
  count: number,
  total: number,
  depts: string[],
  districts: string[],
) {
  const pg = database.dialect === 'postgres';
  const series = pg
    ? sql`(select g as n from generate_series(${sql.lit(from)}::bigint, ${sql.lit(from + count - 1)}::bigint) g) s`
    : sql`(with recursive r(n) as (select ${sql.lit(from)} union all select n + 1 from r where n < ${sql.lit(from + count - 1)}) select n from r) s`;
  const pad = pg ? sql`lpad(s.n::text, 9, '0')` : sql`printf('%09d', s.n)`;
  const pick = (list: string[]) =>
    sql.raw(`(case (s.n % ${list.length}) ${list.map((v, i) => `when ${i} then '${v}'`).join(' ')} end)`);
  const span = Math.floor((365 * DAY) / total);
  const submitted = sql`(${sql.lit(NOW - 400 * DAY)} + s.n * ${sql.lit(span)})`;
  const kind = sql`(s.n % 100)`; // 0, 1: in progress; 2: replied, waiting for a rating; else closed
  const closed = sql`${kind} >= 3`;
  await sql`
    insert into item (id, ledger_no, tracking_code, tracking_pin_hash, channel, type, category_id, title, description,
      district_id, requester_kind, tier, main_department_id, status, submitted_at, accepted_at, dispatched_at, signed_at,
      replied_at, verified_at, closed_at, sign_due_at, sign_met, contact_due_at, contact_met, handle_start_at, handle_due_at,
      handle_met, callback_due_at, callback_met, rating_due_at, next_escalation_at, satisfaction, bad_review, event_seq,
      event_hash, updated_at)
    select 'bench' || ${pad}, 'SY-B-' || ${pad}, 'T' || ${pad}, 'x', 'web', 'complaint', 'cat-facilities-office', '基准测试诉求',
      '用于衡量清扫器在百万条台账上的开销。', ${pick(districts)}, 'person', 'general', ${pick(depts)},
      case when ${kind} < 2 then 'in_progress' when ${kind} = 2 then 'replied' else 'closed' end,
      ${submitted}, ${submitted}, ${submitted}, ${submitted},
      case when ${kind} < 2 then null else ${submitted} + ${sql.lit(DAY)} end,
      case when ${closed} then ${submitted} + ${sql.lit(2 * DAY)} else null end,
      case when ${closed} then ${submitted} + ${sql.lit(3 * DAY)} else null end,
      ${submitted} + ${sql.lit(DAY)}, 1, ${submitted} + ${sql.lit(DAY)}, 1,
      case when ${kind} < 2 then ${sql.lit(NOW - DAY)} else ${submitted} end,
      case when ${kind} < 2 then ${sql.lit(NOW + 2 * DAY)} else ${submitted} + ${sql.lit(3 * DAY)} end,
      case when ${kind} < 2 then null else 1 end,
      case when ${kind} = 2 then ${sql.lit(NOW + DAY)} when ${closed} then ${submitted} + ${sql.lit(3 * DAY)} else null end,
      case when ${closed} then 1 else null end,
      case when ${kind} = 2 then ${sql.lit(NOW + 5 * DAY)} when ${closed} then ${submitted} + ${sql.lit(7 * DAY)} else null end,
      case when ${kind} < 2 then ${sql.lit(NOW + DAY)} else null end,
      case when ${closed} then 'satisfied' else null end,
      0, 1, 'x', ${submitted}
    from ${series}`.execute(database.db);
}

async function runDialect(dialect: DialectName, items: number, passes: number) {
  const fresh = await freshDatabase(dialect, 'sweeper');
  const database = openDatabase(fresh.url, { poolSize: 4 });
  try {
    const clock = fakeClock(NOW);
    await migrateToLatest(database.db);
    await seedOrg(database, clock);
    const depts = (await database.db.selectFrom('department').select('id').orderBy('id').execute()).map((d) => d.id);
    const districts = (await database.db.selectFrom('district').select('id').orderBy('id').execute()).map((d) => d.id);
    const fillStart = Date.now();
    const chunk = 100_000;
    for (let from = 0; from < items; from += chunk)
      await fill(database, from, Math.min(chunk, items - from), items, depts, districts);
    await sql`analyze`.execute(database.db);
    const fillMs = Date.now() - fillStart;
    console.log(`[${dialect}] ${items.toLocaleString()} items inserted in ${(fillMs / 1000).toFixed(1)} s`);

    const sweeper = createSweeper({ database, clock, deadlines: createDeadlineService(database.db) });
    const first = await sweeper.runOnce(); // loads the calendar and settings once, as a long-running worker has
    const idle: number[] = [];
    for (let i = 0; i < passes; i++) {
      const t0 = performance.now();
      const c = await sweeper.runOnce();
      idle.push(performance.now() - t0);
      if (c.escalations || c.missed || c.defaultRatings)
        throw new Error(`expected nothing due, got ${JSON.stringify(c)}`);
    }
    idle.sort((a, b) => a - b);
    const median = idle[Math.floor(idle.length / 2)];
    console.log(
      `[${dialect}] idle pass: median ${median.toFixed(1)} ms, max ${idle.at(-1)!.toFixed(1)} ms over ${passes} passes (first pass ${first.ms} ms)`,
    );

    // 1,000 items in progress become 12 working days overdue: the pass walks each ladder to the clue.
    const due = 1000;
    const ids = (
      await database.db
        .selectFrom('item')
        .select('id')
        .where('status', '=', 'in_progress')
        .orderBy('id')
        .limit(due)
        .execute()
    ).map((r) => r.id);
    await database.db
      .updateTable('item')
      .set({ handle_start_at: NOW - 25 * DAY, handle_due_at: NOW - 20 * DAY, next_escalation_at: NOW - 20 * DAY })
      .where('id', 'in', ids)
      .execute();
    const t0 = performance.now();
    const busy = await sweeper.runOnce();
    const busyMs = performance.now() - t0;
    console.log(
      `[${dialect}] busy pass: ${busy.escalations} escalation steps on ${due} items, ${busy.clues} clues, ${busyMs.toFixed(0)} ms (${((busy.escalations / busyMs) * 1000).toFixed(0)} steps/s)`,
    );
    return {
      items,
      fillS: +(fillMs / 1000).toFixed(1),
      idleMedianMs: +median.toFixed(1),
      idleMaxMs: +idle.at(-1)!.toFixed(1),
      busySteps: busy.escalations,
      busyMs: +busyMs.toFixed(0),
    };
  } finally {
    await database.close();
    await fresh.drop();
  }
}

export default async function sweeperBench(args: string[]) {
  const items = Number(arg(args, 'items', '1000000'));
  const passes = Number(arg(args, 'passes', '7'));
  const which = arg(args, 'dialect', 'sqlite');
  const dialects: DialectName[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DialectName];
  const results: Record<string, unknown> = {};
  for (const d of dialects) results[d] = await runDialect(d, items, passes);
  const ok = Object.values(results).every((r) => (r as { idleMaxMs: number }).idleMaxMs <= 1000);
  console.log(JSON.stringify({ bench: 'sweeper', targetIdleMs: 1000, ok, ...results }));
}
