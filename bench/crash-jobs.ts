// Crash suite for background jobs (`npm run bench -- crash-jobs [--kills N] [--rows N] [--enterprises N]
// [--dialect sqlite|postgres]`): the real server on a fresh database, SIGKILLed at random moments
//  (a) during an Excel import of offline registrations (the web's route, POST /api/items/import): afterwards each
//      import's rows, found by a marker in their titles, are all in the ledger or none, and the ledger verifies;
//  (b) during matching runs over the demo enterprises: after the restart the run is taken up again once its lease runs
//      out (POLICY_RUN_LEASE_MS) and completes with exactly the candidate set of an uninterrupted reference run, without
//      duplicates; a run killed on each of its MAX_ATTEMPTS claims is marked failed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.ts';
import { IMPORT_COLUMNS } from '../server/src/modules/excel/excel.service.ts';
import { verifyChains } from '../server/src/modules/ledger/event.repository.ts';
import { MAX_ATTEMPTS } from '../server/src/modules/policy/policy.matching.ts';
import {
  freshDatabase,
  login,
  post,
  startServer,
  type DialectName,
  type ServerProcess,
  type Session,
} from './robust/server-process.ts';

const LEASE_MS = 3000;
/** Enterprises per matching chunk: small, so that a run has many chunks to be killed between and resumed from. */
const CHUNK = 100;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flag = (args: string[], name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;

/** An import file of `rows` valid registrations whose titles carry `marker`. */
async function importFile(marker: string, rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记');
  ws.addRow([...IMPORT_COLUMNS]);
  for (let i = 1; i <= rows; i++) {
    const v: Record<string, string> = {
      渠道: '窗口',
      诉求类型: '投诉',
      问题分类: '办公设备',
      标题: `${marker} 自助打印机坏了 ${i}`,
      问题描述: '大厅自助打印机坏了好几天没人修，只能到外面打印。',
      区县: '沈河区',
      服务中心: '沈河区政务服务中心',
      窗口: 'W01',
      地点: '',
      诉求人类型: '个人',
      诉求人姓名: '李四',
      联系电话: '13900001111',
      单位名称: '',
      统一社会信用代码: '',
      保密: '否',
      复杂程度: '一般',
      登记时间: '2026-11-28 09:30',
    };
    ws.addRow(IMPORT_COLUMNS.map((h) => v[h]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(base: string, session: Session, file: Buffer): Promise<{ status: number; json: any }> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    'import.xlsx',
  );
  const res = await fetch(`${base}/api/items/import`, {
    method: 'POST',
    body: form,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    signal: AbortSignal.timeout(300_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function getJson(base: string, session: Session, path: string): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: session.cookie },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface RunView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  candidates: number;
  attempts: number;
  asOf: string;
  scope: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

async function waitRun(
  base: string,
  session: Session,
  id: string,
  until: (r: RunView) => boolean,
  timeoutMs = 600_000,
  pollMs = 100,
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = (await getJson(base, session, `/api/policy/runs/${id}`)) as RunView;
    if (until(r)) return r;
    if (Date.now() > deadline) throw new Error(`run ${id} did not get there: ${JSON.stringify(r)}`);
    await sleep(pollMs);
  }
}

/** The candidate decisions of a date, as comparable text (explanations included), and how many rows repeat a key. */
async function decisions(url: string, asOf: string) {
  const database = openDatabase(url);
  try {
    const rows = await database.db
      .selectFrom('policy_candidate')
      .select(['item_id', 'enterprise_id', 'status', 'amount', 'rule_hash', 'explanation'])
      .where('as_of', '=', asOf)
      .orderBy('item_id')
      .orderBy('enterprise_id')
      .execute();
    const dup = await database.db
      .selectFrom('policy_candidate')
      .select(['item_id', 'enterprise_id', sql<number>`count(*)`.as('n')])
      .where('as_of', '=', asOf)
      .groupBy(['item_id', 'enterprise_id'])
      .having(sql`count(*)`, '>', 1)
      .execute();
    return {
      keys: rows.map((r) => `${r.item_id}|${r.enterprise_id}|${r.status}|${r.amount}|${r.rule_hash}|${r.explanation}`),
      duplicates: dup.length,
    };
  } finally {
    await database.close();
  }
}

async function runDialect(
  dialect: DialectName,
  opts: { kills: number; rows: number; enterprises: number },
  port: number,
) {
  const fresh = await freshDatabase(dialect, 'crashjobs');
  const env = {
    DATABASE_URL: fresh.url,
    DEMO: 'true',
    SEED_ITEMS: '100',
    SEED_ENTERPRISES: String(opts.enterprises),
    WORKERS: 'true',
    POLICY_RUN_LEASE_MS: String(LEASE_MS),
    POLICY_RUN_CHUNK: String(CHUNK),
  };
  const rnd = prng(20261130 + (dialect === 'postgres' ? 7 : 0));
  let server: ServerProcess = await startServer(env, port);
  try {
    return await exercise();
  } catch (e) {
    await server.kill('SIGKILL');
    await fresh.drop();
    throw e;
  }

  async function exercise() {
    let dispatcher = await login(server.base, 'dispatcher');
    let policy = await login(server.base, 'policy');
    const restart = async () => {
      await server.kill('SIGKILL');
      server = await startServer(env, port);
      dispatcher = await login(server.base, 'dispatcher');
      policy = await login(server.base, 'policy');
    };

    // The reference: the demo's run over all items, queued at seeding and worked by the server without interruption.
    const demoRun = ((await getJson(server.base, policy, '/api/policy/runs')) as RunView[]).find(
      (r) => r.scope === 'all',
    );
    if (!demoRun)
      throw new Error(
        `the demo queued no run over all items: ${JSON.stringify(await getJson(server.base, policy, '/api/policy/runs'))}`,
      );
    const reference = await waitRun(
      server.base,
      policy,
      demoRun.id,
      (r) => r.status === 'done' || r.status === 'failed',
    );
    if (reference.status !== 'done') throw new Error(`the reference run ${reference.status}: ${reference.error}`);
    const asOf = reference.asOf;
    const referenceSet = await decisions(fresh.url, asOf);
    const runMs = Math.max(500, Date.parse(reference.finishedAt!) - Date.parse(reference.startedAt!));

    // (a) imports: one uninterrupted, to time it, then one per kill at a random moment within that time.
    const imports: { marker: string; acknowledged: boolean }[] = [];
    const t0 = Date.now();
    const first = await upload(server.base, dispatcher, await importFile(`cj-${dialect}-0`, opts.rows));
    if (first.status !== 200 || first.json.imported !== opts.rows)
      throw new Error(`the uninterrupted import: ${first.status} ${JSON.stringify(first.json).slice(0, 300)}`);
    const importMs = Date.now() - t0;
    imports.push({ marker: `cj-${dialect}-0`, acknowledged: true });
    for (let k = 1; k <= opts.kills; k++) {
      const marker = `cj-${dialect}-${k}`;
      const file = await importFile(marker, opts.rows);
      const entry = { marker, acknowledged: false };
      imports.push(entry);
      const pending = upload(server.base, dispatcher, file).then(
        (r) => (entry.acknowledged = r.status === 200 && r.json.imported === opts.rows),
        () => false,
      );
      await sleep(Math.floor(rnd() * importMs * 1.1));
      await restart();
      await pending;
    }

    // (b) matching runs: each killed once or twice at a random moment while it runs, then left to finish after the
    // restart; with enough kills left, a last run is killed on every claim and must end failed.
    const runs: {
      id: string;
      kills: number;
      midRun: number;
      status: string;
      equal: boolean;
      duplicates: number;
      candidates: number;
      attempts: number;
    }[] = [];
    let left = opts.kills;
    const failRun = left >= MAX_ATTEMPTS + 1;
    if (failRun) left -= MAX_ATTEMPTS;
    /**
     * Kills the server once run `id` is claimed for the `claim`-th time, when it has got a random part (up to `share`) of
     * the way through what it had left; true if the run was still running then. (On SQLite a run's chunk transactions
     * follow each other closely, so progress is seen late: a share well below 1 keeps the kills mid-run.)
     */
    const killDuring = async (id: string, claim: number, share: number) => {
      const r = await waitRun(
        server.base,
        policy,
        id,
        (x) => (x.status === 'running' && x.attempts >= claim) || x.status === 'done' || x.status === 'failed',
      );
      if (r.status !== 'running') return false;
      const target = r.done + Math.floor(rnd() * (r.total - r.done) * share);
      await waitRun(server.base, policy, id, (x) => x.status !== 'running' || x.done >= target, 600_000, 25);
      await sleep(Math.floor(rnd() * 20));
      const before = (await getJson(server.base, policy, `/api/policy/runs/${id}`)) as RunView;
      await restart();
      return before.status === 'running';
    };
    while (left > 0) {
      const started = await post(server.base, '/api/policy/runs', { scope: 'all', asOf }, { session: policy });
      if (started.status !== 202) throw new Error(`start a run: ${started.status} ${JSON.stringify(started.json)}`);
      const id = started.json.id as string;
      const kills = Math.min(left, rnd() < 0.5 ? 1 : 2);
      let midRun = 0;
      for (let k = 0; k < kills; k++) midRun += Number(await killDuring(id, k + 1, 0.6));
      left -= kills;
      const end = await waitRun(server.base, policy, id, (r) => r.status === 'done' || r.status === 'failed');
      const now = await decisions(fresh.url, asOf);
      const equal =
        now.keys.length === referenceSet.keys.length && now.keys.every((k, i) => k === referenceSet.keys[i]);
      runs.push({
        id,
        kills,
        midRun,
        status: end.status,
        equal: equal && end.candidates === reference.candidates && end.done === reference.total,
        duplicates: now.duplicates,
        candidates: end.candidates,
        attempts: end.attempts,
      });
    }
    let failed: { status: string; attempts: number; midRun: number; error: string | null } | null = null;
    if (failRun) {
      const started = await post(server.base, '/api/policy/runs', { scope: 'all', asOf }, { session: policy });
      const id = started.json.id as string;
      let midRun = 0;
      // Early in each claim, so that the run never gets to its end.
      for (let k = 0; k < MAX_ATTEMPTS; k++) midRun += Number(await killDuring(id, k + 1, 0.25));
      const end = await waitRun(server.base, policy, id, (r) => r.status === 'done' || r.status === 'failed', 60_000);
      failed = { status: end.status, attempts: end.attempts, midRun, error: end.error };
    }
    await server.kill('SIGTERM');

    const database = openDatabase(fresh.url);
    const counts: number[] = [];
    for (const i of imports) {
      const n = await database.db
        .selectFrom('item')
        .select(sql<number>`count(*)`.as('n'))
        .where('title', 'like', `${i.marker} %`)
        .executeTakeFirstOrThrow();
      counts.push(Number(n.n));
    }
    const verify = await verifyChains(database.db);
    await database.close();
    const cli = spawnSync(
      process.execPath,
      [resolve(import.meta.dirname, '../server/bin/tingquan.js'), 'verify-ledger'],
      { env: { ...process.env, DATABASE_URL: fresh.url }, encoding: 'utf8' },
    );
    await fresh.drop();

    const killed = imports.slice(1).map((i, k) => ({ ...i, rows: counts[k + 1] }));
    const halfDone = killed.filter((i) => i.rows !== 0 && i.rows !== opts.rows).length;
    const lostAcknowledged =
      killed.filter((i) => i.acknowledged && i.rows !== opts.rows).length + (counts[0] === opts.rows ? 0 : 1);
    const result = {
      dialect,
      importRows: opts.rows,
      importMs,
      importKills: opts.kills,
      importsWhole: killed.filter((i) => i.rows === opts.rows).length,
      importsNone: killed.filter((i) => i.rows === 0).length,
      importsHalfDone: halfDone,
      acknowledgedImportsLost: lostAcknowledged,
      ledgerVerified: verify.ok && cli.status === 0,
      enterprises: reference.total,
      referenceCandidates: referenceSet.keys.length,
      referenceRunMs: runMs,
      matchingKills: runs.reduce((n, r) => n + r.kills, 0) + (failRun ? MAX_ATTEMPTS : 0),
      matchingKillsMidRun: runs.reduce((n, r) => n + r.midRun, 0) + (failed?.midRun ?? 0),
      runs,
      duplicateCandidates: Math.max(referenceSet.duplicates, ...runs.map((r) => r.duplicates)),
      runsResumedEqual: runs.filter((r) => r.status === 'done' && r.equal && !r.duplicates).length,
      failedRun: failed,
    };
    const ok =
      !halfDone &&
      !lostAcknowledged &&
      result.ledgerVerified &&
      result.runsResumedEqual === runs.length &&
      result.duplicateCandidates === 0 &&
      (!failed || failed.status === 'failed' || failed.midRun < MAX_ATTEMPTS);
    console.log(
      `crash-jobs (${dialect}): ${opts.kills} kills during imports of ${opts.rows.toLocaleString('en-US')} rows (${halfDone} half-done: ` +
        `${result.importsWhole} whole, ${result.importsNone} none; ledger ${result.ledgerVerified ? 'verified' : 'BROKEN'}), ` +
        `${result.matchingKills} kills during matching (${result.matchingKillsMidRun} mid-run; ${result.runsResumedEqual} of ${runs.length} runs resumed and done, decisions of the date equal to the reference's: ` +
        `${referenceSet.keys.length.toLocaleString('en-US')}, ${result.duplicateCandidates} duplicates${failed ? `; a run killed on all ${MAX_ATTEMPTS} claims: ${failed.status}` : ''})${ok ? '' : ' — FAILED'}`,
    );
    return { ...result, ok };
  }
}

export default async function crashJobs(args: string[]) {
  const kills = flag(args, '--kills', 10);
  const rows = flag(args, '--rows', 3000);
  const enterprises = flag(args, '--enterprises', 4000);
  const only = args.includes('--dialect')
    ? [args[args.indexOf('--dialect') + 1] as DialectName]
    : (['sqlite', 'postgres'] as const);
  const results = [];
  for (const [i, d] of only.entries()) results.push(await runDialect(d, { kills, rows, enterprises }, 3481 + i));
  console.log(JSON.stringify({ bench: 'crash-jobs', results: results.map(({ runs: _, ...r }) => r) }));
  if (results.some((r) => !r.ok)) process.exit(1);
}
