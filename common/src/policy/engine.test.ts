import { describe, expect, it } from 'vitest';
import { evaluateColumns } from './batch.ts';
import { columnsFromEnterprises, prepareColumns } from './columns.ts';
import { compileRule, type Decision, POLICY_ENGINE_VERSION } from './engine.ts';
import { snapshotParameters } from './parameters.ts';
import { publishRule, ruleVersionAt } from './publish.ts';
import type { Rule } from './rule.ts';
import { enterprise, fact, RD_ENTERPRISE, RD_RULE, REGISTRY, TIER_RULE } from './test-fixtures.ts';
import type { Enterprise } from './facts.ts';

function decide(rule: Rule, e: Enterprise, asOf = '2026-06-30'): Decision {
  return compileRule(rule, REGISTRY).at(snapshotParameters(REGISTRY, asOf)).explain(e);
}

describe('explanations as of a date', () => {
  it('uses the parameter version in force: 2.7% fails against 3% in 2025, passes against 2.5% in 2026', () => {
    const before = decide(RD_RULE, RD_ENTERPRISE, '2025-06-30');
    expect(before.status).toBe('ineligible');
    expect(before.criteria[0]).toMatchObject({
      id: 'ratio',
      state: 'fail',
      display: '2.7%',
      requirement: '≥ 3%',
      source: { id: 'tax', label: '税务' },
      asOf: '2025-12-31',
    });
    expect(before.criteria[0].parameters).toEqual([
      {
        id: 'rd_ratio_min',
        label: '研发投入强度下限',
        version: 1,
        value: 0.03,
        effectiveFrom: '2024-01-01',
        reference: { document: '沈科发〔2024〕3号', article: '第五条' },
      },
    ]);
    expect(before.nearestMiss).toMatchObject({ criterionId: 'ratio', value: '2.7%', requirement: '≥ 3%' });
    expect(before.nearestMiss?.gap).toBeCloseTo(0.1, 10);
    expect(before.amount).toBeNull();

    const after = decide(RD_RULE, RD_ENTERPRISE, '2026-06-30');
    expect(after.status).toBe('eligible');
    expect(after.criteria[0].parameters[0]).toMatchObject({
      version: 2,
      value: 0.025,
      reference: { document: '沈政办发〔2026〕12号' },
    });
    expect(after.nearestMiss).toBeNull();
    expect(after.amount?.steps).toEqual([
      { id: 'base', label: '研发费用×比例', formula: 'rdSpend * $rd_rate', value: 27000 },
    ]);
    expect(after.amount?.value).toBe(27000);
  });

  it('records engine version, rule-version hash and parameter snapshot date', () => {
    const d = decide(RD_RULE, RD_ENTERPRISE);
    expect(d).toMatchObject({
      engineVersion: POLICY_ENGINE_VERSION,
      ruleVersion: 1,
      parameterSnapshotDate: '2026-06-30',
      asOf: '2026-06-30',
      itemId: 'rd-subsidy',
    });
    expect(d.ruleHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['cap of the dated parameter v1 (2025)', '2025-06-30', 9_000_000, 500_000, true],
    ['cap of v2 (2026)', '2026-06-30', 9_000_000, 300_000, true],
    ['below the cap', '2026-06-30', 1_000_000, 100_000, false],
  ])('amount with cap: %s', (_, asOf, rdSpend, amount, applied) => {
    const e = enterprise({ ...RD_ENTERPRISE.facts, rdSpend: fact(rdSpend), revenue: fact(rdSpend * 10) });
    const d = decide(RD_RULE, e, asOf);
    expect(d.status).toBe('eligible');
    expect(d.amount?.value).toBe(amount);
    expect(d.amount?.cap?.applied).toBe(applied);
  });

  describe('missing data is unknown, never a fail', () => {
    it('an item with an unknown criterion and no fail is possibly eligible', () => {
      const { revenue: _revenue, ...facts } = RD_ENTERPRISE.facts;
      const d = decide(RD_RULE, enterprise(facts));
      expect(d.status).toBe('unknown');
      expect(d.criteria[0]).toMatchObject({ state: 'unknown', value: null, display: '无数据' });
      expect(d.missingFacts).toEqual(['rdRatio']);
      expect(d.amount?.value).toBe(27000);
    });
    it('a fail wins over an unknown', () => {
      const { revenue: _revenue, ...facts } = RD_ENTERPRISE.facts;
      const d = decide(RD_RULE, enterprise({ ...facts, sizeClass: fact('large', 'stats') }));
      expect(d.status).toBe('ineligible');
      expect(d.nearestMiss?.criterionId).toBe('size');
      expect(d.nearestMiss?.gap).toBeNull();
    });
    it('an unknown exclusion leaves the item possibly eligible', () => {
      const { dishonestListed: _d, ...facts } = RD_ENTERPRISE.facts;
      expect(decide(RD_RULE, enterprise(facts)).status).toBe('unknown');
    });
  });

  it.each([
    ['失信 listed', { dishonestListed: fact(true, 'credit') }, [], 'dishonest'],
    ['already received this year', {}, [{ itemId: 'rd-subsidy', date: '2026-03-01' }], 'received'],
  ])('exclusion: %s', (_, extra, receipts, failed) => {
    const d = decide(RD_RULE, enterprise({ ...RD_ENTERPRISE.facts, ...extra }, receipts));
    expect(d.status).toBe('ineligible');
    expect(d.criteria.find((c) => c.id === failed)?.state).toBe('fail');
    expect(d.nearestMiss?.criterionId).toBe(failed);
  });

  it('a receipt last year does not exclude this year', () => {
    expect(
      decide(RD_RULE, enterprise(RD_ENTERPRISE.facts, [{ itemId: 'rd-subsidy', date: '2025-12-31' }])).status,
    ).toBe('eligible');
  });

  it('reports the criterion with the smallest relative gap as the nearest miss', () => {
    const rule: Rule = {
      ...RD_RULE,
      inputs: [...RD_RULE.inputs, { id: 'staff', fact: 'employees' }],
      rows: [{ cells: [...RD_RULE.rows[0].cells, '>= 100'] }],
    };
    const d = decide(
      rule,
      enterprise({ ...(RD_RULE && RD_ENTERPRISE.facts), rdSpend: fact(100000), employees: fact(95, 'social') }),
    );
    expect(d.criteria.filter((c) => c.state === 'fail').map((c) => c.id)).toEqual(['ratio', 'staff']);
    expect(d.nearestMiss).toMatchObject({ criterionId: 'staff', value: '95人', requirement: '≥ 100人' });
    expect(d.nearestMiss?.text).toContain('参保职工人数 95人，要求 ≥ 100人');
  });
});

describe('hit policies', () => {
  const sized = (size: string, employees = 50) =>
    enterprise({ sizeClass: fact(size, 'stats'), employees: fact(employees, 'social') });
  it.each([
    ['micro', 50, 'eligible', 100000, [1]],
    ['large', 50, 'eligible', 200000, [2]],
    ['small', 5, 'ineligible', null, []],
  ])('unique: %s with %i staff', (size, staff, status, amount, rows) => {
    const d = decide(TIER_RULE, sized(size, staff));
    expect(d.status).toBe(status);
    expect(d.amount?.value ?? null).toBe(amount);
    expect(d.table.matchedRows).toEqual(rows);
  });

  const certRule = (hitPolicy: Rule['hitPolicy']): Rule => ({
    itemId: 'srdi',
    version: 1,
    effectiveFrom: '2024-01-01',
    hitPolicy,
    inputs: [{ id: 'level', fact: 'certifications' }],
    outputs: [
      { id: 'tier', type: 'string', priority: ['national', 'provincial', 'innovative'] },
      { id: 'amount', type: 'number' },
    ],
    rows: [
      { cells: ['创新型中小企业'], outputs: ['innovative', '5万'] },
      { cells: ['专精特新中小企业'], outputs: ['provincial', '20万'] },
      { cells: ['专精特新小巨人'], outputs: ['national', '50万'] },
    ],
    amount: { steps: [{ id: 'award', label: '奖励', expr: 'out.amount' }] },
  });
  const certified = enterprise({
    certifications: fact(['创新型中小企业', '专精特新中小企业', '专精特新小巨人'], 'industry'),
  });

  it.each([
    ['first', 50000, 'innovative'],
    ['priority', 500000, 'national'],
    ['collect-sum', 750000, 'innovative'],
  ] as const)('%s picks amount %i', (policy, amount, tier) => {
    const d = decide(certRule(policy), certified);
    expect(d.status).toBe('eligible');
    expect(d.amount?.value).toBe(amount);
    if (policy !== 'collect-sum') expect(d.table.outputs.tier).toBe(tier);
  });

  it('collect lists every matching row', () => {
    const rule = { ...certRule('collect'), amount: undefined };
    const d = decide(rule, certified);
    expect(d.table.collected.map((r) => r.tier)).toEqual(['innovative', 'provincial', 'national']);
    expect(d.amount).toBeNull();
  });

  it('unique with two matching rows at run time flags a conflict and uses the first', () => {
    const rule: Rule = { ...certRule('unique') };
    // Overlaps are rejected on save when decidable; a set fact can hold both certificates, which save rejects too.
    expect(() => compileRule(rule, REGISTRY)).toThrow(/rows 1 and 2 overlap/);
  });

  it('with no matching row the nearest row is decisive (fewest fails, then fewest unknowns)', () => {
    const d = decide(TIER_RULE, enterprise({ sizeClass: fact('large', 'stats'), employees: fact(3, 'social') }));
    expect(d.table.decisiveRow).toBe(2);
    expect(d.criteria.map((c) => c.state)).toEqual(['pass', 'fail']);
  });
});

describe('publishing and versions', () => {
  it('freezes a published version under a stable hash that ignores key order', () => {
    const published = publishRule(RD_RULE, REGISTRY, '2024-01-01T00:00:00+08:00');
    expect(Object.isFrozen(published) && Object.isFrozen(published.rows[0].cells)).toBe(true);
    const reordered = JSON.parse(JSON.stringify({ amount: RD_RULE.amount, ...RD_RULE }));
    expect(publishRule(reordered, REGISTRY, 'later').hash).toBe(published.hash);
    expect(publishRule({ ...RD_RULE, rows: [{ cells: ['>= 4%', 'micro', 'C*'] }] }, REGISTRY, 'x').hash).not.toBe(
      published.hash,
    );
    expect(() => publishRule(published, REGISTRY, 'again')).toThrow(/already published/);
    expect(compileRule(published, REGISTRY).hash).toBe(published.hash);
  });

  it('rejects a published rule whose content no longer matches its hash', () => {
    const published = publishRule(RD_RULE, REGISTRY, 'x');
    expect(() => compileRule({ ...published, rows: [{ cells: ['>= 1%', 'micro', 'C*'] }] }, REGISTRY)).toThrow(
      /does not match/,
    );
  });

  it('picks the version in force on a date', () => {
    const v1 = publishRule(RD_RULE, REGISTRY, 'a');
    const v2 = publishRule({ ...RD_RULE, version: 2, effectiveFrom: '2026-01-01' }, REGISTRY, 'b');
    const draft = { ...RD_RULE, version: 3, effectiveFrom: '2026-03-01' };
    expect(ruleVersionAt([v1, v2, draft], '2025-12-31')?.version).toBe(1);
    expect(ruleVersionAt([v1, v2, draft], '2026-06-30')?.version).toBe(2);
    expect(ruleVersionAt([v1, v2], '2023-12-31')).toBeUndefined();
  });
});

describe('batch evaluator on the same cases', () => {
  it('counts failures per criterion and agrees with the explanations', () => {
    const people = [
      RD_ENTERPRISE,
      enterprise({ ...RD_ENTERPRISE.facts, sizeClass: fact('large', 'stats') }),
      enterprise({ ...RD_ENTERPRISE.facts, dishonestListed: fact(true, 'credit') }),
      enterprise({ sizeClass: fact('small', 'stats') }),
      enterprise(RD_ENTERPRISE.facts, [{ itemId: 'rd-subsidy', date: '2026-01-02' }]),
    ];
    const bound = compileRule(RD_RULE, REGISTRY).at(snapshotParameters(REGISTRY, '2026-06-30'));
    const result = evaluateColumns(bound, prepareColumns(columnsFromEnterprises(people), '2026-06-30'), { full: true });
    expect([...(result.status ?? [])]).toEqual(
      people.map((p) => ['eligible', 'unknown', 'ineligible'].indexOf(bound.explain(p).status)),
    );
    expect(result.criteria.map((c) => c.id)).toEqual(['ratio', 'size', 'industry', 'dishonest', 'received']);
    expect([...result.failCounts]).toEqual([0, 1, 0, 1, 1]);
    expect([...result.unknownCounts]).toEqual([1, 0, 1, 1, 0]);
    expect([...result.candidates]).toEqual([0]);
    expect([...result.candidateAmounts]).toEqual([27000]);
    expect(result.totalAmount).toBe(27000);
  });
});
