// The accounts module's explicit dependencies, built once by createServices and passed to every use case.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { Config } from '../../config.ts';
import { type BusinessLicenceProvider, unconfiguredLicenceProvider } from './licence-provider.ts';
import { createSimulatedLicenceProvider } from './licence-sim.ts';

export interface AccountsContext {
  database: Database;
  clock: Clock;
  /** The 电子营业执照 adapter: simulated in the demo and tests, the city's real one in production. */
  licence: BusinessLicenceProvider;
  /** Demo and tests only: answer a code request with the code itself (the demo SMS gateway only logs). */
  showCodes: boolean;
  openSession: AuthService['openSession'];
}

/** Runs one unit of work in a transaction the caller owns (routes, the seed and the tests share it). */
export function transact<T>(ctx: { database: Database }, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction().execute(work);
}

/**
 * The demo (DEMO=true) binds enterprises through the simulated 电子营业执照; otherwise a city passes its real provider
 * (see README.md), and without one binding answers that none is configured.
 */
export function createAccountsContext(deps: {
  database: Database;
  clock: Clock;
  auth: AuthService;
  config: Pick<Config, 'DEMO' | 'NODE_ENV' | 'PUBLIC_URL'>;
  licence?: BusinessLicenceProvider;
}): AccountsContext {
  const { database, clock, config } = deps;
  const licence =
    deps.licence ??
    (config.DEMO
      ? createSimulatedLicenceProvider({ db: database.db, clock, publicUrl: config.PUBLIC_URL })
      : unconfiguredLicenceProvider);
  return {
    database,
    clock,
    licence,
    showCodes: config.DEMO && config.NODE_ENV !== 'production',
    openSession: deps.auth.openSession,
  };
}
