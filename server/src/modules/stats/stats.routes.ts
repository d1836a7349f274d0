// /api/stats: figures with their definitions, scoped to the reader (SPEC §2.5). Schema in, one service call, out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import {
  breakdownQuery,
  breakdownResponse,
  hotspotsQuery,
  hotspotsResponse,
  leagueQuery,
  leagueResponse,
  seriesQuery,
  seriesResponse,
  statsQuery,
  summaryResponse,
} from './stats.schemas.ts';

export async function statsRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { stats } = services;
  const guard = requirePermission('stats.read');
  const tags = ['stats'];

  r.get(
    '/api/stats/summary',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'The main figures of a period, each with its definition',
        querystring: statsQuery,
        response: { 200: summaryResponse, ...errorResponses },
      },
    },
    async (request) => stats.summary(requireActor(request), request.query),
  );
  r.get(
    '/api/stats/breakdown',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'The figures by one dimension',
        querystring: breakdownQuery,
        response: { 200: breakdownResponse, ...errorResponses },
      },
    },
    async (request) => stats.breakdown(requireActor(request), request.query),
  );
  r.get(
    '/api/stats/series',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'The figures as a time series',
        querystring: seriesQuery,
        response: { 200: seriesResponse, ...errorResponses },
      },
    },
    async (request) => stats.series(requireActor(request), request.query),
  );
  r.get(
    '/api/stats/league',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'Department league table (红黑榜)',
        querystring: leagueQuery,
        response: { 200: leagueResponse, ...errorResponses },
      },
    },
    async (request) => stats.league(requireActor(request), request.query),
  );
  r.get(
    '/api/stats/hotspots',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'Top categories and places, rising topics',
        querystring: hotspotsQuery,
        response: { 200: hotspotsResponse, ...errorResponses },
      },
    },
    async (request) => stats.hotspots(requireActor(request), request.query),
  );
}
