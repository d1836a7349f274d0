// /api/clues and /api/undercover-checks: schema in, one service call, presenter out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import {
  clueDetail,
  clueList,
  clueListQuery,
  clueNoteBody,
  undercoverBody,
  undercoverList,
  undercoverListQuery,
  undercoverView,
} from './discipline.schemas.ts';
import { createDisciplineService } from './discipline.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

export async function disciplineRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const discipline = createDisciplineService({
    database: services.database,
    clock: services.clock,
    items: services.items,
  });

  r.get(
    '/api/clues',
    {
      preHandler: requirePermission('clue.read'),
      schema: {
        tags: ['discipline'],
        summary: 'Case clues in the reader’s jurisdiction',
        querystring: clueListQuery,
        response: { 200: clueList, ...errorResponses },
      },
    },
    async (request) => discipline.list(requireActor(request), request.query),
  );
  r.get(
    '/api/clues/:id',
    {
      preHandler: requirePermission('clue.read'),
      schema: {
        tags: ['discipline'],
        summary: 'A clue with the item’s evidence timeline',
        params: idParams,
        response: { 200: clueDetail, ...errorResponses },
      },
    },
    async (request) => discipline.get(requireActor(request), request.params.id),
  );
  for (const action of ['follow', 'close'] as const) {
    r.post(
      `/api/clues/:id/${action}`,
      {
        preHandler: requirePermission('clue.manage'),
        schema: {
          tags: ['discipline'],
          summary: `Clue: ${action} (audited)`,
          params: idParams,
          body: clueNoteBody,
          response: { 200: clueDetail, ...errorResponses },
        },
      },
      async (request) => discipline.decide(requireActor(request), request.params.id, action, request.body.note),
    );
  }
  r.post(
    '/api/undercover-checks',
    {
      preHandler: requirePermission('undercover.manage'),
      schema: {
        tags: ['discipline'],
        summary: 'Record an undercover check (暗访), optionally raising a ledger item',
        body: undercoverBody,
        response: { 201: undercoverView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await discipline.recordUndercover(requireActor(request), request.body)),
  );
  r.get(
    '/api/undercover-checks',
    {
      preHandler: requirePermission('undercover.manage'),
      schema: {
        tags: ['discipline'],
        querystring: undercoverListQuery,
        response: { 200: undercoverList, ...errorResponses },
      },
    },
    async (request) => discipline.undercoverList(requireActor(request), request.query),
  );
}
