import { describe, expect, it } from 'vitest';
import { formatFigure } from './format.ts';

const f = (unit: 'count' | 'ratio' | 'hours', value: number | null) => ({
  key: 'k',
  unit,
  value,
  numerator: null,
  denominator: null,
  definition: { 'zh-CN': '', 'en-US': '' },
});

describe('formatFigure', () => {
  it('formats counts, ratios and hours, and shows undefined rates as a dash', () => {
    expect(formatFigure(f('count', 30817), 'en-US')).toBe('30,817');
    expect(formatFigure(f('ratio', 30547 / 30817), 'zh-CN')).toBe('99.1%');
    expect(formatFigure(f('hours', 22), 'en-US')).toBe('22 h');
    expect(formatFigure(f('ratio', null), 'en-US')).toBe('—');
    expect(formatFigure(undefined, 'en-US')).toBe('—');
  });
});
