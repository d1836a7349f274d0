// The matching worker thread's entry. Node 20 does not apply a loader given with --import to a worker's own entry, so
// this plain module loads the TypeScript worker through tsx's scoped import: the same under `node --import tsx`, the
// CLI (tsx registered through its API) and vitest.
import { tsImport } from 'tsx/esm/api';

await tsImport('./policy.sweep.worker.ts', import.meta.url);
