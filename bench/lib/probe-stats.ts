import { sqlitePath, openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { loadConfig } from '../../server/src/config.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';
import { seedOrg } from '../../server/src/seed/seed-org.ts';
import { CITY_ACTOR } from '../../server/src/modules/stats/stats.service.ts';
import * as repo from '../../server/src/modules/stats/stats.repository.ts';
import { generateItems } from './gen-items.ts';
import { existsSync } from 'node:fs';
const url = process.env.PROBE_URL ?? 'sqlite:/tmp/probe-stats.db';
const fresh = !process.env.PROBE_URL && !existsSync('/tmp/probe-stats.db');
const database = openDatabase(url);
if (fresh) {
  await migrateToLatest(database.db);
  await seedOrg(database, systemClock);
  generateItems(sqlitePath(url), 100000, Date.now());
}
const services = createServices({ config: loadConfig({ DATABASE_URL: url }), database, clock: systemClock });
if (fresh) await services.stats.rebuild();
const time = async (name: string, fn: () => Promise<unknown>) => { const t = performance.now(); for (let i = 0; i < 5; i++) await fn(); console.log(name, ((performance.now() - t) / 5).toFixed(1), 'ms'); };
const db = database.db;
await time('refresh', () => services.stats.refresh());
const today = Math.floor((Date.now() + 8 * 3600e3) / 86400e3);
await time('rollup city', () => repo.readRollup(db, 'city', null, today - 364, today, 'none'));
await time('overdue', () => repo.readOverdue(db, { fromDay: today - 364, toDay: today, dims: {} }, { kind: 'none' }, Date.now()));
await time('settings', () => services.stats.settings());
await time('summary', () => services.stats.summary(CITY_ACTOR, {}));
const { sql } = await import('kysely');
for (const q of [
  sql`explain query plan select count(*) from stats_item where open_due_at < 1 and acc_day >= 1 and acc_day <= 2`,
  sql`explain query plan select bucket, sum(n) from stats_hist where grain = 'city' and day >= 1 and day <= 2 group by bucket`,
]) console.log((await q.execute(db)).rows);
process.exit(0);
