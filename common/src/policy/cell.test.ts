import { describe, expect, it } from 'vitest';
import { CellSyntaxError, FAIL, parseCell, PASS, resolveCell, STATE_NAMES, testState, UNKNOWN } from './cell.ts';
import { toDay } from './dates.ts';
import { FACTS, type FactKey } from './facts.ts';

const AS_OF = toDay('2026-06-30');
const params: Record<string, number> = { rd_ratio_min: 0.03, staff_min: 10 };

function state(fact: FactKey, cell: string, value: unknown): string {
  const def = FACTS[fact];
  const test = resolveCell(parseCell(cell, def), (id) => params[id] ?? NaN, AS_OF);
  const v = def.type === 'date' && typeof value === 'string' ? toDay(value) : value;
  return STATE_NAMES[testState(test, v as never)];
}

describe('cells', () => {
  it.each([
    // comparisons, percent and 万 literals, parameters
    ['rdRatio', '>= 3%', 0.03, 'pass'],
    ['rdRatio', '>= 3%', 0.0299, 'fail'],
    ['rdRatio', '> 3%', 0.03, 'fail'],
    ['rdRatio', '>= $rd_ratio_min', 0.027, 'fail'],
    ['revenue', '< 5000万', 49_999_999, 'pass'],
    ['revenue', '< 5000万', 50_000_000, 'fail'],
    ['employees', '= 10', 10, 'pass'],
    ['employees', '10', 10, 'pass'],
    ['employees', '!= 10', 11, 'pass'],
    ['employees', '!= 10', 10, 'fail'],
    ['employees', '<= $staff_min', 10, 'pass'],
    // ranges with open and closed ends
    ['revenue', '[2000万..5000万)', 20_000_000, 'pass'],
    ['revenue', '[2000万..5000万)', 50_000_000, 'fail'],
    ['revenue', '(2000万..5000万]', 20_000_000, 'fail'],
    ['revenue', '(2000万..5000万]', 50_000_000, 'pass'],
    ['revenue', ']2000万..5000万[', 30_000_000, 'pass'],
    ['revenueGrowth', '[-10%..10%]', -0.1, 'pass'],
    // lists and prefixes on codes, negation
    ['industryCode', 'C*, I65*', 'C3911', 'pass'],
    ['industryCode', 'C*, I65*', 'I6510', 'pass'],
    ['industryCode', 'C*, I65*', 'I6410', 'fail'],
    ['industryCode', 'not(C*)', 'F5211', 'pass'],
    ['industryCode', 'not(C*)', 'C1311', 'fail'],
    ['districtCode', '210112, 210113', '210112', 'pass'],
    ['districtCode', '210112', '210102', 'fail'],
    ['sizeClass', 'micro, small', 'small', 'pass'],
    ['sizeClass', 'micro, small', 'large', 'fail'],
    ['sizeClass', '"micro"', 'micro', 'pass'],
    // sets: holds any / holds none
    ['certifications', '高新技术企业', ['科技型中小企业', '高新技术企业'], 'pass'],
    ['certifications', '高新技术企业, 专精特新小巨人', ['专精特新小巨人'], 'pass'],
    ['certifications', '高新技术企业', [], 'fail'],
    ['certifications', 'not(高新技术企业)', ['科技型中小企业'], 'pass'],
    ['certifications', 'not(高新技术企业)', ['高新技术企业'], 'fail'],
    // booleans
    ['dishonestListed', 'true', true, 'pass'],
    ['dishonestListed', 'false', true, 'fail'],
    // date windows, absolute and relative to the evaluation date
    ['hnteCertifiedOn', 'within 1y', '2025-07-01', 'pass'],
    ['hnteCertifiedOn', 'within 1y', '2025-06-30', 'fail'],
    ['hnteCertifiedOn', 'within 6m', '2026-01-01', 'pass'],
    ['hnteCertifiedOn', 'within 30d', '2026-06-01', 'pass'],
    ['hnteCertifiedOn', 'within 30d', '2026-05-31', 'fail'],
    ['hnteCertifiedOn', 'within 1y', '2026-07-01', 'fail'],
    ['establishedOn', '[2020-01-01..2024-12-31]', '2024-12-31', 'pass'],
    ['establishedOn', '< 2020-01-01', '2020-01-01', 'fail'],
    // "-" is any value, even a missing one
    ['revenue', '-', undefined, 'pass'],
    // missing data is unknown, never a fail
    ['revenue', '>= 100万', undefined, 'unknown'],
    ['revenue', '>= 100万', NaN, 'unknown'],
    ['industryCode', 'C*', undefined, 'unknown'],
    ['certifications', 'not(高新技术企业)', undefined, 'unknown'],
    ['dishonestListed', 'true', undefined, 'unknown'],
    ['hnteCertifiedOn', 'within 1y', undefined, 'unknown'],
  ] as [FactKey, string, unknown, string][])('%s %s on %j is %s', (fact, cell, value, expected) => {
    expect(state(fact, cell, value)).toBe(expected);
  });

  it.each([
    ['revenue', ''],
    ['revenue', '>= '],
    ['revenue', '>= abc'],
    ['revenue', '[5000万..2000万]'],
    ['revenue', '1, 2'],
    ['sizeClass', 'huge'],
    ['districtCode', '2101'],
    ['industryCode', 'Z99'],
    ['dishonestListed', 'yes'],
    ['hnteCertifiedOn', '>= 2026-02-30'],
    ['sizeClass', 'micro*'],
  ] as [FactKey, string][])('rejects %s cell %j', (fact, cell) => {
    expect(() => parseCell(cell, FACTS[fact])).toThrow(CellSyntaxError);
  });

  it('uses the state codes whose maximum is the worst state', () => {
    expect([PASS, UNKNOWN, FAIL]).toEqual([0, 1, 2]);
  });
});
