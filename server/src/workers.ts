// Background work of a server process: outbox delivery and the deadline sweeper. Each job claims its work through
// the database, so several processes on one PostgreSQL never do the same thing twice.
import type { Logger } from 'pino';
import type { Services } from './services.ts';
import { createOutboxWorker, logSmsProvider } from './modules/outbox/outbox.worker.ts';
import { createSweeper } from './modules/sweeper/sweeper.service.ts';
import { POLICY_RUN_POLL_MS } from './modules/policy/policy.matching.ts';

export interface Loop {
  stop(): Promise<void>;
}

/** Runs `fn` every `ms` without overlapping itself; errors are logged, never fatal. */
export function every(ms: number, fn: () => Promise<unknown>, log: Pick<Logger, 'error'>, name: string): Loop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    running = fn().catch((err) => log.error({ err, job: name }, 'background job failed'));
    await running;
    running = null;
    if (!stopped) timer = setTimeout(tick, ms);
  };
  timer = setTimeout(tick, Math.min(ms, 1000));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export function startWorkers(services: Services, log: Logger): Loop {
  const outbox = createOutboxWorker({ db: services.database.db, clock: services.clock, sms: logSmsProvider(log), log });
  const loops: Loop[] = [every(services.config.OUTBOX_INTERVAL_MS, () => outbox.runOnce(), log, 'outbox')];
  const sweeper = createSweeper({ database: services.database, clock: services.clock, deadlines: services.deadlines });
  loops.push(every(services.config.SWEEP_INTERVAL_MS, () => sweeper.runOnce(), log, 'sweeper'));
  loops.push(every(POLICY_RUN_POLL_MS, () => services.policy.matching.runOnce(), log, 'policy-matching'));
  // Keeps the figures' rollups close to the ledger so that a dashboard request rarely has changes to apply.
  loops.push(every(5_000, () => services.stats.refresh(), log, 'stats-refresh'));
  return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
}
