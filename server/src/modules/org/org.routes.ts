// The organisation admin API (/api/admin/...), key projects, notifications and look-ups: schema in, one service
// call, presenter out. The permission of each route is its first line of defence; services check the rest.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarOverrideBody,
  calendarStatusView,
  calendarYearBody,
  categoryInput,
  categoryMoveBody,
  categoryNode,
  categoryPatch,
  centreBody,
  centrePatch,
  centreView,
  day,
  departmentBody,
  departmentPatch,
  departmentView,
  districtBody,
  districtPatch,
  districtView,
  escalationSettingsSchema,
  id,
  notificationList,
  notificationListQuery,
  notificationView,
  projectBody,
  projectDetail,
  projectPatch,
  projectView,
  publicLookups,
  resetPasswordBody,
  slaMatrix,
  slaMatrixBody,
  slaRule,
  slaRuleBody,
  slaRulePatch,
  staffLookups,
  tokenBody,
  tokenCreated,
  tokenView,
  user,
  userBody,
  userListQuery,
  userUpdate,
  webhookBody,
  webhookCreated,
  webhookView,
  windowBody,
  windowPatch,
  windowView,
} from '@tingquan/common';
import { authenticated, requireActor, requirePermission } from '../../plugins/auth.ts';
import { errorResponses } from '../../plugins/schemas.ts';
import type { Services } from '../../services.ts';
import type { Retirable } from './org.service.ts';

const idParams = z.object({ id });
const scopeQuery = z.object({ districtId: id.optional() }).strict();
const activeView = z.object({ id: z.string(), active: z.boolean() });
const noContent = { 204: z.null(), ...errorResponses };

export async function orgRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { structure, users, config, projects, access } = services.org;
  const read = requirePermission('org.read');
  const manage = requirePermission('org.manage');

  // ---- districts, departments, service centres, windows ----
  r.get(
    '/api/admin/districts',
    { preHandler: read, schema: { tags: ['admin'], response: { 200: z.array(districtView), ...errorResponses } } },
    () => structure.districts(),
  );
  r.post(
    '/api/admin/districts',
    {
      preHandler: manage,
      schema: { tags: ['admin'], body: districtBody, response: { 201: districtView, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await structure.createDistrict(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/districts/:id',
    {
      preHandler: manage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: districtPatch,
        response: { 200: districtView, ...errorResponses },
      },
    },
    (req) => structure.updateDistrict(requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/admin/departments',
    {
      preHandler: read,
      schema: {
        tags: ['admin'],
        querystring: scopeQuery,
        response: { 200: z.array(departmentView), ...errorResponses },
      },
    },
    (req) => structure.departments({ districtId: req.query.districtId }),
  );
  r.post(
    '/api/admin/departments',
    {
      preHandler: manage,
      schema: { tags: ['admin'], body: departmentBody, response: { 201: departmentView, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await structure.createDepartment(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/departments/:id',
    {
      preHandler: manage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: departmentPatch,
        response: { 200: departmentView, ...errorResponses },
      },
    },
    (req) => structure.updateDepartment(requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/admin/centres',
    {
      preHandler: read,
      schema: { tags: ['admin'], querystring: scopeQuery, response: { 200: z.array(centreView), ...errorResponses } },
    },
    (req) => structure.centres({ districtId: req.query.districtId }),
  );
  r.post(
    '/api/admin/centres',
    {
      preHandler: manage,
      schema: { tags: ['admin'], body: centreBody, response: { 201: centreView, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await structure.createCentre(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/centres/:id',
    {
      preHandler: manage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: centrePatch,
        response: { 200: centreView, ...errorResponses },
      },
    },
    (req) => structure.updateCentre(requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/admin/centres/:id/windows',
    {
      preHandler: read,
      schema: { tags: ['admin'], params: idParams, response: { 200: z.array(windowView), ...errorResponses } },
    },
    (req) => structure.windows(req.params.id),
  );
  r.post(
    '/api/admin/centres/:id/windows',
    {
      preHandler: manage,
      schema: { tags: ['admin'], params: idParams, body: windowBody, response: { 201: windowView, ...errorResponses } },
    },
    async (req, reply) =>
      reply.code(201).send(await structure.createWindow(requireActor(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/admin/windows/:id',
    {
      preHandler: manage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: windowPatch,
        response: { 200: windowView, ...errorResponses },
      },
    },
    (req) => structure.updateWindow(requireActor(req), req.params.id, req.body),
  );

  const retirable: [Retirable, string, ReturnType<typeof requirePermission>][] = [
    ['district', 'districts', manage],
    ['department', 'departments', manage],
    ['centre', 'centres', manage],
    ['window', 'windows', manage],
    ['category', 'categories', requirePermission('category.manage')],
  ];
  for (const [entity, path, guard] of retirable) {
    for (const active of [false, true]) {
      r.post(
        `/api/admin/${path}/:id/${active ? 'activate' : 'deactivate'}`,
        {
          preHandler: guard,
          schema: {
            tags: ['admin'],
            summary: `${active ? 'Reactivate' : 'Retire'} a ${entity} (rows that point to it keep it)`,
            params: idParams,
            response: { 200: activeView, ...errorResponses },
          },
        },
        (req) => structure.setActive(requireActor(req), entity, req.params.id, active),
      );
    }
  }

  // ---- users and roles ----
  const userManage = requirePermission('user.manage');
  r.get(
    '/api/admin/users',
    {
      preHandler: userManage,
      schema: { tags: ['admin'], querystring: userListQuery, response: { 200: z.array(user), ...errorResponses } },
    },
    (req) => users.list(req.query),
  );
  r.get(
    '/api/admin/users/:id',
    {
      preHandler: userManage,
      schema: { tags: ['admin'], params: idParams, response: { 200: user, ...errorResponses } },
    },
    (req) => users.get(req.params.id),
  );
  r.post(
    '/api/admin/users',
    { preHandler: userManage, schema: { tags: ['admin'], body: userBody, response: { 201: user, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await users.create(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/users/:id',
    {
      preHandler: userManage,
      schema: { tags: ['admin'], params: idParams, body: userUpdate, response: { 200: user, ...errorResponses } },
    },
    (req) => users.update(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/admin/users/:id/deactivate',
    {
      preHandler: userManage,
      schema: {
        tags: ['admin'],
        summary: 'Deactivate an account and end its sessions',
        params: idParams,
        response: { 200: user, ...errorResponses },
      },
    },
    (req) => users.deactivate(requireActor(req), req.params.id),
  );
  r.post(
    '/api/admin/users/:id/activate',
    {
      preHandler: userManage,
      schema: { tags: ['admin'], params: idParams, response: { 200: user, ...errorResponses } },
    },
    (req) => users.activate(requireActor(req), req.params.id),
  );
  r.post(
    '/api/admin/users/:id/reset-password',
    {
      preHandler: userManage,
      schema: {
        tags: ['admin'],
        summary: 'Set a new password and end the sessions',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: user, ...errorResponses },
      },
    },
    (req) => users.resetPassword(requireActor(req), req.params.id, req.body.password),
  );

  // ---- category tree ----
  const categoryManage = requirePermission('category.manage');
  r.get(
    '/api/categories',
    {
      schema: {
        tags: ['public'],
        summary: 'The active category tree (intake form)',
        response: { 200: z.array(categoryNode), ...errorResponses },
      },
    },
    () => structure.categoryTree({ activeOnly: true }),
  );
  r.get(
    '/api/admin/categories',
    {
      preHandler: categoryManage,
      schema: {
        tags: ['admin'],
        summary: 'The whole category tree, retired branches included',
        response: { 200: z.array(categoryNode), ...errorResponses },
      },
    },
    () => structure.categoryTree({ activeOnly: false }),
  );
  r.post(
    '/api/admin/categories',
    {
      preHandler: categoryManage,
      schema: { tags: ['admin'], body: categoryInput, response: { 201: categoryNode, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await structure.createCategory(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/categories/:id',
    {
      preHandler: categoryManage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: categoryPatch,
        response: { 200: categoryNode, ...errorResponses },
      },
    },
    (req) => structure.updateCategory(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/admin/categories/:id/move',
    {
      preHandler: categoryManage,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: categoryMoveBody,
        response: { 200: categoryNode, ...errorResponses },
      },
    },
    (req) => structure.moveCategory(requireActor(req), req.params.id, req.body.parentId),
  );
  r.delete(
    '/api/admin/categories/:id',
    {
      preHandler: categoryManage,
      schema: {
        tags: ['admin'],
        summary: 'Delete an unused category (one in use: deactivate)',
        params: idParams,
        response: noContent,
      },
    },
    async (req, reply) => {
      await structure.deleteCategory(requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- SLA matrix ----
  const slaManage = requirePermission('sla.manage');
  r.get(
    '/api/admin/sla-rules',
    {
      preHandler: slaManage,
      schema: { tags: ['admin'], summary: 'The SLA matrix', response: { 200: slaMatrix, ...errorResponses } },
    },
    () => config.matrix(),
  );
  r.put(
    '/api/admin/sla-rules',
    {
      preHandler: slaManage,
      schema: {
        tags: ['admin'],
        summary: 'Replace the whole SLA matrix',
        body: slaMatrixBody,
        response: { 200: slaMatrix, ...errorResponses },
      },
    },
    (req) => config.replaceMatrix(requireActor(req), req.body.rules),
  );
  r.post(
    '/api/admin/sla-rules',
    {
      preHandler: slaManage,
      schema: { tags: ['admin'], body: slaRuleBody, response: { 201: slaRule, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await config.addRule(requireActor(req), req.body)),
  );
  r.patch(
    '/api/admin/sla-rules/:id',
    {
      preHandler: slaManage,
      schema: { tags: ['admin'], params: idParams, body: slaRulePatch, response: { 200: slaRule, ...errorResponses } },
    },
    (req) => config.updateRule(requireActor(req), req.params.id, req.body),
  );
  r.delete(
    '/api/admin/sla-rules/:id',
    { preHandler: slaManage, schema: { tags: ['admin'], params: idParams, response: noContent } },
    async (req, reply) => {
      await config.deleteRule(requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- calendar and escalation settings ----
  const calendarManage = requirePermission('calendar.manage');
  r.get(
    '/api/admin/calendar',
    {
      preHandler: calendarManage,
      schema: {
        tags: ['admin'],
        summary: 'Holiday data coverage of this year and the next two, and the overrides',
        response: { 200: calendarStatusView, ...errorResponses },
      },
    },
    () => config.calendarStatus(),
  );
  r.post(
    '/api/admin/calendar/overrides',
    {
      preHandler: calendarManage,
      schema: {
        tags: ['admin'],
        summary: 'Make a day a working day or a holiday',
        body: calendarOverrideBody,
        response: { 200: calendarStatusView, ...errorResponses },
      },
    },
    (req) => config.setOverride(requireActor(req), req.body),
  );
  r.delete(
    '/api/admin/calendar/overrides/:day',
    {
      preHandler: calendarManage,
      schema: { tags: ['admin'], params: z.object({ day }), response: { 200: calendarStatusView, ...errorResponses } },
    },
    (req) => config.deleteOverride(requireActor(req), req.params.day),
  );
  r.post(
    '/api/admin/calendar/years',
    {
      preHandler: calendarManage,
      schema: {
        tags: ['admin'],
        summary: 'Declare a year’s holidays completely entered',
        body: calendarYearBody,
        response: { 200: calendarStatusView, ...errorResponses },
      },
    },
    (req) => config.declareYear(requireActor(req), req.body.year),
  );
  const settingsManage = requirePermission('settings.manage');
  r.get(
    '/api/admin/settings/escalation',
    {
      preHandler: settingsManage,
      schema: { tags: ['admin'], response: { 200: escalationSettingsSchema, ...errorResponses } },
    },
    () => config.escalation(),
  );
  r.put(
    '/api/admin/settings/escalation',
    {
      preHandler: settingsManage,
      schema: {
        tags: ['admin'],
        body: escalationSettingsSchema,
        response: { 200: escalationSettingsSchema, ...errorResponses },
      },
    },
    (req) => config.setEscalation(requireActor(req), req.body),
  );

  // ---- key projects ----
  const projectManage = requirePermission('project.manage');
  r.get(
    '/api/projects',
    {
      preHandler: authenticated,
      schema: { tags: ['projects'], response: { 200: z.array(projectView), ...errorResponses } },
    },
    (req) => projects.list(requireActor(req)),
  );
  r.get(
    '/api/projects/:id',
    {
      preHandler: authenticated,
      schema: {
        tags: ['projects'],
        summary: 'A key project with its officer and open items',
        params: idParams,
        response: { 200: projectDetail, ...errorResponses },
      },
    },
    (req) => projects.get(requireActor(req), req.params.id),
  );
  r.post(
    '/api/projects',
    {
      preHandler: projectManage,
      schema: { tags: ['projects'], body: projectBody, response: { 201: projectView, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await projects.create(requireActor(req), req.body)),
  );
  r.patch(
    '/api/projects/:id',
    {
      preHandler: projectManage,
      schema: {
        tags: ['projects'],
        params: idParams,
        body: projectPatch,
        response: { 200: projectView, ...errorResponses },
      },
    },
    (req) => projects.update(requireActor(req), req.params.id, req.body),
  );

  // ---- API tokens and webhooks ----
  const tokenManage = requirePermission('token.manage');
  r.get(
    '/api/admin/tokens',
    { preHandler: tokenManage, schema: { tags: ['admin'], response: { 200: z.array(tokenView), ...errorResponses } } },
    () => access.tokens(),
  );
  r.post(
    '/api/admin/tokens',
    {
      preHandler: tokenManage,
      schema: {
        tags: ['admin'],
        summary: 'Create an API token (shown once)',
        body: tokenBody,
        response: { 201: tokenCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await access.createToken(requireActor(req), req.body)),
  );
  r.post(
    '/api/admin/tokens/:id/revoke',
    {
      preHandler: tokenManage,
      schema: { tags: ['admin'], params: idParams, response: { 200: tokenView, ...errorResponses } },
    },
    (req) => access.revokeToken(requireActor(req), req.params.id),
  );
  const webhookManage = requirePermission('webhook.manage');
  r.get(
    '/api/admin/webhooks',
    {
      preHandler: webhookManage,
      schema: { tags: ['admin'], response: { 200: z.array(webhookView), ...errorResponses } },
    },
    () => access.webhooks(),
  );
  r.post(
    '/api/admin/webhooks',
    {
      preHandler: webhookManage,
      schema: {
        tags: ['admin'],
        summary: 'Register a webhook (its signing secret is shown once)',
        body: webhookBody,
        response: { 201: webhookCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await access.createWebhook(requireActor(req), req.body)),
  );
  for (const active of [false, true]) {
    r.post(
      `/api/admin/webhooks/:id/${active ? 'activate' : 'deactivate'}`,
      {
        preHandler: webhookManage,
        schema: { tags: ['admin'], params: idParams, response: { 200: webhookView, ...errorResponses } },
      },
      (req) => access.setWebhookActive(requireActor(req), req.params.id, active),
    );
  }

  // ---- the reader's notifications ----
  r.get(
    '/api/notifications',
    {
      preHandler: authenticated,
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, unread first',
        querystring: notificationListQuery,
        response: { 200: notificationList, ...errorResponses },
      },
    },
    (req) => access.notifications(requireActor(req), req.query),
  );
  r.post(
    '/api/notifications/:id/read',
    {
      preHandler: authenticated,
      schema: { tags: ['notifications'], params: idParams, response: { 200: notificationView, ...errorResponses } },
    },
    (req) => access.markRead(requireActor(req), req.params.id),
  );

  // ---- look-ups ----
  // Public and unauthenticated: limited per client like the other public routes.
  r.get(
    '/api/public/lookups',
    {
      config: { rateLimit: { max: 300, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Districts, centres with windows, categories and item types for the intake form',
        response: { 200: publicLookups, ...errorResponses },
      },
    },
    () => structure.publicLookups(),
  );
  r.get(
    '/api/lookups',
    {
      preHandler: read,
      schema: {
        tags: ['lookups'],
        summary: 'The public look-ups plus departments and the people the reader may assign to',
        response: { 200: staffLookups, ...errorResponses },
      },
    },
    (req) => structure.staffLookups(requireActor(req)),
  );
}
