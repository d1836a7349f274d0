import { describe, expect, it } from 'vitest';
import { figuresCsv } from './csv.ts';

describe('figuresCsv', () => {
  it('writes one row per figure with its definition, quoting commas and quotes, with a BOM for Excel', () => {
    const figures = {
      closureRate: {
        key: 'closureRate',
        unit: 'ratio' as const,
        value: 0.991,
        numerator: 30547,
        denominator: 30817,
        definition: { 'zh-CN': '办结率＝办结÷受理', 'en-US': 'closed ÷ accepted, "as published", by acceptance date' },
      },
    };
    const csv = figuresCsv(figures, ['closureRate', 'missing'], { closureRate: 'Closure rate' }, 'en-US', [
      'Figure',
      'Value',
      'Numerator',
      'Denominator',
      'Definition',
    ]);
    expect(csv).toBe(
      '\uFEFFFigure,Value,Numerator,Denominator,Definition\nClosure rate,0.991,30547,30817,"closed ÷ accepted, ""as published"", by acceptance date"\n',
    );
  });
});
