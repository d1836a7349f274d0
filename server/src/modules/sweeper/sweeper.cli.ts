// `tingquan sweep`: one deadline sweep now (e.g. from cron, or after a long outage), printing what it did.
import type { Database } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { createDeadlineService } from '../deadlines/deadline.service.ts';
import { createSweeper } from './sweeper.service.ts';

export async function runSweep(database: Database): Promise<number> {
  const sweeper = createSweeper({ database, clock: systemClock, deadlines: createDeadlineService(database.db) });
  const counts = await sweeper.runOnce();
  if (counts.skipped) {
    console.log('another process holds the sweeper lease: nothing done');
    return 0;
  }
  console.log(JSON.stringify(counts));
  return 0;
}
