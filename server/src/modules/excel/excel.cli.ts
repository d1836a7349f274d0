// `tingquan export-ledger --out FILE` and `tingquan import-items FILE [--as USERNAME]`: the ledger workbook from the
// command line, through the same service as the API.
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { createServices } from '../../services.ts';
import { actorFromUser, type Actor } from '../auth/actor.ts';
import { createExcelService } from './excel.service.ts';

/** The operator at the console: sees the whole ledger (as an administrator does), registers as the city bureau. */
const operator = (roles: Actor['roles']): Actor => ({
  kind: 'system',
  id: null,
  displayName: 'operator (CLI)',
  roles,
  districtId: null,
  departmentId: null,
  centreId: null,
  windowId: null,
});

function excelFor(deps: { config: Config; database: Database }) {
  const services = createServices({ config: deps.config, database: deps.database, clock: systemClock });
  return createExcelService({
    database: deps.database,
    clock: systemClock,
    deadlines: services.deadlines,
    items: services.items,
    cityCode: deps.config.CITY_CODE,
  });
}

export async function runExportLedger(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const i = args.indexOf('--out');
  const out = i >= 0 ? args[i + 1] : undefined;
  if (!out) {
    console.error('usage: tingquan export-ledger --out FILE.xlsx');
    return 2;
  }
  const stream = createWriteStream(out);
  const rows = await excelFor(deps).exportLedger(
    operator(['admin']),
    {},
    out.endsWith('.csv') ? 'csv' : 'xlsx',
    stream,
  );
  await finished(stream);
  console.log(`exported ${rows} items to ${out}`);
  return 0;
}

export async function runImportItems(deps: { config: Config; database: Database }, args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--as');
  if (!file || !existsSync(file)) {
    console.error('usage: tingquan import-items FILE.xlsx [--as USERNAME]');
    return 2;
  }
  const i = args.indexOf('--as');
  let actor = operator(['dispatcher']);
  if (i >= 0) {
    const user = await deps.database.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', args[i + 1] ?? '')
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!user) {
      console.error(`no active user ${args[i + 1]}`);
      return 2;
    }
    actor = actorFromUser(user);
  }
  try {
    const report = await excelFor(deps).importItems(actor, readFileSync(file));
    for (const r of report.rows) {
      console.log(
        r.ok
          ? `row ${r.row}: imported ${r.ledgerNo}`
          : `row ${r.row}: rejected — ${r.errors!.map((e) => `${e.column}: ${e.message}`).join('; ')}`,
      );
    }
    console.log(JSON.stringify({ imported: report.imported, rejected: report.rejected }));
    return report.rejected ? 1 : 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
