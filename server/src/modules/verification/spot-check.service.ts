// Spot checks (抽查回访, SPEC §2.4): a supervisor draws a reproducible sample of a month's closed items, stratified by
// main department, and calls each back; the result of a call is the item action `spot_check`, which fills the entry.
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { dayStart, toIso } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId, randomCode } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { appendAudit } from '../ledger/event.repository.ts';
import { closedInRange, findSpotCheck, listEntries, listSpotChecks, progressOf } from './spot-check.repository.ts';
import type { SpotCheckCreateBody, SpotCheckDetail } from './spot-check.schemas.ts';

type Progress = SpotCheckDetail['progress'];

/** How many of a department's `n` closed items are called back: the rate, rounded, and never none. */
export const sampleSize = (n: number, rate: number) => Math.min(n, Math.max(1, Math.round(n * rate)));

/**
 * The sample is a pure function of (seed, the closed items): each stratum is ordered by a keyed hash of the item id
 * and the first ones are taken, so the same seed always gives the same sample, whatever order the rows come in.
 */
export function drawSample<T extends { id: string; main_department_id: string | null }>(
  rows: readonly T[],
  seed: string,
  rate: number,
): T[] {
  const strata = new Map<string, T[]>();
  for (const r of rows) {
    const key = r.main_department_id ?? '';
    strata.set(key, [...(strata.get(key) ?? []), r]);
  }
  const rank = (id: string) => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');
  const out: T[] = [];
  for (const key of [...strata.keys()].sort()) {
    const members = strata
      .get(key)!
      .map((r) => ({ r, k: rank(r.id) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    out.push(...members.slice(0, sampleSize(members.length, rate)).map((m) => m.r));
  }
  return out;
}

function monthRange(period: string): [number, number] {
  const [y, m] = period.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [dayStart(`${period}-01`), dayStart(`${next}-01`)];
}

export function createSpotCheckService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  const db = database.db;

  /** A district supervisor works in their district only; the city bureau may pick one or take the whole city. */
  async function districtFor(actor: Actor, requested: string | undefined): Promise<string | null> {
    if (actor.districtId) {
      if (requested && requested !== actor.districtId) throw invalidField('districtId', 'outside your jurisdiction');
      return actor.districtId;
    }
    if (requested && !(await db.selectFrom('district').select('id').where('id', '=', requested).executeTakeFirst())) {
      throw invalidField('districtId', 'unknown district');
    }
    return requested ?? null;
  }

  const visible = (actor: Actor, row: { district_id: string | null }) =>
    !actor.districtId || row.district_id === actor.districtId;

  async function create(actor: Actor, body: SpotCheckCreateBody): Promise<SpotCheckDetail> {
    const districtId = await districtFor(actor, body.districtId);
    const [from, to] = monthRange(body.period);
    const now = clock.now();
    if (from >= now) throw invalidField('period', 'the month has not started yet');
    const seed = body.seed ?? randomCode(12);
    const closed = await closedInRange(db, from, to, districtId);
    if (!closed.length)
      throw new AppError('conflict', `no items were closed in ${body.period}${districtId ? ' in this district' : ''}`);
    const sample = drawSample(closed, seed, body.rate);
    const id = newId(now);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('spot_check')
        .values({
          id,
          period: body.period,
          seed,
          rate: body.rate,
          district_id: districtId,
          created_by: actor.id ?? 'system',
          created_at: now,
          size: sample.length,
        })
        .execute();
      // Inserted in slices: a month of a whole city can sample thousands of items.
      for (let i = 0; i < sample.length; i += 500) {
        await trx
          .insertInto('spot_check_entry')
          .values(
            sample.slice(i, i + 500).map((s) => ({
              spot_check_id: id,
              item_id: s.id,
              department_id: s.main_department_id,
              result: 'pending',
              answers: null,
              checked_by: null,
              checked_at: null,
            })),
          )
          .execute();
      }
      await appendAudit(trx, database.dialect, {
        action: 'spot_check.create',
        actorId: actor.id,
        actorRole: actor.roles.includes('supervisor') ? 'supervisor' : (actor.roles[0] ?? null),
        at: now,
        data: {
          spotCheckId: id,
          period: body.period,
          seed,
          rate: body.rate,
          districtId,
          closed: closed.length,
          size: sample.length,
        },
      });
    });
    return get(actor, id);
  }

  function progressMap(rows: { spot_check_id: string; result: string; n: number }[]) {
    const map = new Map<string, Progress>();
    for (const r of rows) {
      const p = map.get(r.spot_check_id) ?? { total: 0, pending: 0, confirmed: 0, falseClosure: 0 };
      const n = Number(r.n);
      p.total += n;
      if (r.result === 'pending') p.pending += n;
      else if (r.result === 'confirmed') p.confirmed += n;
      else if (r.result === 'false_closure') p.falseClosure += n;
      map.set(r.spot_check_id, p);
    }
    return map;
  }

  const summary = (row: NonNullable<Awaited<ReturnType<typeof findSpotCheck>>>, progress: Progress | undefined) => ({
    id: row.id,
    period: row.period,
    seed: row.seed,
    rate: Number(row.rate),
    districtId: row.district_id,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    size: Number(row.size),
    progress: progress ?? { total: 0, pending: 0, confirmed: 0, falseClosure: 0 },
  });

  async function get(actor: Actor, id: string): Promise<SpotCheckDetail> {
    const row = await findSpotCheck(db, id);
    if (!row || !visible(actor, row)) throw notFound('spot check');
    const [entries, progress] = await Promise.all([listEntries(db, id), progressOf(db, [id])]);
    const strata = new Map<string, SpotCheckDetail['strata'][number]>();
    for (const e of entries) {
      const key = e.department_id ?? '';
      const s = strata.get(key) ?? {
        departmentId: e.department_id,
        departmentName: e.department_name,
        sampled: 0,
        checked: 0,
      };
      s.sampled++;
      if (e.result !== 'pending') s.checked++;
      strata.set(key, s);
    }
    return {
      ...summary(row, progressMap(progress).get(id)),
      strata: [...strata.values()],
      entries: entries.map((e) => ({
        itemId: e.item_id,
        ledgerNo: e.ledger_no,
        title: e.title,
        departmentId: e.department_id,
        departmentName: e.department_name,
        closedAt: toIso(e.closed_at),
        result: e.result as 'pending' | 'confirmed' | 'false_closure',
        answers: e.answers ? (JSON.parse(e.answers) as Record<string, unknown>) : null,
        checkedAt: toIso(e.checked_at),
      })),
    };
  }

  async function list(actor: Actor, q: { period?: string; page: number; pageSize: number }) {
    const [rows, total] = await listSpotChecks(db, actor.districtId, q);
    const progress = progressMap(
      await progressOf(
        db,
        rows.map((r) => r.id),
      ),
    );
    return {
      total: Number(total.n),
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => summary(r, progress.get(r.id))),
    };
  }

  return { create, get, list };
}
export type SpotCheckService = ReturnType<typeof createSpotCheckService>;
