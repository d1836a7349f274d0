// The only SQL of the figures: fact rows, additive rollups (city, each single dimension and the pairs a dashboard
// filters by, by day), the handling-time histogram, and the reads the API answers from.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, StatsItemTable } from '../../db/schema.ts';
import {
  ACC_COUNTERS,
  COUNTERS,
  DIMENSIONS,
  LAST_BUCKET,
  SUB_COUNTERS,
  emptyAggregate,
  zeroCounters,
  type Aggregate,
  type Counter,
  type Counters,
  type Dimension,
  type ItemFact,
} from './stats.figures.ts';
import { FACT_COLUMNS, type FactRow } from './stats.facts.ts';

export const GRAINS = ['city', ...DIMENSIONS] as const;
export type Grain = (typeof GRAINS)[number];
export const DIM_COLUMN: Record<Dimension, keyof StatsItemTable & `d_${string}`> = {
  district: 'd_district',
  department: 'd_department',
  centre: 'd_centre',
  window: 'd_window',
  channel: 'd_channel',
  category: 'd_category',
  type: 'd_type',
  tier: 'd_tier',
};
const CURSOR = 'items';

/**
 * Pair grains (`stats_pair`): every query of a district bureau or a department lead constrains their district or
 * department plus one more dimension (a filter or the breakdown), and the dashboard's second filter is most often
 * one of the others. Three or more constrained dimensions are answered from the fact rows.
 */
export const PAIRS = [
  ['district', 'department'],
  ['district', 'centre'],
  ['district', 'window'],
  ['district', 'channel'],
  ['district', 'category'],
  ['district', 'type'],
  ['district', 'tier'],
  ['department', 'centre'],
  ['department', 'window'],
  ['department', 'channel'],
  ['department', 'category'],
  ['department', 'type'],
  ['department', 'tier'],
] as const satisfies readonly (readonly [Dimension, Dimension])[];
export type PairGrain = `${(typeof PAIRS)[number][0]}:${(typeof PAIRS)[number][1]}`;
const pairName = (p: readonly [Dimension, Dimension]) => `${p[0]}:${p[1]}` as PairGrain;

/** The pair grain holding dimensions a and b (in either order), with which of them is its first key. */
export function pairOf(a: Dimension, b: Dimension): { grain: PairGrain; first: Dimension; second: Dimension } | null {
  for (const p of PAIRS) {
    if ((p[0] === a && p[1] === b) || (p[0] === b && p[1] === a))
      return { grain: pairName(p), first: p[0], second: p[1] };
  }
  return null;
}

/**
 * Each pair grain is also kept in aligned blocks of 64, 16 and 4 days (grain `<pair>/64` …, day = the block's first
 * day): a year's query reads ~5 + 6 + 6 block rows and at most 6 day rows per value pair instead of 365 day rows.
 * Day numbers are positive, so `day / 16` is the same integer division on both dialects.
 */
export const BLOCKS = [64, 16, 4] as const;
const blockGrain = (grain: string, size: number) => `${grain}/${size}`;

/** Splits [from, to] into whole aligned blocks, largest first, and the days left over (size 1). */
export function coverDays(
  from: number,
  to: number,
  sizes: readonly number[] = BLOCKS,
): { size: number; from: number; to: number }[] {
  if (from > to) return [];
  const [size, ...smaller] = sizes;
  if (size === undefined) return [{ size: 1, from, to }];
  const first = Math.ceil(from / size) * size;
  const end = Math.floor((to + 1) / size) * size; // the day after the last whole block
  if (first >= end) return coverDays(from, to, smaller);
  return [
    { size, from: first, to: end - size },
    ...coverDays(from, first - 1, smaller),
    ...coverDays(end, to, smaller),
  ];
}

/** Histogram columns of `stats_pair`: h0 … h80, one per handling-time bucket. */
export const HIST_COLUMNS = Array.from({ length: LAST_BUCKET + 1 }, (_, b) => `h${b}`);

// ---- facts -------------------------------------------------------------------------------------------------

export function factToRow(f: ItemFact, version: number): StatsItemTable {
  const row = {
    item_id: f.id,
    version,
    sub_day: f.subDay,
    acc_day: f.accDay,
    bucket: f.bucket,
    open_due_at: f.openDueAt,
  } as StatsItemTable;
  for (const d of DIMENSIONS) (row as any)[DIM_COLUMN[d]] = f.dims[d];
  for (const c of COUNTERS) (row as any)[c] = f.counters[c];
  return row;
}

export function rowToFact(r: StatsItemTable): ItemFact {
  const counters = zeroCounters();
  for (const c of COUNTERS) counters[c] = Number(r[c]);
  return {
    id: r.item_id,
    subDay: Number(r.sub_day),
    accDay: r.acc_day === null ? null : Number(r.acc_day),
    dims: Object.fromEntries(DIMENSIONS.map((d) => [d, r[DIM_COLUMN[d]]])) as Record<Dimension, string>,
    counters,
    bucket: r.bucket === null ? null : Number(r.bucket),
    openDueAt: r.open_due_at === null ? null : Number(r.open_due_at),
  };
}

export async function readCursor(db: Kysely<DB>): Promise<number | null> {
  const r = await db.selectFrom('stats_cursor').select('value').where('name', '=', CURSOR).executeTakeFirst();
  return r ? Number(r.value) : null;
}

export async function writeCursor(trx: Kysely<DB>, value: number) {
  await trx
    .insertInto('stats_cursor')
    .values({ name: CURSOR, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}

/**
 * Items changed since `since` whose fact row is missing or older, with their stored fact version; keyset pages in
 * (updated_at, id) order so that the read follows the item_updated index.
 */
export async function changedItems(
  trx: Kysely<DB>,
  since: number,
  limit: number,
  after: { updatedAt: number; id: string } | null,
) {
  let q = trx
    .selectFrom('item')
    .leftJoin('stats_item', 'stats_item.item_id', 'item.id')
    .select(FACT_COLUMNS.map((c) => `item.${c}` as const))
    .select('stats_item.version as fact_version')
    .where('item.updated_at', '>=', after ? after.updatedAt : since)
    .where((eb) =>
      eb.or([eb('stats_item.version', 'is', null), eb('stats_item.version', '!=', eb.ref('item.version'))]),
    );
  // A row-value comparison, not an OR: the planner keeps walking the (updated_at, id) index instead of the table.
  if (after) q = q.where(sql<boolean>`(item.updated_at, item.id) > (${after.updatedAt}, ${after.id})`);
  const rows = await q.orderBy('item.updated_at').orderBy('item.id').limit(limit).execute();
  return rows as (FactRow & { fact_version: number | null })[];
}

export async function factRows(trx: Kysely<DB>, ids: string[]): Promise<StatsItemTable[]> {
  if (!ids.length) return [];
  return trx.selectFrom('stats_item').selectAll().where('item_id', 'in', ids).execute();
}

/** All projection rows, in pages by id (the full rebuild). */
export function itemPage(trx: Kysely<DB>, afterId: string, limit: number) {
  return trx
    .selectFrom('item')
    .select([...FACT_COLUMNS])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute() as Promise<FactRow[]>;
}

export async function insertFacts(trx: Kysely<DB>, rows: StatsItemTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('stats_item')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Builds every rollup grain and the histogram from the fact rows in SQL (the full rebuild). */
export async function rollupFromFacts(trx: Kysely<DB>) {
  const acc = sql.join(ACC_COUNTERS.map((c) => sql.ref(c)));
  const sumAcc = sql.join(ACC_COUNTERS.map((c) => sql`sum(${sql.ref(c)})`));
  const setAcc = sql.join(ACC_COUNTERS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  for (const grain of GRAINS) {
    const key = grain === 'city' ? sql.lit('') : sql.ref(DIM_COLUMN[grain]);
    const by = (day: string) => (grain === 'city' ? sql.ref(day) : sql`${sql.ref(DIM_COLUMN[grain])}, ${sql.ref(day)}`);
    await sql`insert into stats_rollup (grain, dim_key, day, received, rejected)
      select ${grain}, ${key}, sub_day, sum(received), sum(rejected) from stats_item group by ${by('sub_day')}`.execute(
      trx,
    );
    await sql`insert into stats_rollup (grain, dim_key, day, ${acc})
      select ${grain}, ${key}, acc_day, ${sumAcc} from stats_item where acc_day is not null group by ${by('acc_day')}
      on conflict (grain, day, dim_key) do update set ${setAcc}`.execute(trx);
    await sql`insert into stats_hist (grain, dim_key, day, bucket, n)
      select ${grain}, ${key}, acc_day, bucket, count(*) from stats_item where bucket is not null and acc_day is not null
      group by ${by('acc_day')}, bucket`.execute(trx);
  }
  const hist = sql.join(HIST_COLUMNS.map((c) => sql.ref(c)));
  const pivot = sql.join(HIST_COLUMNS.map((_, b) => sql`sum(case when bucket = ${sql.lit(b)} then 1 else 0 end)`));
  const setAccHist = sql.join(
    [...ACC_COUNTERS, ...HIST_COLUMNS].map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
  );
  const all = [...COUNTERS, ...HIST_COLUMNS];
  const sumAll = sql.join(all.map((c) => sql`sum(${sql.ref(c)})`));
  for (const p of PAIRS) {
    const [a, b] = [sql.ref(DIM_COLUMN[p[0]]), sql.ref(DIM_COLUMN[p[1]])];
    const grain = pairName(p);
    await sql`insert into stats_pair (grain, k1, k2, day, received, rejected)
      select ${grain}, ${a}, ${b}, sub_day, sum(received), sum(rejected) from stats_item group by ${a}, ${b}, sub_day`.execute(
      trx,
    );
    // Counters and the histogram pivot of the acceptance day in one pass over the facts.
    await sql`insert into stats_pair (grain, k1, k2, day, ${acc}, ${hist})
      select ${grain}, ${a}, ${b}, acc_day, ${sumAcc}, ${pivot} from stats_item where acc_day is not null group by ${a}, ${b}, acc_day
      on conflict (grain, k1, day, k2) do update set ${setAccHist}`.execute(trx);
    // The blocks, from the day rows just written.
    for (const size of BLOCKS) {
      const block = sql`(day / ${sql.lit(size)}) * ${sql.lit(size)}`;
      await sql`insert into stats_pair (grain, k1, k2, day, ${sql.join(all.map((c) => sql.ref(c)))})
        select ${blockGrain(grain, size)}, k1, k2, ${block}, ${sumAll} from stats_pair where grain = ${grain} group by k1, k2, ${block}`.execute(
        trx,
      );
    }
  }
}

export async function upsertFacts(trx: Kysely<DB>, rows: StatsItemTable[]) {
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await trx
      .insertInto('stats_item')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const col of Object.keys(chunk[0]!)) if (col !== 'item_id') set[col] = eb.ref(`excluded.${col}` as any);
          return set as any;
        }),
      )
      .execute();
  }
}

// ---- rollups -----------------------------------------------------------------------------------------------

/** Additive deltas keyed by grain|key|day (counters) and grain|key|day|bucket (histogram). */
export interface Deltas {
  rollup: Map<string, Counters>;
  hist: Map<string, number>;
  /** Pair rows keyed by grain|k1|k2|day: counters and the histogram by bucket. */
  pair: Map<string, { counters: Counters; hist: Map<number, number> }>;
}
export const emptyDeltas = (): Deltas => ({ rollup: new Map(), hist: new Map(), pair: new Map() });

export function addFact(d: Deltas, f: ItemFact, sign: 1 | -1) {
  for (const grain of GRAINS) {
    const key = grain === 'city' ? '' : f.dims[grain];
    const bump = (day: number, counters: readonly Counter[]) => {
      const k = `${grain}|${key}|${day}`;
      let c = d.rollup.get(k);
      if (!c) d.rollup.set(k, (c = zeroCounters()));
      for (const name of counters) c[name] += sign * f.counters[name];
    };
    bump(f.subDay, SUB_COUNTERS);
    if (f.accDay !== null) {
      bump(f.accDay, ACC_COUNTERS);
      if (f.bucket !== null) {
        const k = `${grain}|${key}|${f.accDay}|${f.bucket}`;
        d.hist.set(k, (d.hist.get(k) ?? 0) + sign);
      }
    }
  }
  for (const p of PAIRS) {
    const values = `${f.dims[p[0]]}|${f.dims[p[1]]}`;
    // The day row and its block rows get the same change.
    const rows = (day: number) =>
      [
        `${pairName(p)}|${values}|${day}`,
        ...BLOCKS.map((size) => `${blockGrain(pairName(p), size)}|${values}|${Math.floor(day / size) * size}`),
      ].map((k) => {
        let r = d.pair.get(k);
        if (!r) d.pair.set(k, (r = { counters: zeroCounters(), hist: new Map() }));
        return r;
      });
    for (const sub of rows(f.subDay)) for (const name of SUB_COUNTERS) sub.counters[name] += sign * f.counters[name];
    if (f.accDay !== null) {
      for (const acc of rows(f.accDay)) {
        for (const name of ACC_COUNTERS) acc.counters[name] += sign * f.counters[name];
        if (f.bucket !== null) acc.hist.set(f.bucket, (acc.hist.get(f.bucket) ?? 0) + sign);
      }
    }
  }
}

export async function applyDeltas(trx: Kysely<DB>, d: Deltas) {
  const rollup = [...d.rollup].filter(([, c]) => COUNTERS.some((n) => c[n] !== 0));
  for (let i = 0; i < rollup.length; i += 400) {
    const values = rollup.slice(i, i + 400).map(([k, c]) => {
      const [grain, dimKey, day] = splitKey(k);
      return { grain, dim_key: dimKey, day: Number(day), ...c };
    });
    await trx
      .insertInto('stats_rollup')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['grain', 'day', 'dim_key']).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const c of COUNTERS) set[c] = eb(eb.ref(`stats_rollup.${c}`), '+', eb.ref(`excluded.${c}`));
          return set as any;
        }),
      )
      .execute();
  }
  const hist = [...d.hist].filter(([, n]) => n !== 0);
  for (let i = 0; i < hist.length; i += 1000) {
    const values = hist.slice(i, i + 1000).map(([k, n]) => {
      const [grain, dimKey, day, bucket] = splitKey(k);
      return { grain, dim_key: dimKey, day: Number(day), bucket: Number(bucket), n };
    });
    await trx
      .insertInto('stats_hist')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['grain', 'day', 'dim_key', 'bucket'])
          .doUpdateSet((eb) => ({ n: eb(eb.ref('stats_hist.n'), '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
  const pair = [...d.pair].filter(
    ([, r]) => COUNTERS.some((n) => r.counters[n] !== 0) || [...r.hist.values()].some((n) => n !== 0),
  );
  const columns = [...COUNTERS, ...HIST_COLUMNS];
  const addAll = sql.join(columns.map((c) => sql`${sql.ref(c)} = stats_pair.${sql.ref(c)} + excluded.${sql.ref(c)}`));
  // 107 values a row: 200 rows stay far below either dialect's limit on bound parameters.
  for (let i = 0; i < pair.length; i += 200) {
    const rows = pair.slice(i, i + 200).map(([k, r]) => {
      const [grain, k1, k2, day] = splitKey(k);
      const values = [
        grain,
        k1,
        k2,
        Number(day),
        ...COUNTERS.map((c) => r.counters[c]),
        ...HIST_COLUMNS.map((_, b) => r.hist.get(b) ?? 0),
      ];
      return sql`(${sql.join(values)})`;
    });
    await sql`insert into stats_pair (grain, k1, k2, day, ${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(rows)}
      on conflict (grain, k1, day, k2) do update set ${addAll}`.execute(trx);
  }
}

/** Keys are grain|dimKey|day[|bucket]; a dimension value never contains '|' (ids and enum values). */
function splitKey(k: string): string[] {
  return k.split('|');
}

export async function clearAll(trx: Kysely<DB>) {
  for (const t of ['stats_item', 'stats_rollup', 'stats_hist', 'stats_pair', 'stats_cursor'] as const)
    await trx.deleteFrom(t).execute();
}

// ---- reads -------------------------------------------------------------------------------------------------

export type GroupBy = { kind: 'none' } | { kind: 'day' } | { kind: 'dim'; dim: Dimension };

const sumCounters = COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));

function toCounters(r: Record<string, unknown>): Counters {
  const c = zeroCounters();
  for (const n of COUNTERS) c[n] = Number(r[n] ?? 0);
  return c;
}

/** Aggregates from one rollup grain; `keys` limits the grain's dimension values (null: the city grain). */
export async function readRollup(
  db: Kysely<DB>,
  grain: Grain,
  keys: string[] | null,
  fromDay: number,
  toDay: number,
  group: 'none' | 'day' | 'key',
): Promise<Map<string, Aggregate>> {
  const groupCol = group === 'day' ? 'day' : group === 'key' ? 'dim_key' : null;
  let q = db
    .selectFrom('stats_rollup')
    .where('grain', '=', grain)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay);
  let h = db.selectFrom('stats_hist').where('grain', '=', grain).where('day', '>=', fromDay).where('day', '<=', toDay);
  if (keys) {
    q = q.where('dim_key', 'in', keys);
    h = h.where('dim_key', 'in', keys);
  }
  const [rows, hist] = await Promise.all([
    (groupCol ? q.select(sql.ref(groupCol).as('g')).groupBy(groupCol) : q.select(sql.lit('').as('g')))
      .select(sumCounters)
      .execute(),
    (groupCol
      ? h.select(sql.ref(groupCol).as('g')).groupBy([groupCol, 'bucket'])
      : h.select(sql.lit('').as('g')).groupBy('bucket')
    )
      .select(['bucket', sql<number>`sum(n)`.as('n')])
      .execute(),
  ]);
  const out = new Map<string, Aggregate>();
  for (const r of rows as Record<string, unknown>[]) {
    if (r.received === null && r.accepted === null) continue; // an aggregate over no rows
    out.set(String(r.g), { ...emptyAggregate(), counters: toCounters(r) });
  }
  for (const r of hist as { g: unknown; bucket: number; n: number }[]) {
    const k = String(r.g);
    if (!out.has(k)) out.set(k, emptyAggregate());
    if (Number(r.n)) out.get(k)!.hist.set(Number(r.bucket), Number(r.n));
  }
  return out;
}

/**
 * Aggregates from one pair grain; `k1`/`k2` limit its first and second values (null: any), grouped by nothing, the
 * day, or one of the two values. Counters and histogram are summed in SQL: the answer is a few rows whatever the
 * number of items.
 */
export async function readPair(
  db: Kysely<DB>,
  grain: PairGrain,
  k1: string[] | null,
  k2: string[] | null,
  fromDay: number,
  toDay: number,
  group: 'none' | 'day' | 'k1' | 'k2',
): Promise<Map<string, Aggregate>> {
  const columns = [...COUNTERS, ...HIST_COLUMNS];
  // The rows are summed here, not by GROUP BY: SQLite would first copy every row's 103 values into a sorter (at
  // 200k items a district bureau's breakdown by department took 33 ms that way, 19 ms reading the rows).
  const read = (g: string, from: number, to: number) => {
    let q = db.selectFrom('stats_pair').where('grain', '=', g).where('day', '>=', from).where('day', '<=', to);
    if (k1) q = q.where('k1', 'in', k1);
    if (k2) q = q.where('k2', 'in', k2);
    return q.select([...(group === 'none' ? [] : [group]), ...columns] as any).execute() as Promise<
      Record<string, unknown>[]
    >;
  };
  // Whole blocks inside the period from the block rows, the days around them from the day rows; a series by day
  // reads day rows only.
  const pieces = group === 'day' ? [{ size: 1, from: fromDay, to: toDay }] : coverDays(fromDay, toDay);
  const parts = await Promise.all(
    pieces.map((c) => read(c.size === 1 ? grain : blockGrain(grain, c.size), c.from, c.to)),
  );
  const sums = new Map<string, number[]>();
  for (const r of parts.flat()) {
    const k = group === 'none' ? '' : String(r[group]);
    let acc = sums.get(k);
    if (!acc) sums.set(k, (acc = new Array<number>(columns.length).fill(0)));
    for (let i = 0; i < columns.length; i++) acc[i]! += Number(r[columns[i]!]);
  }
  const out = new Map<string, Aggregate>();
  for (const [k, acc] of sums) {
    const a = emptyAggregate();
    COUNTERS.forEach((c, i) => (a.counters[c] = acc[i]!));
    HIST_COLUMNS.forEach((_, b) => {
      const n = acc[COUNTERS.length + b]!;
      if (n) a.hist.set(b, n);
    });
    out.set(k, a);
  }
  return out;
}

type FactWhere = { fromDay: number; toDay: number; dims: Partial<Record<Dimension, string[]>> };

function factQuery(db: Kysely<DB>, f: FactWhere) {
  let q = db.selectFrom('stats_item');
  for (const [dim, values] of Object.entries(f.dims) as [Dimension, string[]][])
    q = q.where(DIM_COLUMN[dim], 'in', values);
  return q;
}

/** The fallback for two or more constrained dimensions: aggregate the fact rows themselves. */
export async function readFacts(db: Kysely<DB>, f: FactWhere, group: GroupBy): Promise<Map<string, Aggregate>> {
  const out = new Map<string, Aggregate>();
  const get = (k: unknown) => {
    const key = String(k);
    if (!out.has(key)) out.set(key, emptyAggregate());
    return out.get(key)!;
  };
  const keyOf = (dayCol: 'sub_day' | 'acc_day') =>
    group.kind === 'day' ? sql.ref(dayCol) : group.kind === 'dim' ? sql.ref(DIM_COLUMN[group.dim]) : sql.lit('');
  const groupCols = (dayCol: 'sub_day' | 'acc_day') =>
    group.kind === 'day' ? [dayCol] : group.kind === 'dim' ? [DIM_COLUMN[group.dim]] : [];
  const sub = factQuery(db, f)
    .select(keyOf('sub_day').as('g'))
    .select(SUB_COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c)))
    .where('sub_day', '>=', f.fromDay)
    .where('sub_day', '<=', f.toDay);
  const acc = factQuery(db, f)
    .select(keyOf('acc_day').as('g'))
    .select(ACC_COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c)))
    .where('acc_day', '>=', f.fromDay)
    .where('acc_day', '<=', f.toDay);
  const hist = factQuery(db, f)
    .select(keyOf('acc_day').as('g'))
    .select(['bucket', sql<number>`count(*)`.as('n')])
    .where('acc_day', '>=', f.fromDay)
    .where('acc_day', '<=', f.toDay)
    .where('bucket', 'is not', null);
  const [s, a, h] = await Promise.all([
    (groupCols('sub_day').length ? sub.groupBy(groupCols('sub_day') as any) : sub).execute(),
    (groupCols('acc_day').length ? acc.groupBy(groupCols('acc_day') as any) : acc).execute(),
    hist.groupBy([...groupCols('acc_day'), 'bucket'] as any).execute(),
  ]);
  for (const r of s as Record<string, unknown>[]) {
    if (r.received === null) continue;
    const g = get(r.g);
    for (const c of SUB_COUNTERS) g.counters[c] += Number(r[c] ?? 0);
  }
  for (const r of a as Record<string, unknown>[]) {
    if (r.accepted === null) continue;
    const g = get(r.g);
    for (const c of ACC_COUNTERS) g.counters[c] += Number(r[c] ?? 0);
  }
  for (const r of h as { g: unknown; bucket: number; n: number }[]) get(r.g).hist.set(Number(r.bucket), Number(r.n));
  return out;
}

/**
 * Open items past their handling deadline now, among those accepted in the period. The other conditions are
 * written so that no index applies to them (`+ 0`, `|| ''`): the planner must walk the narrow open_due_at range
 * rather than a whole year of acceptances.
 */
export async function readOverdue(
  db: Kysely<DB>,
  f: FactWhere,
  group: GroupBy,
  now: number,
): Promise<Map<string, number>> {
  // The grouping expression is unindexable too, or the planner walks a whole index to satisfy GROUP BY.
  const g =
    group.kind === 'day'
      ? sql`acc_day + 0`
      : group.kind === 'dim'
        ? sql`${sql.ref(DIM_COLUMN[group.dim])} || ''`
        : sql.lit('');
  let q = db
    .selectFrom('stats_item')
    .select(g.as('g'))
    .select(sql<number>`count(*)`.as('n'))
    .where('open_due_at', '<', now)
    .where(sql`acc_day + 0`, '>=', f.fromDay)
    .where(sql`acc_day + 0`, '<=', f.toDay);
  for (const [dim, values] of Object.entries(f.dims) as [Dimension, string[]][])
    q = q.where(sql`${sql.ref(DIM_COLUMN[dim])} || ''`, 'in', values);
  if (group.kind !== 'none') q = q.groupBy(g);
  const rows = (await q.execute()) as { g: unknown; n: number }[];
  return new Map(rows.map((r) => [String(r.g), Number(r.n)]));
}

export async function readSetting(db: Kysely<DB>, key: string): Promise<string | null> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

/** Display names of dimension values (ids of districts, departments, centres, windows, categories). */
export async function dimensionNames(
  db: Kysely<DB>,
  dim: Dimension,
  keys: string[],
): Promise<Map<string, { name: string; nameEn: string | null }>> {
  const ids = keys.filter(Boolean);
  if (!ids.length) return new Map();
  let rows: { id: string; name: string; name_en?: string | null }[] = [];
  if (dim === 'district')
    rows = await db.selectFrom('district').select(['id', 'name', 'name_en']).where('id', 'in', ids).execute();
  if (dim === 'department')
    rows = await db.selectFrom('department').select(['id', 'name', 'name_en']).where('id', 'in', ids).execute();
  if (dim === 'category')
    rows = await db.selectFrom('category').select(['id', 'name', 'name_en']).where('id', 'in', ids).execute();
  if (dim === 'centre')
    rows = await db.selectFrom('service_centre').select(['id', 'name']).where('id', 'in', ids).execute();
  if (dim === 'window')
    rows = await db.selectFrom('service_window').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.name_en ?? null }]));
}

export async function categoryWithChildren(db: Kysely<DB>, id: string): Promise<string[] | null> {
  const all = await db.selectFrom('category').select(['id', 'parent_id']).execute();
  if (!all.some((c) => c.id === id)) return null;
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const c of all) if (c.parent_id === out[i]) out.push(c.id);
  return out;
}

export async function exists(
  db: Kysely<DB>,
  table: 'district' | 'department' | 'service_centre' | 'service_window',
  id: string,
): Promise<boolean> {
  return !!(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
}

/** Events of a page of items, in (item, seq) order, for the replay. */
export async function eventsOf(db: Kysely<DB>, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('event')
    .select(['item_id', 'action', 'at', 'data'])
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('seq')
    .execute();
}

export function itemIdPage(db: Kysely<DB>, afterId: string, limit: number) {
  return db.selectFrom('item').select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export type { Transaction };
