// The batch evaluator: one bound rule over columnar enterprises in cache-sized chunks, with eligibility, amounts and per-criterion counts.
import { FAIL, intervalState, notEqualState, PASS, type State, type Test, UNKNOWN } from './cell.ts';
import { BOOL_TRUE, BOOL_UNKNOWN, type PreparedColumns } from './columns.ts';
import { NO_DAY } from './dates.ts';
import { INVERTED, pickRow, STATE_WEIGHT, tableState } from './decide.ts';
import type { BoundRule, CriterionInfo } from './engine.ts';
import { compileExpression, finishAmount, type Ref } from './expression.ts';
import { type DateFactKey, type DictFactKey, type FactKey, FACTS, type SetFactKey, type BooleanFactKey } from './facts.ts';

/** Enterprises per chunk: the cell-state buffers of one item stay in L1/L2 while a chunk is decided. */
export const CHUNK = 2048;

/** Status codes in BatchResult.status (same order as DECISION_STATUSES). */
export const ELIGIBLE = PASS;
export const POSSIBLY_ELIGIBLE = UNKNOWN;
export const INELIGIBLE = FAIL;

export interface BatchResult {
  itemId: string;
  ruleVersion: number;
  ruleHash: string;
  asOf: string;
  population: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  /** Sum of amounts over eligible enterprises whose amount could be computed. */
  totalAmount: number;
  criteria: CriterionInfo[];
  /** Per criterion (same order as `criteria`): enterprises for which it fails / is unknown. */
  failCounts: Int32Array;
  unknownCounts: Int32Array;
  /** Eligible enterprises (row indexes) and their amounts (NaN when a needed fact is missing). */
  candidates: Int32Array;
  candidateAmounts: Float64Array;
  /** "Possibly eligible, needs data" enterprises. */
  possible: Int32Array;
  /** Present when asked for: every enterprise's status and amount. */
  status?: Uint8Array;
  amounts?: Float64Array;
}

export interface BatchOptions {
  /** Also return status and amount arrays for the whole population (costs 9 bytes per enterprise per item). */
  full?: boolean;
}

type Kernel = (start: number, len: number, out: Uint8Array) => void;

/** A kernel per (test, column type): a tight loop over one typed array; the scalar functions are the ones testState uses. */
function kernelFor(test: Test, fact: FactKey, data: PreparedColumns): Kernel {
  const def = FACTS[fact];
  const cols = data.columns;
  switch (test.kind) {
    case 'any':
      return (_s, len, out) => out.fill(PASS, 0, len);
    case 'interval': {
      const { low, high, lowInclusive, highInclusive } = test;
      if (def.type === 'date') {
        const days = cols.dates[fact as DateFactKey];
        return (s, len, out) => {
          for (let j = 0; j < len; j++) {
            const d = days[s + j];
            out[j] = intervalState(low, high, lowInclusive, highInclusive, d === NO_DAY ? NaN : d);
          }
        };
      }
      const values = data.number(fact);
      if (lowInclusive && !highInclusive && high === Infinity)
        return (s, len, out) => {
          for (let j = 0; j < len; j++) {
            const v = values[s + j];
            out[j] = v !== v ? UNKNOWN : v >= low ? PASS : FAIL;
          }
        };
      return (s, len, out) => {
        for (let j = 0; j < len; j++) out[j] = intervalState(low, high, lowInclusive, highInclusive, values[s + j]);
      };
    }
    case 'notEqual': {
      const value = test.value;
      if (def.type === 'date') {
        const days = cols.dates[fact as DateFactKey];
        return (s, len, out) => {
          for (let j = 0; j < len; j++) {
            const d = days[s + j];
            out[j] = notEqualState(value, d === NO_DAY ? NaN : d);
          }
        };
      }
      const values = data.number(fact);
      return (s, len, out) => {
        for (let j = 0; j < len; j++) out[j] = notEqualState(value, values[s + j]);
      };
    }
    case 'strings': {
      const { codes, dict } = cols.dicts[fact as DictFactKey];
      // Deciding each dictionary entry once turns prefix and list matching into one table lookup per enterprise.
      const lut = Uint8Array.from(dict, (v) => (test.accept(v) ? PASS : FAIL));
      return (s, len, out) => {
        for (let j = 0; j < len; j++) {
          const code = codes[s + j];
          out[j] = code < 0 ? UNKNOWN : lut[code];
        }
      };
    }
    case 'set': {
      const { bits, known, dict } = cols.sets[fact as SetFactKey];
      let mask = 0;
      for (const v of test.anyOf) if (dict.indexOf(v) >= 0) mask |= 1 << dict.indexOf(v);
      const hitState = test.negate ? FAIL : PASS;
      const missState = test.negate ? PASS : FAIL;
      return (s, len, out) => {
        for (let j = 0; j < len; j++) {
          const i = s + j;
          out[j] = known[i] === 0 ? UNKNOWN : (bits[i] & mask) !== 0 ? hitState : missState;
        }
      };
    }
    case 'bool': {
      const values = cols.booleans[fact as BooleanFactKey];
      const want = test.value ? BOOL_TRUE : 1 - BOOL_TRUE;
      return (s, len, out) => {
        for (let j = 0; j < len; j++) {
          const v = values[s + j];
          out[j] = v === BOOL_UNKNOWN ? UNKNOWN : v === want ? PASS : FAIL;
        }
      };
    }
  }
}

class IntList {
  data = new Int32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

class FloatList {
  data = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** A running evaluation of one bound rule over prepared columns; call run() on consecutive ranges, then result(). */
export interface ItemBatch {
  run(start: number, end: number): void;
  result(): BatchResult;
}

export function createItemBatch(bound: BoundRule, data: PreparedColumns, options: BatchOptions = {}): ItemBatch {
  const c = bound.compiled.checked;
  const n = data.columns.size;
  const rows = c.cells.length;
  const inputs = c.inputs.length;
  const criteriaCount = bound.compiled.criteria.length;

  // One buffer per distinct (column, cell text); identical cells in several rows are computed once.
  const buffers: Uint8Array[] = [];
  const kernels: Kernel[] = [];
  const byKey = new Map<string, number>();
  /** rowCells[r] = buffer indexes of the row's non-"-" cells; rowCols[r] = their input columns. */
  const rowCells: Int32Array[] = [];
  const rowCols: Int32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const cellIdx: number[] = [];
    const colIdx: number[] = [];
    bound.tests[r].forEach((t, k) => {
      if (t.kind === 'any') return;
      const key = `${k}\u0000${c.rule.rows[r].cells[k].trim()}`;
      let b = byKey.get(key);
      if (b === undefined) {
        b = buffers.push(new Uint8Array(CHUNK)) - 1;
        kernels.push(kernelFor(t, c.inputs[k].fact, data));
        byKey.set(key, b);
      }
      cellIdx.push(b);
      colIdx.push(k);
    });
    rowCells.push(Int32Array.from(cellIdx));
    rowCols.push(Int32Array.from(colIdx));
  }
  const exclusionBuffers = bound.exclusions.map(() => new Uint8Array(CHUNK));
  const exclusionKernels: Kernel[] = bound.exclusions.map((x) => {
    if (x.kind === 'received') {
      const mask = data.receivedMask(c.rule.itemId, x.window as 'calendar-year');
      return (s, len, out) => {
        for (let j = 0; j < len; j++) out[j] = mask[s + j] ? FAIL : PASS;
      };
    }
    const inner = kernelFor(x.test as Test, x.fact as FactKey, data);
    return (s, len, out) => {
      inner(s, len, out);
      for (let j = 0; j < len; j++) out[j] = INVERTED[out[j]];
    };
  });

  // Amount formulas compiled to closures over the enterprise index, reading the same columns.
  const outs = new Float64Array(c.outputs.length);
  const stepValues = new Float64Array(c.steps.length);
  const outIndex = new Map(c.outputs.map((o, i) => [o.id, i]));
  const stepIndex = new Map(c.steps.map((s, i) => [s.id, i]));
  const reader = (ref: Ref): ((i: number) => number) => {
    if (ref.kind === 'param') {
      const v = bound.param(ref.id);
      return () => v;
    }
    if (ref.kind === 'out') {
      const o = outIndex.get(ref.id) as number;
      return () => outs[o];
    }
    const s = stepIndex.get(ref.id);
    if (s !== undefined) return () => stepValues[s];
    const col = data.number(ref.id as FactKey);
    return (i) => col[i];
  };
  const steps = c.steps.map((s) => compileExpression(s.expr, reader));
  const cap = c.cap ? compileExpression(c.cap.expr, reader) : () => Infinity;
  const hasAmount = steps.length > 0;
  const collectSum = c.hitPolicy === 'collect-sum';

  const failCounts = new Int32Array(criteriaCount);
  const unknownCounts = new Int32Array(criteriaCount);
  const candidates = new IntList();
  const candidateAmounts = new FloatList();
  const possible = new IntList();
  const status = options.full ? new Uint8Array(n) : undefined;
  const amounts = options.full ? new Float64Array(n).fill(NaN) : undefined;
  const scores = new Float64Array(rows);
  let eligible = 0;
  let unknown = 0;
  let totalAmount = 0;

  const decideAmount = (i: number, picked: number): number => {
    if (picked < 0) outs.fill(NaN);
    else if (!collectSum) outs.set(bound.rowNumbers[picked]);
    else {
      outs.fill(0);
      for (let r = 0; r < rows; r++) if (scores[r] === 0) for (let o = 0; o < outs.length; o++) outs[o] += bound.rowNumbers[r][o];
    }
    let last = NaN;
    for (let s = 0; s < steps.length; s++) stepValues[s] = last = steps[s](i);
    return finishAmount(last, cap(i));
  };

  const runChunk = (s: number, len: number): void => {
    for (let b = 0; b < kernels.length; b++) kernels[b](s, len, buffers[b]);
    for (let x = 0; x < exclusionKernels.length; x++) exclusionKernels[x](s, len, exclusionBuffers[x]);
    for (let j = 0; j < len; j++) {
      for (let r = 0; r < rows; r++) {
        const cells = rowCells[r];
        let score = 0;
        for (let m = 0; m < cells.length; m++) score += STATE_WEIGHT[buffers[cells[m]][j]];
        scores[r] = score;
      }
      const picked = rows === 1 ? (scores[0] === 0 ? 0 : -1) : pickRow(scores, bound.ranks, rows, bound.byRank);
      const decisive = picked >= 0 ? picked : -picked - 1;
      let st: State = tableState(picked, scores[decisive]);
      if (picked < 0) {
        const cells = rowCells[decisive];
        const cols = rowCols[decisive];
        for (let m = 0; m < cells.length; m++) {
          const v = buffers[cells[m]][j];
          if (v === FAIL) failCounts[cols[m]]++;
          else if (v === UNKNOWN) unknownCounts[cols[m]]++;
        }
      }
      for (let x = 0; x < exclusionBuffers.length; x++) {
        const v = exclusionBuffers[x][j] as State;
        if (v === FAIL) failCounts[inputs + x]++;
        else if (v === UNKNOWN) unknownCounts[inputs + x]++;
        if (v > st) st = v;
      }
      const i = s + j;
      if (status) status[i] = st;
      if (st === FAIL) continue;
      const amount = hasAmount ? decideAmount(i, picked) : NaN;
      if (amounts) amounts[i] = amount;
      if (st === PASS) {
        eligible++;
        candidates.push(i);
        candidateAmounts.push(amount);
        if (amount === amount) totalAmount += amount;
      } else {
        unknown++;
        possible.push(i);
      }
    }
  };

  return {
    run(start, end) {
      for (let s = start; s < end; s += CHUNK) runChunk(s, Math.min(CHUNK, end - s));
    },
    result: () => ({
      itemId: c.rule.itemId,
      ruleVersion: bound.compiled.version,
      ruleHash: bound.compiled.hash,
      asOf: bound.snapshot.date,
      population: n,
      eligible,
      unknown,
      ineligible: n - eligible - unknown,
      totalAmount,
      criteria: bound.compiled.criteria,
      failCounts,
      unknownCounts,
      candidates: candidates.toArray(),
      candidateAmounts: candidateAmounts.toArray(),
      possible: possible.toArray(),
      ...(status ? { status } : {}),
      ...(amounts ? { amounts } : {}),
    }),
  };
}

/** Evaluates one bound rule over the whole population. */
export function evaluateColumns(bound: BoundRule, data: PreparedColumns, options: BatchOptions = {}): BatchResult {
  const batch = createItemBatch(bound, data, options);
  batch.run(0, data.columns.size);
  return batch.result();
}

/**
 * All items over the whole population, chunk by chunk so each chunk's columns stay in cache across items.
 * `onProgress` is called after every `progressEvery` enterprises (for a background job's progress bar).
 */
export function sweep(
  bounds: readonly BoundRule[],
  data: PreparedColumns,
  options: BatchOptions & { progressEvery?: number; onProgress?: (done: number, total: number) => void } = {},
): BatchResult[] {
  const batches = bounds.map((b) => createItemBatch(b, data, options));
  const n = data.columns.size;
  const step = Math.max(CHUNK, Math.floor((options.progressEvery ?? 65536) / CHUNK) * CHUNK);
  for (let s = 0; s < n; s += step) {
    const end = Math.min(n, s + step);
    for (let c = s; c < end; c += CHUNK) {
      const e = Math.min(end, c + CHUNK);
      for (const batch of batches) batch.run(c, e);
    }
    options.onProgress?.(end, n);
  }
  return batches.map((b) => b.result());
}
