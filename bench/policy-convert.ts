// Benchmark-only converters: our bound decision tables as json-rules-engine rules and GoRules JDM decision tables, and one enterprise's facts as their input.
import type { BoundRule } from '../common/src/policy/engine.ts';
import type { Cell, Test } from '../common/src/policy/cell.ts';
import type { PreparedColumns } from '../common/src/policy/columns.ts';
import { NO_DAY } from '../common/src/policy/dates.ts';
import { BASE_FACT_KEYS, BASE_FACTS, DERIVED_FACTS, type FactKey } from '../common/src/policy/facts.ts';

type Json = Record<string, unknown>;

/** One enterprise as a flat object: dates as day numbers, derived facts computed, a received_<item> flag per receipt this year. */
export function factsOf(data: PreparedColumns, i: number): Json {
  const c = data.columns;
  const out: Json = {};
  for (const key of BASE_FACT_KEYS) {
    const type = BASE_FACTS[key].type;
    if (type === 'number') out[key] = nullIfNaN(c.numbers[key as keyof typeof c.numbers][i]);
    else if (type === 'date') {
      const d = c.dates[key as keyof typeof c.dates][i];
      out[key] = d === NO_DAY ? null : d;
    } else if (type === 'code' || type === 'enum') {
      const col = c.dicts[key as keyof typeof c.dicts];
      out[key] = col.codes[i] < 0 ? null : col.dict[col.codes[i]];
    } else if (type === 'set') {
      const col = c.sets[key as keyof typeof c.sets];
      out[key] = col.known[i] ? col.dict.filter((_, b) => col.bits[i] & (1 << b)) : null;
    } else {
      const v = c.booleans[key as keyof typeof c.booleans][i];
      out[key] = v === 2 ? null : v === 1;
    }
  }
  for (const key of Object.keys(DERIVED_FACTS) as FactKey[]) out[key] = nullIfNaN(data.number(key)[i]);
  return out;
}

/** received_<itemId> = true for enterprises excluded by "already received" on the evaluation date. */
export function addReceivedFlags(facts: Json, data: PreparedColumns, i: number, bounds: readonly BoundRule[]): Json {
  for (const b of bounds)
    for (const x of b.exclusions)
      if (x.kind === 'received' && data.receivedMask(b.compiled.itemId, 'calendar-year')[i])
        facts[`received_${flagId(b)}`] = true;
  return facts;
}

function flagId(b: BoundRule): string {
  return b.compiled.itemId.replace(/[^a-zA-Z0-9]/g, '_');
}

function nullIfNaN(v: number): number | null {
  return v === v ? v : null;
}

const q = (s: string) => JSON.stringify(s);

/** A resolved test as a ZEN unary expression over `$`. */
function zenTest(test: Test, cell: Cell): string {
  switch (test.kind) {
    case 'any':
      return '';
    case 'interval':
      // The written bounds, not the nudged inclusive ones: ZEN compares decimals and 1.79e308 overflows them.
      return (
        [
          Number.isFinite(test.low) ? `$ ${test.lowInclusive ? '>=' : '>'} ${test.low}` : '',
          Number.isFinite(test.high) ? `$ ${test.highInclusive ? '<=' : '<'} ${test.high}` : '',
        ]
          .filter(Boolean)
          .join(' and ') || '$ != null'
      );
    case 'notEqual':
      return `$ != ${test.value}`;
    case 'bool':
      return `$ == ${test.value}`;
    case 'set': {
      const any = `some($, # in [${test.anyOf.map(q).join(', ')}])`;
      return test.negate ? `not(${any})` : any;
    }
    case 'strings': {
      if (cell.kind !== 'list') throw new Error('string test without a list cell');
      const parts = [
        ...(cell.values.length ? [`$ in [${cell.values.map(q).join(', ')}]`] : []),
        ...cell.prefixes.map((p) => `startsWith($, ${q(p)})`),
      ];
      const any = parts.join(' or ');
      return cell.negate ? `not(${any})` : any;
    }
  }
}

/** Eligibility as a JDM graph: one decision table whose rows are our rows plus one column per exclusion (hit policy first). */
export function toJdm(bound: BoundRule): Json {
  const c = bound.compiled.checked;
  const inputs = c.inputs.map((inp, k) => ({ id: `i${k}`, name: inp.id, field: inp.fact }));
  const exclusionInputs = bound.exclusions.map((x, j) => ({
    id: `x${j}`,
    name: x.id,
    field: x.kind === 'received' ? `received_${flagId(bound)}` : (x.fact as string),
  }));
  const exclusionCells = Object.fromEntries(
    bound.exclusions.map((x, j) => {
      const cx = c.exclusions[j];
      return [
        `x${j}`,
        x.kind === 'received'
          ? '$ != true'
          : `$ != null and not(${zenTest(x.test as Test, cx.kind === 'fact' ? cx.cell : ({ kind: 'any' } as Cell))})`,
      ];
    }),
  );
  const rules = bound.tests.map((row, r) => ({
    _id: `r${r}`,
    ...Object.fromEntries(row.map((t, k) => [`i${k}`, zenTest(t, c.cells[r][k])])),
    ...exclusionCells,
    o0: 'true',
  }));
  return {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: bound.compiled.itemId,
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'first',
          inputs: [...inputs, ...exclusionInputs],
          outputs: [{ id: 'o0', name: 'eligible', field: 'eligible' }],
          rules,
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
}

/** A resolved test as json-rules-engine conditions (all of them must hold). */
function jreConditions(fact: string, test: Test, cell: Cell): Json[] {
  switch (test.kind) {
    case 'any':
      return [];
    case 'interval':
      return [
        ...(Number.isFinite(test.low)
          ? [{ fact, operator: test.lowInclusive ? 'greaterThanInclusive' : 'greaterThan', value: test.low }]
          : []),
        ...(Number.isFinite(test.high)
          ? [{ fact, operator: test.highInclusive ? 'lessThanInclusive' : 'lessThan', value: test.high }]
          : []),
        ...(!Number.isFinite(test.low) && !Number.isFinite(test.high)
          ? [{ fact, operator: 'notEqual', value: null }]
          : []),
      ];
    case 'notEqual':
      return [{ fact, operator: 'notEqual', value: test.value }];
    case 'bool':
      return [{ fact, operator: 'equal', value: test.value }];
    case 'set':
      return [{ fact, operator: test.negate ? 'holdsNone' : 'holdsAny', value: test.anyOf }];
    case 'strings': {
      if (cell.kind !== 'list') throw new Error('string test without a list cell');
      return [
        {
          fact,
          operator: cell.negate ? 'inNoneOf' : 'inAnyOf',
          value: { values: cell.values, prefixes: cell.prefixes },
        },
      ];
    }
  }
}

/** The operators our cells need that json-rules-engine lacks (prefix lists, set membership); null never matches, as in ours. */
export const JRE_OPERATORS: [string, (a: unknown, b: unknown) => boolean][] = [
  ['holdsAny', (a, b) => Array.isArray(a) && (b as string[]).some((v) => a.includes(v))],
  ['holdsNone', (a, b) => Array.isArray(a) && !(b as string[]).some((v) => a.includes(v))],
  ['inAnyOf', (a, b) => typeof a === 'string' && matchesList(a, b as { values: string[]; prefixes: string[] })],
  ['inNoneOf', (a, b) => typeof a === 'string' && !matchesList(a, b as { values: string[]; prefixes: string[] })],
];

function matchesList(s: string, list: { values: string[]; prefixes: string[] }): boolean {
  return list.values.includes(s) || list.prefixes.some((p) => s.startsWith(p));
}

/** Eligibility as one json-rules-engine rule: any of our rows, and none of the exclusions. */
export function toJre(bound: BoundRule): Json {
  const c = bound.compiled.checked;
  const rows = bound.tests.map((row, r) => ({
    all: row.flatMap((t, k) => jreConditions(c.inputs[k].fact, t, c.cells[r][k])),
  }));
  const exclusions = bound.exclusions.map((x, j) => {
    if (x.kind === 'received') return { fact: `received_${flagId(bound)}`, operator: 'notEqual', value: true };
    const cx = c.exclusions[j];
    // Not excluded: the fact is known and the exclusion test does not hold.
    return {
      all: [
        { fact: x.fact as string, operator: 'notEqual', value: null },
        {
          not: {
            all: jreConditions(
              x.fact as string,
              x.test as Test,
              cx.kind === 'fact' ? cx.cell : ({ kind: 'any' } as Cell),
            ),
          },
        },
      ],
    };
  });
  return {
    name: bound.compiled.itemId,
    conditions: { all: [{ any: rows }, ...exclusions] },
    event: { type: bound.compiled.itemId },
  };
}
