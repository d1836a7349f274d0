// buildApp: the whole HTTP application as a Fastify instance, built by main and by the tests; it never listens.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '@tingquan/common';
import type { Services } from './services.ts';
import { installErrorHandler } from './plugins/error-handler.ts';
import { installAuth } from './plugins/auth.ts';
import { installIdempotency } from './plugins/idempotency.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { itemRoutes } from './modules/items/item.routes.ts';
import { MODULE_PLUGINS } from './modules/registry.ts';

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.phone',
  '*.requester',
  '*.requester_name',
  '*.requester_phone',
  '*.requester_uscc',
  '*.description',
];

/** Query parameters that are credentials (tracking code and PIN, Open311 api_key, tokens): their values are never logged. */
const SECRET_QUERY = /([?&](?:code|pin|api_key|token|password)=)[^&#]*/gi;
export const redactUrl = (url: string) => url.replace(SECRET_QUERY, '$1[Redacted]');
const logRequest = (req: {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) => ({
  method: req.method,
  url: redactUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

export interface BuildOptions {
  services: Services;
  logger?: boolean | object;
  /** Route plugins added by other modules (e.g. Open311, policy, admin), registered after the core. */
  plugins?: ((app: FastifyInstance, services: Services) => Promise<void>)[];
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const { config } = services;
  const app = Fastify({
    logger:
      opts.logger && typeof opts.logger === 'object'
        ? { serializers: { req: logRequest }, ...opts.logger }
        : (opts.logger ?? false),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    disableRequestLogging: config.NODE_ENV === 'production' ? false : undefined,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(cookie);
  // Security headers (helmet). The middleware is built once: @fastify/helmet rebuilt it, parsing the CSP, on every
  // request, a tenth of an intake's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)),
  );
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: LIMITS.attachmentBytes, files: LIMITS.attachmentsPerItem, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tingquan 听劝 API',
        description: 'The ledger of problems raised by enterprises and citizens, and the services around it.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tq_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installAuth(app, services.auth);
  // Configuration is cached in this process (reference data for intake, the deadline rules): an admin's successful
  // change drops the caches at once; other processes pick it up within their cache lifetimes.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && request.url.startsWith('/api/admin/')) {
      services.items.invalidateReferenceData();
      services.deadlines.invalidate();
    }
  });
  installIdempotency(app, services.database.db, services.clock);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['sqlite', 'postgres']),
            /** Demo mode: the login page may list the demo accounts. */
            demo: z.boolean(),
            time: z.string(),
            calendar: z.object({ missingYears: z.array(z.number()), warning: z.string().nullable() }),
          }),
        },
      },
    },
    async () => {
      const cal = await services.deadlines.calendar();
      const now = services.clock.now();
      // The current year and the next: deadlines set in December already reach into January.
      const missing = cal.missingYears(new Date(now), new Date(now + 366 * 86_400_000));
      return {
        status: 'ok' as const,
        database: services.database.dialect,
        demo: config.DEMO,
        time: new Date(now).toISOString(),
        calendar: {
          missingYears: missing,
          warning: missing.length
            ? `no official holiday data for ${missing.join(', ')}: weekends only until an admin enters the holidays`
            : null,
        },
      };
    },
  );

  await app.register(authRoutes, {
    auth: services.auth,
    db: services.database.db,
    secureCookie: config.COOKIE_SECURE === 'true',
    sessionDays: config.SESSION_DAYS,
    loginRatePerMinute: config.LOGIN_RATE_PER_MINUTE,
  });
  await app.register(itemRoutes, { items: services.items, intakeRatePerMinute: config.INTAKE_RATE_PER_MINUTE });
  for (const plugin of [...MODULE_PLUGINS, ...(opts.plugins ?? [])])
    await app.register(async (scope) => plugin(scope, services));

  const dist = resolve(config.WEB_DIST);
  const hasWeb = existsSync(resolve(dist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  // Client-side routes fall back to the app shell; unknown API paths stay 404 JSON.
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/'))
      return reply.sendFile('index.html');
    return reply
      .code(404)
      .send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}
