// Load generation for the benchmarks: autocannon with a unique body and Idempotency-Key per request, and the
// figures every benchmark prints.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface LoadResult {
  requests: number;
  accepted: number;
  acceptedPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  seconds: number;
}

/** POSTs `body(i)` to `path` from `connections` connections for `seconds`; counts 201 answers as accepted. */
export async function hammer(opts: {
  url: string;
  path: string;
  connections: number;
  seconds: number;
  body: (i: number) => unknown;
  headers?: Record<string, string>;
  tag: string;
}): Promise<LoadResult> {
  let i = 0;
  let accepted = 0;
  // Without a callback autocannon returns a promise of its result.
  const r: any = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        path: opts.path,
        setupRequest: (req: any) => {
          const n = i++;
          req.body = JSON.stringify(opts.body(n));
          req.headers = {
            'content-type': 'application/json',
            'idempotency-key': `${opts.tag}-${n.toString(36).padStart(8, '0')}`,
            ...opts.headers,
          };
          return req;
        },
        onResponse: (status: number) => {
          if (status === 201) accepted++;
        },
      },
    ],
  } as any);
  return {
    requests: r.requests.total,
    accepted,
    acceptedPerSec: Math.round(accepted / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    seconds: r.duration,
  };
}

/** Spawns the bare Fastify baseline and waits for it to answer. */
export async function startBare(port: number): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'bare-server.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; k < 300; k++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    child,
    stop: () =>
      new Promise((done) =>
        child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')),
      ),
  };
}

export function rssOf(pid: number): number {
  // /proc/<pid>/status VmRSS in kB (Linux).
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
