import { describe, expect, it } from 'vitest';
import { FACT_GROUPS, inputOf, toFacts } from './facts.ts';
import { BASE_FACT_KEYS } from '@tingquan/common/policy/facts';

describe('calculator form', () => {
  it('asks for every fact of the enterprise file exactly once', () => {
    expect(FACT_GROUPS.flatMap((g) => g.facts).sort()).toEqual([...BASE_FACT_KEYS].sort());
  });

  it('turns percentages into fractions, leaves blanks unknown and normalises codes', () => {
    expect(inputOf('rdSpend')).toBe('number');
    expect(inputOf('layoffRate')).toBe('percent');
    expect(
      toFacts({
        revenue: 1000000,
        revenueGrowth: 12.5,
        industryCode: ' c3411 ',
        taxPaid: undefined,
        rdSpend: null,
        districtCode: '',
        dishonestListed: false,
        certifications: [],
      }),
    ).toEqual({
      revenue: 1000000,
      revenueGrowth: 0.125,
      industryCode: 'C3411',
      dishonestListed: false,
      certifications: [],
    });
  });
});
