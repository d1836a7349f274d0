#!/usr/bin/env node
// The operators' CLI (`npx tingquan <command>`): runs the TypeScript entry point through tsx.
process.env.TZ ??= 'Asia/Shanghai';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
