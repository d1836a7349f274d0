// Compiles a checked rule once, binds it to a parameter snapshot, and explains the decision for one enterprise.
import {
  type Cell,
  cellParameters,
  FAIL,
  PASS,
  resolveCell,
  relativeGap,
  type State,
  STATE_NAMES,
  type StateName,
  type Test,
  testState,
  UNKNOWN,
} from './cell.ts';
import { receiptWindowStart, type ReceiptWindow } from './columns.ts';
import { combine, INVERTED, pickRow, STATE_WEIGHT, tableState } from './decide.ts';
import { toDay } from './dates.ts';
import { evaluateExpression, type Expr, finishAmount, type Ref } from './expression.ts';
import {
  ageYearsOf,
  type Enterprise,
  type FactDefinition,
  type FactKey,
  FACT_SOURCE_LABELS,
  FACTS,
  type FactSource,
  rdRatioOf,
} from './facts.ts';
import { describeTest, formatNumber, formatValue } from './format.ts';
import { canonicalJson, fnv1a64 } from './hash.ts';
import type { ParameterRegistry, ParameterSnapshot, ResolvedParameter } from './parameters.ts';
import type { HitPolicy, Rule } from './rule.ts';
import { assertValidRule, type CheckedRule, type CheckedStep } from './validate.ts';

/** Recorded with every decision; bump when the meaning of any rule could change. */
export const POLICY_ENGINE_VERSION = '1.0.0';

export interface CriterionInfo {
  id: string;
  label: string;
  kind: 'condition' | 'exclusion';
  fact?: FactKey;
}

export interface ParameterUse {
  id: string;
  label: string;
  version: number;
  value: number;
  effectiveFrom: string;
  reference: ResolvedParameter['reference'];
}

export interface CriterionResult extends CriterionInfo {
  state: StateName;
  /** The fact value used (day numbers shown as dates), null when unknown. */
  value: number | string | boolean | readonly string[] | null;
  display: string;
  source?: { id: FactSource; label: string };
  asOf?: string;
  /** The cell as written and the requirement it states on the evaluation date. */
  test: string;
  requirement: string;
  parameters: ParameterUse[];
}

export interface AmountStep {
  id: string;
  label: string;
  formula: string;
  value: number | null;
}

export interface AmountExplanation {
  steps: AmountStep[];
  cap: { label: string; formula: string; value: number | null; applied: boolean; parameters: ParameterUse[] } | null;
  /** Whole 元 after the cap; null when a fact it needs is missing. */
  value: number | null;
  parameters: ParameterUse[];
}

export interface NearestMiss {
  criterionId: string;
  label: string;
  value: string;
  requirement: string;
  /** Relative distance to the threshold (0.1 = 10% short); null when the criterion is not numeric. */
  gap: number | null;
  text: string;
}

export type DecisionStatus = 'eligible' | 'unknown' | 'ineligible';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['eligible', 'unknown', 'ineligible'];

/** The explanation kept with every decision for (enterprise, item, date). */
export interface Decision {
  itemId: string;
  uscc: string;
  asOf: string;
  status: DecisionStatus;
  criteria: CriterionResult[];
  table: {
    hitPolicy: HitPolicy;
    /** 1-based rows that match. */
    matchedRows: number[];
    /** The row whose cells are reported: the selected row, or the nearest when none matches. */
    decisiveRow: number;
    /** More than one row matched under the unique hit policy (the first is used). */
    conflict: boolean;
    outputs: Record<string, number | string | null>;
    collected: Record<string, number | string>[];
  };
  amount: AmountExplanation | null;
  nearestMiss: NearestMiss | null;
  missingFacts: FactKey[];
  engineVersion: string;
  ruleVersion: number;
  ruleHash: string;
  parameterSnapshotDate: string;
}

interface FactReading {
  value: number | string | boolean | readonly string[] | undefined;
  source?: FactSource;
  asOf?: string;
}

/** An enterprise read once for one date (dates as day numbers, derived facts computed), reused across all items. */
export interface EnterpriseView {
  enterprise: Enterprise;
  day: number;
  read(key: FactKey): FactReading;
  receivedSince(itemId: string, fromDay: number): boolean;
}

export function viewEnterprise(enterprise: Enterprise, asOf: string): EnterpriseView {
  const day = toDay(asOf);
  const cache = new Map<FactKey, FactReading>();
  const base = (key: FactKey): FactReading => {
    const f = (enterprise.facts as Record<string, { value: unknown; source: FactSource; asOf: string } | undefined>)[
      key
    ];
    if (!f) return { value: undefined };
    const value = FACTS[key].type === 'date' ? toDay(f.value as string) : (f.value as FactReading['value']);
    return { value, source: f.source, asOf: f.asOf };
  };
  const num = (r: FactReading) => (r.value === undefined ? NaN : (r.value as number));
  const compute = (key: FactKey): FactReading => {
    if (key === 'rdRatio') {
      const rd = read('rdSpend');
      const rev = read('revenue');
      const v = rdRatioOf(num(rd), num(rev));
      return v !== v ? { value: undefined } : { value: v, source: rd.source, asOf: [rd.asOf, rev.asOf].sort()[0] };
    }
    if (key === 'ageYears') {
      const est = read('establishedOn');
      const v = ageYearsOf(num(est), day);
      return v !== v ? { value: undefined } : { value: v, source: est.source, asOf: est.asOf };
    }
    return base(key);
  };
  const read = (key: FactKey): FactReading => {
    let r = cache.get(key);
    if (!r) cache.set(key, (r = compute(key)));
    return r;
  };
  return {
    enterprise,
    day,
    read,
    receivedSince: (itemId, from) =>
      (enterprise.receipts ?? []).some((r) => r.itemId === itemId && toDay(r.date) >= from && toDay(r.date) <= day),
  };
}

export interface BoundExclusion {
  id: string;
  kind: 'fact' | 'received';
  fact?: FactKey;
  test?: Test;
  window?: ReceiptWindow;
}

/** A compiled rule bound to one evaluation date: every threshold resolved. Both evaluators run from this. */
export interface BoundRule {
  compiled: CompiledRule;
  snapshot: ParameterSnapshot;
  /** tests[row][input] */
  tests: Test[][];
  exclusions: BoundExclusion[];
  /** Number outputs resolved per row (NaN for string outputs). */
  rowNumbers: Float64Array[];
  byRank: boolean;
  ranks: Int32Array;
  param(id: string): number;
  explain(enterprise: Enterprise | EnterpriseView): Decision;
}

export interface CompiledRule {
  itemId: string;
  version: number;
  effectiveFrom: string;
  effectiveTo?: string;
  hash: string;
  checked: CheckedRule;
  criteria: CriterionInfo[];
  at(snapshot: ParameterSnapshot): BoundRule;
}

/** The content a rule-version hash covers: everything that decides, nothing about its publication. */
export function ruleHash(rule: CheckedRule['rule']): string {
  const { status: _status, hash: _hash, publishedAt: _publishedAt, ...content } = rule;
  return fnv1a64(canonicalJson(content));
}

/** Compiles a rule once (validating it; throws RuleValidationError naming row and column). */
export function compileRule(rule: Rule, registry: ParameterRegistry): CompiledRule {
  const checked = assertValidRule(rule, registry);
  const hash = ruleHash(checked.rule);
  if (checked.rule.hash && checked.rule.hash !== hash)
    throw new Error(
      `rule ${checked.rule.itemId} v${checked.rule.version}: stored hash ${checked.rule.hash} does not match its content (${hash})`,
    );
  const criteria: CriterionInfo[] = [
    ...checked.inputs.map((i) => ({ id: i.id, label: i.label, kind: 'condition' as const, fact: i.fact })),
    ...checked.exclusions.map((x) => ({
      id: x.id,
      label: x.label,
      kind: 'exclusion' as const,
      ...(x.kind === 'fact' ? { fact: x.fact } : {}),
    })),
  ];
  const compiled: CompiledRule = {
    itemId: checked.rule.itemId,
    version: checked.rule.version,
    effectiveFrom: checked.rule.effectiveFrom,
    effectiveTo: checked.rule.effectiveTo,
    hash,
    checked,
    criteria,
    at: (snapshot) => bindRule(compiled, snapshot),
  };
  return compiled;
}

function parameterUses(snapshot: ParameterSnapshot, ids: Iterable<string>): ParameterUse[] {
  return [...new Set(ids)].flatMap((id) => {
    const p = snapshot.values.get(id);
    return p
      ? [
          {
            id,
            label: p.label,
            version: p.version,
            value: p.value,
            effectiveFrom: p.effectiveFrom,
            reference: p.reference,
          },
        ]
      : [];
  });
}

function exprParams(expr: Expr): string[] {
  switch (expr.kind) {
    case 'ref':
      return expr.ref.kind === 'param' ? [expr.ref.id] : [];
    case 'number':
      return [];
    case 'neg':
      return exprParams(expr.arg);
    case 'binary':
      return [...exprParams(expr.left), ...exprParams(expr.right)];
    case 'call':
      return expr.args.flatMap(exprParams);
  }
}

function bindRule(compiled: CompiledRule, snapshot: ParameterSnapshot): BoundRule {
  const c = compiled.checked;
  const param = (id: string) => snapshot.values.get(id)?.value ?? NaN;
  const resolve = (cell: Cell) => resolveCell(cell, param, snapshot.day);
  const tests = c.cells.map((row) => row.map(resolve));
  const exclusions: BoundExclusion[] = c.exclusions.map((x) =>
    x.kind === 'fact'
      ? { id: x.id, kind: 'fact', fact: x.fact, test: resolve(x.cell) }
      : { id: x.id, kind: 'received', window: x.window },
  );
  const rowNumbers = c.rowOutputs.map((outs) =>
    Float64Array.from(outs, (o) => (o.kind === 'number' ? o.value : o.kind === 'param' ? param(o.id) : NaN)),
  );
  const bound: BoundRule = {
    compiled,
    snapshot,
    tests,
    exclusions,
    rowNumbers,
    byRank: c.hitPolicy === 'priority',
    ranks: Int32Array.from(c.rowRank),
    param,
    explain: (e) => explain(bound, 'read' in e ? e : viewEnterprise(e, snapshot.date)),
  };
  return bound;
}

function numeric(value: FactReading['value']): number {
  return typeof value === 'number' ? value : NaN;
}

/** Table outputs for the picked row: collect-sum adds every matching row's numbers in row order (the batch evaluator adds in the same order). */
export function selectedOutputs(
  bound: BoundRule,
  picked: number,
  matches: (r: number) => boolean,
  into: Float64Array,
): void {
  const c = bound.compiled.checked;
  if (picked < 0) return void into.fill(NaN);
  if (c.hitPolicy !== 'collect-sum') return void into.set(bound.rowNumbers[picked]);
  into.fill(0);
  for (let r = 0; r < bound.rowNumbers.length; r++)
    if (matches(r)) for (let o = 0; o < into.length; o++) into[o] += bound.rowNumbers[r][o];
}

function explainAmount(bound: BoundRule, view: EnterpriseView, outs: Float64Array): AmountExplanation {
  const c = bound.compiled.checked;
  const outIndex = new Map(c.outputs.map((o, i) => [o.id, i]));
  const stepValues = new Map<string, number>();
  const lookup = (ref: Ref): number =>
    ref.kind === 'param'
      ? bound.param(ref.id)
      : ref.kind === 'out'
        ? outs[outIndex.get(ref.id) as number]
        : stepValues.has(ref.id)
          ? (stepValues.get(ref.id) as number)
          : numeric(view.read(ref.id as FactKey).value);
  const nullable = (v: number) => (Number.isFinite(v) ? v : null);
  let last = NaN;
  const steps = c.steps.map((s: CheckedStep) => {
    last = evaluateExpression(s.expr, lookup);
    stepValues.set(s.id, last);
    return { id: s.id, label: s.label, formula: s.text, value: nullable(last) };
  });
  const capValue = c.cap ? evaluateExpression(c.cap.expr, lookup) : Infinity;
  const value = finishAmount(last, capValue);
  return {
    steps,
    cap: c.cap
      ? {
          label: c.cap.label,
          formula: c.cap.text,
          value: nullable(capValue),
          applied: last > capValue,
          parameters: parameterUses(bound.snapshot, exprParams(c.cap.expr)),
        }
      : null,
    value: nullable(value),
    parameters: parameterUses(
      bound.snapshot,
      c.steps.flatMap((s) => exprParams(s.expr)),
    ),
  };
}

/** Built with explicit fields (no object spread): explanations are made 207 at a time for the calculator. */
function criterionResult(
  info: CriterionInfo,
  state: State,
  reading: FactReading | undefined,
  def: FactDefinition | undefined,
  test: Test | undefined,
  cellText: string,
  params: ParameterUse[],
  requirementPrefix = '',
): CriterionResult {
  const raw = reading?.value;
  const known = raw !== undefined && !(typeof raw === 'number' && raw !== raw);
  const source = reading?.source;
  return {
    id: info.id,
    label: info.label,
    kind: info.kind,
    fact: info.fact,
    state: STATE_NAMES[state],
    value: !known ? null : def?.type === 'date' ? formatNumber(def, raw as number) : (raw as CriterionResult['value']),
    display: def ? formatValue(def, raw) : '',
    source: source ? { id: source, label: FACT_SOURCE_LABELS[source] } : undefined,
    asOf: reading?.asOf,
    test: cellText,
    requirement: requirementPrefix + (test && def ? describeTest(test, def, cellText) : cellText),
    parameters: params,
  };
}

function nearestMiss(results: CriterionResult[], gaps: number[]): NearestMiss | null {
  let best = -1;
  for (let i = 0; i < results.length; i++) {
    if (results[i].state !== 'fail') continue;
    if (best < 0 || gaps[i] < gaps[best]) best = i;
  }
  if (best < 0) return null;
  const r = results[best];
  const gap = Number.isFinite(gaps[best]) ? gaps[best] : null;
  const text =
    r.kind === 'exclusion'
      ? `${r.label}`
      : `${r.label} ${r.display}，要求 ${r.requirement}${gap !== null ? `（相差 ${Number((gap * 100).toFixed(1))}%）` : ''}`;
  return { criterionId: r.id, label: r.label, value: r.display, requirement: r.requirement, gap, text };
}

function explain(bound: BoundRule, view: EnterpriseView): Decision {
  const c = bound.compiled.checked;
  const rows = c.cells.length;
  const states: State[][] = [];
  const scores = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const rowStates = bound.tests[r].map((t, k) =>
      t.kind === 'any' ? PASS : testState(t, view.read(c.inputs[k].fact).value),
    );
    states.push(rowStates);
    for (const s of rowStates) scores[r] += STATE_WEIGHT[s];
  }
  const picked = pickRow(scores, bound.ranks, rows, bound.byRank);
  const decisive = picked >= 0 ? picked : -picked - 1;
  let status: State = tableState(picked, scores[decisive]);

  const criteria: CriterionResult[] = [];
  const gaps: number[] = [];
  c.inputs.forEach((inp, k) => {
    const reading = view.read(inp.fact);
    const test = bound.tests[decisive][k];
    const state = states[decisive][k];
    const cellText = c.rule.rows[decisive].cells[k];
    criteria.push(
      criterionResult(
        bound.compiled.criteria[k],
        state,
        reading,
        inp.def,
        test,
        cellText,
        parameterUses(bound.snapshot, cellParameters(c.cells[decisive][k])),
      ),
    );
    gaps.push(state === FAIL ? relativeGap(test, numeric(reading.value)) : Infinity);
  });
  c.exclusions.forEach((x, j) => {
    const info = bound.compiled.criteria[c.inputs.length + j];
    const bx = bound.exclusions[j];
    let state: State;
    if (x.kind === 'received') {
      state = view.receivedSince(c.rule.itemId, receiptWindowStart(x.window, view.day)) ? FAIL : PASS;
      criteria.push(
        criterionResult(
          info,
          state,
          undefined,
          undefined,
          undefined,
          x.window === 'calendar-year' ? '本年度已享受' : '近12个月已享受',
          [],
        ),
      );
    } else {
      const reading = view.read(x.fact);
      state = INVERTED[testState(bx.test as Test, reading.value)] as State;
      criteria.push(
        criterionResult(
          info,
          state,
          reading,
          x.def,
          bx.test,
          x.text,
          parameterUses(bound.snapshot, cellParameters(x.cell)),
          '排除：',
        ),
      );
    }
    gaps.push(Infinity);
    status = combine(status, state);
  });

  const matchedRows: number[] = [];
  for (let r = 0; r < rows; r++) if (scores[r] === 0) matchedRows.push(r + 1);
  const outs = new Float64Array(c.outputs.length);
  selectedOutputs(bound, picked, (r) => scores[r] === 0, outs);
  const outputs: Record<string, number | string | null> = {};
  c.outputs.forEach((o, i) => {
    const v = picked < 0 ? null : o.type === 'number' ? outs[i] : (c.rowOutputs[picked][i] as { value: string }).value;
    outputs[o.id] = typeof v === 'number' && v !== v ? null : v;
  });
  const rowValues = (r: number) =>
    Object.fromEntries(
      c.outputs.map((o, i) => [
        o.id,
        o.type === 'number' ? bound.rowNumbers[r][i] : (c.rowOutputs[r][i] as { value: string }).value,
      ]),
    );

  return {
    itemId: c.rule.itemId,
    uscc: view.enterprise.uscc,
    asOf: bound.snapshot.date,
    status: status === PASS ? 'eligible' : status === UNKNOWN ? 'unknown' : 'ineligible',
    criteria,
    table: {
      hitPolicy: c.hitPolicy,
      matchedRows,
      decisiveRow: decisive + 1,
      conflict: c.hitPolicy === 'unique' && matchedRows.length > 1,
      outputs,
      collected:
        c.hitPolicy === 'collect' || c.hitPolicy === 'collect-sum' ? matchedRows.map((r) => rowValues(r - 1)) : [],
    },
    amount: c.steps.length > 0 && status !== FAIL ? explainAmount(bound, view, outs) : null,
    nearestMiss: status === FAIL ? nearestMiss(criteria, gaps) : null,
    missingFacts: [...new Set(criteria.filter((r) => r.state === 'unknown' && r.fact).map((r) => r.fact as FactKey))],
    engineVersion: POLICY_ENGINE_VERSION,
    ruleVersion: bound.compiled.version,
    ruleHash: bound.compiled.hash,
    parameterSnapshotDate: bound.snapshot.date,
  };
}
