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

/** What a route guard demands: a permission of the caller's roles, or only a signed-in caller. */
export type RouteGuard = { kind: 'permission'; permission: string } | { kind: 'session' };
/** A registered route with the guards its preHandler declared (for the access-control matrix test). */
export interface GuardedRoute {
  method: string;
  url: string;
  guards: RouteGuard[];
}
type GuardFn = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & { [GUARD]?: RouteGuard };
const GUARD = Symbol('routeGuard');
const ROUTES = new WeakMap<FastifyInstance, GuardedRoute[]>();

/** The routes registered after installAuth, each with its guards: read by tests, so no route escapes the matrix. */
export function guardedRoutes(app: FastifyInstance): GuardedRoute[] {
  return ROUTES.get(app) ?? [];
}

export function installAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  const routes: GuardedRoute[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    const pre =
      route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    const guards = (pre as GuardFn[]).filter((fn) => fn[GUARD]);
    // Guards run before body validation, so a caller without the right learns nothing from the validator's answer.
    if (guards.length) {
      route.preHandler = pre.filter((fn) => !(fn as GuardFn)[GUARD]);
      const before =
        route.preValidation === undefined
          ? []
          : Array.isArray(route.preValidation)
            ? route.preValidation
            : [route.preValidation];
      route.preValidation = [...guards, ...before] as typeof route.preValidation;
    }
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.push({ method: method.toUpperCase(), url: route.url, guards: guards.map((fn) => fn[GUARD]!) });
    }
  });
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
  const guard: GuardFn = async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = requireActor(request);
    if (!hasPermission(actor.roles, permission)) throw new AppError('forbidden', `missing permission ${permission}`);
  };
  guard[GUARD] = { kind: 'permission', permission };
  return guard;
}

export const authenticated: GuardFn = async (request: FastifyRequest) => {
  requireActor(request);
};
authenticated[GUARD] = { kind: 'session' };
