// One transaction per admin change with its audit event in it; a unique-key clash becomes a 409 naming the field.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { forUpdate, isUniqueViolation } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { AUDIT_STREAM, GENESIS, appendAudit } from '../ledger/event.repository.ts';

export interface AdminDeps {
  database: Database;
  clock: Clock;
}

export interface AdminTx {
  trx: Transaction<DB>;
  now: number;
  /** Appends the audit event of this change (action names are `admin.<entity>.<verb>`). */
  audit(action: string, data: Record<string, unknown>): Promise<void>;
}

export const conflict = (path: string, message = 'already in use') =>
  new AppError('conflict', `${path}: ${message}`, { issues: [{ path, message }] });

/** The role the actor acted in, for the audit trail: admin when they are one. */
export const actingRole = (actor: Actor) => (actor.roles.includes('admin') ? 'admin' : (actor.roles[0] ?? null));

/** The columns a PATCH actually sets (undefined means "leave as is"); empty when there is nothing to write. */
export function changes<T extends Record<string, unknown>>(set: T): Partial<T> {
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createAdminWriter({ database, clock }: AdminDeps) {
  return async function write<T>(
    actor: Actor,
    work: (tx: AdminTx) => Promise<T>,
    opts: { uniqueField?: string } = {},
  ): Promise<T> {
    const now = clock.now();
    try {
      return await database.db.transaction().execute(async (trx) => {
        // Taking the audit chain's head first serialises admin changes, so a check made inside `work` (a duplicate
        // SLA scope, a category still in use) cannot race another admin's change on PostgreSQL.
        await trx
          .insertInto('chain_head')
          .values({ stream: AUDIT_STREAM, seq: 0, hash: GENESIS })
          .onConflict((oc) => oc.column('stream').doNothing())
          .execute();
        await forUpdate(
          database.dialect,
          trx.selectFrom('chain_head').select('seq').where('stream', '=', AUDIT_STREAM),
        ).execute();
        return work({
          trx,
          now,
          audit: async (action, data) => {
            await appendAudit(trx, database.dialect, {
              action,
              actorId: actor.id,
              actorRole: actingRole(actor),
              at: now,
              data,
            });
          },
        });
      });
    } catch (err) {
      if (opts.uniqueField && isUniqueViolation(err)) throw conflict(opts.uniqueField);
      throw err;
    }
  };
}
export type AdminWriter = ReturnType<typeof createAdminWriter>;
