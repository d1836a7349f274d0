// Accounts: argon2id password login with throttling, server-side sessions, hashed API tokens.
import { hash, verify } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId, randomToken } from '../../lib/ids.ts';
import { sha256 } from '../../lib/hash.ts';
import { AppError } from '../../lib/errors.ts';
import { appendAudit } from '../ledger/event.repository.ts';
import { actorFromUser, type Actor } from './actor.ts';

const MAX_FAILED = 5;
const LOCK_MS = 15 * 60_000;
// A fixed hash so that an unknown user costs as much time as a wrong password.
let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export function createAuthService(deps: { database: Database; clock: Clock; sessionDays: number }) {
  const { database, clock } = deps;
  const db = database.db;

  async function login(username: string, password: string, meta: { ip?: string; userAgent?: string }) {
    const user = await db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', username.toLowerCase())
      .executeTakeFirst();
    const now = clock.now();
    if (!user || !user.active) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password).catch(() => false);
      throw new AppError('invalid_credentials', 'wrong username or password');
    }
    if (user.locked_until && Number(user.locked_until) > now) {
      throw new AppError('rate_limited', 'too many failed logins; try again later');
    }
    const ok = await verify(user.password_hash, password).catch(() => false);
    if (!ok) {
      const failed = user.failed_logins + 1;
      await database.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({
            failed_logins: failed >= MAX_FAILED ? 0 : failed,
            locked_until: failed >= MAX_FAILED ? now + LOCK_MS : null,
          })
          .where('id', '=', user.id)
          .execute();
        await appendAudit(trx, database.dialect, {
          action: 'login_failed',
          actorId: user.id,
          actorRole: null,
          at: now,
          data: { ip: meta.ip ?? null },
        });
      });
      throw new AppError('invalid_credentials', 'wrong username or password');
    }
    const opened = await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', user.id)
        .execute();
      return openSession(trx, user.id, meta);
    });
    return { token: opened.token, csrf: opened.csrf, actor: actorFromUser(user, 'user', opened.sessionId) };
  }

  /**
   * Opens a session for a user inside the caller's transaction and audits the login (`method` names how the user
   * proved who they are when it was not the password, e.g. 'phone_code' for the accounts module's sign-in).
   */
  async function openSession(
    trx: Transaction<DB>,
    userId: string,
    meta: { ip?: string; userAgent?: string; method?: string },
  ): Promise<{ token: string; csrf: string; sessionId: string }> {
    const now = clock.now();
    const token = randomToken();
    const csrf = randomToken(24);
    const sessionId = sha256(token);
    await trx
      .insertInto('session')
      .values({
        id: sessionId,
        user_id: userId,
        csrf_token: csrf,
        created_at: now,
        expires_at: now + deps.sessionDays * 86_400_000,
        last_seen_at: now,
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 200) ?? null,
      })
      .execute();
    await appendAudit(trx, database.dialect, {
      action: 'login',
      actorId: userId,
      actorRole: null,
      at: now,
      data: meta.method ? { ip: meta.ip ?? null, method: meta.method } : { ip: meta.ip ?? null },
    });
    return { token, csrf, sessionId };
  }

  /** A fresh session id is minted at every login, so a planted cookie never becomes a signed-in session. */
  async function sessionActor(token: string): Promise<{ actor: Actor; csrf: string } | null> {
    const id = sha256(token);
    const row = await db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .selectAll('app_user')
      .select(['session.csrf_token', 'session.expires_at', 'session.last_seen_at'])
      .where('session.id', '=', id)
      .executeTakeFirst();
    const now = clock.now();
    if (!row || Number(row.expires_at) < now || !row.active) return null;
    if (now - Number(row.last_seen_at) > 60_000) {
      await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
    }
    return { actor: actorFromUser(row, 'user', id), csrf: row.csrf_token };
  }

  async function logout(sessionId: string, actor: Actor) {
    await database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('session').where('id', '=', sessionId).execute();
      await appendAudit(trx, database.dialect, {
        action: 'logout',
        actorId: actor.id,
        actorRole: null,
        at: clock.now(),
        data: {},
      });
    });
  }

  async function tokenActor(
    token: string,
    kind: 'api' | 'open311' = 'api',
  ): Promise<{ actor: Actor; tokenId: string } | null> {
    const row = await db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .selectAll('app_user')
      .select([
        'api_token.id as token_id',
        'api_token.revoked_at',
        'api_token.kind as token_kind',
        'api_token.last_used_at',
      ])
      .where('api_token.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.active || row.token_kind !== kind) return null;
    const now = clock.now();
    await db
      .updateTable('api_token')
      .set((eb) => ({ last_used_at: now, use_count: eb('use_count', '+', 1) }))
      .where('id', '=', row.token_id)
      .execute();
    return { actor: actorFromUser(row, 'token'), tokenId: row.token_id };
  }

  async function createToken(trxDb: Kysely<DB>, input: { name: string; userId: string; kind: 'api' | 'open311' }) {
    const token = `tq_${randomToken()}`;
    const id = newId(clock.now());
    await trxDb
      .insertInto('api_token')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        token_hash: sha256(token),
        user_id: input.userId,
        created_at: clock.now(),
        revoked_at: null,
        last_used_at: null,
        use_count: 0,
      })
      .execute();
    return { id, name: input.name, token };
  }

  return { login, logout, sessionActor, tokenActor, createToken, openSession };
}
export type AuthService = ReturnType<typeof createAuthService>;
