// Gzipped JavaScript a page loads: the entry and the page's lazy chunk with every chunk they import statically.
// Usage: node web/scripts/bundle-size.mjs [--max-kb N] [src/pages/IntakePage.tsx …] (after `npm run build`); with
// --max-kb it exits non-zero when a listed page loads more than N KB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const args = process.argv.slice(2);
const maxAt = args.indexOf('--max-kb');
const maxKb = maxAt >= 0 ? Number(args.splice(maxAt, 2)[1]) : Infinity;
const pages = args.length
  ? args
  : [
      'src/pages/IntakePage.tsx',
      'src/pages/TrackPage.tsx',
      'src/pages/LoginPage.tsx',
      'src/pages/LedgerPage.tsx',
      'src/pages/ItemPage.tsx',
      'src/pages/DashboardPage.tsx',
    ];

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
for (const page of pages) {
  if (!manifest[page]) {
    console.log(`${page}: not in the manifest`);
    continue;
  }
  // StaffLayout is itself lazy: staff pages load it too.
  const roots = [
    'index.html',
    page,
    ...(page.match(/Intake|Track|Login|NotFound/) ? [] : ['src/components/StaffLayout.tsx']),
  ];
  const chunks = [...closure(roots)].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const bytes = chunks.reduce((n, f) => n + gz(f), 0);
  const kb = bytes / 1024;
  const over = kb > maxKb;
  console.log(
    `${page}: ${kb.toFixed(1)} KB gzipped JS in ${chunks.length} files${Number.isFinite(maxKb) ? (over ? ` — OVER the ${maxKb} KB budget` : ` (budget ${maxKb} KB)`) : ''}`,
  );
  if (over) process.exitCode = 1;
}
