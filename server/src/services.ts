// Wires the use cases with their explicit dependencies; built once by main, the CLI and the tests.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock } from './lib/clock.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createDeadlineService } from './modules/deadlines/deadline.service.ts';
import { createItemService } from './modules/items/item.service.ts';
import { createOpen311Service } from './modules/open311/open311.service.ts';
import { createOrgModule } from './modules/org/org.module.ts';
import { createStatsService } from './modules/stats/stats.service.ts';
import { createPolicyService } from './modules/policy/policy.service.ts';
import { createAccountsContext } from './modules/accounts/accounts.context.ts';

export function createServices(deps: { config: Config; database: Database; clock: Clock }) {
  const { config, database, clock } = deps;
  const deadlines = createDeadlineService(database.db);
  const auth = createAuthService({ database, clock, sessionDays: config.SESSION_DAYS });
  const items = createItemService({ database, clock, deadlines, cityCode: config.CITY_CODE });
  const open311 = createOpen311Service({
    database,
    clock,
    deadlines,
    auth,
    items,
    jurisdiction: config.OPEN311_JURISDICTION,
  });
  const org = createOrgModule({ database, clock, deadlines, auth, items });
  const stats = createStatsService({ database, clock, deadlines });
  const policy = createPolicyService({
    database,
    clock,
    deadlines,
    items,
    matching: {
      leaseMs: config.POLICY_RUN_LEASE_MS,
      chunk: config.POLICY_RUN_CHUNK,
      sweeper: config.POLICY_WORKER ? undefined : false,
    },
  });
  const accounts = createAccountsContext({ database, clock, auth, config });
  return { config, database, clock, deadlines, auth, items, org, open311, stats, policy, accounts };
}
export type Services = ReturnType<typeof createServices>;
