// /api/policy (staff: policy.read / policy.manage) and /api/public/policy (calculator, consent, complaints).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DatedParameterSchema } from '@tingquan/common/policy/index';
import { id } from '@tingquan/common';
import { AppError } from '../../lib/errors.ts';
import { authenticated, requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import { readForm } from '../attachments/attachment.routes.ts';
import * as s from './policy.schemas.ts';

const idParams = z.object({ id });
const itemParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(64),
});
const tags = ['policy'];

export async function policyRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const policy = services.policy;
  const read = requirePermission('policy.read');
  const manage = requirePermission('policy.manage');

  // Library
  r.get(
    '/api/policy/documents',
    {
      preHandler: read,
      schema: { tags, summary: 'Policy documents', response: { 200: z.array(s.documentView), ...errorResponses } },
    },
    async () => policy.listDocuments(),
  );
  r.get(
    '/api/policy/documents/:id',
    { preHandler: read, schema: { tags, params: idParams, response: { 200: s.documentView, ...errorResponses } } },
    async (q) => policy.getDocument(q.params.id),
  );
  r.post(
    '/api/policy/documents',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Add a policy document',
        body: s.documentBody,
        response: { 201: s.documentView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.createDocument(q.body)),
  );
  r.patch(
    '/api/policy/documents/:id',
    {
      preHandler: manage,
      schema: { tags, params: idParams, body: s.documentPatch, response: { 200: s.documentView, ...errorResponses } },
    },
    async (q) => policy.updateDocument(q.params.id, q.body),
  );
  r.get(
    '/api/policy/items',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Policy items (颗粒化事项): all for policy staff, their own department’s for a department’s staff',
        querystring: s.itemListQuery,
        response: { 200: s.itemList, ...errorResponses },
      },
    },
    async (q) => policy.listItems(requireActor(q), q.query),
  );
  r.get(
    '/api/policy/items/:id',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'A policy item (policy staff, or the item’s department)',
        params: itemParams,
        response: { 200: s.itemView, ...errorResponses },
      },
    },
    async (q) => policy.readItem(requireActor(q), q.params.id),
  );
  r.post(
    '/api/policy/items',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Add a policy item',
        body: s.itemBody,
        response: { 201: s.itemView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.createItem(q.body)),
  );
  r.patch(
    '/api/policy/items/:id',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Edit or deactivate a policy item',
        params: itemParams,
        body: s.itemPatch,
        response: { 200: s.itemView, ...errorResponses },
      },
    },
    async (q) => policy.updateItem(q.params.id, q.body),
  );

  // Dated parameters
  r.get(
    '/api/policy/parameters',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Dated parameters with their value history',
        response: { 200: z.array(s.parameterView), ...errorResponses },
      },
    },
    async () => policy.listParameters(),
  );
  r.post(
    '/api/policy/parameters',
    {
      preHandler: manage,
      schema: { tags, body: s.parameterBody, response: { 201: s.parameterView, ...errorResponses } },
    },
    async (q, reply) => reply.code(201).send(await policy.createParameter(requireActor(q), q.body)),
  );
  r.post(
    '/api/policy/parameters/:id/versions',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'A new value from a date on',
        params: z.object({ id: DatedParameterSchema.shape.id }),
        body: s.parameterVersionBody,
        response: { 201: s.parameterView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.addParameterVersion(requireActor(q), q.params.id, q.body)),
  );

  // Rule editor
  r.get(
    '/api/policy/items/:id/rules',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Published rule versions',
        params: itemParams,
        response: { 200: z.array(s.ruleView), ...errorResponses },
      },
    },
    async (q) => policy.listRules(q.params.id),
  );
  r.post(
    '/api/policy/items/:id/rules/validate',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Check a draft rule: issues name the row and column',
        params: itemParams,
        body: s.ruleDraft,
        response: { 200: s.validateResponse, ...errorResponses },
      },
    },
    async (q) => policy.validate(q.params.id, q.body),
  );
  r.post(
    '/api/policy/items/:id/rules',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Publish a new, frozen rule version (400 naming row and column if invalid)',
        params: itemParams,
        body: s.ruleDraft,
        response: { 201: s.ruleView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.publish(requireActor(q), q.params.id, q.body)),
  );
  r.post(
    '/api/policy/items/:id/rules/test',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Test panel: facts in, explanation out (a draft rule or the version in force)',
        params: itemParams,
        body: s.ruleTestBody,
        response: { 200: s.decisionView, ...errorResponses },
      },
    },
    async (q) => policy.testRule(q.params.id, q.body) as never,
  );

  // Enterprise file
  r.get(
    '/api/policy/enterprises',
    {
      preHandler: read,
      schema: { tags, querystring: s.enterpriseListQuery, response: { 200: s.enterpriseList, ...errorResponses } },
    },
    async (q) => policy.listEnterprises(q.query),
  );
  r.get(
    '/api/policy/enterprises/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: '一企一档: current facts and their history',
        params: idParams,
        response: { 200: s.enterpriseView, ...errorResponses },
      },
    },
    async (q) => policy.getEnterprise(q.params.id),
  );
  r.post(
    '/api/policy/enterprises/import',
    {
      preHandler: manage,
      schema: {
        tags,
        summary:
          'Import enterprise facts from a CSV or XLSX export (multipart field "file"; query asOf, optional source): a row report',
        querystring: s.importQuery,
        response: { 200: s.importReport, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
      },
    },
    async (q) => {
      const { file } = await readForm(q).catch((e: unknown) => {
        // readForm lets a malformed multipart body's parser error through as a 500; reading the request is all it does.
        if (e instanceof AppError) throw e;
        throw new AppError('bad_request', 'the multipart body could not be read', {
          issues: [{ path: 'file', message: 'malformed multipart/form-data' }],
        });
      });
      return policy.importEnterprises(requireActor(q), file, q.query);
    },
  );

  // Matching runs
  r.post(
    '/api/policy/runs',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Start a matching run (background job)',
        body: s.runBody,
        response: { 202: s.runView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(202).send(await policy.matching.start(requireActor(q), q.body)),
  );
  r.get(
    '/api/policy/runs',
    { preHandler: read, schema: { tags, response: { 200: z.array(s.runView), ...errorResponses } } },
    async () => policy.matching.list(),
  );
  r.get(
    '/api/policy/runs/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A run with its progress',
        params: idParams,
        response: { 200: s.runView, ...errorResponses },
      },
    },
    async (q) => policy.matching.get(q.params.id),
  );

  // Candidates and delivery
  r.get(
    '/api/policy/items/:id/candidates',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary:
          'Candidates of an item with explanations and how many enterprises fail each criterion (policy staff, or the item’s department)',
        params: itemParams,
        querystring: s.candidateListQuery,
        response: { 200: s.candidateList, ...errorResponses },
      },
    },
    async (q) => policy.listCandidates(requireActor(q), q.params.id, q.query),
  );
  r.get(
    '/api/policy/candidates/:id',
    {
      preHandler: authenticated,
      schema: { tags, params: idParams, response: { 200: s.candidateView, ...errorResponses } },
    },
    async (q) => policy.getCandidate(requireActor(q), q.params.id),
  );
  const actions = {
    confirm: s.confirmBody,
    reject: s.rejectBody,
    notify: z.object({}).strict().default({}),
    disburse: s.disburseBody,
    reconcile: s.reconcileBody,
    retry: s.disburseBody,
  } as const;
  for (const [action, body] of Object.entries(actions) as [keyof typeof actions, z.ZodType][]) {
    r.post(
      `/api/policy/candidates/:id/${action}`,
      {
        preHandler: action === 'confirm' || action === 'reject' ? authenticated : manage,
        schema: {
          tags,
          summary: `Delivery: ${action}${action === 'confirm' || action === 'reject' ? ' (policy staff, or the item’s department: 二次确认)' : ''}`,
          params: idParams,
          body,
          response: { 200: s.candidateView, ...errorResponses },
        },
      },
      async (q) => policy.act(requireActor(q), q.params.id, action, q.body),
    );
  }
  r.post(
    '/api/policy/candidates/bulk',
    {
      preHandler: authenticated,
      schema: {
        tags,
        summary: 'Confirm or reject many candidates (policy staff, or the items’ department)',
        body: s.bulkBody,
        response: {
          200: z.object({
            results: z.array(
              z.object({
                id: z.string(),
                ok: z.boolean(),
                status: z.string().optional(),
                error: z.string().optional(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (q) => policy.bulk(requireActor(q), q.body),
  );

  // Fast applications
  r.post(
    '/api/policy/fast-applications',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: '快申快享: a pre-filled application, due in 60 working days',
        body: s.fastApplicationBody,
        response: { 201: s.fastApplicationView, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.createFastApplication(requireActor(q), q.body)),
  );
  r.get(
    '/api/policy/fast-applications',
    {
      preHandler: read,
      schema: {
        tags,
        querystring: z.object({ itemId: id.optional() }).strict(),
        response: { 200: s.fastApplicationList, ...errorResponses },
      },
    },
    async (q) => policy.listFastApplications(q.query.itemId),
  );
  r.post(
    '/api/policy/fast-applications/:id/decide',
    {
      preHandler: manage,
      schema: {
        tags,
        params: idParams,
        body: s.fastDecisionBody,
        response: { 200: s.fastApplicationView, ...errorResponses },
      },
    },
    async (q) => policy.decideFastApplication(requireActor(q), q.params.id, q.body),
  );

  // Figures
  r.get(
    '/api/policy/stats',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Enterprises benefited and amounts by policy, category, district, month; most-failed criteria',
        querystring: s.statsQuery,
        response: { 200: s.statsResponse, ...errorResponses },
      },
    },
    async (q) => policy.stats(q.query),
  );

  // Public
  r.post(
    '/api/public/policy/calculator',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Policy calculator: which items, why, how much, what is missing',
        body: s.calculatorBody,
        response: { 200: s.calculatorResponse, ...errorResponses },
      },
    },
    async (q) => policy.calculate(q.body) as never,
  );
  r.post(
    '/api/public/policy/consent',
    {
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'One-click consent with the token from the notification',
        body: s.consentBody,
        response: { 200: s.consentResponse, ...errorResponses },
      },
    },
    async (q) => policy.consent(q.body.token),
  );
  r.post(
    '/api/public/policy/consent/preview',
    {
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'What a consent link is for (the benefit, amount and explanation), without using the token up',
        body: s.consentBody,
        response: { 200: s.consentPreview, ...errorResponses },
      },
    },
    async (q) => policy.consentPreview(q.body.token),
  );
  r.post(
    '/api/public/policy/complaints',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Complain about a benefit: becomes a ledger item linked to the policy item',
        body: s.complaintBody,
        response: { 201: s.complaintReceipt, ...errorResponses },
      },
    },
    async (q, reply) => reply.code(201).send(await policy.complain(q.body)),
  );
}
