// Crash suite (`npm run bench -- crash [--kills N] [--dialect sqlite|postgres]`): drives intake and lifecycle
// actions with idempotency keys at a server process, SIGKILLs it at random moments and restarts it; afterwards
// every acknowledged item and action must exist exactly once with its events, and the ledger must verify.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.ts';
import { verifyChains } from '../server/src/modules/ledger/event.repository.ts';
import {
  freshDatabase,
  intake,
  login,
  post,
  startServer,
  type DialectName,
  type Session,
} from './robust/server-process.ts';

const CHAIN = [
  { action: 'accept', as: 'dispatcher', body: {} },
  { action: 'dispatch', as: 'dispatcher', body: { mainDepartmentId: 'dept-scjg' } },
  { action: 'sign', as: 'handler', body: {} },
  { action: 'reply', as: 'handler', body: { reply: '已按规定办理完毕，特此答复。' } },
] as const;

interface Tracked {
  id: string;
  ledgerNo: string;
  stage: number;
}

// A tiny seeded PRNG so that a failing run can be repeated.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function runDialect(dialect: DialectName, kills: number, port: number) {
  const fresh = await freshDatabase(dialect, 'crash');
  const env = { DATABASE_URL: fresh.url, DEMO: 'true', SEED_ITEMS: '0', WORKERS: 'true', OUTBOX_INTERVAL_MS: '200' };
  const rnd = prng(20261130 + (dialect === 'postgres' ? 1 : 0));
  const items = new Map<string, Tracked>(); // by intake key
  const pendingIntakes = new Map<string, number>(); // key → index, sent but not acknowledged
  const ackedActions: { itemId: string; action: string }[] = [];
  let counter = 0;
  let server = await startServer(env, port);
  let sessions: Record<string, Session> = {
    dispatcher: await login(server.base, 'dispatcher'),
    handler: await login(server.base, 'handler'),
  };
  let acknowledgedIntakes = 0;
  let retriedAfterCrash = 0;

  async function worker(until: () => boolean) {
    while (!until()) {
      const advancing = [...items.values()].filter((t) => t.stage < CHAIN.length);
      try {
        if (rnd() < 0.55 || !advancing.length) {
          // Retry a request that died with the server (same key) before sending new ones.
          const retry = [...pendingIntakes.entries()][0];
          const [key, i] = retry ?? [`intake-${dialect}-${++counter}`, counter];
          if (!retry) pendingIntakes.set(key, i);
          const res = await post(server.base, '/api/public/items', intake(i, `crash-${dialect}`), { key });
          if (res.status === 201) {
            if (retry) retriedAfterCrash++;
            pendingIntakes.delete(key);
            if (!items.has(key)) {
              items.set(key, { id: res.json.id, ledgerNo: res.json.ledgerNo, stage: 0 });
              acknowledgedIntakes++;
            }
          }
        } else {
          const t = advancing[Math.floor(rnd() * advancing.length)];
          const step = CHAIN[t.stage];
          const res = await post(server.base, `/api/items/${t.id}/${step.action}`, step.body, {
            session: sessions[step.as],
            key: `act-${t.id}-${step.action}`,
          });
          if (res.status === 200 && t.stage < CHAIN.length && CHAIN[t.stage] === step) {
            ackedActions.push({ itemId: t.id, action: step.action });
            t.stage++;
          }
        }
      } catch {
        await new Promise((r) => setTimeout(r, 20)); // the server is down: the next round restarts it
      }
    }
  }

  for (let k = 0; k < kills; k++) {
    const runFor = 300 + Math.floor(rnd() * 1200);
    let stop = false;
    const workers = Array.from({ length: 8 }, () => worker(() => stop));
    await new Promise((r) => setTimeout(r, runFor));
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    server = await startServer(env, port);
    sessions = { dispatcher: await login(server.base, 'dispatcher'), handler: await login(server.base, 'handler') };
  }
  // Let the last retries through, then stop cleanly.
  let stop = false;
  const tail = worker(() => stop || pendingIntakes.size === 0);
  setTimeout(() => (stop = true), 5000);
  await tail;
  await server.kill('SIGTERM');

  const database = openDatabase(fresh.url);
  const db = database.db;
  let lost = 0;
  let duplicated = 0;
  for (const t of items.values()) {
    const n = await db
      .selectFrom('item')
      .select(sql<number>`count(*)`.as('n'))
      .where('ledger_no', '=', t.ledgerNo)
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== 1) lost++;
  }
  const dupTitles = await db
    .selectFrom('item')
    .select(['title', sql<number>`count(*)`.as('n')])
    .groupBy('title')
    .having(sql`count(*)`, '>', 1)
    .execute();
  duplicated += dupTitles.length;
  let lostActions = 0;
  for (const a of ackedActions) {
    const n = await db
      .selectFrom('event')
      .select(sql<number>`count(*)`.as('n'))
      .where('item_id', '=', a.itemId)
      .where('action', '=', a.action)
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== 1) lostActions++;
  }
  const verify = await verifyChains(db);
  await database.close();
  const cli = spawnSync(
    process.execPath,
    [resolve(import.meta.dirname, '../server/bin/tingquan.js'), 'verify-ledger'],
    { env: { ...process.env, DATABASE_URL: fresh.url }, encoding: 'utf8' },
  );
  await fresh.drop();
  const result = {
    dialect,
    kills,
    acknowledgedItems: acknowledgedIntakes,
    acknowledgedActions: ackedActions.length,
    retriedAfterCrash,
    lostItems: lost,
    duplicateItems: duplicated,
    lostOrDuplicatedActions: lostActions,
    ledgerVerified: verify.ok && cli.status === 0,
  };
  console.log(
    `crash (${dialect}): ${kills} kills, ${(acknowledgedIntakes + ackedActions.length).toLocaleString('en-US')} acknowledged ` +
      `(${acknowledgedIntakes} items, ${ackedActions.length} actions, ${retriedAfterCrash} retried after a crash), ` +
      `${lost + lostActions} lost, ${duplicated} duplicated, ledger ${result.ledgerVerified ? 'verified' : 'BROKEN'}`,
  );
  return result;
}

export default async function crash(args: string[]) {
  const kills = Number(args[args.indexOf('--kills') + 1]) || 20;
  const only = args.includes('--dialect')
    ? [args[args.indexOf('--dialect') + 1] as DialectName]
    : (['sqlite', 'postgres'] as const);
  const results = [];
  for (const [i, d] of only.entries()) results.push(await runDialect(d, kills, 3400 + i));
  console.log(JSON.stringify({ bench: 'crash', results }));
  if (results.some((r) => r.lostItems || r.duplicateItems || r.lostOrDuplicatedActions || !r.ledgerVerified))
    process.exit(1);
}
