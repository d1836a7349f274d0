// Backup and restore under load (`npm run bench -- backup [--seconds 20]`): back up while the server takes writes,
// restore into a fresh database, verify the ledger and check that the figures recomputed from the restored events
// agree with the restored dashboard. SQLite through the CLI's online backup; PostgreSQL through pg_dump/pg_restore.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freshDatabase, startServer, type DialectName } from './robust/server-process.ts';

const CLI = resolve(import.meta.dirname, '../server/bin/tingquan.js');

function cli(url: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: url, TZ: 'Asia/Shanghai' },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

function sh(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

async function runDialect(dialect: DialectName, seconds: number, port: number) {
  const live = await freshDatabase(dialect, 'backup');
  const target = await freshDatabase(dialect, 'restored');
  const dir = mkdtempSync(join(tmpdir(), 'tq-backup-'));
  const server = await startServer({ DATABASE_URL: live.url, DEMO: 'true', SEED_ITEMS: '3000', WORKERS: 'true' }, port);
  let serial = 0;
  const load = autocannon({
    url: server.base,
    connections: 8,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/public/items',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: JSON.stringify({
            type: 'help',
            categoryId: 'cat-fund-withdraw',
            title: `公积金提取求助 ${++serial}`,
            description: '公积金提取线上申请一直显示审核中，请帮忙查询处理进度。',
            requester: { kind: 'anonymous' },
          }),
        }),
      },
    ] as never,
  });
  // Back up in the middle of the load.
  await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
  const file = join(dir, dialect === 'sqlite' ? 'backup.db' : 'backup.dump');
  const t0 = performance.now();
  if (dialect === 'sqlite') {
    const b = cli(live.url, 'backup', '--out', file);
    if (!b.ok) throw new Error(`backup failed: ${b.out}`);
  } else {
    sh('pg_dump', ['-Fc', '-f', file, live.url]);
  }
  const backupMs = Math.round(performance.now() - t0);
  const loadResult = await load;
  await server.kill('SIGTERM');

  if (dialect === 'sqlite') {
    const r = cli(target.url, 'restore', file);
    if (!r.ok) throw new Error(`restore failed: ${r.out}`);
  } else {
    sh('pg_restore', ['--no-owner', '-d', target.url, file]);
  }
  const verify = cli(target.url, 'verify-ledger');
  const recompute = cli(target.url, 'recompute-stats');
  const liveVerify = cli(live.url, 'verify-ledger');
  const result = {
    dialect,
    writesDuringLoad: loadResult.requests.total,
    backupMs,
    backupBytes: statSync(file).size,
    restoredVerified: verify.ok,
    figuresAgree: recompute.ok,
    liveVerified: liveVerify.ok,
    errors: loadResult.errors + loadResult.non2xx,
    statusCodes: loadResult.statusCodeStats,
    timeouts: loadResult.timeouts,
  };
  console.log(
    `backup (${dialect}): backed up under load in ${backupMs} ms (${(result.backupBytes / 1e6).toFixed(1)} MB), ${result.writesDuringLoad} writes during the run, ` +
      `restored ledger ${verify.ok ? 'verified' : 'BROKEN'}, figures ${recompute.ok ? 'agree' : 'DISAGREE'} with the event history, ${result.errors} errors`,
  );
  if (!verify.ok) console.log(verify.out);
  if (!recompute.ok) console.log(recompute.out.split('\n').slice(-15).join('\n'));
  rmSync(dir, { recursive: true, force: true });
  await live.drop();
  await target.drop();
  return result;
}

export default async function backup(args: string[]) {
  const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 20;
  const only = args.includes('--dialect')
    ? [args[args.indexOf('--dialect') + 1] as DialectName]
    : (['sqlite', 'postgres'] as const);
  const results = [];
  for (const [i, d] of only.entries()) results.push(await runDialect(d, seconds, 3700 + i));
  console.log(JSON.stringify({ bench: 'backup', results }));
  if (results.some((r) => !r.restoredVerified || !r.figuresAgree || !r.liveVerified || r.errors)) process.exit(1);
}
