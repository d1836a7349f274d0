// Property: the explained single-enterprise evaluator and the columnar batch evaluator always decide alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweep } from './batch.ts';
import { columnsFromEnterprises, prepareColumns } from './columns.ts';
import { fromDay, toDay } from './dates.ts';
import { buildDemoCatalogue } from './demo-catalogue.ts';
import { DEMO_INDUSTRY_CODES, SHENYANG_DISTRICTS } from './demo-enterprises.ts';
import { compileRule, DECISION_STATUSES, viewEnterprise } from './engine.ts';
import { CERTIFICATIONS, type Enterprise, LISTING_STAGES, SIZE_CLASSES, TAX_CREDIT_GRADES } from './facts.ts';
import { parameterRegistry, snapshotParameters } from './parameters.ts';
import { rulesByItem, ruleVersionAt } from './publish.ts';

const catalogue = buildDemoCatalogue();
const registry = parameterRegistry(catalogue.parameters);
const versions = rulesByItem(catalogue.rules);

const fact = <T>(value: fc.Arbitrary<T>) =>
  fc.record({ value, source: fc.constant('tax' as const), asOf: fc.constant('2025-12-31') });
/** Values on and around the thresholds the demo rules use, plus anything in range. */
const money = fc.oneof(
  fc.constantFrom(0, 1e4, 1e5, 2e5, 5e5, 1e6, 2e6, 3e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9),
  fc.integer({ min: 0, max: 2e9 }),
);
const ratio = fc.oneof(
  fc.constantFrom(0, 0.025, 0.03, 0.05, 0.055, 0.1, 0.15, 0.2, -0.1),
  fc.double({ min: -0.5, max: 0.5, noNaN: true }),
);
const day = fc.integer({ min: toDay('2000-01-01'), max: toDay('2026-12-31') }).map(fromDay);

const enterpriseArb: fc.Arbitrary<Enterprise> = fc
  .record(
    {
      industryCode: fact(
        fc.oneof(
          fc.constantFrom('C3911', 'C3611', 'I6510', 'I6410', 'F5211', 'F5111', 'H6210', 'M7310', 'M7520', 'N7710'),
          fc.constantFrom(...DEMO_INDUSTRY_CODES),
        ),
      ),
      districtCode: fact(fc.constantFrom(...SHENYANG_DISTRICTS.map((d) => d.code))),
      sizeClass: fact(fc.constantFrom(...SIZE_CLASSES)),
      establishedOn: fact(day),
      employees: fact(fc.oneof(fc.constantFrom(0, 1, 3, 5, 10, 20, 50, 100), fc.integer({ min: 0, max: 5000 }))),
      revenue: fact(money),
      revenueGrowth: fact(ratio),
      taxPaid: fact(money),
      rdSpend: fact(money),
      investment: fact(money),
      unemploymentInsurancePaid: fact(money),
      layoffRate: fact(fc.oneof(ratio, fc.constant(0)).map(Math.abs)),
      exportValue: fact(money),
      stateRent: fact(money),
      guaranteedLoan: fact(money),
      certifications: fact(fc.subarray([...CERTIFICATIONS])),
      hnteCertifiedOn: fact(day),
      listingStage: fact(fc.constantFrom(...LISTING_STAGES)),
      taxCreditGrade: fact(fc.constantFrom(...TAX_CREDIT_GRADES)),
      dishonestListed: fact(fc.boolean()),
    },
    { requiredKeys: [] },
  )
  .chain((facts) =>
    fc.record({
      uscc: fc.constant('91350100M000100Y43'),
      name: fc.constant('随机企业'),
      facts: fc.constant(facts),
      receipts: fc.array(
        fc.record({
          itemId: fc.constantFrom(...catalogue.items.map((i) => i.id)),
          date: fc.constantFrom('2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01'),
        }),
        { maxLength: 3 },
      ),
    }),
  );

describe('single and batch evaluators agree', () => {
  it.each(['2025-06-30', '2026-06-30'])(
    'on eligibility, amounts and failure counts for all 207 demo items as of %s',
    (asOf) => {
      const snapshot = snapshotParameters(registry, asOf);
      const bounds = [...versions.values()].flatMap((vs) => {
        const v = ruleVersionAt(vs, asOf);
        return v ? [compileRule(v, registry).at(snapshot)] : [];
      });
      expect(bounds.length).toBeGreaterThan(150);
      fc.assert(
        fc.property(fc.array(enterpriseArb, { minLength: 1, maxLength: 60 }), (population) => {
          const results = sweep(bounds, prepareColumns(columnsFromEnterprises(population), asOf), { full: true });
          const views = population.map((e) => viewEnterprise(e, asOf));
          bounds.forEach((bound, k) => {
            const result = results[k];
            const fails = new Int32Array(result.criteria.length);
            const unknowns = new Int32Array(result.criteria.length);
            views.forEach((view, i) => {
              const d = bound.explain(view);
              expect(DECISION_STATUSES[result.status?.[i] ?? -1], `${bound.compiled.itemId} enterprise ${i}`).toBe(
                d.status,
              );
              const batchAmount = result.amounts?.[i] ?? NaN;
              expect(batchAmount === batchAmount ? batchAmount : null, `${bound.compiled.itemId} amount`).toBe(
                d.amount?.value ?? null,
              );
              d.criteria.forEach((c, j) => {
                if (c.state === 'fail') fails[j]++;
                if (c.state === 'unknown') unknowns[j]++;
              });
            });
            expect([...result.failCounts], `${bound.compiled.itemId} failure counts`).toEqual([...fails]);
            expect([...result.unknownCounts], `${bound.compiled.itemId} unknown counts`).toEqual([...unknowns]);
            expect(result.eligible + result.unknown + result.ineligible).toBe(population.length);
          });
        }),
        { numRuns: 80, seed: 4754 },
      );
    },
    120_000,
  );
});
