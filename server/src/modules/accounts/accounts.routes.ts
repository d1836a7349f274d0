// /api/accounts: phone-code sign-in and registration, the account and who it acts as, enterprise bindings through the
// 电子营业执照 and members; /api/accounts/licence-sim: the simulated licence app's page (demo and tests only).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '@tingquan/common';
import * as s from '@tingquan/common/schemas/accounts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { SESSION_COOKIE, authenticated, requireActor } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { transact } from './accounts.context.ts';
import { presentBinding, presentLicenceSim, presentMembers } from './accounts.presenter.ts';
import { completeBinding, requestBinding } from './use-cases/bind-enterprise.ts';
import { chooseActing } from './use-cases/choose-acting.ts';
import { decideLicenceRequest, readLicenceSim } from './use-cases/licence-sim.ts';
import { addMember, listEnterpriseMembers, removeMember } from './use-cases/members.ts';
import { readAccount, readBindings } from './use-cases/read-account.ts';
import { sendPhoneCode } from './use-cases/send-phone-code.ts';
import { signInWithCode } from './use-cases/sign-in-with-code.ts';
import { ACTING_HEADER } from './subject.ts';

const tags = ['accounts'];
const idParams = z.object({ id });
const memberParams = z.object({ id, userId: id });

export async function accountRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = services.accounts;
  const { config } = services;
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.COOKIE_SECURE === 'true' };

  r.post(
    '/api/accounts/codes',
    {
      config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Send a sign-in verification code by SMS (rate-limited per phone and per address)',
        body: s.phoneCodeBody,
        response: { 202: s.phoneCodeSent, ...errorResponses },
      },
    },
    async (q, reply) =>
      reply.code(202).send(await transact(ctx, (trx) => sendPhoneCode(ctx, trx, q.body, { ip: q.ip }))),
  );

  r.post(
    '/api/accounts/sign-in',
    {
      config: { rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sign in (or register on first use) with the phone and its verification code',
        body: s.signInBody,
        response: { 200: s.accountView, ...errorResponses },
      },
    },
    async (q, reply) => {
      const meta = { ip: q.ip, userAgent: q.headers['user-agent'] };
      const result = await transact(ctx, (trx) => signInWithCode(ctx, trx, q.body, meta));
      if (!result.ok)
        throw result.reason === 'inactive'
          ? new AppError('forbidden', 'this account is disabled')
          : invalidField('body.code', 'wrong or expired verification code');
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, maxAge: config.SESSION_DAYS * 86_400 });
      const actor = (await services.auth.sessionActor(result.token))!.actor;
      return readAccount(ctx, actor, result.csrf);
    },
  );

  r.get(
    '/api/accounts/me',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'The account, its enterprises and who it acts as',
        response: { 200: s.accountView, ...errorResponses },
      },
    },
    async (q) => readAccount(ctx, requireActor(q), q.csrfToken ?? '', q.headers[ACTING_HEADER]),
  );

  r.post(
    '/api/accounts/acting',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Act as oneself or as one of one’s enterprises from now on',
        body: s.actingBody,
        response: { 200: s.accountView, ...errorResponses },
      },
    },
    async (q) => {
      await transact(ctx, (trx) => chooseActing(ctx, trx, requireActor(q), q.body));
      return readAccount(ctx, requireActor(q), q.csrfToken ?? '');
    },
  );

  r.get(
    '/api/accounts/bindings',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'The account’s enterprise binding requests',
        response: { 200: z.array(s.bindingView), ...errorResponses },
      },
    },
    async (q) => (await readBindings(ctx, requireActor(q))).map(presentBinding),
  );
  r.post(
    '/api/accounts/bindings',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Ask the enterprise’s legal representative (through the 电子营业执照) to confirm a role',
        body: s.bindingBody,
        response: { 201: s.bindingView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(presentBinding(await requestBinding(ctx, requireActor(q), q.body))),
  );
  r.post(
    '/api/accounts/bindings/:id/complete',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Record the legal representative’s answer',
        params: idParams,
        response: { 200: s.bindingView, ...errorResponses },
      },
    },
    async (q) => presentBinding(await completeBinding(ctx, requireActor(q), q.params.id)),
  );

  r.get(
    '/api/accounts/enterprises/:id/members',
    {
      preHandler: authenticated,
      schema: { tags, params: idParams, response: { 200: z.array(s.memberView), ...errorResponses } },
    },
    async (q) => presentMembers(await listEnterpriseMembers(ctx, requireActor(q), q.params.id)),
  );
  r.post(
    '/api/accounts/enterprises/:id/members',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Add a member (admin or agent)',
        params: idParams,
        body: s.memberBody,
        response: { 200: z.array(s.memberView), ...errorResponses },
      },
    },
    async (q) =>
      presentMembers(await transact(ctx, (trx) => addMember(ctx, trx, requireActor(q), q.params.id, q.body))),
  );
  r.post(
    '/api/accounts/enterprises/:id/members/:userId/revoke',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Revoke a member',
        params: memberParams,
        response: { 200: z.array(s.memberView), ...errorResponses },
      },
    },
    async (q) =>
      presentMembers(
        await transact(ctx, (trx) => removeMember(ctx, trx, requireActor(q), q.params.id, q.params.userId)),
      ),
  );

  r.get(
    '/api/accounts/licence-sim/:id',
    {
      schema: {
        tags,
        summary: 'Simulated 电子营业执照: the request the legal representative sees',
        params: idParams,
        response: { 200: s.licenceSimView, ...errorResponses },
      },
    },
    async (q) => presentLicenceSim(await readLicenceSim(ctx, q.params.id)),
  );
  r.post(
    '/api/accounts/licence-sim/:id/decide',
    {
      schema: {
        tags,
        summary: 'Simulated 电子营业执照: the legal representative approves or declines',
        params: idParams,
        body: s.licenceSimDecision,
        response: { 200: s.licenceSimView, ...errorResponses },
      },
    },
    async (q) => {
      await transact(ctx, (trx) => decideLicenceRequest(ctx, trx, q.params.id, q.body.approve));
      return presentLicenceSim(await readLicenceSim(ctx, q.params.id));
    },
  );
}
