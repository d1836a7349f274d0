// `npm run bench -- policy [--quick]`: the city-wide policy sweep, one enterprise's explanations, and the same rules in json-rules-engine and ZEN.
import { Engine } from 'json-rules-engine';
import { ZenEngine } from '@gorules/zen-engine';
import { buildDemoCatalogue } from '../common/src/policy/demo-catalogue.ts';
import { generateEnterpriseColumns, generateEnterprises } from '../common/src/policy/demo-enterprises.ts';
import { compileRule, viewEnterprise, type BoundRule } from '../common/src/policy/engine.ts';
import { parameterRegistry, snapshotParameters } from '../common/src/policy/parameters.ts';
import { rulesByItem, ruleVersionAt } from '../common/src/policy/publish.ts';
import { prepareColumns, type PreparedColumns } from '../common/src/policy/columns.ts';
import { sweep, ELIGIBLE, type BatchResult } from '../common/src/policy/batch.ts';
import { addReceivedFlags, factsOf, JRE_OPERATORS, toJdm, toJre } from './policy-convert.ts';

const AS_OF = '2026-06-30';
const MB = 1024 * 1024;
let peakHeap = 0;

function memory(): { rssMB: number; peakRssMB: number; heapMB: number; peakHeapMB: number; arrayBuffersMB: number } {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  return {
    rssMB: Math.round(m.rss / MB),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapMB: Math.round(m.heapUsed / MB),
    peakHeapMB: Math.round(peakHeap / MB),
    arrayBuffersMB: Math.round(m.arrayBuffers / MB),
  };
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const round = (v: number, digits = 1) => Number(v.toFixed(digits));

function sweepFigures(bounds: BoundRule[], size: number, itemIds: string[]) {
  const [columns, generateMs] = time(() => generateEnterpriseColumns(size, { itemIds, seed: 4754 + size }));
  const [prepared, prepareMs] = time(() => prepareColumns(columns, AS_OF));
  const [results, sweepMs] = time(() => sweep(bounds, prepared));
  const pairs = size * bounds.length;
  const eligiblePairs = results.reduce((a, r) => a + r.eligible, 0);
  const unknownPairs = results.reduce((a, r) => a + r.unknown, 0);
  const totalAmount = results.reduce((a, r) => a + r.totalAmount, 0);
  const failures = results.reduce((a, r) => a + r.failCounts.reduce((x, y) => x + y, 0), 0);
  const mem = memory();
  console.log(
    `sweep ${size.toLocaleString('en')} × ${bounds.length} items: generate ${round(generateMs / 1000, 2)} s (separate), prepare ${round(prepareMs)} ms, ` +
      `sweep ${round(sweepMs / 1000, 2)} s = ${round((sweepMs * 1e6) / pairs, 1)} ns per (enterprise, item); ` +
      `eligible pairs ${eligiblePairs.toLocaleString('en')}, possibly eligible ${unknownPairs.toLocaleString('en')}, ` +
      `criterion failures counted ${failures.toLocaleString('en')}, amount ${round(totalAmount / 1e8, 2)} 亿元; RSS ${mem.rssMB} MB, heap ${mem.heapMB} MB`,
  );
  return {
    size,
    items: bounds.length,
    generateMs: round(generateMs),
    prepareMs: round(prepareMs),
    sweepMs: round(sweepMs),
    nsPerPair: round((sweepMs * 1e6) / pairs, 2),
    eligiblePairs,
    unknownPairs,
    failures,
    results,
    prepared,
  };
}

function mostFailed(results: BatchResult[], count: number): string[] {
  return results
    .flatMap((r) => r.criteria.map((c, k) => ({ item: r.itemId, criterion: c.label, fails: r.failCounts[k] })))
    .sort((a, b) => b.fails - a.fails)
    .slice(0, count)
    .map((x) => `${x.item}/${x.criterion}: ${x.fails.toLocaleString('en')}`);
}

async function compareEngines(bounds: BoundRule[], sampleSize: number, itemIds: string[], oursNsPerPair: number) {
  // Complete data: the other engines have no "unknown", so agreement is checked where both are two-valued.
  const columns = generateEnterpriseColumns(sampleSize, { itemIds, seed: 99, missingRate: 0 });
  const prepared: PreparedColumns = prepareColumns(columns, AS_OF);
  const [ours, oursMs] = time(() => sweep(bounds, prepared, { full: true }));
  const facts = Array.from({ length: sampleSize }, (_, i) =>
    addReceivedFlags(factsOf(prepared, i), prepared, i, bounds),
  );
  const pairs = sampleSize * bounds.length;
  const oursEligible = (k: number, i: number) => ours[k].status?.[i] === ELIGIBLE;

  const jre = new Engine([], { allowUndefinedFacts: true });
  for (const [name, fn] of JRE_OPERATORS) jre.addOperator(name, fn);
  for (const b of bounds) jre.addRule(toJre(b) as never);
  const itemIndex = new Map(bounds.map((b, k) => [b.compiled.itemId, k]));
  let jreDisagree = 0;
  const jreStart = performance.now();
  for (let i = 0; i < sampleSize; i++) {
    const { events } = await jre.run(facts[i]);
    const hit = new Uint8Array(bounds.length);
    for (const e of events) hit[itemIndex.get(e.type) as number] = 1;
    for (let k = 0; k < bounds.length; k++) if ((hit[k] === 1) !== oursEligible(k, i)) jreDisagree++;
  }
  const jreMs = performance.now() - jreStart;

  const zen = new ZenEngine();
  const decisions = bounds.map((b) => zen.createDecision(toJdm(b)));
  let zenDisagree = 0;
  const zenStart = performance.now();
  for (let i = 0; i < sampleSize; i++) {
    const outputs = await Promise.all(decisions.map((d) => d.evaluate(facts[i])));
    outputs.forEach((o, k) => {
      if ((o.result?.eligible === true) !== oursEligible(k, i)) zenDisagree++;
    });
  }
  const zenMs = performance.now() - zenStart;
  zen.dispose();

  const jreNs = (jreMs * 1e6) / pairs;
  const zenNs = (zenMs * 1e6) / pairs;
  const oursSampleNs = (oursMs * 1e6) / pairs;
  console.log(
    `engines on ${sampleSize.toLocaleString('en')} enterprises × ${bounds.length} items (complete data): ` +
      `ours ${round(oursSampleNs, 1)} ns per evaluation on this sample, ${round(oursNsPerPair, 1)} ns in the full sweep; ` +
      `json-rules-engine ${round(jreNs / 1000, 2)} µs (${Math.round(jreNs / oursNsPerPair)}× ours), disagreements ${jreDisagree}; ` +
      `ZEN ${round(zenNs / 1000, 2)} µs (${Math.round(zenNs / oursNsPerPair)}× ours), disagreements ${zenDisagree}`,
  );
  return {
    sampleSize,
    pairs,
    oursSampleNs: round(oursSampleNs, 2),
    jreNsPerEval: round(jreNs, 0),
    zenNsPerEval: round(zenNs, 0),
    jreRatio: Math.round(jreNs / oursNsPerPair),
    zenRatio: Math.round(zenNs / oursNsPerPair),
    jreDisagree,
    zenDisagree,
  };
}

function explainFigures(bounds: BoundRule[], count: number, itemIds: string[]) {
  const [rows, generateMs] = time(() => generateEnterprises(count, { itemIds, seed: 7 }));
  const perEnterprise: number[] = [];
  let criteria = 0;
  // Warm-up, as a server process would be.
  for (const e of rows.slice(0, 50)) for (const b of bounds) b.explain(viewEnterprise(e, AS_OF));
  for (const e of rows) {
    const t = performance.now();
    const view = viewEnterprise(e, AS_OF);
    for (const b of bounds) criteria += b.explain(view).criteria.length;
    perEnterprise.push(performance.now() - t);
  }
  perEnterprise.sort((a, b) => a - b);
  const figures = {
    enterprises: count,
    generateMs: round(generateMs),
    p50Ms: round(percentile(perEnterprise, 50), 3),
    p95Ms: round(percentile(perEnterprise, 95), 3),
    maxMs: round(perEnterprise[perEnterprise.length - 1], 3),
    criteriaExplained: criteria,
  };
  console.log(
    `one enterprise × ${bounds.length} items with full explanations (${count} enterprises): p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms`,
  );
  return figures;
}

export default async function (args: string[]) {
  const quick = args.includes('--quick');
  const sizes = quick ? [40_000, 130_000] : [400_000, 1_300_000];
  const targetsMs = [10_000, 30_000];
  const [catalogue, catalogueMs] = time(() => buildDemoCatalogue());
  const registry = parameterRegistry(catalogue.parameters);
  const [bounds, compileMs] = time(() => {
    const snapshot = snapshotParameters(registry, AS_OF);
    return [...rulesByItem(catalogue.rules).values()].flatMap((vs) => {
      const v = ruleVersionAt(vs, AS_OF);
      return v ? [compileRule(v, registry).at(snapshot)] : [];
    });
  });
  const itemIds = catalogue.items.map((i) => i.id);
  console.log(
    `policy bench${quick ? ' (quick)' : ''}: ${catalogue.items.length} items, ${catalogue.rules.length} rule versions, ${catalogue.parameters.length} dated parameters; catalogue ${round(catalogueMs)} ms, compile ${bounds.length} rules as of ${AS_OF} ${round(compileMs)} ms`,
  );

  const sweeps = sizes.map((size) => {
    const s = sweepFigures(bounds, size, itemIds);
    if (size === sizes[0]) console.log(`  most-failed criteria: ${mostFailed(s.results, 5).join('; ')}`);
    const { results: _r, prepared: _p, ...figures } = s;
    return figures;
  });
  const explain = explainFigures(bounds, quick ? 300 : 2000, itemIds);
  const engines = await compareEngines(bounds, quick ? 300 : 2000, itemIds, sweeps[0].nsPerPair);
  const mem = memory();
  console.log(
    `memory: peak RSS ${mem.peakRssMB} MB, peak heap ${mem.peakHeapMB} MB (typed arrays outside the heap: ${mem.arrayBuffersMB} MB now)`,
  );

  const targets = {
    sweepSmall: sweeps[0].sweepMs <= targetsMs[0],
    sweepLarge: sweeps[1].sweepMs <= targetsMs[1],
    explain: explain.p95Ms <= 5,
    jre: engines.jreRatio >= 100 && engines.jreDisagree === 0,
    zen: engines.zenRatio >= 100 && engines.zenDisagree === 0,
  };
  console.log(
    JSON.stringify({
      bench: 'policy',
      quick,
      asOf: AS_OF,
      items: bounds.length,
      sweeps,
      explain,
      engines,
      memory: mem,
      targets,
      met: Object.values(targets).every(Boolean),
    }),
  );
}
