// `npm start`: build the web app when its bundle is missing or older than its sources, then run the server.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const bundle = join(root, 'web/dist/index.html');
if (existsSync(join(root, 'web/index.html'))) {
  const sources = Math.max(
    newest(join(root, 'web/src')),
    newest(join(root, 'common/src')),
    statSync(join(root, 'web/index.html')).mtimeMs,
  );
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
    console.log('Building the web app (web/dist is missing or stale)…');
    const r = spawnSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// chinese-days builds its tables in local time: the city's zone keeps them right.
const env = { ...process.env, TZ: process.env.TZ ?? 'Asia/Shanghai' };
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
child.on('exit', (code) => process.exit(code ?? 0));
