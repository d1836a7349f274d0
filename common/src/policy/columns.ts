// EnterpriseColumns: the columnar (typed-array) form of many enterprises that the batch evaluator sweeps, and its builder from row objects.
import { addMonths, NO_DAY, startOfYear, toDay } from './dates.ts';
import {
  ageYearsOf,
  BASE_FACT_KEYS,
  BASE_FACTS,
  type BooleanFactKey,
  CERTIFICATIONS,
  type DateFactKey,
  type DictFactKey,
  type Enterprise,
  type FactKey,
  type NumberFactKey,
  rdRatioOf,
  type SetFactKey,
} from './facts.ts';

/** Codes into `dict`; -1 is unknown. */
export interface DictColumn {
  codes: Int32Array;
  dict: string[];
}

/** Bit b of `bits[i]` set means enterprise i holds `dict[b]`; `known[i]` 0 means the set is unknown. */
export interface SetColumn {
  bits: Int32Array;
  known: Uint8Array;
  dict: readonly string[];
}

/** Unknown values: NaN in number columns, NO_DAY in date columns, -1 in dict codes, 2 in boolean columns, known=0 in sets. */
export interface EnterpriseColumns {
  size: number;
  /** Optional: identities are not needed to decide, only to report candidates. */
  uscc?: string[];
  numbers: Record<NumberFactKey, Float64Array>;
  dates: Record<DateFactKey, Int32Array>;
  dicts: Record<DictFactKey, DictColumn>;
  sets: Record<SetFactKey, SetColumn>;
  booleans: Record<BooleanFactKey, Uint8Array>;
  /** Benefits already paid: parallel arrays, `item` codes into `items`. */
  receipts: { enterprise: Int32Array; item: Int32Array; day: Int32Array; items: string[] };
}

export const BOOL_FALSE = 0;
export const BOOL_TRUE = 1;
export const BOOL_UNKNOWN = 2;

const keysOf = <T extends string>(type: string) => BASE_FACT_KEYS.filter((k) => BASE_FACTS[k].type === type) as T[];
export const NUMBER_FACTS = keysOf<NumberFactKey>('number');
export const DATE_FACTS = keysOf<DateFactKey>('date');
export const DICT_FACTS = [...keysOf<DictFactKey>('code'), ...keysOf<DictFactKey>('enum')];
export const SET_FACTS = keysOf<SetFactKey>('set');
export const BOOLEAN_FACTS = keysOf<BooleanFactKey>('boolean');

/** Empty columns for `size` enterprises, every fact unknown; dictionaries may be preset (enums always are). */
export function allocateColumns(
  size: number,
  presetDicts: Partial<Record<DictFactKey, string[]>> = {},
): EnterpriseColumns {
  const record = <K extends string, V>(keys: K[], make: (k: K) => V) =>
    Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, V>;
  return {
    size,
    numbers: record(NUMBER_FACTS, () => new Float64Array(size).fill(NaN)),
    dates: record(DATE_FACTS, () => new Int32Array(size).fill(NO_DAY)),
    dicts: record(DICT_FACTS, (k) => ({
      codes: new Int32Array(size).fill(-1),
      dict: [...(presetDicts[k] ?? (BASE_FACTS[k] as { values?: readonly string[] }).values ?? [])],
    })),
    sets: record(SET_FACTS, () => ({ bits: new Int32Array(size), known: new Uint8Array(size), dict: CERTIFICATIONS })),
    booleans: record(BOOLEAN_FACTS, () => new Uint8Array(size).fill(BOOL_UNKNOWN)),
    receipts: { enterprise: new Int32Array(0), item: new Int32Array(0), day: new Int32Array(0), items: [] },
  };
}

/** Code of `value` in a dict column, adding it when new. */
export function dictCode(column: DictColumn, value: string, index?: Map<string, number>): number {
  const found = index ? index.get(value) : column.dict.indexOf(value);
  if (found !== undefined && found >= 0) return found;
  column.dict.push(value);
  index?.set(value, column.dict.length - 1);
  return column.dict.length - 1;
}

export function setBits(dict: readonly string[], values: readonly string[]): number {
  let bits = 0;
  for (const v of values) {
    const b = dict.indexOf(v);
    if (b >= 0) bits |= 1 << b;
  }
  return bits;
}

/** The columnar form of row objects; facts missing from a row stay unknown. */
export function columnsFromEnterprises(rows: readonly Enterprise[]): EnterpriseColumns {
  const cols = allocateColumns(rows.length);
  const indexes = new Map(DICT_FACTS.map((k) => [k, new Map(cols.dicts[k].dict.map((v, i) => [v, i]))]));
  const receipts: { enterprise: number; item: string; day: number }[] = [];
  cols.uscc = rows.map((r) => r.uscc);
  rows.forEach((row, i) => {
    const f = row.facts;
    for (const k of NUMBER_FACTS) if (f[k]) cols.numbers[k][i] = f[k].value;
    for (const k of DATE_FACTS) if (f[k]) cols.dates[k][i] = toDay(f[k].value);
    for (const k of DICT_FACTS) if (f[k]) cols.dicts[k].codes[i] = dictCode(cols.dicts[k], f[k].value, indexes.get(k));
    for (const k of SET_FACTS)
      if (f[k]) {
        cols.sets[k].bits[i] = setBits(cols.sets[k].dict, f[k].value);
        cols.sets[k].known[i] = 1;
      }
    for (const k of BOOLEAN_FACTS) if (f[k]) cols.booleans[k][i] = f[k].value ? BOOL_TRUE : BOOL_FALSE;
    for (const r of row.receipts ?? []) receipts.push({ enterprise: i, item: r.itemId, day: toDay(r.date) });
  });
  cols.receipts = receiptColumns(receipts);
  return cols;
}

export function receiptColumns(
  receipts: readonly { enterprise: number; item: string; day: number }[],
): EnterpriseColumns['receipts'] {
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const out = {
    enterprise: new Int32Array(receipts.length),
    item: new Int32Array(receipts.length),
    day: new Int32Array(receipts.length),
    items,
  };
  receipts.forEach((r, j) => {
    let code = itemIndex.get(r.item);
    if (code === undefined) {
      code = items.push(r.item) - 1;
      itemIndex.set(r.item, code);
    }
    out.enterprise[j] = r.enterprise;
    out.item[j] = code;
    out.day[j] = r.day;
  });
  return out;
}

export type ReceiptWindow = 'calendar-year' | '12-months';

/** First day counted by a "received within" window ending on `day`. */
export function receiptWindowStart(window: ReceiptWindow, day: number): number {
  return window === 'calendar-year' ? startOfYear(day) : addMonths(day, -12) + 1;
}

/** Columns made ready for one evaluation date: derived facts computed once, receipt masks built on demand and shared by all items. */
export interface PreparedColumns {
  columns: EnterpriseColumns;
  asOf: string;
  day: number;
  number(key: FactKey): Float64Array;
  receivedMask(itemId: string, window: ReceiptWindow): Uint8Array;
}

export function prepareColumns(columns: EnterpriseColumns, asOf: string): PreparedColumns {
  const day = toDay(asOf);
  const n = columns.size;
  const rdRatio = new Float64Array(n);
  const ageYears = new Float64Array(n);
  const rd = columns.numbers.rdSpend;
  const rev = columns.numbers.revenue;
  const est = columns.dates.establishedOn;
  for (let i = 0; i < n; i++) {
    rdRatio[i] = rdRatioOf(rd[i], rev[i]);
    const e = est[i];
    ageYears[i] = e === NO_DAY ? NaN : ageYearsOf(e, day);
  }
  const derived: Record<string, Float64Array> = { rdRatio, ageYears };
  const masks = new Map<string, Uint8Array>();
  return {
    columns,
    asOf,
    day,
    number: (key) => derived[key] ?? columns.numbers[key as NumberFactKey],
    receivedMask(itemId, window) {
      const cacheKey = `${window}:${itemId}`;
      let mask = masks.get(cacheKey);
      if (!mask) {
        mask = new Uint8Array(n);
        const code = columns.receipts.items.indexOf(itemId);
        const from = receiptWindowStart(window, day);
        const r = columns.receipts;
        for (let j = 0; j < r.item.length; j++)
          if (r.item[j] === code && r.day[j] >= from && r.day[j] <= day) mask[r.enterprise[j]] = 1;
        masks.set(cacheKey, mask);
      }
      return mask;
    },
  };
}
