// Human-readable values and requirements for explanations (zh-CN, as the policy texts are).
import type { Test } from './cell.ts';
import { fromDay } from './dates.ts';
import { type FactDefinition, SIZE_CLASS_LABELS, LISTING_STAGE_LABELS } from './facts.ts';

function trimNumber(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

export function formatNumber(def: Pick<FactDefinition, 'unit' | 'type'>, v: number): string {
  if (def.type === 'date') return fromDay(v);
  switch (def.unit) {
    case 'ratio':
      return `${trimNumber(v * 100, 2)}%`;
    case 'yuan':
      return Math.abs(v) >= 1e4 ? `${trimNumber(v / 1e4, 2)}万元` : `${trimNumber(v, 2)}元`;
    case 'persons':
      return `${trimNumber(v, 0)}人`;
    case 'years':
      return `${trimNumber(v, 2)}年`;
    default:
      return trimNumber(v, 4);
  }
}

const ENUM_LABELS: Record<string, string> = { ...SIZE_CLASS_LABELS, ...LISTING_STAGE_LABELS };

export function formatValue(
  def: FactDefinition,
  value: number | string | boolean | readonly string[] | undefined,
): string {
  if (value === undefined || (typeof value === 'number' && value !== value)) return '无数据';
  if (typeof value === 'number') return formatNumber(def, value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return def.type === 'enum' ? (ENUM_LABELS[value] ?? value) : value;
  return value.length ? value.join('、') : '无';
}

/** The requirement a resolved test states, e.g. "≥ 3%" or "[10人, 300人)"; `cellText` is used for lists. */
export function describeTest(test: Test, def: FactDefinition, cellText: string): string {
  const f = (v: number) => formatNumber(def, v);
  switch (test.kind) {
    case 'any':
      return '不限';
    case 'interval':
      if (test.low === test.high) return `= ${f(test.low)}`;
      if (test.low === -Infinity) return `${test.highInclusive ? '≤' : '<'} ${f(test.high)}`;
      if (test.high === Infinity) return `${test.lowInclusive ? '≥' : '>'} ${f(test.low)}`;
      return `${test.lowInclusive ? '[' : '('}${f(test.low)}, ${f(test.high)}${test.highInclusive ? ']' : ')'}`;
    case 'notEqual':
      return `≠ ${f(test.value)}`;
    case 'set':
      return `${test.negate ? '不持有' : '持有'}${test.anyOf.join(' 或 ')}`;
    case 'bool':
      return test.value ? '是' : '否';
    case 'strings':
      return cellText;
  }
}
