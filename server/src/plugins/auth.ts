// Who is calling: a session cookie (with a CSRF token for writes) or a Bearer API token. Sets request.actor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '@tingquan/common';
import { AppError } from '../lib/errors.ts';
import { safeEqual } from '../lib/hash.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { AuthService } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'tq_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await auth.tokenActor(header.slice(7).trim());
      if (!found) throw new AppError('unauthenticated', 'invalid or revoked API token');
      request.actor = found.actor;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie) return;
    const session = await auth.sessionActor(cookie);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrf;
    // Cookie-authenticated writes must carry the CSRF token that only our own pages can read.
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrf)) {
        if (!request.url.startsWith('/api/auth/login')) throw new AppError('csrf', 'missing or wrong CSRF token');
      }
    }
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}

/** Route guard: the first layer of authorization (a permission per route). */
export function requirePermission(permission: string) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = requireActor(request);
    if (!hasPermission(actor.roles, permission)) throw new AppError('forbidden', `missing permission ${permission}`);
  };
}

export const authenticated = async (request: FastifyRequest) => {
  requireActor(request);
};
