// Operators' policy commands: run matching to the end in this process, import an enterprise export, seed the demo.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FACT_SOURCES, type FactSource, isIsoDate } from '@tingquan/common/policy/index';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { localDay, systemClock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { createServices } from '../../services.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { DEMO_ENTERPRISES, seedPolicyDemo } from './policy.seed.ts';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export async function runPolicyMatch(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const { policy } = createServices({ ...deps, clock: systemClock });
  const asOf = flag(args, '--as-of') ?? localDay(Date.now());
  const itemId = flag(args, '--item');
  if (!isIsoDate(asOf)) return usage('policy-match: --as-of must be YYYY-MM-DD');
  const started = Date.now();
  try {
    const run = await policy.matching.start(
      SYSTEM_ACTOR,
      itemId ? { scope: 'item', itemId, asOf } : { scope: 'all', asOf },
    );
    while (await policy.matching.runOnce()) {
      /* this process works every queued run, its own included */
    }
    const done = await policy.matching.get(run.id);
    console.log(
      `run ${done.id}: ${done.status}, ${done.done} enterprises, ${done.candidates} candidates in ${Date.now() - started} ms`,
    );
    return done.status === 'done' ? 0 : 1;
  } catch (e) {
    if (e instanceof AppError) return usage(`policy-match: ${e.message}`);
    throw e;
  }
}

export async function runPolicyImport(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const asOf = flag(args, '--as-of');
  const source = flag(args, '--source');
  if (!file || !asOf || !isIsoDate(asOf))
    return usage('usage: policy-import FILE --as-of YYYY-MM-DD [--source tax|market|…]');
  if (source && !(FACT_SOURCES as readonly string[]).includes(source))
    return usage(`--source must be one of ${FACT_SOURCES.join(', ')}`);
  const { policy } = createServices({ ...deps, clock: systemClock });
  try {
    const r = await policy.importEnterprises(
      SYSTEM_ACTOR,
      { filename: basename(file), content: readFileSync(file) },
      { asOf, source: source as FactSource | undefined },
    );
    for (const row of r.rows.filter((x) => !x.ok))
      console.log(`row ${row.row}: ${row.errors.map((e) => `${e.column}: ${e.message}`).join('; ')}`);
    console.log(
      `imported ${r.imported} of ${r.total} rows (${r.created} new, ${r.updated} updated), skipped ${r.skipped}`,
    );
    return r.skipped ? 1 : 0;
  } catch (e) {
    if (e instanceof AppError) return usage(`policy-import: ${e.message}`);
    throw e;
  }
}

export async function runPolicySeed(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const n = Number(flag(args, '--enterprises') ?? DEMO_ENTERPRISES);
  if (!Number.isInteger(n) || n < 0) return usage('--enterprises must be a whole number');
  const r = await seedPolicyDemo(deps.database, systemClock, {
    enterprises: n,
    log: { info: (o, m) => console.log(m ?? '', JSON.stringify(o)) },
  });
  if (!r) console.log('the policy tables already have data: nothing seeded');
  return 0;
}

function usage(message: string): number {
  console.error(message);
  return 2;
}
