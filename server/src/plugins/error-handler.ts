// One error handler: AppError → its code; schema failures → 400 with every bad field; everything else → a logged 500
// with a generic message (details stay in the log).
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, FieldIssue } from '@tingquan/common';
import { AppError } from '../lib/errors.ts';

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { code: err.code, message: err.message, ...err.extra };
      return reply.code(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: FieldIssue[] = err.validation.map((v) => ({
        path: [
          where,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send({
        code: 'validation',
        message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        issues,
      } satisfies ErrorBody);
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413)
      return reply
        .code(413)
        .send({ code: 'payload_too_large', message: 'the request is too large' } satisfies ErrorBody);
    if (status === 415)
      return reply.code(415).send({ code: 'unsupported_media_type', message: err.message } satisfies ErrorBody);
    if (status === 429)
      return reply
        .code(429)
        .send({ code: 'rate_limited', message: 'too many requests; slow down' } satisfies ErrorBody);
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, empty body with a JSON content type, bad multipart…
      return reply
        .code(status)
        .send({ code: status === 404 ? 'not_found' : 'bad_request', message: err.message } satisfies ErrorBody);
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send({ code: 'internal', message: 'internal error; it has been logged' } satisfies ErrorBody);
  });
}
