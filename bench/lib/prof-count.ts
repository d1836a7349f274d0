import SQLite from 'better-sqlite3';
const orig = (SQLite as any).prototype.prepare;
let log: string[] | null = null;
(SQLite as any).prototype.prepare = function (sqlText: string) {
  if (log) log.push(sqlText.slice(0, 110));
  return orig.call(this, sqlText);
};
const { mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { loadConfig } = await import('../../server/src/config.ts');
const { openDatabase } = await import('../../server/src/db/database.ts');
const { migrateToLatest } = await import('../../server/src/db/migrate.ts');
const { buildApp } = await import('../../server/src/app.ts');
const { createServices } = await import('../../server/src/services.ts');
const { systemClock } = await import('../../server/src/lib/clock.ts');
const { seedOrg } = await import('../../server/src/seed/seed-org.ts');
const { intake } = await import('../robust/server-process.ts');
const database = openDatabase(`sqlite:${join(mkdtempSync(join(tmpdir(), 'cnt-')), 't.db')}`);
await migrateToLatest(database.db);
await seedOrg(database, systemClock);
const services = createServices({
  config: loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    WEB_DIST: '/x',
    INTAKE_RATE_PER_MINUTE: '100000000',
  }),
  database,
  clock: systemClock,
});
const app = await buildApp({ services });
await app.ready();
await app.inject({
  method: 'POST',
  url: '/api/public/items',
  payload: intake(0, 'c'),
  headers: { 'idempotency-key': 'cnt-0-xxxxx' },
});
log = [];
const r = await app.inject({
  method: 'POST',
  url: '/api/public/items',
  payload: intake(1, 'c'),
  headers: { 'idempotency-key': 'cnt-1-xxxxx' },
});
console.log(r.statusCode, log.length, 'statements per intake');
console.log(log.join('\n'));
process.exit(0);
