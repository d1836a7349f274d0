// Every dashboard chart's ECharts option, built by a pure function from the API's figures (tested without a browser).
import type { BreakdownRow, Series } from './types.ts';

export interface ChartText {
  /** Series names by figure key, already in the user's language. */
  names: Record<string, string>;
  /** Formats a ratio 0..1 as a percentage. */
  percent: (ratio: number) => string;
}

const PALETTE = ['#b71c1c', '#1677ff', '#389e0d', '#d48806', '#722ed1', '#13c2c2'];

/** Counts as lines on the left axis, rates as dashed lines on a 0–100% right axis; `fontSize` for a wall screen. */
export function trendOption(series: Series, countKeys: string[], rateKeys: string[], text: ChartText, fontSize = 12) {
  const font = { fontSize };
  const x = series.points.map((p) => p.start);
  const valuesOf = (key: string) => series.points.map((p) => p.figures[key]?.value ?? null);
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll', textStyle: font },
    grid: { left: 8, right: 8, top: Math.round(fontSize * 3.3), bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: x, boundaryGap: false, axisLabel: font },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: font },
      {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { ...font, formatter: (v: number) => text.percent(v) },
        splitLine: { show: false },
      },
    ] as const,
    series: [
      ...countKeys.map((k) => ({
        name: text.names[k] ?? k,
        type: 'line',
        smooth: true,
        yAxisIndex: 0,
        data: valuesOf(k),
      })),
      ...rateKeys.map((k) => ({
        name: text.names[k] ?? k,
        type: 'line',
        smooth: true,
        yAxisIndex: 1,
        lineStyle: { type: 'dashed' },
        data: valuesOf(k),
      })),
    ],
  };
}

/** One figure across the rows of a breakdown, largest first, as horizontal bars (long Chinese names stay readable). */
export function breakdownOption(
  rows: BreakdownRow[],
  key: string,
  labelOf: (row: BreakdownRow) => string,
  text: ChartText,
  limit = 15,
  fontSize = 12,
) {
  const sorted = rows
    .filter((r) => (r.figures[key]?.value ?? 0) > 0)
    .sort((a, b) => (b.figures[key]?.value ?? 0) - (a.figures[key]?.value ?? 0))
    .slice(0, limit)
    .reverse();
  const isRatio = sorted[0]?.figures[key]?.unit === 'ratio';
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: fontSize * 4, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      ...(isRatio
        ? { max: 1, axisLabel: { fontSize, formatter: (v: number) => text.percent(v) } }
        : { minInterval: 1, axisLabel: { fontSize } }),
    },
    // Label width grows with the font: about 11–12 Chinese characters before a name is cut.
    yAxis: {
      type: 'category',
      data: sorted.map(labelOf),
      axisLabel: { fontSize, width: Math.round(fontSize * 11.7), overflow: 'truncate' },
    },
    series: [
      {
        name: text.names[key] ?? key,
        type: 'bar',
        data: sorted.map((r) => r.figures[key]?.value ?? 0),
        label: {
          show: true,
          position: 'right',
          fontSize,
          ...(isRatio ? { formatter: (p: { value: number }) => text.percent(p.value) } : {}),
        },
      },
    ],
  };
}
