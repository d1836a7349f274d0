import { describe, expect, it } from 'vitest';
import { missingFactCounts } from './missing.ts';

describe('missing facts summary', () => {
  it('counts each fact once per item, most useful first', () => {
    expect(
      missingFactCounts([
        { missingFacts: ['districtCode', 'revenue'] },
        { missingFacts: ['districtCode', 'districtCode'] },
        { missingFacts: [] },
      ]),
    ).toEqual([
      { fact: 'districtCode', count: 2 },
      { fact: 'revenue', count: 1 },
    ]);
  });
});
