// Gzipped JavaScript a page loads: the entry and the page's lazy chunk with every chunk they import statically.
// Usage: node web/scripts/bundle-size.mjs [src/pages/IntakePage.tsx …] (after `npm run build`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['src/pages/IntakePage.tsx', 'src/pages/TrackPage.tsx', 'src/pages/LoginPage.tsx', 'src/pages/LedgerPage.tsx', 'src/pages/ItemPage.tsx', 'src/pages/DashboardPage.tsx'];

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
  const roots = ['index.html', page, ...(page.match(/Intake|Track|Login|NotFound/) ? [] : ['src/components/StaffLayout.tsx'])];
  const chunks = [...closure(roots)].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const bytes = chunks.reduce((n, f) => n + gz(f), 0);
  console.log(`${page}: ${(bytes / 1024).toFixed(1)} KB gzipped JS in ${chunks.length} files`);
}
