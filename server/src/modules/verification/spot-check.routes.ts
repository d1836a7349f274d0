// /api/spot-checks: draw a sample, list samples, work through one (results go through POST /api/items/:id/spot_check).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { spotCheckCreateBody, spotCheckDetail, spotCheckList, spotCheckListQuery } from './spot-check.schemas.ts';
import { createSpotCheckService } from './spot-check.service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

export async function spotCheckRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const spotChecks = createSpotCheckService({ database: services.database, clock: services.clock });
  const guard = requirePermission('spot_check.manage');

  r.post(
    '/api/spot-checks',
    {
      preHandler: guard,
      schema: {
        tags: ['verification'],
        summary: 'Draw a seeded, stratified sample of a month’s closed items',
        body: spotCheckCreateBody,
        response: { 201: spotCheckDetail, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await spotChecks.create(requireActor(request), request.body)),
  );
  r.get(
    '/api/spot-checks',
    {
      preHandler: guard,
      schema: {
        tags: ['verification'],
        querystring: spotCheckListQuery,
        response: { 200: spotCheckList, ...errorResponses },
      },
    },
    async (request) => spotChecks.list(requireActor(request), request.query),
  );
  r.get(
    '/api/spot-checks/:id',
    {
      preHandler: guard,
      schema: { tags: ['verification'], params: idParams, response: { 200: spotCheckDetail, ...errorResponses } },
    },
    async (request) => spotChecks.get(requireActor(request), request.params.id),
  );
}
