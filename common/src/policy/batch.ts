// The batch evaluator: one bound rule over columnar enterprises in cache-sized chunks, with eligibility, amounts and per-criterion counts.
import { FAIL, intervalState, notEqualState, PASS, type Test, UNKNOWN } from './cell.ts';
import { BOOL_TRUE, BOOL_UNKNOWN, type PreparedColumns } from './columns.ts';
import { NO_DAY } from './dates.ts';
import { FAIL_WEIGHT, INVERTED, pickRow, STATE_WEIGHT, tableState } from './decide.ts';
import type { BoundRule, CriterionInfo } from './engine.ts';
import { compileExpression, finishAmount, type Ref } from './expression.ts';
import {
  type DateFactKey,
  type DictFactKey,
  type FactKey,
  FACTS,
  type SetFactKey,
  type BooleanFactKey,
} from './facts.ts';

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

// The loops are top-level functions, not closures made per batch: V8 keeps optimised code per closure, so a fresh
// closure per item and run would start interpreted; these stay hot across every item, chunk and sweep.

function dateIntervalLoop(days: Int32Array, min: number, max: number, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) {
    const d = days[s + j];
    const known = +(d !== NO_DAY);
    out[j] = 2 - 2 * (+(d >= min) & +(d <= max) & known) - (1 - known);
  }
}

function dateNotEqualLoop(days: Int32Array, value: number, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) {
    const d = days[s + j];
    out[j] = notEqualState(value, d === NO_DAY ? NaN : d);
  }
}

function intervalLoop(values: Float64Array, min: number, max: number, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) out[j] = intervalState(min, max, values[s + j]);
}

function notEqualLoop(values: Float64Array, value: number, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) out[j] = notEqualState(value, values[s + j]);
}

/** `lut[code + 1]`: entry 0 is "unknown" (code -1). */
function dictLoop(codes: Int32Array, lut: Uint8Array, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) out[j] = lut[codes[s + j] + 1];
}

/** `lut[known * 2 + holdsAny]`. */
function setLoop(
  bits: Int32Array,
  known: Uint8Array,
  mask: number,
  lut: Uint8Array,
  s: number,
  len: number,
  out: Uint8Array,
): void {
  for (let j = 0; j < len; j++) {
    const i = s + j;
    out[j] = lut[known[i] * 2 + +((bits[i] & mask) !== 0)];
  }
}

/** `lut[stored value]` for false, true, unknown; also maps a receipt mask (0/1) to pass/fail. */
function byteLoop(values: Uint8Array, lut: Uint8Array, s: number, len: number, out: Uint8Array): void {
  for (let j = 0; j < len; j++) out[j] = lut[values[s + j]];
}

function invertLoop(out: Uint8Array, len: number): void {
  for (let j = 0; j < len; j++) out[j] = INVERTED[out[j]];
}

/**
 * A kernel per (test, column type): one branch-free loop over one typed array (unpredictable branches cost more than
 * the arithmetic here). States agree with testState: intervalState and notEqualState are the same functions.
 */
function kernelFor(test: Test, fact: FactKey, data: PreparedColumns): Kernel {
  const def = FACTS[fact];
  const cols = data.columns;
  switch (test.kind) {
    case 'any':
      return (_s, len, out) => out.fill(PASS, 0, len);
    case 'interval':
    case 'notEqual': {
      if (def.type === 'date') {
        const days = cols.dates[fact as DateFactKey];
        if (test.kind === 'notEqual') {
          const value = test.value;
          return (s, len, out) => dateNotEqualLoop(days, value, s, len, out);
        }
        const { min, max } = test;
        return (s, len, out) => dateIntervalLoop(days, min, max, s, len, out);
      }
      const values = data.number(fact);
      if (test.kind === 'notEqual') {
        const value = test.value;
        return (s, len, out) => notEqualLoop(values, value, s, len, out);
      }
      const { min, max } = test;
      return (s, len, out) => intervalLoop(values, min, max, s, len, out);
    }
    case 'strings': {
      const { codes, dict } = cols.dicts[fact as DictFactKey];
      // Deciding each dictionary entry once turns prefix and list matching into one lookup.
      const lut = Uint8Array.from([UNKNOWN, ...dict.map((v) => (test.accept(v) ? PASS : FAIL))]);
      return (s, len, out) => dictLoop(codes, lut, s, len, out);
    }
    case 'set': {
      const { bits, known, dict } = cols.sets[fact as SetFactKey];
      let mask = 0;
      for (const v of test.anyOf) if (dict.indexOf(v) >= 0) mask |= 1 << dict.indexOf(v);
      const lut = Uint8Array.of(UNKNOWN, UNKNOWN, test.negate ? PASS : FAIL, test.negate ? FAIL : PASS);
      return (s, len, out) => setLoop(bits, known, mask, lut, s, len, out);
    }
    case 'bool': {
      const values = cols.booleans[fact as BooleanFactKey];
      const lut = Uint8Array.of(test.value ? FAIL : PASS, test.value ? PASS : FAIL, UNKNOWN);
      lut[BOOL_UNKNOWN] = UNKNOWN;
      return (s, len, out) => byteLoop(values, lut, s, len, out);
    }
  }
}

/** Adds (or, first, writes) a cell's weights into a row score; returns fails * 65536 + unknowns (len ≤ CHUNK). */
function accumulateLoop(buffer: Uint8Array, score: Uint16Array, len: number, first: boolean): number {
  let fails = 0;
  let unknowns = 0;
  if (first)
    for (let j = 0; j < len; j++) {
      const st = buffer[j];
      score[j] = STATE_WEIGHT[st];
      fails += st >> 1;
      unknowns += st & 1;
    }
  else
    for (let j = 0; j < len; j++) {
      const st = buffer[j];
      score[j] += STATE_WEIGHT[st];
      fails += st >> 1;
      unknowns += st & 1;
    }
  return fails * 65536 + unknowns;
}

/** One-row tables: the row's score decides the state; picked is 0 (matched) or -1 (row 0 decisive, unmatched). */
function singleRowLoop(score: Uint16Array, len: number, state: Uint8Array, picked: Int32Array): void {
  for (let j = 0; j < len; j++) {
    const v = score[j];
    state[j] = +(v !== 0) + +(v >= FAIL_WEIGHT);
    picked[j] = -(v !== 0);
  }
}

/** Folds an exclusion's states into the chunk states (worst wins); returns fails * 65536 + unknowns. */
function foldLoop(buffer: Uint8Array, state: Uint8Array, len: number): number {
  let fails = 0;
  let unknowns = 0;
  for (let j = 0; j < len; j++) {
    const st = buffer[j];
    state[j] = MAX_STATE[state[j] * 4 + st];
    fails += st >> 1;
    unknowns += st & 1;
  }
  return fails * 65536 + unknowns;
}

/** A receipt in the window fails the exclusion. */
const RECEIVED_STATE = Uint8Array.of(PASS, FAIL);

/** max(a, b) of two states by table lookup, index a * 4 + b. */
const MAX_STATE = Uint8Array.from({ length: 12 }, (_, k) => Math.max(k >> 2, k & 3));

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
      return (s, len, out) => byteLoop(mask, RECEIVED_STATE, s, len, out);
    }
    const inner = kernelFor(x.test as Test, x.fact as FactKey, data);
    return (s, len, out) => {
      inner(s, len, out);
      invertLoop(out, len);
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
  let eligible = 0;
  let unknown = 0;
  let totalAmount = 0;

  // Per-chunk working state, decided column by column (tight loops over typed arrays) rather than enterprise by enterprise.
  const rowScores = Array.from({ length: rows }, () => new Uint16Array(CHUNK));
  const chunkState = new Uint8Array(CHUNK);
  const chunkPicked = new Int32Array(CHUNK);
  const scores = new Float64Array(rows);

  const count = (packed: number, index: number): void => {
    failCounts[index] += Math.floor(packed / 65536);
    unknownCounts[index] += packed % 65536;
  };

  const decideAmount = (i: number, picked: number): number => {
    if (picked < 0) outs.fill(NaN);
    else if (!collectSum) outs.set(bound.rowNumbers[picked]);
    else {
      outs.fill(0);
      for (let r = 0; r < rows; r++)
        if (scores[r] === 0) for (let o = 0; o < outs.length; o++) outs[o] += bound.rowNumbers[r][o];
    }
    let last = NaN;
    for (let s = 0; s < steps.length; s++) stepValues[s] = last = steps[s](i);
    return finishAmount(last, cap(i));
  };

  const runChunk = (s: number, len: number): void => {
    for (let b = 0; b < kernels.length; b++) kernels[b](s, len, buffers[b]);
    if (rows === 1) {
      // One row: a matching row has no failing or unknown cell, so every cell's counts are the decisive row's.
      const score = rowScores[0];
      const cells = rowCells[0];
      for (let m = 0; m < cells.length; m++)
        count(accumulateLoop(buffers[cells[m]], score, len, m === 0), rowCols[0][m]);
      if (cells.length === 0) score.fill(0, 0, len);
      singleRowLoop(score, len, chunkState, chunkPicked);
    } else {
      for (let r = 0; r < rows; r++) {
        const cells = rowCells[r];
        for (let m = 0; m < cells.length; m++) accumulateLoop(buffers[cells[m]], rowScores[r], len, m === 0);
        if (cells.length === 0) rowScores[r].fill(0, 0, len);
      }
      for (let j = 0; j < len; j++) {
        for (let r = 0; r < rows; r++) scores[r] = rowScores[r][j];
        const picked = pickRow(scores, bound.ranks, rows, bound.byRank);
        const decisive = picked >= 0 ? picked : -picked - 1;
        chunkPicked[j] = picked;
        chunkState[j] = tableState(picked, scores[decisive]);
        if (picked >= 0) continue;
        const cells = rowCells[decisive];
        const cols = rowCols[decisive];
        for (let m = 0; m < cells.length; m++) {
          const v = buffers[cells[m]][j];
          failCounts[cols[m]] += v >> 1;
          unknownCounts[cols[m]] += v & 1;
        }
      }
    }
    for (let x = 0; x < exclusionKernels.length; x++) {
      exclusionKernels[x](s, len, exclusionBuffers[x]);
      count(foldLoop(exclusionBuffers[x], chunkState, len), inputs + x);
    }
    if (status) status.set(chunkState.subarray(0, len), s);
    for (let j = 0; j < len; j++) {
      const st = chunkState[j];
      if (st === FAIL) continue;
      const i = s + j;
      const picked = chunkPicked[j];
      if (collectSum) for (let r = 0; r < rows; r++) scores[r] = rowScores[r][j];
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
