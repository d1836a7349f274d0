// Policy matching and the event loop (`npm run bench -- policy-loop [--enterprises N] [--dialect sqlite|postgres]`):
// starts the real server on a fresh database with the policy demo, whose queued run over all items × N enterprises the
// server's background worker takes up at once, and measures how long API requests wait while it runs (GET /api/health
// and a small list, GET /api/policy/items?pageSize=20): first with matching on the event loop (POLICY_WORKER=false,
// as before), then in the worker thread. Also checks that both runs found the same candidates.
import { freshDatabase, login, pct, startServer, type DialectName, type Session } from './robust/server-process.ts';

interface Sample {
  health: number[];
  list: number[];
}

async function timed(url: string, session?: Session): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, {
    headers: session ? { cookie: session.cookie } : {},
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function measure(dialect: DialectName, enterprises: number, worker: boolean, port: number) {
  const fresh = await freshDatabase(dialect, 'ploop');
  const env = {
    DATABASE_URL: fresh.url,
    DEMO: 'true',
    SEED_ITEMS: '500',
    SEED_ENTERPRISES: String(enterprises),
    WORKERS: 'true',
    POLICY_WORKER: String(worker),
  };
  // The demo queues a run over all items; the server's matching loop polls every 2 s and takes it up.
  const server = await startServer(env, port);
  let stderr = '';
  server.child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  try {
    const policy = await login(server.base, 'policy');
    const runs = (await (
      await fetch(`${server.base}/api/policy/runs`, { headers: { cookie: policy.cookie } })
    ).json()) as { id: string; scope: string; status: string }[];
    const run = runs.find((r) => r.scope === 'all');
    if (!run) throw new Error('the demo queued no run over all items');
    const sample: Sample = { health: [], list: [] };
    let state = run.status;
    let started = 0;
    let finished = 0;
    let candidates = 0;
    const poll = async () => {
      while (state !== 'done' && state !== 'failed') {
        const r = (await (
          await fetch(`${server.base}/api/policy/runs/${run.id}`, { headers: { cookie: policy.cookie } })
        ).json()) as { status: string; candidates: number };
        if (r.status === 'running' && !started) started = performance.now();
        state = r.status;
        candidates = r.candidates;
        if (state === 'done' || state === 'failed') finished = performance.now();
        else await new Promise((res) => setTimeout(res, 200));
      }
    };
    // Two clients, one per endpoint, each sending the next request when the last is answered; samples count while running.
    const client = async (kind: keyof Sample) => {
      while (state !== 'done' && state !== 'failed') {
        const ms =
          kind === 'health'
            ? await timed(`${server.base}/api/health`)
            : await timed(`${server.base}/api/policy/items?pageSize=20`, policy);
        if (state === 'running') sample[kind].push(ms);
        await new Promise((res) => setTimeout(res, 20));
      }
    };
    await Promise.all([poll(), client('health'), client('list')]);
    if (state !== 'done') throw new Error(`run ${run.id} ${state}`);
    const figures = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return {
        n: s.length,
        p50: Math.round(pct(s, 50) * 10) / 10,
        p99: Math.round(pct(s, 99) * 10) / 10,
        max: Math.round((s.at(-1) ?? 0) * 10) / 10,
      };
    };
    return {
      mode: worker ? 'worker thread' : 'event loop',
      runSeconds: Math.round((finished - started) / 100) / 10,
      candidates,
      health: figures(sample.health),
      list: figures(sample.list),
    };
  } catch (e) {
    throw new Error(
      `${(e as Error).message} (server exit ${server.child.exitCode ?? 'none'}, signal ${server.child.signalCode ?? 'none'}): ${stderr}`,
    );
  } finally {
    await server.kill('SIGTERM');
    await fresh.drop();
  }
}

export default async function policyLoop(args: string[]) {
  const enterprises = args.includes('--enterprises') ? Number(args[args.indexOf('--enterprises') + 1]) : 20_000;
  const dialect = (args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : 'sqlite') as DialectName;
  const before = await measure(dialect, enterprises, false, 3471);
  const after = await measure(dialect, enterprises, true, 3472);
  for (const r of [before, after]) {
    console.log(
      `policy-loop (${dialect}, ${enterprises.toLocaleString('en-US')} enterprises × all items, matching on the ${r.mode}): run ${r.runSeconds} s, ${r.candidates.toLocaleString('en-US')} candidates; ` +
        `GET /api/health p50 ${r.health.p50} ms, p99 ${r.health.p99} ms, max ${r.health.max} ms (${r.health.n}); ` +
        `GET /api/policy/items p50 ${r.list.p50} ms, p99 ${r.list.p99} ms, max ${r.list.max} ms (${r.list.n})`,
    );
  }
  const same = before.candidates === after.candidates;
  console.log(JSON.stringify({ bench: 'policy-loop', dialect, enterprises, before, after, sameCandidates: same }));
  if (!same) process.exit(1);
}
