// Demo mode: the organisation and accounts, then (once) a year of realistic ledger items.
import type { Database } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { seedItems } from './seed-items.ts';
import { seedOrg } from './seed-org.ts';
import { DEMO_ENTERPRISES, seedPolicyDemo } from '../modules/policy/policy.seed.ts';
import { seedAccountsDemo } from '../modules/accounts/accounts.seed.ts';

export interface SeedLog {
  info(obj: object, msg?: string): void;
}

export async function seedDemo(
  database: Database,
  clock: Clock,
  opts: { items: number; enterprises?: number; seed?: number; cityCode?: string; log?: SeedLog },
): Promise<{ org: boolean; items: number } | null> {
  const org = await seedOrg(database, clock);
  if (!org) return null;
  await seedAccountsDemo(database, clock);
  if (opts.items <= 0) return { org, items: 0 };
  const started = Date.now();
  const { items, events } = await seedItems(database, clock, {
    count: opts.items,
    seed: opts.seed,
    cityCode: opts.cityCode,
  });
  opts.log?.info({ items, events, ms: Date.now() - started }, 'seeded demo items');
  await seedPolicyDemo(database, clock, {
    enterprises: opts.enterprises ?? DEMO_ENTERPRISES,
    seed: opts.seed,
    log: opts.log,
  });
  return { org, items };
}
