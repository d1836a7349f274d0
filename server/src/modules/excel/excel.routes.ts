// Ledger export (XLSX/CSV, streamed), the import template and the import of offline registrations.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemListQuery, type ItemListQuery } from '@tingquan/common';
import { requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { readForm } from '../attachments/attachment.routes.ts';
import { createExcelService } from './excel.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importReport = z.object({
  imported: z.number(),
  rejected: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      ok: z.boolean(),
      ledgerNo: z.string().optional(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })).optional(),
    }),
  ),
});

export async function excelRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const excel = createExcelService({
    database: services.database,
    clock: services.clock,
    deadlines: services.deadlines,
    items: services.items,
    cityCode: services.config.CITY_CODE,
  });
  const stamp = () => new Date(services.clock.now() + 8 * 3600_000).toISOString().slice(0, 10);

  const stream = (request: FastifyRequest, reply: FastifyReply, q: ItemListQuery, format: 'xlsx' | 'csv') => {
    const out = new PassThrough();
    excel.exportLedger(requireActor(request), q, format, out).catch((err) => {
      request.log.error({ err }, 'ledger export failed');
      out.destroy(err);
    });
    return reply
      .type(format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ledger-${stamp()}.${format}"`)
      .send(out);
  };

  for (const format of ['xlsx', 'csv'] as const) {
    r.get(
      `/api/items/export.${format}`,
      {
        preHandler: requirePermission('item.export'),
        schema: {
          tags: ['items'],
          summary: `The ledger (台账) as ${format.toUpperCase()}, with the filters of GET /api/items, scoped to the reader`,
          querystring: itemListQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => stream(request, reply, request.query, format),
    );
  }

  r.get(
    '/api/items/import-template.xlsx',
    {
      preHandler: requirePermission('item.import'),
      schema: { tags: ['items'], summary: 'The XLSX template for offline registrations', response: errorResponses },
    },
    async (_request, reply) => {
      const out = new PassThrough();
      void excel.template(out);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="import-template.xlsx"')
        .send(out as never); // binary body
    },
  );

  r.post(
    '/api/items/import',
    {
      preHandler: requirePermission('item.import'),
      schema: {
        tags: ['items'],
        summary: 'Import offline registrations (multipart field "file", XLSX from the template): a row-by-row report',
        response: { 200: importReport, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { file } = await readForm(request);
      return excel.importItems(actor, file.content);
    },
  );
}
