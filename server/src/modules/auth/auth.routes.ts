// /api/auth: login, logout, who am I. The session lives in an HttpOnly SameSite cookie; writes need the CSRF token.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBody, me, permissionsOf, type Me } from '@tingquan/common';
import { SESSION_COOKIE, requireActor } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { AuthService } from './auth.service.ts';
import type { Actor } from './actor.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function authRoutes(
  app: FastifyInstance,
  opts: { auth: AuthService; db: Kysely<DB>; secureCookie: boolean; sessionDays: number; loginRatePerMinute: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const present = async (actor: Actor, csrf: string): Promise<Me> => {
    const u = await opts.db
      .selectFrom('app_user')
      .select(['username', 'active'])
      .where('id', '=', actor.id!)
      .executeTakeFirstOrThrow();
    return {
      id: actor.id!,
      username: u.username,
      displayName: actor.displayName,
      roles: actor.roles,
      districtId: actor.districtId,
      departmentId: actor.departmentId,
      centreId: actor.centreId,
      windowId: actor.windowId,
      active: !!u.active,
      csrfToken: csrf,
      permissions: permissionsOf(actor.roles),
    };
  };

  r.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: opts.loginRatePerMinute, timeWindow: 60_000 } },
      schema: { tags: ['auth'], body: loginBody, response: { 200: me, ...errorResponses } },
    },
    async (request, reply) => {
      const { token, csrf, actor } = await opts.auth.login(request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookie,
        maxAge: opts.sessionDays * 86_400,
      });
      return present(actor, csrf);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.sessionId) await opts.auth.logout(actor.sessionId, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: me, ...errorResponses } } }, async (request) => {
    const actor = requireActor(request);
    return present(actor, request.csrfToken ?? '');
  });
}
