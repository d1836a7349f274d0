// Where a matching chunk's CPU work runs: in one long-lived worker thread per process (so a city-wide run leaves the
// event loop to API requests), or in-process where a worker thread cannot start. The database work stays with the
// caller (policy.matching.ts), in the same transactions as before.
import { Worker } from 'node:worker_threads';
import type { Catalogue, CatalogueSource } from './policy.catalogue.ts';
import { type ChunkInput, type ChunkOutput, evaluateChunk } from './policy.sweep.ts';

export interface SweepRequest {
  id: number;
  key: string;
  stamp: string;
  /** Sent the first time the worker sees a catalogue (or again when it asks, having dropped it). */
  source?: CatalogueSource;
  input: ChunkInput;
}
export type SweepReply =
  | { id: number; output: ChunkOutput }
  | { id: number; missing: true }
  | { id: number; error: string };

export interface Sweeper {
  /** 'worker' once a worker thread answered, 'in-process' after it could not start, 'idle' before the first chunk. */
  mode(): 'worker' | 'in-process' | 'idle';
  /** Why the worker could not start (in-process mode). */
  fallbackReason(): string | null;
  evaluate(cat: Catalogue, input: ChunkInput): Promise<ChunkOutput>;
  close(): Promise<void>;
}

export function inProcessSweeper(): Sweeper {
  return {
    mode: () => 'in-process',
    fallbackReason: () => null,
    evaluate: async (cat, input) => evaluateChunk(cat, input),
    close: async () => {},
  };
}

/** A plain module that loads policy.sweep.worker.ts through tsx (see there why). */
const DEFAULT_ENTRY = new URL('./policy.sweep.worker.mjs', import.meta.url);

export function workerSweeper(opts: { entry?: URL; startTimeoutMs?: number } = {}): Sweeper {
  const entry = opts.entry ?? DEFAULT_ENTRY;
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  let starting: Promise<Worker | null> | null = null;
  let worker: Worker | null = null;
  let fallback: string | null = null;
  const known = new Set<string>();
  const pending = new Map<number, { resolve: (r: SweepReply) => void; reject: (e: Error) => void }>();
  let seq = 0;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  function start(): Promise<Worker | null> {
    return new Promise((resolve) => {
      let w: Worker;
      try {
        w = new Worker(entry, { execArgv: [...process.execArgv] });
      } catch (e) {
        fallback = e instanceof Error ? e.message : String(e);
        return resolve(null);
      }
      let up = false;
      const giveUp = (reason: string) => {
        if (up || fallback) return;
        fallback = reason;
        clearTimeout(timer);
        void w.terminate();
        resolve(null);
      };
      const timer = setTimeout(() => giveUp(`the worker did not start within ${startTimeoutMs} ms`), startTimeoutMs);
      w.on('message', (m: SweepReply | { ready: true }) => {
        if ('ready' in m) {
          up = true;
          clearTimeout(timer);
          worker = w;
          w.unref();
          return resolve(w);
        }
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (!pending.size) w.unref();
        p?.resolve(m);
      });
      w.on('error', (e) => (up ? failAll(e) : giveUp(e.message)));
      w.on('exit', (code) => {
        if (!up) return giveUp(`the worker exited with ${code} before it was ready`);
        // A worker that dies after starting (out of memory …) fails its chunk; the next chunk starts a new one.
        if (worker === w) {
          worker = null;
          starting = null;
          known.clear();
        }
        failAll(new Error(`the policy sweep worker exited with ${code}`));
      });
    });
  }

  function send(w: Worker, req: Omit<SweepRequest, 'id'>): Promise<SweepReply> {
    const id = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ ...req, id });
    });
  }

  return {
    mode: () => (worker ? 'worker' : fallback ? 'in-process' : 'idle'),
    fallbackReason: () => fallback,
    async evaluate(cat, input) {
      if (!fallback) {
        starting ??= start();
        const w = await starting;
        if (w) {
          const base = { key: cat.key, stamp: cat.stamp, input };
          let reply = await send(w, known.has(cat.key) ? base : { ...base, source: cat.source });
          known.add(cat.key);
          if ('missing' in reply) reply = await send(w, { ...base, source: cat.source });
          if ('error' in reply) throw new Error(`policy sweep worker: ${reply.error}`);
          if ('missing' in reply) throw new Error('policy sweep worker: catalogue not kept');
          return reply.output;
        }
      }
      return evaluateChunk(cat, input);
    },
    async close() {
      const w = worker;
      worker = null;
      starting = null;
      known.clear();
      if (w) await w.terminate();
    },
  };
}

let shared: Sweeper | null = null;
/** The process's one matching worker, started with the first chunk and kept (it does not hold the process open). */
export function sharedSweeper(): Sweeper {
  return (shared ??= workerSweeper());
}
