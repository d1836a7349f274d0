// `npm run bench -- <name> [args]` runs bench/<name>.ts, whose default export does the work and prints its figures.
export {};
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error(
    'usage: npm run bench -- <name> [args]   (e.g. intake, stats, policy, policy-loop, open311, crash, crash-jobs)',
  );
  process.exit(2);
}
const mod = await import(`./${name}.ts`);
await mod.default(args);
