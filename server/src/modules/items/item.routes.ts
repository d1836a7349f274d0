// /api/items and the public intake/tracking routes: schema in, one service call, presenter out.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACTION_BODIES,
  ITEM_ACTIONS,
  intakeReceipt,
  itemDetail,
  itemListQuery,
  itemListResponse,
  publicIntakeBody,
  registerItemBody,
  revealBody,
  trackingAuth,
  trackingQuery,
} from '@tingquan/common';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { readIdempotencyKey } from '../../plugins/idempotency.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import type { Idempotency, ItemService } from './item.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
/** The Idempotency-Key of a ledger write, claimed by the use case inside its own transaction. */
export function idempotencyOf(
  request: FastifyRequest,
  items: ItemService,
  actor: Actor | null,
  body: unknown,
): Idempotency | undefined {
  const key = readIdempotencyKey(request);
  if (!key) return undefined;
  return {
    scope: actor?.id ?? 'public',
    key,
    requestHash: items.requestHash({ url: request.routeOptions.url, params: request.params, body }),
  };
}

export async function itemRoutes(app: FastifyInstance, opts: { items: ItemService; intakeRatePerMinute: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { items } = opts;

  r.post(
    '/api/public/items',
    {
      config: { idempotency: 'service', rateLimit: { max: opts.intakeRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Raise a problem without an account',
        body: publicIntakeBody,
        response: { 201: intakeReceipt, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await items.intake(null, request.body, { idem: idempotencyOf(request, items, null, request.body) })),
  );

  r.get(
    '/api/public/track',
    {
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Follow an item with its tracking code and PIN',
        querystring: trackingQuery,
        response: { 200: itemDetail, ...errorResponses },
      },
    },
    async (request) => (await items.track(request.query.code, request.query.pin)).detail,
  );

  for (const action of ['rate', 'appeal', 'add_info'] as const) {
    r.post(
      `/api/public/track/${action}`,
      {
        config: { idempotency: 'service', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['public'],
          summary: `Requester: ${action} with the tracking code and PIN`,
          body: trackingAuth.extend({ payload: ACTION_BODIES[action] }).strict(),
          response: { 200: itemDetail, ...errorResponses },
        },
      },
      async (request) => {
        const { actor } = await items.track(request.body.code, request.body.pin);
        const detail = await items.act(actor, actor.itemId!, action, request.body.payload, {
          idem: idempotencyOf(request, items, actor, request.body),
        });
        return detail;
      },
    );
  }

  r.post(
    '/api/items',
    {
      config: { idempotency: 'service' },
      preHandler: requirePermission('item.create'),
      schema: {
        tags: ['items'],
        summary: 'Register an item (window, hotline, letter, inspection …)',
        body: registerItemBody,
        response: { 201: intakeReceipt, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply
        .code(201)
        .send(await items.intake(actor, request.body, { idem: idempotencyOf(request, items, actor, request.body) }));
    },
  );

  r.get(
    '/api/items',
    {
      preHandler: requirePermission('item.read'),
      schema: {
        tags: ['items'],
        summary: 'The ledger, scoped to what the reader may see',
        querystring: itemListQuery,
        response: { 200: itemListResponse, ...errorResponses },
      },
    },
    async (request) => items.list(requireActor(request), request.query),
  );

  r.get(
    '/api/items/:id',
    {
      preHandler: requirePermission('item.read'),
      schema: { tags: ['items'], params: idParams, response: { 200: itemDetail, ...errorResponses } },
    },
    async (request) => items.get(requireActor(request), request.params.id),
  );

  r.post(
    '/api/items/:id/reveal',
    {
      schema: {
        tags: ['items'],
        summary: 'Show the requester in full (logged)',
        params: idParams,
        body: revealBody,
        response: { 200: itemDetail, ...errorResponses },
      },
    },
    async (request) => items.revealRequester(requireActor(request), request.params.id, request.body.reason),
  );

  for (const action of ITEM_ACTIONS) {
    if (action === 'reveal') continue;
    r.post(
      `/api/items/:id/${action}`,
      {
        config: { idempotency: 'service' },
        schema: {
          tags: ['items'],
          summary: `Item action: ${action}`,
          params: idParams,
          body: ACTION_BODIES[action],
          response: { 200: itemDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return items.act(actor, request.params.id, action, request.body, {
          idem: idempotencyOf(request, items, actor, request.body),
        });
      },
    );
  }
}
