// `tingquan recompute-stats`: replays every item's events into the figures, fetches the same figures through the
// API's code path (refresh + rollups), prints both side by side and whether they agree.
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { createServices } from '../../services.ts';
import { FIGURE_KEYS, type Figure } from './stats.figures.ts';

const show = (f: Figure) =>
  f.value === null
    ? '—'
    : f.unit === 'ratio'
      ? `${(f.value * 100).toFixed(2)}% (${f.numerator}/${f.denominator})`
      : f.unit === 'hours'
        ? `${f.value} h (${f.numerator}/${f.denominator})`
        : String(f.value);

export async function runRecomputeStats(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const from = opt('--from');
  const to = opt('--to');
  if ((from !== undefined && !day.test(from)) || (to !== undefined && !day.test(to))) {
    console.error('usage: tingquan recompute-stats [--from YYYY-MM-DD --to YYYY-MM-DD] [--rebuild]');
    return 2;
  }
  const services = createServices({ config: deps.config, database: deps.database, clock: systemClock });
  if (args.includes('--rebuild'))
    console.log(`rollups rebuilt from the projection: ${(await services.stats.rebuild()).items} items`);
  const started = Date.now();
  const r = await services.stats.recompute({ from, to });
  console.log(`period ${r.period.from} … ${r.period.to}, ${r.items} items replayed in ${Date.now() - started} ms\n`);
  console.log(`${'figure'.padEnd(20)} ${'replayed from events'.padEnd(32)} ${'served by the API'.padEnd(32)}`);
  for (const k of FIGURE_KEYS) {
    const same =
      r.replay[k].value === r.api[k].value &&
      r.replay[k].numerator === r.api[k].numerator &&
      r.replay[k].denominator === r.api[k].denominator;
    console.log(`${k.padEnd(20)} ${show(r.replay[k]).padEnd(32)} ${show(r.api[k]).padEnd(32)} ${same ? '' : '✗'}`);
  }
  if (r.agree) {
    console.log('\nagree: the summary and the breakdowns by every dimension match the event history');
    return 0;
  }
  console.error(`\nDISAGREE: ${r.diffs.length} differences`);
  for (const d of r.diffs.slice(0, 50)) console.error(`  ${d}`);
  return 1;
}
