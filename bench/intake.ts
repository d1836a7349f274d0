// Intake benchmark (`npm run bench -- intake [--quick] [--seconds N] [--connections N] [--skip-pg]`): the real
// server on SQLite and on PostgreSQL, and a bare Fastify route as the baseline, under 50 connections posting
// unique public intakes with Idempotency-Keys; then a burst cut short by SIGKILL, after which every acknowledged
// ledger number must be in the database.
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.ts';
import { freshDatabase, intake, startServer, type DialectName } from './robust/server-process.ts';
import { hammer, startBare, type LoadResult } from './lib/load.ts';

const TARGET = { perSec: 3000, p99: 50 };

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const line = (name: string, r: LoadResult, baseline?: LoadResult) =>
  console.log(
    `${name.padEnd(10)} ${String(r.acceptedPerSec).padStart(7)} accepted/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  (${r.accepted} of ${r.requests} requests in ${r.seconds}s, ${r.errors} errors, ${r.non2xx} non-2xx)` +
      (baseline ? `  = ${ratio(r, baseline)} of the bare route's rate` : ''),
  );
const ratio = (r: LoadResult, baseline: LoadResult) =>
  baseline.acceptedPerSec ? `${((100 * r.acceptedPerSec) / baseline.acceptedPerSec).toFixed(1)} %` : 'n/a';

/** A burst from `connections` concurrent clients, SIGKILLed mid-flight; returns acknowledged vs found. */
async function durability(dialect: DialectName, port: number, connections: number, burstMs: number) {
  const fresh = await freshDatabase(dialect, 'durab');
  const server = await startServer({ DATABASE_URL: fresh.url, DEMO: 'true', SEED_ITEMS: '0', WORKERS: 'false' }, port);
  const acked: string[] = [];
  let n = 0;
  let stop = false;
  const client = async (c: number) => {
    while (!stop) {
      const i = n++;
      try {
        const res = await fetch(`${server.base}/api/public/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `durab-${c}-${i}` },
          body: JSON.stringify(intake(i, 'durab')),
        });
        const body = (await res.json()) as { ledgerNo?: string };
        if (res.status === 201 && body.ledgerNo) acked.push(body.ledgerNo);
      } catch {
        return; // the server is gone
      }
    }
  };
  const clients = Array.from({ length: connections }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, burstMs));
  await server.kill('SIGKILL'); // requests are still in flight
  stop = true;
  await Promise.all(clients);
  const database = openDatabase(fresh.url);
  const stored = new Set<string>();
  for (let i = 0; i < acked.length; i += 5000) {
    const rows = await database.db
      .selectFrom('item')
      .select('ledger_no')
      .where('ledger_no', 'in', acked.slice(i, i + 5000))
      .execute();
    for (const r of rows) stored.add(r.ledger_no);
  }
  const total = Number(
    (await database.db.selectFrom('item').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
  );
  await database.close();
  await fresh.drop();
  const missing = acked.filter((l) => !stored.has(l));
  return {
    acknowledged: acked.length,
    found: acked.length - missing.length,
    missing: missing.length,
    inDatabase: total,
  };
}

async function runServer(dialect: DialectName, port: number, connections: number, seconds: number) {
  const fresh = await freshDatabase(dialect, 'intake');
  const server = await startServer({ DATABASE_URL: fresh.url, DEMO: 'true', SEED_ITEMS: '0', WORKERS: 'false' }, port);
  try {
    // A short warm-up so that JIT and caches do not count against the run.
    await hammer({
      url: server.base,
      path: '/api/public/items',
      connections,
      seconds: 2,
      body: (i) => intake(i, 'warm'),
      tag: `warm-${dialect}`,
    });
    return await hammer({
      url: server.base,
      path: '/api/public/items',
      connections,
      seconds,
      body: (i) => intake(i, 'bench'),
      tag: `bench-${dialect}`,
    });
  } finally {
    await server.kill('SIGTERM');
    await fresh.drop();
  }
}

export default async function main(args: string[]) {
  const quick = args.includes('--quick');
  const seconds = arg(args, '--seconds', quick ? 5 : 30);
  const connections = arg(args, '--connections', 50);
  const withPg = !args.includes('--skip-pg');
  console.log(
    `intake: ${connections} connections, ${seconds} s per target, POST /api/public/items with unique bodies and Idempotency-Keys (load average ${loadavg()[0]!.toFixed(2)} on this machine)\n`,
  );

  const bare = await startBare(3990);
  const baseline = await hammer({
    url: bare.base,
    path: '/api/public/items',
    connections,
    seconds,
    body: (i) => intake(i, 'bare'),
    tag: 'bare',
  });
  await bare.stop();
  line('bare', baseline);

  const sqlite = await runServer('sqlite', 3991, connections, seconds);
  line('sqlite', sqlite, baseline);
  const postgres = withPg ? await runServer('postgres', 3992, connections, seconds) : null;
  if (postgres) line('postgres', postgres, baseline);

  const burstMs = quick ? 1500 : 3000;
  const durable: Record<string, Awaited<ReturnType<typeof durability>>> = {};
  for (const d of (withPg ? ['sqlite', 'postgres'] : ['sqlite']) as DialectName[]) {
    durable[d] = await durability(d, 3993, connections, burstMs);
    const r = durable[d]!;
    console.log(
      `durability ${d}: SIGKILL after a ${burstMs} ms burst: ${r.acknowledged} acknowledged, ${r.found} found, ${r.missing} missing (${r.inDatabase} rows in the database)`,
    );
  }

  const met = sqlite.acceptedPerSec >= TARGET.perSec && sqlite.p99 <= TARGET.p99;
  const durableOk = Object.values(durable).every((r) => r.missing === 0 && r.acknowledged > 0);
  console.log(
    `\ntarget on SQLite: ≥ ${TARGET.perSec}/s and p99 ≤ ${TARGET.p99} ms: ${met ? 'met' : 'NOT met'}; durability: ${durableOk ? 'every acknowledged item stored' : 'LOST acknowledged items'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'intake',
      seconds,
      connections,
      bare: baseline,
      sqlite,
      postgres,
      ratioToBare: {
        sqlite: sqlite.acceptedPerSec / (baseline.acceptedPerSec || 1),
        postgres: postgres ? postgres.acceptedPerSec / (baseline.acceptedPerSec || 1) : null,
      },
      durability: durable,
      target: TARGET,
      met,
      durable: durableOk,
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    }),
  );
  if (!durableOk) process.exitCode = 1;
}
