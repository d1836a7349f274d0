// The figures page's ECharts options, built by pure functions from GET /api/policy/stats (tested without a browser).
import type { PolicyStats, StatsBucket } from '../types.ts';

export interface FigureText {
  enterprises: string;
  amount: string;
  fail: string;
  /** Formats a number in the user's language. */
  number: (n: number) => string;
  /** A short form for axes (1,200万 / 12M). */
  compact: (n: number) => string;
}

const PALETTE = ['#b71c1c', '#1677ff', '#389e0d', '#d48806', '#722ed1', '#13c2c2'];

/**
 * A breakdown (by policy, category or district) as horizontal bars of the amount paid, largest on top; each bar's
 * label and tooltip also give the enterprises benefited (one axis only: two scales side by side misread).
 */
export function breakdownBars(buckets: readonly StatsBucket[], text: FigureText, limit = 12) {
  const rows = [...buckets]
    .filter((b) => b.amount > 0 || b.enterprises > 0)
    .sort((a, b) => b.amount - a.amount)
    .slice(0, limit)
    .reverse();
  return {
    color: PALETTE,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; data: { enterprises: number } }) =>
        `${p.name}<br/>${text.amount}: ${text.number(p.value)}<br/>${text.enterprises}: ${text.number(p.data.enterprises)}`,
    },
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitNumber: 4, axisLabel: { formatter: (v: number) => text.compact(v) } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      {
        name: text.amount,
        type: 'bar',
        data: rows.map((r) => ({ value: r.amount, enterprises: r.enterprises })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => text.compact(p.value) },
      },
    ],
  };
}

/** Month by month: the amount paid as bars (left axis), the enterprises benefited as a line (right axis). */
export function monthlyTrend(buckets: readonly StatsBucket[], text: FigureText) {
  const rows = [...buckets].sort((a, b) => a.key.localeCompare(b.key));
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.key) },
    yAxis: [
      { type: 'value', splitNumber: 4, axisLabel: { formatter: (v: number) => text.compact(v) } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: text.amount, type: 'bar', yAxisIndex: 0, data: rows.map((r) => r.amount) },
      { name: text.enterprises, type: 'line', yAxisIndex: 1, data: rows.map((r) => r.enterprises) },
    ],
  };
}

/** The criteria most enterprises fail, one bar per item ("item · criterion"), as a share of the population matched. */
export function mostFailedBars(rows: PolicyStats['mostFailed'], text: FigureText, limit = 12) {
  const top = [...rows]
    .sort((a, b) => b.fail - a.fail)
    .slice(0, limit)
    .reverse();
  return {
    color: [PALETTE[3]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => text.number(v) } },
    yAxis: {
      type: 'category',
      data: top.map((r) => `${r.name} · ${r.label}`),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        name: text.fail,
        type: 'bar',
        data: top.map((r) => r.fail),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => text.number(p.value) },
      },
    ],
  };
}
