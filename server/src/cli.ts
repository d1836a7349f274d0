// Operators' commands: migrate, seed, verify the ledger, recompute figures, export/import, backup/restore.
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './lib/clock.ts';
import { verifyChains } from './modules/ledger/event.repository.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { runRecomputeStats } from './modules/stats/stats.cli.ts';
import { runPolicyImport, runPolicyMatch, runPolicySeed } from './modules/policy/policy.cli.ts';
import { runSweep } from './modules/sweeper/sweeper.cli.ts';
import { runImportItems, runExportLedger } from './modules/excel/excel.cli.ts';
import { runBackup, runRestore } from './modules/backup/backup.cli.ts';

export interface Command {
  summary: string;
  usage?: string;
  run(args: string[]): Promise<number>;
}

const config = loadConfig();

async function withDatabase<T>(fn: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(config.DATABASE_URL);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'create or upgrade the database schema',
    run: () =>
      withDatabase(async ({ db }) => {
        const done = await migrateToLatest(db);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'already up to date');
        return 0;
      }),
  },
  seed: {
    summary: 'seed the demo organisation, accounts and items (--demo), only into an empty database',
    usage: 'seed --demo [--items N]',
    run: (args) =>
      withDatabase(async (database) => {
        if (!args.includes('--demo')) {
          console.error('usage: tingquan seed --demo [--items N]');
          return 2;
        }
        const i = args.indexOf('--items');
        const items = i >= 0 ? Number(args[i + 1]) : config.SEED_ITEMS;
        await migrateToLatest(database.db);
        const seeded = await seedDemo(database, systemClock, {
          items,
          enterprises: config.SEED_ENTERPRISES,
          cityCode: config.CITY_CODE,
        });
        console.log(seeded ? `seeded: ${JSON.stringify(seeded)}` : 'the database already has data: nothing seeded');
        return 0;
      }),
  },
  'recompute-stats': {
    summary: 'replay the event history into the figures and check that the API serves the same (exit 1 if not)',
    usage: 'recompute-stats [--from D --to D] [--rebuild]',
    run: (args) => withDatabase(async (database) => runRecomputeStats({ config, database }, args)),
  },
  sweep: {
    summary:
      'run one deadline sweep now (escalations, missed clocks, default ratings, clues); exactly once with running servers',
    run: () => withDatabase((database) => runSweep(database)),
  },
  'policy-match': {
    summary: 'run policy matching (all active items × all enterprises, or one item) to the end and print the result',
    usage: 'policy-match [--as-of D] [--item ID]',
    run: (args) => withDatabase(async (database) => runPolicyMatch({ config, database }, args)),
  },
  'policy-import': {
    summary: 'import enterprise facts (一企一档) from a CSV or XLSX export; bad rows are listed and skipped',
    usage: 'policy-import FILE --as-of D [--source S]',
    run: (args) => withDatabase(async (database) => runPolicyImport({ config, database }, args)),
  },
  'policy-seed': {
    summary: 'seed the policy demo (catalogue, enterprises, a first run) into empty policy tables',
    usage: 'policy-seed [--enterprises N]',
    run: (args) => withDatabase(async (database) => runPolicySeed({ config, database }, args)),
  },
  'verify-ledger': {
    summary: 'check every hash chain of the event log; names the first broken event',
    run: () =>
      withDatabase(async ({ db }) => {
        const r = await verifyChains(db);
        if (r.ok) {
          console.log(`ledger verified: ${r.events} events in ${r.streams} chains, no break`);
          return 0;
        }
        const p = r.firstProblem!;
        console.error(
          `ledger BROKEN: ${p.problem} in chain ${p.stream} at seq ${p.seq}${p.eventId ? ` (event ${p.eventId})` : ''}`,
        );
        return 1;
      }),
  },
  'export-ledger': {
    summary: 'write the whole ledger (台账) as XLSX (or CSV by the extension), requesters masked',
    usage: 'export-ledger --out FILE.xlsx',
    run: (args) => withDatabase((database) => runExportLedger({ config, database }, args)),
  },
  'import-items': {
    summary:
      'import offline registrations from the XLSX template; prints the row-by-row report (exit 1 if rows were rejected)',
    usage: 'import-items FILE.xlsx [--as USERNAME]',
    run: (args) => withDatabase((database) => runImportItems({ config, database }, args)),
  },
  backup: {
    summary: 'online backup of the SQLite database (safe while the server runs); on PostgreSQL use pg_dump',
    usage: 'backup --out FILE',
    run: (args) => runBackup(config, args),
  },
  restore: {
    summary: 'replace the SQLite database with a backup whose ledger verifies (the server must be stopped)',
    usage: 'restore FILE',
    run: (args) => runRestore(config, args),
  },
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    console.log('usage: tingquan <command>\n');
    for (const [n, c] of Object.entries(COMMANDS)) console.log(`  ${(c.usage ?? n).padEnd(34)} ${c.summary}`);
    process.exit(name ? 2 : 0);
  }
  process.exit(await cmd.run(args));
}

await main();
