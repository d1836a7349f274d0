// Idempotency-Key for every write that does not handle it inside its own transaction (the ledger's use cases do):
// the first answer is stored and replayed to retries; a concurrent duplicate waits its turn with a 409.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { canonicalJson, sha256 } from '../lib/hash.ts';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
/** A claim older than this belongs to a request that died (e.g. a crash before the answer was stored). */
const STALE_CLAIM_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'service': the use case claims the key inside its transaction (see item.service.ts `idempotent`). */
    idempotency?: 'service';
  }
  interface FastifyRequest {
    idempotencyClaim: { scope: string; key: string } | null;
  }
}

export function readIdempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation', 'Idempotency-Key must be 8–128 letters, digits or . _ : -', {
      issues: [{ path: 'headers.idempotency-key', message: 'invalid' }],
    });
  }
  return key;
}

export function installIdempotency(app: FastifyInstance, db: Kysely<DB>, clock: Clock) {
  app.decorateRequest('idempotencyClaim', null);
  app.addHook('preHandler', async (request, reply) => {
    if (!WRITE.has(request.method) || request.routeOptions.config?.idempotency === 'service') return;
    const key = readIdempotencyKey(request);
    if (!key) return;
    const scope = `http:${request.actor?.id ?? 'public'}`;
    const hash = sha256(canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }));
    const now = clock.now();
    const stored = await db
      .selectFrom('idempotency')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (stored) {
      if (stored.request_hash !== hash)
        throw new AppError('idempotency_mismatch', 'this Idempotency-Key was used for a different request');
      if (stored.status_code > 0) {
        reply.header('idempotent-replay', 'true').header('content-type', 'application/json; charset=utf-8');
        return reply.code(stored.status_code).send(stored.response);
      }
      if (now - Number(stored.created_at) < STALE_CLAIM_MS)
        throw new AppError('conflict', 'a request with this Idempotency-Key is still being processed');
      await db
        .deleteFrom('idempotency')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status_code', '=', 0)
        .execute();
    }
    try {
      await db
        .insertInto('idempotency')
        .values({ scope, key, request_hash: hash, status_code: 0, response: '', created_at: now })
        .execute();
    } catch {
      throw new AppError('conflict', 'a request with this Idempotency-Key is still being processed');
    }
    request.idempotencyClaim = { scope, key };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    if (reply.statusCode < 400) {
      await db
        .updateTable('idempotency')
        .set({
          status_code: reply.statusCode,
          response:
            typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : String(payload),
        })
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .execute();
    } else {
      // A refused request changed nothing: let the client retry it with the same key.
      await db.deleteFrom('idempotency').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    }
    return payload;
  });
}
