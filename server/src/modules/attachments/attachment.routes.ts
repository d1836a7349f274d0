// Upload and download of item attachments: multipart in, one service call, the stored file's description out.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS, trackingAuth } from '@tingquan/common';
import { AppError, invalidField } from '../../lib/errors.ts';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { createAttachmentService, type Upload } from './attachment.service.ts';

const attachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
const uploadResponses = { 201: attachmentView, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses };

/** Reads the multipart form: its text fields and exactly one file; an oversize file is a 413, none a 400. */
export async function readForm(request: FastifyRequest): Promise<{ fields: Record<string, string>; file: Upload }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'send the file as multipart/form-data');
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (file) throw invalidField('file', 'send one file at a time');
        file = { filename: part.filename, content };
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413)
      throw new AppError('payload_too_large', `a file may be at most ${LIMITS.attachmentBytes} bytes`);
    // Anything else the multipart parser trips over is a malformed request, not a server fault.
    throw new AppError('bad_request', `malformed multipart body: ${(err as Error).message}`);
  }
  if (!file) throw invalidField('file', 'required');
  return { fields, file };
}

export async function attachmentRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const attachments = createAttachmentService({ database: services.database, clock: services.clock });

  r.post(
    '/api/items/:id/attachments',
    {
      preHandler: requirePermission('item.read'),
      schema: {
        tags: ['items'],
        summary: 'Attach a photo or PDF (multipart field "file"; JPEG, PNG, WebP, PDF; ≤ 10 MB; ≤ 10 per item)',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { file } = await readForm(request);
      return reply.code(201).send(await attachments.upload(actor, request.params.id, file));
    },
  );

  r.post(
    '/api/public/track/attachments',
    {
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Requester: attach a file with the tracking code and PIN (multipart fields code, pin, file)',
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const { fields, file } = await readForm(request);
      const auth = trackingAuth.safeParse({ code: fields.code, pin: fields.pin });
      if (!auth.success)
        throw new AppError('validation', 'code and pin are required', {
          issues: auth.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      const { actor } = await services.items.track(auth.data.code, auth.data.pin);
      return reply.code(201).send(await attachments.upload(actor, actor.itemId!, file));
    },
  );

  r.get(
    '/api/items/:id/attachments/:attachmentId',
    {
      preHandler: requirePermission('item.read'),
      schema: {
        tags: ['items'],
        summary: 'Download an attachment',
        params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const file = await attachments.download(requireActor(request), request.params.id, request.params.attachmentId);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content as never); // binary body: no JSON schema for 200
    },
  );
}
