import { describe, expect, it } from 'vitest';
import type { Rule } from './rule.ts';
import { RD_RULE, REGISTRY, TIER_RULE } from './test-fixtures.ts';
import { formatIssue, validateRule } from './validate.ts';

function errors(rule: unknown): string[] {
  return validateRule(rule, REGISTRY).errors.map(formatIssue);
}

const withCells = (cells: string[]): Rule => ({ ...RD_RULE, rows: [{ cells }] });

describe('validation on save names the row and the column', () => {
  it('accepts the fixtures', () => {
    expect(validateRule(RD_RULE, REGISTRY)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(validateRule(TIER_RULE, REGISTRY).ok).toBe(true);
  });

  it.each([
    [
      'unknown fact',
      { ...RD_RULE, inputs: [{ id: 'ratio', fact: 'rdIntensity' }, ...RD_RULE.inputs.slice(1)] },
      /^column "ratio": unknown fact "rdIntensity"/,
    ],
    ['bad cell syntax', withCells(['>= 3%%', 'micro', 'C*']), /^row 1, column "ratio": bad cell ">= 3%%"/],
    [
      'unknown parameter',
      withCells(['>= $rd_min', 'micro', 'C*']),
      /^row 1, column "ratio": unknown parameter \$rd_min/,
    ],
    [
      'type mismatch: comparison on a category',
      withCells(['>= 3%', '>= 3', 'C*']),
      /^row 1, column "size": ">= 3" compares values, but 企业规模 is a category/,
    ],
    [
      'type mismatch: parameter unit',
      withCells(['>= $rd_cap', 'micro', 'C*']),
      /^row 1, column "ratio": \$rd_cap is in yuan but 研发费用占营业收入比例 is in ratio/,
    ],
    [
      'type mismatch: number on a date',
      { ...RD_RULE, inputs: [{ id: 'since', fact: 'establishedOn' }], rows: [{ cells: ['>= 3'] }] },
      /^row 1, column "since": ">= 3" is a number, but 成立日期 is a date/,
    ],
    [
      'unknown enum value',
      withCells(['>= 3%', 'tiny', 'C*']),
      /^row 1, column "size": bad cell "tiny": "tiny" is not one of micro, small, medium, large/,
    ],
    ['row width', withCells(['>= 3%', 'micro']), /^row 1: has 2 cells for 3 input columns/],
    [
      'formula',
      { ...RD_RULE, amount: { steps: [{ id: 'base', label: 'b', expr: 'rdSpend * * 2' }] } },
      /^column "amount.base": bad formula/,
    ],
    [
      'formula name',
      { ...RD_RULE, amount: { steps: [{ id: 'base', label: 'b', expr: 'rdSpnd * 2' }] } },
      /^column "amount.base": unknown name "rdSpnd"/,
    ],
    [
      'formula on a non-number fact',
      { ...RD_RULE, amount: { steps: [{ id: 'base', label: 'b', expr: 'sizeClass * 2' }] } },
      /sizeClass \(企业规模\) is not a number/,
    ],
    [
      'no eval',
      { ...RD_RULE, amount: { steps: [{ id: 'base', label: 'b', expr: 'process.exit(1)' }] } },
      /bad formula|unknown/,
    ],
    ['out under collect', { ...TIER_RULE, hitPolicy: 'collect' }, /use collect-sum/],
    [
      'output value',
      { ...TIER_RULE, rows: [{ cells: ['micro', '-'], outputs: ['lots'] }] },
      /^row 1, column "amount": output amount is a number/,
    ],
    [
      'duplicate criterion',
      { ...RD_RULE, exclusions: [{ id: 'ratio', label: 'x', fact: 'dishonestListed', test: 'true' }] },
      /criterion id "ratio" is used twice/,
    ],
    ['parameter not yet in force', { ...RD_RULE, effectiveFrom: '2023-06-01' }, /has no value in force on 2023-06-01/],
    ['schema', { ...RD_RULE, hitPolicy: 'any' }, /^column "hitPolicy":/],
  ])('%s', (_, rule, message) => {
    const found = errors(rule);
    expect(
      found.some((m) => message.test(m)),
      found.join('\n'),
    ).toBe(true);
  });

  it('reports overlapping rows under the unique hit policy, per parameter version', () => {
    const overlapping: Rule = {
      ...TIER_RULE,
      rows: [TIER_RULE.rows[0], { cells: ['small, medium', '>= 5'], outputs: ['$award_large'] }],
    };
    expect(errors(overlapping)).toEqual([
      'row 2: rows 1 and 2 overlap (as of 2024-01-01): an enterprise can match both, which the unique hit policy forbids',
    ]);
    // Disjoint by the threshold: < $staff_min and >= $staff_min never meet.
    const split: Rule = {
      ...TIER_RULE,
      rows: [
        { cells: ['micro, small', '< $staff_min'], outputs: ['1'] },
        { cells: ['micro, small', '>= $staff_min'], outputs: ['2'] },
      ],
    };
    expect(errors(split)).toEqual([]);
    expect(validateRule({ ...split, hitPolicy: 'first' }, REGISTRY).ok).toBe(true);
  });

  it('overlap of prefixes and exact codes', () => {
    const rule = (a: string, b: string): Rule => ({
      ...TIER_RULE,
      inputs: [{ id: 'industry', fact: 'industryCode' }],
      rows: [
        { cells: [a], outputs: ['1'] },
        { cells: [b], outputs: ['2'] },
      ],
    });
    expect(errors(rule('C*', 'C39*'))).toHaveLength(1);
    expect(errors(rule('C3911', 'C39*'))).toHaveLength(1);
    expect(errors(rule('C*', 'not(C*)'))).toEqual([]);
    expect(errors(rule('C38*', 'C39*'))).toEqual([]);
  });

  it('reports gaps (missing rows) as warnings', () => {
    const { ok, warnings } = validateRule(
      {
        ...TIER_RULE,
        rows: [
          { cells: ['micro, small', '-'], outputs: ['1'] },
          { cells: ['medium', '-'], outputs: ['2'] },
        ],
      },
      REGISTRY,
    );
    expect(ok).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual(['no row covers size = large (as of 2024-01-01)']);
    const numeric = validateRule(
      {
        ...TIER_RULE,
        rows: [
          { cells: ['-', '< 10'], outputs: ['1'] },
          { cells: ['-', '> 10'], outputs: ['2'] },
        ],
      },
      REGISTRY,
    );
    expect(numeric.warnings.map((w) => w.message)).toEqual(['no row covers staff = 10 (as of 2024-01-01)']);
  });
});
