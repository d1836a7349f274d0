// The server process: config → database (migrated, seeded in demo mode) → app → listen → background workers.
import pino from 'pino';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp, LOG_REDACT } from './app.ts';
import { createServices } from './services.ts';
import { systemClock } from './lib/clock.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/org.data.ts';
import { startWorkers } from './workers.ts';

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT });
const database = openDatabase(config.DATABASE_URL);
await migrateToLatest(database.db);
if (config.DEMO) {
  const seeded = await seedDemo(database, systemClock, {
    items: config.SEED_ITEMS,
    enterprises: config.SEED_ENTERPRISES,
    cityCode: config.CITY_CODE,
    log,
  });
  if (seeded) log.info(seeded, 'demo data seeded');
}
const services = createServices({ config, database, clock: systemClock });
const app = await buildApp({ services, logger: { level: config.LOG_LEVEL, redact: LOG_REDACT } });
await app.listen({ host: config.HOST, port: config.PORT });
const workers = config.WORKERS ? startWorkers(services, log) : null;

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
const lines = [
  '',
  `  听劝 Tingquan is running on ${database.dialect === 'sqlite' ? `SQLite (${database.file})` : 'PostgreSQL'}`,
  `  Web app:      ${base}/`,
  `  Public form:  ${base}/report`,
  `  API docs:     ${base}/api/docs`,
];
if (config.DEMO) {
  lines.push('', `  Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(20)} ${u.roles.join(', ').padEnd(14)} ${u.name}`);
}
console.log(lines.join('\n') + '\n');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await workers?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  });
}
