// Figures use cases: scope the query to the reader, bring the rollups up to date with the ledger, read the
// cheapest source that answers the question, and compute the figures; plus the replay that must agree with them.
import type { Role } from '@tingquan/common';
import type { Database } from '../../db/database.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { DeadlineService } from '../deadlines/deadline.service.ts';
import { factFromEvents, factFromRow } from './stats.facts.ts';
import {
  DIMENSIONS,
  FIGURE_KEYS,
  addAggregate,
  aggregateFacts,
  computeFigures,
  dayNumber,
  dayNumberOfIso,
  emptyAggregate,
  isoOfDayNumber,
  type Aggregate,
  type Dimension,
  type FactFilter,
  type FigureSettings,
  type Figures,
  type ItemFact,
} from './stats.figures.ts';
import * as repo from './stats.repository.ts';

export interface StatsQuery {
  from?: string;
  to?: string;
  districtId?: string;
  departmentId?: string;
  centreId?: string;
  windowId?: string;
  categoryId?: string;
  channel?: string;
  type?: string;
  tier?: string;
}

export const COUNT_BASIC_SETTING = 'stats.countBasicallySatisfied';
/** Commits may land slightly out of `updated_at` order; the refresh re-reads this much history (by version). */
const REFRESH_MARGIN_MS = 30_000;
const MAX_PERIOD_DAYS = 1100;
const CITY_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'inspector'];

/** The reader's slice of the city: everything, one district, or one (main) department. */
export type StatsScope =
  | { kind: 'city' }
  | { kind: 'district'; districtId: string }
  | { kind: 'department'; departmentId: string };

export function scopeOf(actor: Actor): StatsScope {
  if (actor.roles.includes('admin')) return { kind: 'city' };
  const bureau = actor.roles.some((r) => CITY_ROLES.includes(r));
  if (bureau && !actor.districtId) return { kind: 'city' };
  if (bureau && actor.districtId) return { kind: 'district', districtId: actor.districtId };
  if (actor.roles.includes('dept_lead') && actor.departmentId)
    return { kind: 'department', departmentId: actor.departmentId };
  throw new AppError('forbidden', 'figures are not available to this account');
}

export const CITY_ACTOR: Actor = {
  kind: 'system',
  id: null,
  displayName: 'recompute',
  roles: ['admin'],
  districtId: null,
  departmentId: null,
  centreId: null,
  windowId: null,
};

export function createStatsService(deps: { database: Database; clock: Clock; deadlines: DeadlineService }) {
  const { database, clock, deadlines } = deps;
  const db = database.db;
  let inflight: Promise<void> | null = null;

  async function workingMs() {
    const cal = await deadlines.calendar();
    return (a: number, b: number) => cal.workingMsBetween(new Date(a), new Date(b));
  }

  /** Rebuilds every fact and rollup from the projection (first use, or after the calendar changed). */
  async function rebuild(): Promise<{ items: number }> {
    const wm = await workingMs();
    return db.transaction().execute(async (trx) => {
      await repo.clearAll(trx);
      let after = '';
      let maxUpdated = 0;
      let items = 0;
      for (;;) {
        const rows = await repo.itemPage(trx, after, 5000);
        if (!rows.length) break;
        const facts = rows.map((r) => {
          maxUpdated = Math.max(maxUpdated, Number(r.updated_at));
          return repo.factToRow(factFromRow(r, wm), Number(r.version));
        });
        await repo.insertFacts(trx, facts);
        items += rows.length;
        after = rows.at(-1)!.id;
      }
      await repo.rollupFromFacts(trx);
      await repo.writeCursor(trx, maxUpdated);
      return { items };
    });
  }

  /** Brings facts and rollups up to date with items changed since the cursor (one process at a time). */
  async function refresh(): Promise<void> {
    inflight ??= (async () => {
      try {
        const cursor = await repo.readCursor(db);
        if (cursor === null) {
          await rebuild();
          return;
        }
        const wm = await workingMs();
        await db.transaction().execute(async (trx) => {
          // Serialises refreshes of several processes on PostgreSQL; SQLite serialises writers anyway.
          await forUpdate(
            database.dialect,
            trx.selectFrom('stats_cursor').select('value').where('name', '=', 'items'),
          ).executeTakeFirst();
          let after: { updatedAt: number; id: string } | null = null;
          let maxSeen = cursor;
          for (;;) {
            const rows = await repo.changedItems(trx, cursor - REFRESH_MARGIN_MS, 2000, after);
            if (!rows.length) break;
            const old = new Map(
              (
                await repo.factRows(
                  trx,
                  rows.filter((r) => r.fact_version !== null).map((r) => r.id),
                )
              ).map((r) => [r.item_id, r]),
            );
            const deltas = repo.emptyDeltas();
            const upserts = rows.map((r) => {
              const before = old.get(r.id);
              if (before) repo.addFact(deltas, repo.rowToFact(before), -1);
              const f = factFromRow(r, wm);
              repo.addFact(deltas, f, 1);
              maxSeen = Math.max(maxSeen, Number(r.updated_at));
              return repo.factToRow(f, Number(r.version));
            });
            await repo.upsertFacts(trx, upserts);
            await repo.applyDeltas(trx, deltas);
            const last = rows.at(-1)!;
            after = { updatedAt: Number(last.updated_at), id: last.id };
          }
          if (maxSeen > cursor) await repo.writeCursor(trx, maxSeen);
        });
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  async function settings(): Promise<FigureSettings> {
    const raw = await repo.readSetting(db, COUNT_BASIC_SETTING);
    let count = true;
    if (raw !== null) {
      try {
        count = JSON.parse(raw) !== false;
      } catch {
        count = raw !== 'false';
      }
    }
    return { countBasicallySatisfied: count };
  }

  /** Validates the query against the reader's scope and the organisation; bad ids are 400s naming the field. */
  async function resolve(
    actor: Actor,
    q: StatsQuery,
    defaultDays = 365,
  ): Promise<{ filter: FactFilter; scope: StatsScope; from: string; to: string }> {
    const scope = scopeOf(actor);
    const today = dayNumber(clock.now());
    const toDay = q.to ? dayNumberOfIso(q.to) : today;
    const fromDay = q.from ? dayNumberOfIso(q.from) : toDay - (defaultDays - 1);
    if (fromDay > toDay) throw invalidField('from', 'must not be after to');
    if (toDay - fromDay + 1 > MAX_PERIOD_DAYS)
      throw invalidField('from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
    const dims: Partial<Record<Dimension, string[]>> = {};
    if (scope.kind === 'district') {
      if (q.districtId && q.districtId !== scope.districtId) throw notFound('district');
      dims.district = [scope.districtId];
    } else if (q.districtId) {
      if (!(await repo.exists(db, 'district', q.districtId))) throw invalidField('districtId', 'unknown district');
      dims.district = [q.districtId];
    }
    if (scope.kind === 'department') {
      if (q.departmentId && q.departmentId !== scope.departmentId) throw notFound('department');
      dims.department = [scope.departmentId];
    } else if (q.departmentId) {
      if (!(await repo.exists(db, 'department', q.departmentId)))
        throw invalidField('departmentId', 'unknown department');
      dims.department = [q.departmentId];
    }
    if (q.centreId) {
      if (!(await repo.exists(db, 'service_centre', q.centreId)))
        throw invalidField('centreId', 'unknown service centre');
      dims.centre = [q.centreId];
    }
    if (q.windowId) {
      if (!(await repo.exists(db, 'service_window', q.windowId))) throw invalidField('windowId', 'unknown window');
      dims.window = [q.windowId];
    }
    if (q.categoryId) {
      const cats = await repo.categoryWithChildren(db, q.categoryId);
      if (!cats) throw invalidField('categoryId', 'unknown category');
      dims.category = cats;
    }
    if (q.channel) dims.channel = [q.channel];
    if (q.type) dims.type = [q.type];
    if (q.tier) dims.tier = [q.tier];
    return { filter: { fromDay, toDay, dims }, scope, from: isoOfDayNumber(fromDay), to: isoOfDayNumber(toDay) };
  }

  /**
   * Reads from the coarsest source that answers: the city rollup, a single-dimension grain, a pair grain when the
   * filters and the breakdown involve two dimensions that have one, and the fact rows otherwise.
   */
  function source(filter: FactFilter, group: repo.GroupBy): Promise<Map<string, Aggregate>> {
    const constrained = [
      ...new Set<Dimension>([
        ...(Object.keys(filter.dims) as Dimension[]),
        ...(group.kind === 'dim' ? [group.dim] : []),
      ]),
    ];
    const mode = group.kind === 'none' ? 'none' : group.kind === 'day' ? 'day' : 'key';
    if (constrained.length === 0) return repo.readRollup(db, 'city', null, filter.fromDay, filter.toDay, mode);
    if (constrained.length === 1)
      return repo.readRollup(
        db,
        constrained[0]!,
        filter.dims[constrained[0]!] ?? null,
        filter.fromDay,
        filter.toDay,
        mode,
      );
    const pair = constrained.length === 2 ? repo.pairOf(constrained[0]!, constrained[1]!) : null;
    if (!pair) return repo.readFacts(db, filter, group);
    const by = group.kind === 'none' ? 'none' : group.kind === 'day' ? 'day' : group.dim === pair.first ? 'k1' : 'k2';
    return repo.readPair(
      db,
      pair.grain,
      filter.dims[pair.first] ?? null,
      filter.dims[pair.second] ?? null,
      filter.fromDay,
      filter.toDay,
      by,
    );
  }

  async function aggregates(filter: FactFilter, group: repo.GroupBy): Promise<Map<string, Aggregate>> {
    const now = clock.now();
    const [out, overdue] = await Promise.all([source(filter, group), repo.readOverdue(db, filter, group, now)]);
    for (const [k, n] of overdue) {
      if (!out.has(k)) out.set(k, emptyAggregate());
      out.get(k)!.overdue = n;
    }
    return out;
  }

  const present = (r: Awaited<ReturnType<typeof resolve>>, s: FigureSettings) => ({
    period: { from: r.from, to: r.to },
    scope: {
      kind: r.scope.kind,
      districtId: r.scope.kind === 'district' ? r.scope.districtId : null,
      departmentId: r.scope.kind === 'department' ? r.scope.departmentId : null,
    },
    settings: s,
    computedAt: toIso(clock.now())!,
  });

  async function summary(actor: Actor, q: StatsQuery) {
    const r = await resolve(actor, q);
    await refresh();
    const [agg, s] = await Promise.all([aggregates(r.filter, { kind: 'none' }), settings()]);
    return { ...present(r, s), figures: computeFigures(agg.get('') ?? emptyAggregate(), s) };
  }

  async function breakdown(actor: Actor, q: StatsQuery & { by: Dimension }) {
    const r = await resolve(actor, q);
    await refresh();
    const [agg, s] = await Promise.all([aggregates(r.filter, { kind: 'dim', dim: q.by }), settings()]);
    // A group whose counts all went back to zero (e.g. every item returned by that department) is not a row.
    const keys = [...agg.keys()].filter((k) => isNonEmpty(agg.get(k)!)).sort();
    const names = await repo.dimensionNames(db, q.by, keys);
    return {
      ...present(r, s),
      by: q.by,
      rows: keys.map((k) => ({
        key: k || null,
        name: names.get(k)?.name ?? null,
        nameEn: names.get(k)?.nameEn ?? null,
        figures: computeFigures(agg.get(k)!, s),
      })),
    };
  }

  async function series(actor: Actor, q: StatsQuery & { interval: 'day' | 'week' | 'month' }) {
    const r = await resolve(actor, q);
    await refresh();
    const [agg, s] = await Promise.all([aggregates(r.filter, { kind: 'day' }), settings()]);
    const bucketOf = (d: number) =>
      q.interval === 'day'
        ? d
        : q.interval === 'week'
          ? d - ((d + 3) % 7)
          : dayNumberOfIso(`${isoOfDayNumber(d).slice(0, 7)}-01`);
    const points = new Map<number, Aggregate>();
    for (let d = r.filter.fromDay; d <= r.filter.toDay; d++)
      if (!points.has(bucketOf(d))) points.set(bucketOf(d), emptyAggregate());
    for (const [day, a] of agg) addAggregate(points.get(bucketOf(Number(day)))!, a);
    return {
      ...present(r, s),
      interval: q.interval,
      points: [...points]
        .sort((a, b) => a[0] - b[0])
        .map(([start, a]) => ({
          start: isoOfDayNumber(Math.max(start, r.filter.fromDay)),
          figures: computeFigures(a, s),
        })),
    };
  }

  /** 红黑榜: departments with enough closed items, ranked by on-time closure, then satisfaction. */
  async function league(actor: Actor, q: StatsQuery & { minVolume: number; top: number }) {
    const b = await breakdown(actor, { ...q, by: 'department' });
    const ranked = b.rows
      .filter((row) => row.key && (row.figures.closed.value ?? 0) >= q.minVolume)
      .sort(
        (x, y) =>
          (y.figures.onTimeClosureRate.value ?? -1) - (x.figures.onTimeClosureRate.value ?? -1) ||
          (y.figures.satisfactionRate.value ?? -1) - (x.figures.satisfactionRate.value ?? -1) ||
          (y.figures.closed.value ?? 0) - (x.figures.closed.value ?? 0) ||
          String(x.key).localeCompare(String(y.key)),
      )
      .map((row, i) => ({
        rank: i + 1,
        departmentId: row.key!,
        name: row.name,
        nameEn: row.nameEn,
        figures: row.figures,
      }));
    const red = ranked.slice(0, q.top);
    const black = ranked.slice(Math.max(red.length, ranked.length - q.top)).reverse();
    const { rows: _rows, by: _by, ...head } = b;
    return { ...head, minVolume: q.minVolume, ranked, red, black };
  }

  /** Top categories and places of the period, and categories whose last 30 days grew most over the 30 before. */
  async function hotspots(actor: Actor, q: StatsQuery & { limit: number }) {
    const r = await resolve(actor, q);
    await refresh();
    const s = await settings();
    const top = async (dim: Dimension, filter: FactFilter) => {
      const agg = await aggregates(filter, { kind: 'dim', dim });
      return new Map([...agg].filter(([k]) => k).map(([k, a]) => [k, a.counters.received]));
    };
    const end = r.filter.toDay;
    const [cats, centres, districts, last, prev] = await Promise.all([
      top('category', r.filter),
      top('centre', r.filter),
      top('district', r.filter),
      top('category', { ...r.filter, fromDay: end - 29, toDay: end }),
      top('category', { ...r.filter, fromDay: end - 59, toDay: end - 30 }),
    ]);
    const ranked = async (dim: Dimension, m: Map<string, number>) => {
      const list = [...m]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, q.limit);
      const names = await repo.dimensionNames(
        db,
        dim,
        list.map(([k]) => k),
      );
      return list.map(([k, n]) => ({
        key: k,
        name: names.get(k)?.name ?? null,
        nameEn: names.get(k)?.nameEn ?? null,
        received: n,
      }));
    };
    const growth = [...new Set([...last.keys(), ...prev.keys()])]
      .map((k) => ({ key: k, last30: last.get(k) ?? 0, previous30: prev.get(k) ?? 0 }))
      .map((g) => ({ ...g, growth: g.last30 - g.previous30 }))
      .filter((g) => g.growth > 0)
      .sort((a, b) => b.growth - a.growth || a.key.localeCompare(b.key))
      .slice(0, q.limit);
    const rising = await repo.dimensionNames(
      db,
      'category',
      growth.map((g) => g.key),
    );
    return {
      ...present(r, s),
      topCategories: await ranked('category', cats),
      topCentres: await ranked('centre', centres),
      topDistricts: await ranked('district', districts),
      rising: growth.map((g) => ({
        ...g,
        name: rising.get(g.key)?.name ?? null,
        nameEn: rising.get(g.key)?.nameEn ?? null,
        windowEnd: isoOfDayNumber(end),
      })),
      definitions: {
        topCategories: {
          'zh-CN': '统计期内按提交日期收到诉求最多的类别（按件数）。',
          'en-US': 'Categories with the most items received in the period (by submission date).',
        },
        topCentres: {
          'zh-CN': '统计期内收到诉求最多的政务服务中心。',
          'en-US': 'Service centres with the most items received in the period.',
        },
        topDistricts: {
          'zh-CN': '统计期内收到诉求最多的区县。',
          'en-US': 'Districts with the most items received in the period.',
        },
        rising: {
          'zh-CN': '上升话题：截至统计期末日的近30天收到件数减去此前30天件数，增长最多的类别。',
          'en-US':
            'Rising topics: categories whose items received in the 30 days up to the end of the period exceed the 30 days before by the most.',
        },
      },
    };
  }

  /**
   * Replays every item's events into facts and compares the figures with those the API serves (summary and a
   * breakdown by every dimension): value, numerator and denominator must all agree.
   */
  async function recompute(q: StatsQuery) {
    const r = await resolve(CITY_ACTOR, q);
    const dl = await deadlines.snapshot();
    const now = clock.now();
    const s = await settings();
    const total = emptyAggregate();
    const byDim = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, Aggregate>()])) as Record<
      Dimension,
      Map<string, Aggregate>
    >;
    // Pair grains: replayed by (first value, second value), compared with the first value as filter and a breakdown
    // by the second, which is how a scoped reader's queries reach them.
    const byPair = repo.PAIRS.map(([a, b]) => ({ a, b, groups: new Map<string, Map<string, Aggregate>>() }));
    let after = '';
    let items = 0;
    for (;;) {
      const ids = (await repo.itemIdPage(db, after, 2000)).map((x) => x.id);
      if (!ids.length) break;
      const events = await repo.eventsOf(db, ids);
      const grouped = new Map<string, { action: string; at: number; data: string }[]>();
      for (const e of events) {
        const list = grouped.get(e.item_id!) ?? [];
        list.push(e);
        grouped.set(e.item_id!, list);
      }
      const facts = ids.map((id) => factFromEvents(id, grouped.get(id) ?? [], dl)).filter((f): f is ItemFact => !!f);
      items += facts.length;
      const one = aggregateFacts(facts, r.filter, now).get('');
      if (one) addAggregate(total, one);
      for (const d of DIMENSIONS) {
        for (const [k, a] of aggregateFacts(facts, r.filter, now, (f) => f.dims[d])) {
          if (!byDim[d].has(k)) byDim[d].set(k, emptyAggregate());
          addAggregate(byDim[d].get(k)!, a);
        }
      }
      for (const p of byPair) {
        for (const [k, agg] of aggregateFacts(facts, r.filter, now, (f) => `${f.dims[p.a]}|${f.dims[p.b]}`)) {
          const [k1, k2] = k.split('|') as [string, string];
          if (!p.groups.has(k1)) p.groups.set(k1, new Map());
          const inner = p.groups.get(k1)!;
          if (!inner.has(k2)) inner.set(k2, emptyAggregate());
          addAggregate(inner.get(k2)!, agg);
        }
      }
      after = ids.at(-1)!;
    }
    const replay = computeFigures(total, s);
    const api = (await summary(CITY_ACTOR, q)).figures;
    const diffs: string[] = compareFigures('summary', replay, api);
    for (const d of DIMENSIONS) {
      const served = new Map(
        (await breakdown(CITY_ACTOR, { ...q, by: d })).rows.map((row) => [row.key ?? '', row.figures]),
      );
      for (const k of new Set([...byDim[d].keys(), ...served.keys()])) {
        const mine = computeFigures(byDim[d].get(k) ?? emptyAggregate(), s);
        diffs.push(
          ...compareFigures(`${d}=${k || '(none)'}`, mine, served.get(k) ?? computeFigures(emptyAggregate(), s)),
        );
      }
    }
    for (const p of byPair) {
      const firstValues = new Set([...p.groups.keys(), ...byDim[p.a].keys()]);
      for (const k1 of firstValues) {
        const served = await aggregates(
          { ...r.filter, dims: { ...r.filter.dims, [p.a]: [k1] } },
          { kind: 'dim', dim: p.b },
        );
        const mine = p.groups.get(k1) ?? new Map<string, Aggregate>();
        for (const k2 of new Set([...mine.keys(), ...served.keys()])) {
          const where = `${p.a}=${k1 || '(none)'} ${p.b}=${k2 || '(none)'}`;
          diffs.push(
            ...compareFigures(
              where,
              computeFigures(mine.get(k2) ?? emptyAggregate(), s),
              computeFigures(served.get(k2) ?? emptyAggregate(), s),
            ),
          );
        }
      }
    }
    return { period: { from: r.from, to: r.to }, items, agree: diffs.length === 0, diffs, replay, api };
  }

  return { summary, breakdown, series, league, hotspots, refresh, rebuild, recompute, settings };
}
export type StatsService = ReturnType<typeof createStatsService>;

const isNonEmpty = (a: Aggregate) => a.overdue > 0 || a.hist.size > 0 || Object.values(a.counters).some((n) => n !== 0);

export function compareFigures(where: string, a: Figures, b: Figures): string[] {
  const out: string[] = [];
  for (const k of FIGURE_KEYS) {
    const x = a[k];
    const y = b[k];
    if (x.value !== y.value || x.numerator !== y.numerator || x.denominator !== y.denominator) {
      out.push(
        `${where} ${k}: replay ${x.numerator}/${x.denominator}=${x.value} vs api ${y.numerator}/${y.denominator}=${y.value}`,
      );
    }
  }
  return out;
}
