// Demo mode: the organisation and accounts, then (once) a year of realistic ledger items.
import type { Database } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { seedOrg } from './seed-org.ts';

export interface SeedLog {
  info(obj: object, msg?: string): void;
}

export async function seedDemo(database: Database, clock: Clock, opts: { items: number; log?: SeedLog }): Promise<{ org: boolean; items: number } | null> {
  const org = await seedOrg(database, clock);
  if (!org) return null;
  return { org, items: 0 };
}
