import { describe, expect, it } from 'vitest';
import { breakdownOption, trendOption } from './options.ts';
import type { BreakdownRow, Figure, Series } from './types.ts';

const fig = (key: string, value: number | null, unit: Figure['unit'] = 'count'): Figure => ({
  key,
  unit,
  value,
  numerator: null,
  denominator: null,
  definition: { 'zh-CN': '', 'en-US': '' },
});
const text = {
  names: { received: '收到', closed: '办结', closureRate: '办结率' },
  percent: (r: number) => `${Math.round(r * 100)}%`,
};
const envelope = {
  period: { from: '2026-01-01', to: '2026-03-31' },
  settings: { countBasicallySatisfied: true },
  computedAt: '',
};

describe('trendOption', () => {
  const series: Series = {
    ...envelope,
    interval: 'month',
    points: [
      {
        start: '2026-01-01',
        figures: {
          received: fig('received', 10),
          closed: fig('closed', 8),
          closureRate: fig('closureRate', 0.8, 'ratio'),
        },
      },
      {
        start: '2026-02-01',
        figures: {
          received: fig('received', 12),
          closed: fig('closed', 12),
          closureRate: fig('closureRate', null, 'ratio'),
        },
      },
    ],
  };
  const o = trendOption(series, ['received', 'closed'], ['closureRate'], text);
  it('puts one point per period on the x axis', () => {
    expect(o.xAxis.data).toEqual(['2026-01-01', '2026-02-01']);
  });
  it('draws counts on the left axis and rates on the percentage axis, names translated, gaps kept as null', () => {
    expect(o.series.map((s) => [s.name, s.yAxisIndex, s.data])).toEqual([
      ['收到', 0, [10, 12]],
      ['办结', 0, [8, 12]],
      ['办结率', 1, [0.8, null]],
    ]);
    expect(o.yAxis[1].max).toBe(1);
    expect(o.yAxis[1].axisLabel?.formatter(0.5)).toBe('50%');
  });
  it('sets every text of the chart in the font size asked for (large on a wall screen), 12 px by default', () => {
    const wall = trendOption(series, ['received'], ['closureRate'], text, 18);
    expect([
      wall.legend.textStyle.fontSize,
      wall.xAxis.axisLabel.fontSize,
      ...wall.yAxis.map((a) => a.axisLabel.fontSize),
    ]).toEqual([18, 18, 18, 18]);
    expect(o.xAxis.axisLabel.fontSize).toBe(12);
    // The legend's row grows with its font, so it never covers the plot.
    expect(wall.grid.top).toBeGreaterThan(o.grid.top);
  });
});

describe('breakdownOption', () => {
  const row = (key: string, received: number): BreakdownRow => ({
    key,
    name: key.toUpperCase(),
    nameEn: null,
    figures: { received: fig('received', received) },
  });
  it('orders rows by the figure (largest at the top), drops zeros and keeps the top N', () => {
    const o = breakdownOption(
      [row('a', 3), row('b', 0), row('c', 9), row('d', 5)],
      'received',
      (r) => r.name!,
      text,
      2,
    );
    // ECharts draws category axes bottom-up: the largest comes last.
    expect(o.yAxis.data).toEqual(['D', 'C']);
    expect(o.series[0].data).toEqual([5, 9]);
    expect(o.series[0].name).toBe('收到');
  });
  it('uses a percentage axis for rates', () => {
    const rows: BreakdownRow[] = [
      { key: 'x', name: 'X', nameEn: null, figures: { closureRate: fig('closureRate', 0.5, 'ratio') } },
    ];
    const o = breakdownOption(rows, 'closureRate', (r) => r.name!, text);
    expect(o.xAxis).toMatchObject({ max: 1 });
  });
  it('labels bars and names in the font size asked for, leaving names more room with a larger font', () => {
    const rows = [row('a', 3), row('c', 9)];
    const small = breakdownOption(rows, 'received', (r) => r.name!, text);
    const wall = breakdownOption(rows, 'received', (r) => r.name!, text, 15, 16);
    expect([wall.yAxis.axisLabel.fontSize, wall.series[0].label.fontSize, wall.xAxis.axisLabel?.fontSize]).toEqual([
      16, 16, 16,
    ]);
    expect(small.yAxis.axisLabel.fontSize).toBe(12);
    expect(wall.yAxis.axisLabel.width).toBeGreaterThan(small.yAxis.axisLabel.width);
  });
});
