// Group commit: write units that arrive together share one database transaction and one commit, each inside its own
// savepoint so that a failing unit rolls back alone and the others commit.
//
// Why: a small write (one intake: a handful of rows) is dominated by its commit. On SQLite the commit appends every
// page the transaction touched to the WAL (the item table, its indexes, the event, outbox and idempotency tables), on
// its one writer; on PostgreSQL it waits for the WAL flush while holding the ledger counter's row lock, so concurrent
// intakes queue behind each other's commits. Units that arrived while a batch was being written run as the next
// batch: under load one commit covers dozens of units (the pages they touch overlap), and a lone request waits for
// nothing but its own turn of the event loop.
//
// Nothing is acknowledged before the batch's commit: every unit's promise settles after COMMIT. If the batch itself
// fails (the commit, a lost connection, a deadlock), every unit is run again on its own transaction, so one bad batch
// never turns into errors for the units that would have succeeded alone.
import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import type { Database } from './database.ts';

export type Outcome<R = unknown> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * A kind of unit that can also be written many at a time (e.g. intakes: one multi-row insert per table for the whole
 * batch instead of a handful of statements each). `write` returns one outcome per unit, in order; if it throws, its
 * savepoint is rolled back and each unit runs its own `work` instead.
 */
export interface BulkKind<U, R> {
  name: string;
  write(trx: Transaction<DB>, units: U[]): Promise<Outcome<R>[]>;
}

export interface GroupCommit {
  /** Runs `work` in a transaction shared with the other units of its batch; settles after the commit. */
  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** Like `run`, but the units of one kind in a batch are written together by `kind.write`; `work` is the fallback. */
  bulk<U, R>(kind: BulkKind<U, R>, unit: U, work: (trx: Transaction<DB>) => Promise<R>): Promise<R>;
  /** Batches, units and bulk writes so far, and units that ran alone (for benchmarks and tests). */
  readonly stats: { batches: number; units: number; bulkWrites: number; bulkFallbacks: number; solo: number };
}

interface Unit {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  bulk?: { kind: BulkKind<unknown, unknown>; unit: unknown };
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export function createGroupCommit(database: Database, opts: { maxBatch?: number } = {}): GroupCommit {
  const db = database.db;
  const maxBatch = opts.maxBatch ?? 64;
  const queue: Unit[] = [];
  let writing = false;
  const stats = { batches: 0, units: 0, bulkWrites: 0, bulkFallbacks: 0, solo: 0 };

  async function solo(unit: Unit) {
    stats.solo++;
    try {
      unit.resolve(await db.transaction().execute(unit.work));
    } catch (err) {
      unit.reject(err);
    }
  }

  async function writeBatch(batch: Unit[]) {
    if (batch.length === 1) return solo(batch[0]!);
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute(async (trx) => {
        const out = new Map<Unit, Outcome>();
        const one = async (unit: Unit) => out.set(unit, await inSavepoint(trx, () => unit.work(trx)));
        // Bulk kinds first, one write per kind; then the units that run one by one.
        const kinds = new Map<BulkKind<unknown, unknown>, Unit[]>();
        for (const unit of batch) {
          if (!unit.bulk) continue;
          const same = kinds.get(unit.bulk.kind);
          if (same) same.push(unit);
          else kinds.set(unit.bulk.kind, [unit]);
        }
        for (const [kind, units] of kinds) {
          if (units.length === 1) {
            await one(units[0]!);
            continue;
          }
          const written = await inSavepoint(trx, () =>
            kind.write(
              trx,
              units.map((u) => u.bulk!.unit),
            ),
          );
          if (written.ok && written.value.length === units.length) {
            stats.bulkWrites++;
            units.forEach((u, i) => out.set(u, written.value[i]!));
          } else {
            stats.bulkFallbacks++;
            for (const u of units) await one(u);
          }
        }
        for (const unit of batch) if (!unit.bulk) await one(unit);
        return batch.map((u) => out.get(u)!);
      });
    } catch {
      // The batch as a whole failed and nothing of it is stored: every unit gets its own transaction instead.
      for (const unit of batch) await solo(unit);
      return;
    }
    stats.batches++;
    stats.units += batch.length;
    batch.forEach((unit, i) => {
      const o = outcomes[i]!;
      if (o.ok) unit.resolve(o.value);
      else unit.reject(o.error);
    });
  }

  async function inSavepoint<T>(trx: Transaction<DB>, work: () => Promise<T>): Promise<Outcome<T>> {
    await sql`savepoint unit`.execute(trx);
    try {
      const value = await work();
      await sql`release savepoint unit`.execute(trx);
      return { ok: true, value };
    } catch (error) {
      await sql`rollback to savepoint unit`.execute(trx);
      await sql`release savepoint unit`.execute(trx);
      return { ok: false, error };
    }
  }

  function enqueue(unit: Unit) {
    queue.push(unit);
    // Let the units that arrive in this turn of the event loop join the batch.
    if (!writing && queue.length === 1) setImmediate(() => void (writing ? undefined : drain()));
  }

  async function drain() {
    writing = true;
    try {
      while (queue.length) await writeBatch(queue.splice(0, maxBatch));
    } finally {
      writing = false;
    }
  }

  return {
    stats,
    run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => enqueue({ work, resolve: resolve as (v: unknown) => void, reject }));
    },
    bulk<U, R>(kind: BulkKind<U, R>, unit: U, work: (trx: Transaction<DB>) => Promise<R>): Promise<R> {
      return new Promise<R>((resolve, reject) =>
        enqueue({
          work,
          bulk: { kind: kind as BulkKind<unknown, unknown>, unit },
          resolve: resolve as (v: unknown) => void,
          reject,
        }),
      );
    },
  };
}
