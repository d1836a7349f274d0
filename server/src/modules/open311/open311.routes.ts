// Open311 GeoReport v2 under /open311/v2/ (XML by default, JSON on request) and the admin's key endpoints.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/hash.ts';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { idempotencyOf } from '../items/item.routes.ts';
import type { ItemService } from '../items/item.service.ts';
import { CONTENT_TYPES, formatOfPath, render, renderErrors, splitFormat, type Format } from './open311.format.ts';
import type { Open311Service } from './open311.service.ts';

export const OPEN311_PREFIX = '/open311/v2';
/** Per key (or, without a key, per client address) and minute. */
export const OPEN311_RATE = { keyed: 120, anonymous: 600 };
const FORM = 'application/x-www-form-urlencoded';

type Params = Record<string, unknown>;

/** Form bodies keep repeated fields (attribute[code][]=a&attribute[code][]=b) as arrays. */
function parseForm(body: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function apiKeyOf(request: FastifyRequest): string | undefined {
  const fromBody = (request.body as Params | undefined)?.api_key;
  const fromQuery = (request.query as Params | undefined)?.api_key;
  const key = fromBody ?? fromQuery;
  return typeof key === 'string' && key ? key : undefined;
}

const rateLimit = (hook: 'onRequest' | 'preHandler') => ({
  hook,
  max: (request: FastifyRequest) => (apiKeyOf(request) ? OPEN311_RATE.keyed : OPEN311_RATE.anonymous),
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => {
    const key = apiKeyOf(request);
    return key ? `open311:key:${sha256(key)}` : `open311:ip:${request.ip}`;
  },
});

/** Every failure in the spec's error format; statuses folded onto the spec's 400 / 403 / 404 (and 429 when throttled). */
function sendError(request: FastifyRequest, reply: FastifyReply, err: FastifyError | AppError) {
  const format = (request as FastifyRequest & { open311Format?: Format }).open311Format ?? formatOfPath(request.url);
  let status: number;
  let description: string;
  if (err instanceof AppError) {
    status =
      err.status === 401
        ? 403
        : err.status === 403 || err.status === 404
          ? err.status
          : err.status === 429
            ? 429
            : err.status >= 500
              ? 500
              : 400;
    description = err.message;
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    status = 400;
    description = err.message;
  } else {
    const s = err.statusCode ?? 500;
    status = s === 429 ? 429 : s === 404 ? 404 : s >= 400 && s < 500 ? 400 : 500;
    description =
      s === 415
        ? `unsupported content type; POST as ${FORM}`
        : s === 429
          ? 'too many requests for this api_key; slow down'
          : s >= 500
            ? 'internal error; it has been logged'
            : err.message;
  }
  if (status >= 500) request.log.error({ err }, 'open311: unhandled error');
  return reply
    .code(status)
    .type(CONTENT_TYPES[format])
    .send(renderErrors(format, [{ code: status, description }]));
}

/** Sent as bytes: encoded once here, where a string would be measured (Content-Length) and then encoded again. */
function send(reply: FastifyReply, format: Format, data: unknown, xml: Parameters<typeof render>[2]) {
  return reply.type(CONTENT_TYPES[format]).send(Buffer.from(render(format, data, xml)));
}

const serviceDefinitionXml = (d: unknown) => {
  const def = d as { service_code: string; attributes: { values: unknown[] }[] };
  return {
    service_code: def.service_code,
    attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
  };
};

async function georeport(app: FastifyInstance, open311: Open311Service, items: ItemService) {
  app.decorateRequest('open311Format', null);
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => sendError(request, reply, err));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new AppError('not_found', `no Open311 method ${request.method} ${request.url.split('?')[0]}`),
    ),
  );

  const get = (
    path: string,
    handler: (request: FastifyRequest, format: Format) => Promise<{ data: unknown; xml: Parameters<typeof render>[2] }>,
  ) =>
    app.get(path, { schema: { hide: true }, config: { rateLimit: rateLimit('onRequest') } }, async (request, reply) => {
      const format = formatOfPath(request.url);
      (request as FastifyRequest & { open311Format?: Format }).open311Format = format;
      const query = request.query as Params;
      await open311.noteRead(query);
      const out = await handler(request, format);
      return send(reply, format, out.data, out.xml);
    });

  for (const ext of ['', '.xml', '.json']) {
    get(`/discovery${ext}`, async (request) => ({
      data: {
        changeset: '2026-11-30T00:00:00+08:00',
        contact: `听劝 Tingquan, ${open311.jurisdiction}`,
        key_service: 'API keys are issued by the administrator of this Tingquan instance (营商环境建设局)',
        endpoints: (['production'] as const).map((type) => ({
          specification: 'http://wiki.open311.org/GeoReport_v2',
          // Absolute, as the spec's examples are; behind a proxy the forwarded host and protocol (trustProxy).
          url: `${request.protocol}://${request.host}${OPEN311_PREFIX}`,
          changeset: '2026-11-30T00:00:00+08:00',
          type,
          formats: ['text/xml', 'application/json'],
        })),
      },
      xml: {
        root: 'discovery',
        shape: (d: unknown) => {
          const x = d as { endpoints: { formats: string[] }[] };
          return { ...x, endpoints: { endpoint: x.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } };
        },
      },
    }));
    get(`/services${ext}`, async (request) => ({
      data: await open311.services(request.query as Params),
      xml: { root: 'services', item: 'service' },
    }));
    get(`/requests${ext}`, async (request) => ({
      data: await open311.requests(request.query as Params),
      xml: { root: 'service_requests', item: 'request' },
    }));

    // The intake use case claims the Idempotency-Key inside its own transaction (like /api/items), so the generic
    // replay (which answers in JSON) must leave this route alone.
    const config = { rateLimit: rateLimit('preHandler'), ...({ idempotency: 'service' } as object) };
    app.post(`/requests${ext}`, { schema: { hide: true }, config }, async (request, reply) => {
      const format = formatOfPath(request.url);
      (request as FastifyRequest & { open311Format?: Format }).open311Format = format;
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (type !== FORM) throw new AppError('validation', `POST requests must be sent as ${FORM}`);
      // The spec puts every argument in the form; api_key and jurisdiction_id in the query string are accepted too.
      const params = { ...(request.query as Params), ...(request.body as Params) };
      const data = await open311.post(params, {
        idem: (actor, body) => idempotencyOf(request, items, actor, body),
      });
      return send(reply, format, data, { root: 'service_requests', item: 'request' });
    });
  }

  get('/services/:file', async (request) => {
    const { id } = splitFormat((request.params as { file: string }).file);
    return {
      data: await open311.definition(id, request.query as Params),
      xml: { root: 'service_definition', shape: serviceDefinitionXml },
    };
  });
  get('/requests/:file', async (request) => {
    const { id } = splitFormat((request.params as { file: string }).file);
    return {
      data: await open311.request(id, request.query as Params),
      xml: { root: 'service_requests', item: 'request' },
    };
  });
  get('/tokens/:file', async (request) => {
    const { id } = splitFormat((request.params as { file: string }).file);
    return {
      data: await open311.token(id, request.query as Params),
      xml: { root: 'service_requests', item: 'request' },
    };
  });
}

const keyBody = z
  .object({ name: z.string().trim().min(1).max(100), userId: z.string().min(1).max(64).optional() })
  .strict();
const keyView = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  userName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.number(),
});

export async function open311Routes(app: FastifyInstance, services: Services) {
  const open311 = services.open311;
  app.addHook('onClose', async () => open311.flushReadLog());
  await app.register(async (scope) => georeport(scope, open311, services.items), { prefix: OPEN311_PREFIX });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/admin/open311-keys',
    {
      preHandler: requirePermission('token.manage'),
      schema: {
        tags: ['admin'],
        summary: 'Issue an Open311 API key (shown once)',
        body: keyBody,
        response: { 201: keyView.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await open311.issueKey(requireActor(request), request.body)),
  );
  r.get(
    '/api/admin/open311-keys',
    {
      preHandler: requirePermission('token.manage'),
      schema: { tags: ['admin'], summary: 'Open311 API keys', response: { 200: z.array(keyView), ...errorResponses } },
    },
    async () => open311.keys(),
  );
  r.delete(
    '/api/admin/open311-keys/:id',
    {
      preHandler: requirePermission('token.manage'),
      schema: {
        tags: ['admin'],
        summary: 'Revoke an Open311 API key',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: keyView, ...errorResponses },
      },
    },
    async (request) => open311.revokeKey(requireActor(request), request.params.id),
  );
}
