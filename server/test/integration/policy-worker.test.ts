// Matching's CPU work in a worker thread: the same candidates, explanations and failure counts as evaluated on the event
// loop; in-process evaluation where the worker cannot start; a worker that dies fails its chunk and the run resumes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../harness.ts';
import { seedEnterprises, seedPolicyCatalogue } from '../../src/modules/policy/policy.seed.ts';
import { createMatching } from '../../src/modules/policy/policy.matching.ts';
import { createCatalogueCache } from '../../src/modules/policy/policy.catalogue.ts';
import { type Sweeper, workerSweeper } from '../../src/modules/policy/policy.sweeper.ts';
import { SYSTEM_ACTOR } from '../../src/modules/auth/actor.ts';

let t: TestContext;
const AS_OF = '2026-11-30';

beforeAll(async () => {
  t = await createTestContext();
  await seedPolicyCatalogue(t.database.db, t.clock.now());
  await seedEnterprises(t.database.db, t.clock.now(), 400, { seed: 11 });
}, 60_000);
afterAll(async () => t?.close());

/** Runs matching over every enterprise with the given sweeper and returns what it decided, in a comparable form. */
async function matchWith(sweeper: Sweeper | false | undefined, owner: string) {
  const db = t.database.db;
  const m =
    sweeper === undefined
      ? t.services.policy.matching
      : createMatching({ database: t.database, clock: t.clock, catalogue: createCatalogueCache(db), owner, sweeper });
  const run = await m.start(SYSTEM_ACTOR, { scope: 'all', asOf: AS_OF });
  while (await m.runOnce({ chunk: 150 })) {
    /* to the end */
  }
  expect(await m.get(run.id)).toMatchObject({ status: 'done', done: 400 });
  const candidates = await db
    .selectFrom('policy_candidate')
    .select(['item_id', 'enterprise_id', 'amount', 'rule_hash', 'parameter_snapshot_date', 'explanation'])
    .where('run_id', '=', run.id)
    .orderBy('item_id')
    .orderBy('enterprise_id')
    .execute();
  const aggregates = (
    await db.selectFrom('policy_run_item').selectAll().where('run_id', '=', run.id).orderBy('item_id').execute()
  ).map(({ run_id: _, ...r }) => r);
  return { m, candidates, aggregates, found: (await m.get(run.id)).candidates };
}

describe('matching in a worker thread', () => {
  let reference: Awaited<ReturnType<typeof matchWith>>;

  it('decides exactly what in-process evaluation decides, with the same explanations and failure counts', async () => {
    const inProcess = await matchWith(false, 'in-process');
    expect(inProcess.candidates.length).toBeGreaterThan(100);
    const inWorker = await matchWith(undefined, 'worker');
    expect(inWorker.m.sweeper.mode()).toBe('worker');
    expect(inWorker.candidates).toEqual(inProcess.candidates);
    expect(inWorker.aggregates).toEqual(inProcess.aggregates);
    expect(inWorker.found).toBe(inProcess.candidates.length);
    reference = inWorker;
  }, 120_000);

  it('starts its worker under `node --import tsx` (the server) and with tsx registered through its API (the CLI)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tq-worker-'));
    const script = join(dir, 'probe.mts');
    const src = (p: string) =>
      pathToFileURL(fileURLToPath(new URL(`../../src/modules/policy/${p}`, import.meta.url))).href;
    writeFileSync(
      script,
      [
        `import { workerSweeper } from '${src('policy.sweeper.ts')}';`,
        `import { catalogueFrom } from '${src('policy.catalogue.ts')}';`,
        'const s = workerSweeper();',
        "await s.evaluate(catalogueFrom('probe', { items: [], parameters: [], rules: [] }), { asOf: '2026-11-30', itemIds: [], rows: [], receipts: [] });",
        'console.log(JSON.stringify({ mode: s.mode(), reason: s.fallbackReason() }));',
        'await s.close();',
      ].join('\n'),
    );
    // As server/bin/tingquan.js starts the CLI.
    const cli = join(dir, 'cli.mjs');
    const tsxApi = pathToFileURL(
      join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
    ).href;
    writeFileSync(
      cli,
      `const { register } = await import('${tsxApi}');\nregister();\nawait import(${JSON.stringify(pathToFileURL(script).href)});\n`,
    );
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const ways = [['--import', 'tsx', script], [cli]];
    for (const args of ways) {
      const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ mode: 'worker', reason: null });
    }
  }, 120_000);

  it('falls back to in-process evaluation where a worker thread cannot start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tq-worker-'));
    const throwing = join(dir, 'broken.mjs');
    writeFileSync(throwing, "throw new Error('no worker here');\n");
    for (const entry of [pathToFileURL(join(dir, 'missing.mjs')), pathToFileURL(throwing)]) {
      const sweeper = workerSweeper({ entry });
      const r = await matchWith(sweeper, `fallback-${entry.pathname}`);
      expect(sweeper.mode()).toBe('in-process');
      expect(sweeper.fallbackReason()).toBeTruthy();
      expect(r.candidates).toEqual(reference.candidates);
    }
  }, 120_000);

  it('fails the chunk of a worker that dies; the run is put back and resumes with a new worker', async () => {
    const inner = workerSweeper();
    let killed = 0;
    // Terminates the worker while the first chunk is being evaluated in it.
    const dying: Sweeper = {
      ...inner,
      evaluate(cat, input) {
        const p = inner.evaluate(cat, input);
        if (!killed++) setTimeout(() => void inner.close(), 1);
        return p;
      },
    };
    const db = t.database.db;
    const m = createMatching({
      database: t.database,
      clock: t.clock,
      catalogue: createCatalogueCache(db),
      owner: 'dying',
      sweeper: dying,
    });
    // A warm worker first, so the kill lands mid-chunk rather than during start-up.
    await inner.evaluate(await createCatalogueCache(db).get(), { asOf: AS_OF, itemIds: [], rows: [], receipts: [] });
    const run = await m.start(SYSTEM_ACTOR, { scope: 'all', asOf: AS_OF });
    await expect(m.runOnce({ chunk: 150 })).rejects.toThrow(/exited/);
    expect(await m.get(run.id)).toMatchObject({ status: 'queued', done: 0, attempts: 1 });
    expect(await m.runOnce({ chunk: 150 })).toBe(run.id);
    expect(await m.get(run.id)).toMatchObject({ status: 'done', done: 400, attempts: 2 });
    expect(inner.mode()).toBe('worker');
    const rows = await db
      .selectFrom('policy_candidate')
      .select(['item_id', 'enterprise_id', 'amount', 'rule_hash', 'parameter_snapshot_date', 'explanation'])
      .where('run_id', '=', run.id)
      .orderBy('item_id')
      .orderBy('enterprise_id')
      .execute();
    expect(rows).toEqual(reference.candidates);
    await inner.close();
  }, 120_000);
});
