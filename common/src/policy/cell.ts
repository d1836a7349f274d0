// Decision-table cells: the small test language (comparisons, ranges, lists, prefixes, date windows), its parser and its three-valued semantics.
import { addMonths, isIsoDate, toDay } from './dates.ts';
import type { FactDefinition } from './facts.ts';

/** Three-valued criterion states; the codes are chosen so that a row's worst state is the maximum. */
export const PASS = 0;
export const UNKNOWN = 1;
export const FAIL = 2;
export type State = typeof PASS | typeof UNKNOWN | typeof FAIL;
export const STATE_NAMES = ['pass', 'unknown', 'fail'] as const;
export type StateName = (typeof STATE_NAMES)[number];

export type Operand =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'date'; day: number; text: string }
  | { kind: 'param'; id: string; text: string };
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

export type Cell =
  | { kind: 'any' }
  | { kind: 'compare'; op: CompareOp; operand: Operand }
  | { kind: 'range'; low: Operand; high: Operand; lowInclusive: boolean; highInclusive: boolean }
  | { kind: 'list'; values: string[]; prefixes: string[]; negate: boolean }
  | { kind: 'holds'; values: string[]; negate: boolean }
  | { kind: 'bool'; value: boolean }
  | { kind: 'within'; count: number; unit: 'y' | 'm' | 'd' };

export class CellSyntaxError extends Error {}

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(%|万|亿)?$/i;
const SCALE: Record<string, number> = { '%': 0.01, 万: 1e4, 亿: 1e8 };

function parseOperand(text: string, def: FactDefinition): Operand {
  const t = text.trim();
  if (/^\$[a-z][a-z0-9_]*$/.test(t)) return { kind: 'param', id: t.slice(1), text: t };
  if (def.type === 'date') {
    if (!isIsoDate(t)) throw new CellSyntaxError(`"${t}" is not a date (YYYY-MM-DD) or a $parameter`);
    return { kind: 'date', day: toDay(t), text: t };
  }
  const m = NUMBER.exec(t);
  if (!m) throw new CellSyntaxError(`"${t}" is not a number (e.g. 100, 3%, 50万) or a $parameter`);
  const suffix = m[1];
  const value = suffix ? Number(t.slice(0, -suffix.length)) * SCALE[suffix.toLowerCase()] : Number(t);
  // Scaling by 0.01 would give 0.030000000000000002 for 3%; round to the precision a human wrote.
  return { kind: 'number', value: Number(value.toPrecision(12)), text: t };
}

function splitList(body: string): string[] {
  const items: string[] = [];
  const re = /\s*(?:"([^"]*)"|([^,"\s][^,"]*?))\s*(?:,|$)/y;
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m || re.lastIndex === pos)
      throw new CellSyntaxError(
        `cannot read the list "${body}" (items are separated by commas; quote items with spaces)`,
      );
    items.push(m[1] ?? m[2]);
    pos = re.lastIndex;
  }
  if (items.length === 0) throw new CellSyntaxError('empty list');
  return items;
}

function parseList(body: string, def: FactDefinition, negate: boolean): Cell {
  const values: string[] = [];
  const prefixes: string[] = [];
  for (const item of splitList(body)) {
    if (item.endsWith('*')) {
      if (def.type !== 'code') throw new CellSyntaxError(`prefix match "${item}" only works on codes`);
      prefixes.push(item.slice(0, -1));
    } else {
      if (def.values && !def.values.includes(item))
        throw new CellSyntaxError(`"${item}" is not one of ${def.values.join(', ')}`);
      if (def.pattern && !def.pattern.test(item)) throw new CellSyntaxError(`"${item}" is not a valid ${def.label}`);
      values.push(item);
    }
  }
  return { kind: 'list', values, prefixes, negate };
}

/** Parses one cell for a fact of the given definition; throws CellSyntaxError with a reason a person can act on. */
export function parseCell(text: string, def: FactDefinition): Cell {
  const t = text.trim();
  if (t === '-') return { kind: 'any' };
  if (t === '') throw new CellSyntaxError('empty cell (write - for "any value")');
  switch (def.type) {
    case 'boolean':
      if (t === 'true' || t === 'false') return { kind: 'bool', value: t === 'true' };
      throw new CellSyntaxError(`a yes/no fact takes true, false or -, not "${t}"`);
    case 'code':
    case 'enum':
    case 'set': {
      const neg = /^not\s*\((.*)\)$/s.exec(t);
      const list = neg ? parseList(neg[1], def, true) : parseList(t, def, false);
      // On a set-valued fact a list means "holds any of" (negated: "holds none of").
      return def.type === 'set' && list.kind === 'list'
        ? { kind: 'holds', values: list.values, negate: list.negate }
        : list;
    }
    case 'number':
    case 'date': {
      if (def.type === 'date') {
        const w = /^within\s+(\d+)\s*([ymd])$/.exec(t);
        if (w) return { kind: 'within', count: Number(w[1]), unit: w[2] as 'y' | 'm' | 'd' };
      }
      const cmp = /^(<=|>=|!=|<|>|=)\s*(.+)$/s.exec(t);
      if (cmp) return { kind: 'compare', op: cmp[1] as CompareOp, operand: parseOperand(cmp[2], def) };
      const range = /^([[(\]])\s*(.+?)\s*\.\.\s*(.+?)\s*([\])[])$/s.exec(t);
      if (range) {
        const cell: Cell = {
          kind: 'range',
          low: parseOperand(range[2], def),
          high: parseOperand(range[3], def),
          lowInclusive: range[1] === '[',
          highInclusive: range[4] === ']',
        };
        if (cell.low.kind !== 'param' && cell.high.kind !== 'param' && operandValue(cell.low) > operandValue(cell.high))
          throw new CellSyntaxError(`the range "${t}" is empty (low end above high end)`);
        return cell;
      }
      if (t.includes(','))
        throw new CellSyntaxError(
          `lists are for codes and categories; for ${def.label} use a comparison or a range like [1..10]`,
        );
      return { kind: 'compare', op: '=', operand: parseOperand(t, def) };
    }
  }
}

function operandValue(o: Operand): number {
  return o.kind === 'number' ? o.value : o.kind === 'date' ? o.day : NaN;
}

export function cellParameters(cell: Cell): string[] {
  if (cell.kind === 'compare') return cell.operand.kind === 'param' ? [cell.operand.id] : [];
  if (cell.kind === 'range') return [cell.low, cell.high].flatMap((o) => (o.kind === 'param' ? [o.id] : []));
  return [];
}

/** A cell with its parameters and date window resolved for one evaluation date: what both evaluators execute. */
export type Test =
  | { kind: 'any' }
  | {
      kind: 'interval';
      low: number;
      high: number;
      lowInclusive: boolean;
      highInclusive: boolean;
      min: number;
      max: number;
    }
  | { kind: 'notEqual'; value: number }
  | { kind: 'strings'; accept: (value: string) => boolean }
  | { kind: 'set'; anyOf: readonly string[]; negate: boolean }
  | { kind: 'bool'; value: boolean };

const f64 = new Float64Array(1);
const u64 = new BigInt64Array(f64.buffer);

/** The next double above (dir 1) or below (dir -1) v: turns an exclusive bound into an inclusive one exactly. */
export function nextDouble(v: number, dir: 1 | -1): number {
  if (v !== v || v === dir * Infinity) return v;
  if (v === 0) return dir * Number.MIN_VALUE;
  f64[0] = v;
  u64[0] += v > 0 === dir > 0 ? 1n : -1n;
  return f64[0];
}

function interval(low: number, high: number, lowInclusive: boolean, highInclusive: boolean): Test {
  return {
    kind: 'interval',
    low,
    high,
    lowInclusive,
    highInclusive,
    min: lowInclusive ? low : nextDouble(low, 1),
    max: highInclusive ? high : nextDouble(high, -1),
  };
}

export function resolveCell(cell: Cell, param: (id: string) => number, asOfDay: number): Test {
  const value = (o: Operand) => (o.kind === 'param' ? param(o.id) : operandValue(o));
  switch (cell.kind) {
    case 'any':
      return cell;
    case 'bool':
      return cell;
    case 'compare': {
      const v = value(cell.operand);
      switch (cell.op) {
        case '<':
          return interval(-Infinity, v, false, false);
        case '<=':
          return interval(-Infinity, v, false, true);
        case '>':
          return interval(v, Infinity, false, false);
        case '>=':
          return interval(v, Infinity, true, false);
        case '=':
          return interval(v, v, true, true);
        case '!=':
          return { kind: 'notEqual', value: v };
        default:
          throw new Error(`unknown comparison ${String(cell.op)}`);
      }
    }
    case 'range':
      return interval(value(cell.low), value(cell.high), cell.lowInclusive, cell.highInclusive);
    case 'within': {
      const months = cell.unit === 'y' ? cell.count * 12 : cell.unit === 'm' ? cell.count : 0;
      const start = cell.unit === 'd' ? asOfDay - cell.count : addMonths(asOfDay, -months);
      return interval(start, asOfDay, false, true);
    }
    case 'list': {
      const exact = new Set(cell.values);
      const prefixes = cell.prefixes;
      const matches = (s: string) => exact.has(s) || prefixes.some((p) => s.startsWith(p));
      return { kind: 'strings', accept: cell.negate ? (s) => !matches(s) : matches };
    }
    case 'holds':
      return { kind: 'set', anyOf: cell.values, negate: cell.negate };
  }
}

/** State of a number (or day number) against an inclusive interval; NaN is unknown. Branch-free, as the batch kernels need. */
export function intervalState(min: number, max: number, v: number): State {
  const pass = +(v >= min) & +(v <= max);
  return (2 - 2 * pass - +(v !== v)) as State;
}

export function notEqualState(value: number, v: number): State {
  const known = +(v === v);
  return (2 - 2 * (+(v !== value) & known) - (1 - known)) as State;
}

/** Set membership: "holds any of" (or, negated, "holds none of"). */
export function setState(anyOf: readonly string[], negate: boolean, held: readonly string[] | undefined): State {
  if (held === undefined) return UNKNOWN;
  const hit = anyOf.some((c) => held.includes(c));
  return hit !== negate ? PASS : FAIL;
}

/** Scalar evaluation used by the single-enterprise evaluator; the batch kernels in batch.ts implement the same functions over columns. */
export function testState(test: Test, value: number | string | boolean | readonly string[] | undefined): State {
  switch (test.kind) {
    case 'any':
      return PASS;
    case 'interval':
      return intervalState(test.min, test.max, value === undefined ? NaN : (value as number));
    case 'notEqual':
      return notEqualState(test.value, value === undefined ? NaN : (value as number));
    case 'strings':
      return value === undefined ? UNKNOWN : test.accept(value as string) ? PASS : FAIL;
    case 'set':
      return setState(test.anyOf, test.negate, value as readonly string[] | undefined);
    case 'bool':
      return value === undefined ? UNKNOWN : value === test.value ? PASS : FAIL;
  }
}

/** How far a failed numeric value is from passing, relative to the threshold (0.1 = 10% short); Infinity when not numeric. */
export function relativeGap(test: Test, v: number): number {
  if (test.kind !== 'interval' || v !== v) return Infinity;
  const bound = v < test.low || (v === test.low && !test.lowInclusive) ? test.low : test.high;
  if (!Number.isFinite(bound)) return Infinity;
  return Math.abs(v - bound) / Math.max(Math.abs(bound), 1e-9);
}
