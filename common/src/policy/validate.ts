// Validation on save: parses every cell and formula of a rule, names the row and column of each problem, and checks unique tables for overlaps and gaps.
import { type Cell, CellSyntaxError, cellParameters, parseCell, resolveCell, testState, type Test } from './cell.ts';
import { fromDay, isIsoDate, toDay } from './dates.ts';
import { type Expr, ExpressionSyntaxError, expressionRefs, parseExpression } from './expression.ts';
import { type FactDefinition, type FactKey, FACTS, isFactKey } from './facts.ts';
import { parameterChangeDates, type ParameterRegistry, snapshotParameters } from './parameters.ts';
import { type HitPolicy, type Rule, RuleSchema } from './rule.ts';

export type IssueCode =
  | 'schema'
  | 'row_width'
  | 'duplicate_id'
  | 'unknown_fact'
  | 'bad_cell'
  | 'unknown_parameter'
  | 'type_mismatch'
  | 'bad_output'
  | 'bad_formula'
  | 'unknown_name'
  | 'overlap'
  | 'gap';

export interface RuleIssue {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** 1-based table row, as a person counts them. */
  row?: number;
  /** Input or output column id, or the place in the rule (exclusions.x, amount.step). */
  column?: string;
  message: string;
}

export type OutputValue =
  | { kind: 'number'; value: number }
  | { kind: 'param'; id: string }
  | { kind: 'string'; value: string };

export interface CheckedInput {
  id: string;
  label: string;
  fact: FactKey;
  def: FactDefinition;
}

export type CheckedExclusion =
  | { kind: 'fact'; id: string; label: string; fact: FactKey; def: FactDefinition; cell: Cell; text: string }
  | { kind: 'received'; id: string; label: string; window: 'calendar-year' | '12-months' };

export interface CheckedStep {
  id: string;
  label: string;
  text: string;
  expr: Expr;
}

/** A rule whose every cell and formula is parsed and whose every name is known: the only input the compiler accepts. */
export interface CheckedRule {
  rule: ReturnType<typeof RuleSchema.parse>;
  hitPolicy: HitPolicy;
  inputs: CheckedInput[];
  cells: Cell[][];
  outputs: { id: string; label: string; type: 'number' | 'string' }[];
  rowOutputs: OutputValue[][];
  /** Priority rank of each row (lower wins) under the priority hit policy; row index otherwise. */
  rowRank: number[];
  exclusions: CheckedExclusion[];
  steps: CheckedStep[];
  cap?: CheckedStep;
  parameters: string[];
}

export type CheckResult =
  | { ok: true; checked: CheckedRule; warnings: RuleIssue[] }
  | { ok: false; errors: RuleIssue[]; warnings: RuleIssue[] };

export class RuleValidationError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`invalid rule: ${issues.map(formatIssue).join('; ')}`);
  }
}

export function formatIssue(issue: RuleIssue): string {
  const where = [
    issue.row !== undefined ? `row ${issue.row}` : '',
    issue.column !== undefined ? `column "${issue.column}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

const MISMATCH_ON_CATEGORY = /^(<=|>=|!=|<|>|=|\[|\(|\]|within\b)/;

/** A cell of the wrong kind for its column gets a type-mismatch message rather than a parse error. */
function typeMismatch(text: string, def: FactDefinition): string | undefined {
  const t = text.trim();
  if (
    (def.type === 'code' || def.type === 'enum' || def.type === 'set' || def.type === 'boolean') &&
    MISMATCH_ON_CATEGORY.test(t)
  )
    return `"${t}" compares values, but ${def.label} is ${def.type === 'boolean' ? 'yes/no' : 'a category'}`;
  if (def.type === 'number' && (isIsoDate(t.replace(/^(<=|>=|!=|<|>|=)\s*/, '')) || /^within\b/.test(t)))
    return `"${t}" is about dates, but ${def.label} is a number`;
  if (def.type === 'date' && /^(<=|>=|!=|<|>|=)?\s*-?\d+(\.\d+)?(%|万|亿)?$/.test(t))
    return `"${t}" is a number, but ${def.label} is a date (write 2024-01-01 or within 3y)`;
  return undefined;
}

const UNIT_COMPATIBLE: Record<string, string[]> = {
  yuan: ['yuan'],
  ratio: ['ratio'],
  persons: ['persons', 'count'],
  years: ['years', 'count'],
};

interface Collector {
  errors: RuleIssue[];
  warnings: RuleIssue[];
  params: Set<string>;
}

function error(c: Collector, code: IssueCode, message: string, row?: number, column?: string): void {
  c.errors.push({
    code,
    severity: 'error',
    message,
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
  });
}

function checkCell(
  c: Collector,
  registry: ParameterRegistry,
  text: string,
  def: FactDefinition,
  row: number | undefined,
  column: string,
): Cell | undefined {
  const mismatch = typeMismatch(text, def);
  if (mismatch) return void error(c, 'type_mismatch', mismatch, row, column);
  let cell: Cell;
  try {
    cell = parseCell(text, def);
  } catch (e) {
    if (e instanceof CellSyntaxError) return void error(c, 'bad_cell', `bad cell "${text}": ${e.message}`, row, column);
    throw e;
  }
  for (const pid of cellParameters(cell)) {
    const p = registry.get(pid);
    if (!p) {
      error(c, 'unknown_parameter', `unknown parameter $${pid}`, row, column);
      continue;
    }
    c.params.add(pid);
    if (def.type === 'date')
      error(c, 'type_mismatch', `$${pid} is a number (${p.unit}) but ${def.label} is a date`, row, column);
    else if (def.unit && !UNIT_COMPATIBLE[def.unit]?.includes(p.unit))
      error(c, 'type_mismatch', `$${pid} is in ${p.unit} but ${def.label} is in ${def.unit}`, row, column);
  }
  return cell;
}

function checkFact(c: Collector, fact: string, row: number | undefined, column: string): FactKey | undefined {
  if (isFactKey(fact)) return fact;
  error(c, 'unknown_fact', `unknown fact "${fact}" (known: ${Object.keys(FACTS).join(', ')})`, row, column);
  return undefined;
}

function checkFormula(
  c: Collector,
  registry: ParameterRegistry,
  text: string,
  column: string,
  steps: Set<string>,
  numberOutputs: Set<string>,
  outputsAllowed: boolean,
): Expr | undefined {
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError)
      return void error(c, 'bad_formula', `bad formula "${text}": ${e.message}`, undefined, column);
    throw e;
  }
  for (const ref of expressionRefs(expr)) {
    if (ref.kind === 'param') {
      if (registry.has(ref.id)) c.params.add(ref.id);
      else error(c, 'unknown_parameter', `unknown parameter $${ref.id}`, undefined, column);
    } else if (ref.kind === 'out') {
      if (!outputsAllowed)
        error(
          c,
          'bad_formula',
          `out.${ref.id} is a list under the collect hit policy; use collect-sum to add outputs up`,
          undefined,
          column,
        );
      else if (!numberOutputs.has(ref.id))
        error(c, 'unknown_name', `out.${ref.id} is not a number output of the table`, undefined, column);
    } else if (!steps.has(ref.id)) {
      if (!isFactKey(ref.id))
        error(c, 'unknown_name', `unknown name "${ref.id}" (not a fact or an earlier step)`, undefined, column);
      else if (FACTS[ref.id].type !== 'number')
        error(c, 'type_mismatch', `${ref.id} (${FACTS[ref.id].label}) is not a number`, undefined, column);
    }
  }
  return expr;
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** Checks a rule as saved by an editor; on success returns the parsed form the compiler uses. */
export function checkRule(input: unknown, registry: ParameterRegistry): CheckResult {
  const parsed = RuleSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      warnings: [],
      errors: parsed.error.issues.map((i) => ({
        code: 'schema',
        severity: 'error',
        column: i.path.join('.'),
        message: i.message,
      })),
    };
  }
  const rule = parsed.data;
  const c: Collector = { errors: [], warnings: [], params: new Set() };

  for (const dup of duplicates([...rule.inputs.map((i) => i.id), ...rule.exclusions.map((x) => x.id)]))
    error(c, 'duplicate_id', `criterion id "${dup}" is used twice`, undefined, dup);
  for (const dup of duplicates(rule.outputs.map((o) => o.id)))
    error(c, 'duplicate_id', `output id "${dup}" is used twice`, undefined, dup);

  const inputs: (CheckedInput | undefined)[] = rule.inputs.map((inp) => {
    const fact = checkFact(c, inp.fact, undefined, inp.id);
    return fact && { id: inp.id, label: inp.label ?? FACTS[fact].label, fact, def: FACTS[fact] };
  });

  const priorityOutput = rule.outputs.find((o) => o.priority);
  if (rule.hitPolicy === 'priority' && !priorityOutput)
    error(c, 'bad_output', 'the priority hit policy needs an output with a priority list (most preferred value first)');

  const cells: Cell[][] = [];
  const rowOutputs: OutputValue[][] = [];
  const rowRank: number[] = [];
  rule.rows.forEach((row, r) => {
    const n = r + 1;
    if (row.cells.length !== rule.inputs.length)
      error(c, 'row_width', `has ${row.cells.length} cells for ${rule.inputs.length} input columns`, n);
    if (row.outputs.length !== rule.outputs.length)
      error(c, 'row_width', `has ${row.outputs.length} outputs for ${rule.outputs.length} output columns`, n);
    cells.push(
      rule.inputs.map((inp, k) => {
        const input = inputs[k];
        const text = row.cells[k];
        if (!input || text === undefined) return { kind: 'any' } as Cell;
        return checkCell(c, registry, text, input.def, n, inp.id) ?? ({ kind: 'any' } as Cell);
      }),
    );
    rowOutputs.push(
      rule.outputs.map((out, k) => {
        const text = (row.outputs[k] ?? '').trim();
        if (out.type === 'string') {
          if (out.priority && !out.priority.includes(text))
            error(
              c,
              'bad_output',
              `"${text}" is not in the priority list of ${out.id} (${out.priority.join(', ')})`,
              n,
              out.id,
            );
          return { kind: 'string', value: text };
        }
        if (/^\$[a-z][a-z0-9_]*$/.test(text)) {
          if (!registry.has(text.slice(1))) error(c, 'unknown_parameter', `unknown parameter ${text}`, n, out.id);
          else c.params.add(text.slice(1));
          return { kind: 'param', id: text.slice(1) };
        }
        const expr = (() => {
          try {
            return parseExpression(text);
          } catch {
            return undefined;
          }
        })();
        if (!expr || expr.kind !== 'number') {
          error(
            c,
            'type_mismatch',
            `output ${out.id} is a number: write a number (e.g. 300000, 50万) or a $parameter, not "${text}"`,
            n,
            out.id,
          );
          return { kind: 'number', value: NaN };
        }
        return { kind: 'number', value: expr.value };
      }),
    );
    const rankText = priorityOutput ? row.outputs[rule.outputs.indexOf(priorityOutput)] : undefined;
    rowRank.push(
      rule.hitPolicy === 'priority' && priorityOutput?.priority && rankText !== undefined
        ? priorityOutput.priority.indexOf(rankText.trim())
        : r,
    );
  });

  const exclusions: CheckedExclusion[] = [];
  for (const x of rule.exclusions) {
    if ('receivedWithin' in x) {
      exclusions.push({ kind: 'received', id: x.id, label: x.label, window: x.receivedWithin });
      continue;
    }
    const fact = checkFact(c, x.fact, undefined, `exclusions.${x.id}`);
    if (!fact) continue;
    const cell = checkCell(c, registry, x.test, FACTS[fact], undefined, `exclusions.${x.id}`);
    if (cell) exclusions.push({ kind: 'fact', id: x.id, label: x.label, fact, def: FACTS[fact], cell, text: x.test });
  }

  const steps: CheckedStep[] = [];
  let cap: CheckedStep | undefined;
  if (rule.amount) {
    const numberOutputs = new Set(rule.outputs.filter((o) => o.type === 'number').map((o) => o.id));
    const outputsAllowed = rule.hitPolicy !== 'collect';
    const known = new Set<string>();
    for (const step of rule.amount.steps) {
      if (isFactKey(step.id))
        error(c, 'duplicate_id', `step id "${step.id}" is also a fact name`, undefined, `amount.${step.id}`);
      const expr = checkFormula(c, registry, step.expr, `amount.${step.id}`, known, numberOutputs, outputsAllowed);
      if (expr) steps.push({ id: step.id, label: step.label, text: step.expr, expr });
      known.add(step.id);
    }
    if (rule.amount.cap) {
      const expr = checkFormula(c, registry, rule.amount.cap.expr, 'amount.cap', known, numberOutputs, outputsAllowed);
      if (expr) cap = { id: 'cap', label: rule.amount.cap.label ?? '上限', text: rule.amount.cap.expr, expr };
    }
  }

  const startDay = toDay(rule.effectiveFrom);
  for (const pid of c.params) {
    const first = registry.get(pid)?.versions[0];
    if (first && toDay(first.effectiveFrom) > startDay)
      error(
        c,
        'unknown_parameter',
        `$${pid} has no value in force on ${rule.effectiveFrom} (its first version takes effect on ${first.effectiveFrom})`,
      );
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors, warnings: c.warnings };
  const checked: CheckedRule = {
    rule,
    hitPolicy: rule.hitPolicy,
    inputs: inputs as CheckedInput[],
    cells,
    outputs: rule.outputs.map((o) => ({ id: o.id, label: o.label ?? o.id, type: o.type })),
    rowOutputs,
    rowRank,
    exclusions,
    steps,
    cap,
    parameters: [...c.params].sort(),
  };
  if (rule.hitPolicy === 'unique') analyseUnique(checked, registry, c);
  return c.errors.length > 0
    ? { ok: false, errors: c.errors, warnings: c.warnings }
    : { ok: true, checked, warnings: c.warnings };
}

/** Same as checkRule but only the verdict, for an editor's save button. */
export function validateRule(
  input: unknown,
  registry: ParameterRegistry,
): { ok: boolean; errors: RuleIssue[]; warnings: RuleIssue[] } {
  const result = checkRule(input, registry);
  return { ok: result.ok, errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

export function assertValidRule(input: unknown, registry: ParameterRegistry): CheckedRule {
  const result = checkRule(input, registry);
  if (!result.ok) throw new RuleValidationError(result.errors);
  return result.checked;
}

// ---- unique hit policy: overlaps (errors) and gaps (warnings), decided at every date a parameter changes ----

function intervalsOf(test: Test): [number, number, boolean, boolean][] | undefined {
  if (test.kind === 'interval') return [[test.low, test.high, test.lowInclusive, test.highInclusive]];
  if (test.kind === 'notEqual')
    return [
      [-Infinity, test.value, false, false],
      [test.value, Infinity, false, false],
    ];
  return undefined;
}

function intervalsMeet(a: [number, number, boolean, boolean], b: [number, number, boolean, boolean]): boolean {
  const [lo, loInc] = a[0] > b[0] ? [a[0], a[2]] : a[0] < b[0] ? [b[0], b[2]] : [a[0], a[2] && b[2]];
  const [hi, hiInc] = a[1] < b[1] ? [a[1], a[3]] : a[1] > b[1] ? [b[1], b[3]] : [a[1], a[3] && b[3]];
  return lo < hi || (lo === hi && loInc && hiInc);
}

function matchesList(values: string[], prefixes: string[], s: string): boolean {
  return values.includes(s) || prefixes.some((p) => s.startsWith(p));
}

/** Can one enterprise satisfy both cells of a column? Answers true when unsure, so only certain overlaps are reported. */
function cellsMeet(a: Cell, b: Cell, ta: Test, tb: Test, def: FactDefinition): boolean {
  if (a.kind === 'any' || b.kind === 'any') return true;
  const ia = intervalsOf(ta);
  const ib = intervalsOf(tb);
  if (ia && ib) return ia.some((x) => ib.some((y) => intervalsMeet(x, y)));
  if (a.kind === 'bool' && b.kind === 'bool') return a.value === b.value;
  if (def.type === 'enum' && ta.kind === 'strings' && tb.kind === 'strings')
    return (def.values ?? []).some((v) => ta.accept(v) && tb.accept(v));
  if (a.kind === 'list' && b.kind === 'list') {
    if (a.negate && b.negate) return true;
    if (a.negate || b.negate) {
      const [pos, neg] = a.negate ? [b, a] : [a, b];
      return (
        pos.values.some((v) => !matchesList(neg.values, neg.prefixes, v)) ||
        pos.prefixes.some((q) => !neg.prefixes.some((p) => q.startsWith(p)))
      );
    }
    return (
      a.values.some((v) => matchesList(b.values, b.prefixes, v)) ||
      b.values.some((v) => matchesList(a.values, a.prefixes, v)) ||
      a.prefixes.some((p) => b.prefixes.some((q) => p.startsWith(q) || q.startsWith(p)))
    );
  }
  if (a.kind === 'holds' && b.kind === 'holds') {
    if (a.negate === b.negate) return true;
    const [pos, neg] = a.negate ? [b, a] : [a, b];
    return pos.values.some((v) => !neg.values.includes(v));
  }
  return true;
}

interface Segment {
  label: string;
  value: number | string | boolean | string[];
}

/** Elementary pieces of one column's domain such that every cell either holds or fails on a whole piece. */
function segmentsOf(column: number, tests: Test[][], def: FactDefinition, cells: Cell[][]): Segment[] | undefined {
  if (cells.every((row) => row[column].kind === 'any')) return [{ label: '', value: NaN }];
  if (def.type === 'boolean') return [true, false].map((v) => ({ label: `= ${v}`, value: v }));
  if (def.type === 'enum') return (def.values ?? []).map((v) => ({ label: `= ${v}`, value: v }));
  if (def.type !== 'number' && def.type !== 'date') return undefined;
  const floor = def.type === 'number' && !def.signed ? 0 : -Infinity;
  const points = new Set<number>();
  for (const row of tests)
    for (const iv of intervalsOf(row[column]) ?? [])
      for (const b of [iv[0], iv[1]]) if (Number.isFinite(b) && b >= floor) points.add(b);
  if (floor === 0) points.add(0);
  const sorted = [...points].sort((x, y) => x - y);
  const show = (v: number) => (def.type === 'date' ? fromDay(v) : String(v));
  const segments: Segment[] = [];
  sorted.forEach((p, i) => {
    if (i === 0 && floor === -Infinity) segments.push({ label: `< ${show(p)}`, value: p - 1 });
    segments.push({ label: `= ${show(p)}`, value: p });
    const next = sorted[i + 1];
    segments.push(
      next === undefined
        ? { label: `> ${show(p)}`, value: p + 1 }
        : { label: `∈ (${show(p)}, ${show(next)})`, value: (p + next) / 2 },
    );
  });
  return segments;
}

const MAX_GAP_COMBINATIONS = 20_000;

function analyseUnique(checked: CheckedRule, registry: ParameterRegistry, c: Collector): void {
  const dates = new Set([
    checked.rule.effectiveFrom,
    ...parameterChangeDates(registry, checked.parameters).filter((d) => d > checked.rule.effectiveFrom),
  ]);
  const overlaps = new Set<string>();
  const gaps = new Set<string>();
  for (const date of dates) {
    const snapshot = snapshotParameters(registry, date);
    const param = (id: string) => snapshot.values.get(id)?.value ?? NaN;
    const tests = checked.cells.map((row) => row.map((cell) => resolveCell(cell, param, snapshot.day)));
    const rows = checked.cells.length;
    for (let a = 0; a < rows; a++)
      for (let b = a + 1; b < rows; b++) {
        const key = `${a}:${b}`;
        if (overlaps.has(key)) continue;
        if (
          checked.inputs.every((inp, k) =>
            cellsMeet(checked.cells[a][k], checked.cells[b][k], tests[a][k], tests[b][k], inp.def),
          )
        ) {
          overlaps.add(key);
          error(
            c,
            'overlap',
            `rows ${a + 1} and ${b + 1} overlap (as of ${date}): an enterprise can match both, which the unique hit policy forbids`,
            b + 1,
          );
        }
      }
    if (rows < 2) continue;
    const segments = checked.inputs.map((inp, k) => segmentsOf(k, tests, inp.def, checked.cells));
    if (segments.some((s) => s === undefined)) continue;
    const all = segments as Segment[][];
    if (all.reduce((n, s) => n * s.length, 1) > MAX_GAP_COMBINATIONS) continue;
    const missing: string[] = [];
    const pick = new Array<Segment>(all.length);
    const walk = (k: number): void => {
      if (k === all.length) {
        const covered = tests.some((row) =>
          row.every(
            (t, j) => checked.cells.every((r) => r[j].kind === 'any') || testState(t, pick[j].value as never) === 0,
          ),
        );
        if (!covered)
          missing.push(
            pick
              .map((s, j) => (s.label ? `${checked.inputs[j].id} ${s.label}` : ''))
              .filter(Boolean)
              .join(', '),
          );
        return;
      }
      for (const s of all[k]) {
        pick[k] = s;
        walk(k + 1);
      }
    };
    walk(0);
    for (const m of missing) {
      if (gaps.has(m)) continue;
      gaps.add(m);
      if (gaps.size <= 5)
        c.warnings.push({ code: 'gap', severity: 'warning', message: `no row covers ${m} (as of ${date})` });
    }
  }
  if (gaps.size > 5)
    c.warnings.push({
      code: 'gap',
      severity: 'warning',
      message: `… and ${gaps.size - 5} more uncovered combinations`,
    });
}

/** The day a rule takes effect, for choosing the version in force on a date. */
export function ruleEffectiveDay(rule: Pick<Rule, 'effectiveFrom'>): number {
  return toDay(rule.effectiveFrom);
}
