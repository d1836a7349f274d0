// Small hand-made parameters, rules and enterprises shared by the engine's tests.
import type { Enterprise, EnterpriseFacts, FactSource } from './facts.ts';
import { type DatedParameter, parameterRegistry } from './parameters.ts';
import type { Rule } from './rule.ts';

export const PARAMETERS: DatedParameter[] = [
  {
    id: 'rd_ratio_min',
    label: '研发投入强度下限',
    unit: 'ratio',
    versions: [
      {
        version: 1,
        effectiveFrom: '2024-01-01',
        value: 0.03,
        reference: { document: '沈科发〔2024〕3号', article: '第五条' },
      },
      {
        version: 2,
        effectiveFrom: '2026-01-01',
        value: 0.025,
        reference: { document: '沈政办发〔2026〕12号', article: '第二条' },
      },
    ],
  },
  {
    id: 'rd_rate',
    label: '补助比例',
    unit: 'ratio',
    versions: [
      {
        version: 1,
        effectiveFrom: '2024-01-01',
        value: 0.1,
        reference: { document: '沈科发〔2024〕3号', article: '第六条' },
      },
    ],
  },
  {
    id: 'rd_cap',
    label: '补助上限',
    unit: 'yuan',
    versions: [
      {
        version: 1,
        effectiveFrom: '2024-01-01',
        value: 500000,
        reference: { document: '沈科发〔2024〕3号', article: '第六条' },
      },
      {
        version: 2,
        effectiveFrom: '2026-01-01',
        value: 300000,
        reference: { document: '沈政办发〔2026〕12号', article: '第三条' },
      },
    ],
  },
  {
    id: 'award_small',
    label: '小微企业奖励',
    unit: 'yuan',
    versions: [
      { version: 1, effectiveFrom: '2024-01-01', value: 100000, reference: { document: '沈工信发〔2024〕22号' } },
    ],
  },
  {
    id: 'award_large',
    label: '大中型企业奖励',
    unit: 'yuan',
    versions: [
      { version: 1, effectiveFrom: '2024-01-01', value: 200000, reference: { document: '沈工信发〔2024〕22号' } },
    ],
  },
  {
    id: 'staff_min',
    label: '人数下限',
    unit: 'persons',
    versions: [{ version: 1, effectiveFrom: '2024-01-01', value: 10, reference: { document: '沈人社发〔2025〕9号' } }],
  },
];
export const REGISTRY = parameterRegistry(PARAMETERS);

/** R&D subsidy: one row, exclusions, a formula with a cap from a dated parameter. */
export const RD_RULE: Rule = {
  itemId: 'rd-subsidy',
  version: 1,
  effectiveFrom: '2024-01-01',
  hitPolicy: 'unique',
  inputs: [
    { id: 'ratio', fact: 'rdRatio' },
    { id: 'size', fact: 'sizeClass' },
    { id: 'industry', fact: 'industryCode' },
  ],
  rows: [{ cells: ['>= $rd_ratio_min', 'micro, small, medium', 'C*, I65*'] }],
  exclusions: [
    { id: 'dishonest', label: '严重失信', fact: 'dishonestListed', test: 'true' },
    { id: 'received', label: '本年度已享受', receivedWithin: 'calendar-year' },
  ],
  amount: { steps: [{ id: 'base', label: '研发费用×比例', expr: 'rdSpend * $rd_rate' }], cap: { expr: '$rd_cap' } },
};

/** Tiered award: unique rows by size class, amount from the row's output. */
export const TIER_RULE: Rule = {
  itemId: 'tier-award',
  version: 1,
  effectiveFrom: '2024-01-01',
  hitPolicy: 'unique',
  inputs: [
    { id: 'size', fact: 'sizeClass' },
    { id: 'staff', fact: 'employees' },
  ],
  outputs: [{ id: 'amount', type: 'number' }],
  rows: [
    { cells: ['micro, small', '>= $staff_min'], outputs: ['$award_small'] },
    { cells: ['medium, large', '>= $staff_min'], outputs: ['$award_large'] },
  ],
  amount: { steps: [{ id: 'award', label: '分档奖励', expr: 'out.amount' }] },
};

export function fact<T>(value: T, source: FactSource = 'tax', asOf = '2025-12-31') {
  return { value, source, asOf };
}

export function enterprise(facts: EnterpriseFacts, receipts: Enterprise['receipts'] = []): Enterprise {
  return { uscc: '91350100M000100Y43', name: '测试企业', facts, receipts };
}

/** An enterprise that passes RD_RULE as of 2026 (ratio 2.7% ≥ 2.5%) but not as of 2025 (ratio < 3%). */
export const RD_ENTERPRISE = enterprise({
  rdSpend: fact(270000),
  revenue: fact(10000000),
  sizeClass: fact('small', 'stats'),
  industryCode: fact('C3911', 'market'),
  dishonestListed: fact(false, 'credit'),
});
