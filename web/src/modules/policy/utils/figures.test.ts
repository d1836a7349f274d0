import { describe, expect, it } from 'vitest';
import { breakdownBars, monthlyTrend, mostFailedBars } from './figures.ts';

const text = {
  enterprises: '受益企业',
  amount: '金额',
  fail: '不符合',
  number: (n: number) => n.toLocaleString('zh-CN'),
  compact: (n: number) => `${n / 10000}万`,
};
const b = (key: string, amount: number, enterprises: number) => ({
  key,
  label: `L-${key}`,
  amount,
  enterprises,
  payments: enterprises,
});

describe('figures', () => {
  it('draws a breakdown largest amount on top (ECharts lists a category axis bottom-up), dropping empty rows', () => {
    const o = breakdownBars([b('a', 100, 1), b('b', 300, 2), b('c', 0, 0), b('d', 200, 5)], text);
    expect(o.yAxis.data).toEqual(['L-a', 'L-d', 'L-b']);
    expect(o.series).toHaveLength(1);
    expect(o.series[0].data).toEqual([
      { value: 100, enterprises: 1 },
      { value: 200, enterprises: 5 },
      { value: 300, enterprises: 2 },
    ]);
    // The tooltip gives both figures of the bar under the pointer.
    expect(o.tooltip.formatter({ name: 'L-d', value: 200, data: { enterprises: 5 } })).toBe(
      'L-d<br/>金额: 200<br/>受益企业: 5',
    );
    expect(o.xAxis.axisLabel.formatter(30000)).toBe('3万');
  });

  it('keeps only the largest rows when there are many', () => {
    const many = Array.from({ length: 30 }, (_, i) => b(String(i), i + 1, 1));
    const o = breakdownBars(many, text, 5);
    expect(o.yAxis.data).toEqual(['L-25', 'L-26', 'L-27', 'L-28', 'L-29']);
  });

  it('puts months in calendar order with amounts as bars and enterprises as a line on the right axis', () => {
    const o = monthlyTrend([b('2026-03', 5, 1), b('2026-01', 7, 2)], text);
    expect(o.xAxis.data).toEqual(['2026-01', '2026-03']);
    expect(o.series.map((s) => [s.type, s.yAxisIndex, s.data])).toEqual([
      ['bar', 0, [7, 5]],
      ['line', 1, [2, 1]],
    ]);
  });

  it('names each most-failed bar by item and criterion, most failures on top', () => {
    const o = mostFailedBars(
      [
        { itemId: 'x', name: '瞪羚企业奖励', criterion: 'growth', label: '营收增长', fail: 10, population: 100 },
        { itemId: 'y', name: '雏鹰企业奖励', criterion: 'age', label: '成立年限', fail: 40, population: 100 },
      ],
      text,
    );
    expect(o.yAxis.data).toEqual(['瞪羚企业奖励 · 营收增长', '雏鹰企业奖励 · 成立年限']);
    expect(o.series[0].data).toEqual([10, 40]);
    expect(o.series[0].label.formatter({ value: 12345 })).toBe('12,345');
  });
});
