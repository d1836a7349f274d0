// Matching runs: a background job that sweeps enterprises (in id order, chunk by chunk) against the active items, keeps
// every eligible decision with its explanation, and per-criterion failure counts. A run is claimed through the database
// (owner + lease, a conditional update), its cursor and aggregates are written with each chunk's candidates, so a crashed
// run resumes where it stopped; after MAX_ATTEMPTS claims it is marked failed.
import type { Database } from '../../db/database.ts';
import type { PolicyCandidateTable, PolicyRunTable } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { localDay, toIso } from '../../lib/clock.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { newId, randomToken } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { type CatalogueCache, targetsAt } from './policy.catalogue.ts';
import { receiptsBetween } from './policy.repository.ts';
import type { ChunkItemResult, ChunkOutput } from './policy.sweep.ts';
import { inProcessSweeper, sharedSweeper, type Sweeper } from './policy.sweeper.ts';

/**
 * Enterprises per chunk. A chunk's sweep and explanations run in a worker thread (policy.sweeper.ts); its candidates are
 * written in one transaction on the main thread: 1,000 keeps that transaction (the SQLite writer) well under a second.
 */
export const RUN_CHUNK = 1000;
export const DEFAULT_RUN_LEASE_MS = 120_000;
export const MAX_ATTEMPTS = 3;
/** How often a worker looks for a queued (or abandoned) run. */
export const POLICY_RUN_POLL_MS = 2000;

export interface RunHooks {
  /** Enterprises per chunk (tests use small chunks). */
  chunk?: number;
  afterChunk?: (done: number) => void;
}

/** A run's totals for one item: a chunk's result summed over the chunks, failure counts kept per criterion. */
export interface RunAggregate extends Omit<ChunkItemResult, 'criteria' | 'failCounts' | 'unknownCounts'> {
  criteria: { id: string; label: string; kind: string; fail: number; unknown: number }[];
}

export function runViewOf(r: PolicyRunTable) {
  const total = Number(r.total);
  const done = Number(r.done);
  return {
    id: r.id,
    scope: r.scope,
    itemId: r.item_id,
    enterpriseId: r.enterprise_id,
    asOf: r.as_of,
    status: r.status as 'queued' | 'running' | 'done' | 'failed',
    total,
    done,
    progress: total ? Math.round((done / total) * 1000) / 1000 : r.status === 'done' ? 1 : 0,
    candidates: Number(r.candidates),
    attempts: Number(r.attempts),
    error: r.error,
    createdAt: toIso(r.created_at)!,
    startedAt: toIso(r.started_at),
    finishedAt: toIso(r.finished_at),
  };
}

/** Which items a run covers: all active ones, one, or (internal, for the demo seed) a list kept as JSON in item_id. */
function itemFilter(run: Pick<PolicyRunTable, 'scope' | 'item_id'>): ((itemId: string) => boolean) | undefined {
  if (run.scope === 'item') return (id) => id === run.item_id;
  if (run.scope === 'items') {
    const ids = new Set(JSON.parse(run.item_id ?? '[]') as string[]);
    return (id) => ids.has(id);
  }
  return undefined;
}

function addResult(agg: Map<string, RunAggregate>, r: ChunkItemResult) {
  let a = agg.get(r.itemId);
  if (!a) {
    a = {
      itemId: r.itemId,
      ruleVersion: r.ruleVersion,
      ruleHash: r.ruleHash,
      population: 0,
      eligible: 0,
      unknown: 0,
      ineligible: 0,
      totalAmount: 0,
      criteria: r.criteria.map((c) => ({ id: c.id, label: c.label, kind: c.kind, fail: 0, unknown: 0 })),
    };
    agg.set(r.itemId, a);
  }
  a.population += r.population;
  a.eligible += r.eligible;
  a.unknown += r.unknown;
  a.ineligible += r.ineligible;
  a.totalAmount += r.totalAmount;
  r.failCounts.forEach((n, k) => (a.criteria[k].fail += n));
  r.unknownCounts.forEach((n, k) => (a.criteria[k].unknown += n));
}

export interface MatchingOptions {
  /** How long a claimed run stays this process's without progress before another process may take it over. */
  leaseMs?: number;
  /** Enterprises per chunk (default RUN_CHUNK). */
  chunk?: number;
  /** Where chunks are evaluated: the process's worker thread (default), in-process (`false`), or a given sweeper. */
  sweeper?: Sweeper | false;
}

export function createMatching(
  deps: { database: Database; clock: Clock; catalogue: CatalogueCache; owner?: string } & MatchingOptions,
) {
  const { database, clock, catalogue } = deps;
  const db = database.db;
  const owner = deps.owner ?? `proc-${randomToken(6)}`;
  const RUN_LEASE_MS = deps.leaseMs ?? DEFAULT_RUN_LEASE_MS;
  const sweeper = deps.sweeper === false ? inProcessSweeper() : (deps.sweeper ?? sharedSweeper());

  function scopedEnterprises(run: Pick<PolicyRunTable, 'scope' | 'enterprise_id'>) {
    let q = db.selectFrom('enterprise');
    if (run.scope === 'enterprise') q = q.where('id', '=', run.enterprise_id!);
    return q;
  }

  async function start(
    actor: Actor,
    body:
      | { scope: 'all' | 'item' | 'enterprise'; itemId?: string; enterpriseId?: string; asOf?: string }
      | { scope: 'items'; itemIds: string[]; asOf?: string },
  ) {
    const now = clock.now();
    const asOf = body.asOf ?? localDay(now);
    if (body.scope === 'item' && body.itemId) {
      const item = await db
        .selectFrom('policy_item')
        .select(['id', 'active'])
        .where('id', '=', body.itemId!)
        .executeTakeFirst();
      if (!item) throw invalidField('itemId', 'unknown policy item');
      if (!item.active) throw invalidField('itemId', 'the item is not active');
    }
    if (
      body.scope === 'enterprise' &&
      body.enterpriseId &&
      !(await db.selectFrom('enterprise').select('id').where('id', '=', body.enterpriseId!).executeTakeFirst())
    ) {
      throw invalidField('enterpriseId', 'unknown enterprise');
    }
    const run: PolicyRunTable = {
      id: newId(now),
      scope: body.scope,
      item_id: body.scope === 'item' ? body.itemId! : body.scope === 'items' ? JSON.stringify(body.itemIds) : null,
      enterprise_id: body.scope === 'enterprise' ? body.enterpriseId! : null,
      as_of: asOf,
      status: 'queued',
      total: 0,
      done: 0,
      cursor: null,
      candidates: 0,
      attempts: 0,
      owner: null,
      lease_until: null,
      error: null,
      created_by: actor.id,
      created_at: now,
      started_at: null,
      finished_at: null,
    };
    run.total = Number(
      (
        await scopedEnterprises(run)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await db.insertInto('policy_run').values(run).execute();
    return runViewOf(run);
  }

  async function get(id: string) {
    const run = await db.selectFrom('policy_run').selectAll().where('id', '=', id).executeTakeFirst();
    if (!run) throw notFound('matching run');
    return runViewOf(run);
  }

  async function list(limit = 20) {
    const rows = await db.selectFrom('policy_run').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(runViewOf);
  }

  /** Takes the oldest queued run, or one whose owner's lease ran out (a crashed process): once across processes. */
  async function claim(): Promise<PolicyRunTable | null> {
    const now = clock.now();
    const next = await db
      .selectFrom('policy_run')
      .selectAll()
      .where((eb) =>
        eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]),
      )
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    if (Number(next.attempts) >= MAX_ATTEMPTS) {
      await db
        .updateTable('policy_run')
        .set({
          status: 'failed',
          error: next.error ?? `gave up after ${MAX_ATTEMPTS} attempts`,
          finished_at: now,
          owner: null,
          lease_until: null,
        })
        .where('id', '=', next.id)
        .where('attempts', '=', next.attempts)
        .execute();
      return null;
    }
    const res = await db
      .updateTable('policy_run')
      .set({
        status: 'running',
        owner,
        lease_until: now + RUN_LEASE_MS,
        attempts: Number(next.attempts) + 1,
        started_at: next.started_at ?? now,
      })
      .where('id', '=', next.id)
      .where('attempts', '=', next.attempts)
      .where('status', '=', next.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    return { ...next, status: 'running', owner, attempts: Number(next.attempts) + 1 };
  }

  async function loadAggregates(runId: string): Promise<Map<string, RunAggregate>> {
    const rows = await db.selectFrom('policy_run_item').selectAll().where('run_id', '=', runId).execute();
    return new Map(
      rows.map((r) => [
        r.item_id,
        {
          itemId: r.item_id,
          ruleVersion: Number(r.rule_version),
          ruleHash: r.rule_hash,
          population: Number(r.population),
          eligible: Number(r.eligible),
          unknown: Number(r.unknown),
          ineligible: Number(r.ineligible),
          totalAmount: Number(r.total_amount),
          criteria: JSON.parse(r.criteria),
        },
      ]),
    );
  }

  /** Works a claimed run to the end (or until its lease is lost). `hooks.afterChunk` lets tests simulate a crash. */
  async function execute(run: PolicyRunTable, hooks: RunHooks = {}): Promise<void> {
    const cat = await catalogue.get();
    const targets = targetsAt(cat, run.as_of, itemFilter(run));
    const itemIds = targets.map((t) => t.item.id);
    const items = new Map(targets.map((t) => [t.item.id, t.item]));
    const agg = await loadAggregates(run.id);
    const chunk = hooks.chunk ?? deps.chunk ?? RUN_CHUNK;
    let done = Number(run.done);
    let found = Number(run.candidates);
    /** Reads a chunk after `after` and hands its CPU work (bind, sweep, explain) to the sweeper, off the event loop. */
    const read = async (after: string | null) => {
      let q = scopedEnterprises(run).select(['id', 'uscc', 'name', 'facts']).orderBy('id').limit(chunk);
      if (after) q = q.where('id', '>', after);
      const rows = await q.execute();
      if (!rows.length) return null;
      const receipts = await receiptsBetween(db, rows[0].id, rows[rows.length - 1].id);
      const out = itemIds.length
        ? sweeper.evaluate(cat, {
            asOf: run.as_of,
            itemIds,
            rows: rows.map((r) => ({ uscc: r.uscc, name: r.name, facts: r.facts })),
            receipts: rows.map((r) => receipts.get(r.id) ?? []),
          })
        : Promise.resolve<ChunkOutput>({ results: [], candidates: [] });
      out.catch(() => {}); // awaited below; a chunk read ahead of a crash or a lost lease is dropped without a trace
      return { rows, out };
    };
    let next = await read(run.cursor);
    while (next) {
      const { rows } = next;
      // The next chunk is read and handed to the worker before this one is written, so that it is evaluated while this
      // one's transaction runs (the write touches open candidates only: nothing the next chunk's evaluation reads).
      const ahead = rows.length === chunk ? await read(rows[rows.length - 1].id) : null;
      const out = await next.out;
      for (const r of out.results) addResult(agg, r);
      const now = clock.now();
      const candidates: PolicyCandidateTable[] = out.candidates.map((c) => ({
        id: newId(now),
        item_id: c.itemId,
        enterprise_id: rows[c.row].id,
        as_of: run.as_of,
        run_id: run.id,
        amount: c.amount,
        rule_version: c.ruleVersion,
        rule_hash: c.ruleHash,
        engine_version: c.engineVersion,
        parameter_snapshot_date: c.parameterSnapshotDate,
        explanation: c.explanation,
        status: 'candidate',
        delivery: items.get(c.itemId)!.delivery,
        publicity_until: null,
        consent_token_hash: null,
        paid_amount: null,
        payment_ref: null,
        failure_reason: null,
        attempts: 0,
        decided_by: null,
        reason: null,
        created_at: now,
        updated_at: now,
        paid_at: null,
      }));
      const last = rows[rows.length - 1].id;
      const lost = await db
        .transaction()
        .execute(async (trx) => {
          for (let s = 0; s < candidates.length; s += 300) {
            // A decision already taken forward (confirmed, paid …) is never rewritten by a later run.
            await trx
              .insertInto('policy_candidate')
              .values(candidates.slice(s, s + 300))
              .onConflict((oc) =>
                oc
                  .columns(['item_id', 'enterprise_id', 'as_of'])
                  .doUpdateSet((eb) => ({
                    run_id: eb.ref('excluded.run_id'),
                    amount: eb.ref('excluded.amount'),
                    rule_version: eb.ref('excluded.rule_version'),
                    rule_hash: eb.ref('excluded.rule_hash'),
                    engine_version: eb.ref('excluded.engine_version'),
                    parameter_snapshot_date: eb.ref('excluded.parameter_snapshot_date'),
                    explanation: eb.ref('excluded.explanation'),
                    updated_at: eb.ref('excluded.updated_at'),
                  }))
                  .where('policy_candidate.status', '=', 'candidate'),
              )
              .execute();
          }
          await trx.deleteFrom('policy_run_item').where('run_id', '=', run.id).execute();
          const aggRows = [...agg.values()].map((a) => ({
            run_id: run.id,
            item_id: a.itemId,
            rule_version: a.ruleVersion,
            rule_hash: a.ruleHash,
            population: a.population,
            eligible: a.eligible,
            unknown: a.unknown,
            ineligible: a.ineligible,
            total_amount: a.totalAmount,
            criteria: JSON.stringify(a.criteria),
          }));
          for (let s = 0; s < aggRows.length; s += 200)
            await trx
              .insertInto('policy_run_item')
              .values(aggRows.slice(s, s + 200))
              .execute();
          const res = await trx
            .updateTable('policy_run')
            .set({
              cursor: last,
              done: done + rows.length,
              candidates: found + candidates.length,
              lease_until: clock.now() + RUN_LEASE_MS,
            })
            .where('id', '=', run.id)
            .where('owner', '=', owner)
            .where('status', '=', 'running')
            .executeTakeFirst();
          // Another process took the run over (our lease ran out): roll this chunk back and stop.
          if (Number(res.numUpdatedRows) !== 1) throw new LeaseLost();
          return false;
        })
        .catch((e) => {
          if (e instanceof LeaseLost) return true;
          throw e;
        });
      if (lost) return;
      done += rows.length;
      found += candidates.length;
      hooks.afterChunk?.(done);
      next = ahead;
    }
    // Decisions of the same date that this complete run no longer finds eligible, and nobody has acted on, are withdrawn.
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('policy_run')
        .set({ status: 'done', finished_at: clock.now(), owner: null, lease_until: null, total: done })
        .where('id', '=', run.id)
        .where('owner', '=', owner)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      let stale = trx
        .deleteFrom('policy_candidate')
        .where('as_of', '=', run.as_of)
        .where('status', '=', 'candidate')
        .where((eb) => eb.or([eb('run_id', '!=', run.id), eb('run_id', 'is', null)]));
      if (run.scope !== 'all')
        stale = stale.where('item_id', 'in', targets.length ? targets.map((t) => t.item.id) : ['']);
      if (run.scope === 'enterprise') stale = stale.where('enterprise_id', '=', run.enterprise_id!);
      await stale.execute();
    });
  }

  /** One step of the worker: claim a run and work it; a failure puts it back for another attempt (or fails it). */
  async function runOnce(hooks?: RunHooks): Promise<string | null> {
    const run = await claim();
    if (!run) return null;
    try {
      await execute(run, hooks);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db
        .updateTable('policy_run')
        .set(
          Number(run.attempts) >= MAX_ATTEMPTS
            ? { status: 'failed', error: message, finished_at: clock.now(), owner: null, lease_until: null }
            : { status: 'queued', error: message, owner: null, lease_until: null },
        )
        .where('id', '=', run.id)
        .where('owner', '=', owner)
        .execute();
      throw err;
    }
    return run.id;
  }

  return { start, get, list, claim, execute, runOnce, owner, sweeper };
}
export type Matching = ReturnType<typeof createMatching>;

class LeaseLost extends Error {}
