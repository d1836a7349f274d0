// Shapes of the organisation admin API: districts, departments, service centres and windows, users, categories,
// the SLA matrix, calendar overrides, key projects and API tokens.
import { z } from 'zod';
import { DEPARTMENT_LEVELS, ITEM_TYPES, ROLES, TIERS } from '../enums.ts';
import { LIMITS, day, id, pageQuery, phone, text } from './primitives.ts';
import { itemSummary } from './items.ts';

const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'letters, digits, . - and _ only' });

export const districtBody = z.object({ code, name: text(LIMITS.name), nameEn: text(LIMITS.name).optional() }).strict();
export const district = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const departmentBody = z
  .object({
    code,
    name: text(LIMITS.name),
    nameEn: text(LIMITS.name).optional(),
    level: z.enum(DEPARTMENT_LEVELS),
    districtId: id.optional(),
  })
  .strict()
  .refine((d) => (d.level === 'district') === !!d.districtId, {
    path: ['districtId'],
    message: 'required for a district department, not allowed for a city one',
  });
export const department = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.enum(DEPARTMENT_LEVELS),
  districtId: z.string().nullable(),
});

export const centreBody = z
  .object({ name: text(LIMITS.name), districtId: id.optional(), address: text(LIMITS.place).optional() })
  .strict();
export const centre = z.object({
  id: z.string(),
  name: z.string(),
  districtId: z.string().nullable(),
  address: z.string().nullable(),
  windowCount: z.number(),
});
export const windowBody = z
  .object({
    code,
    name: text(LIMITS.name),
    kind: z.enum(['fault_finding', 'service', 'hotline']).default('fault_finding'),
  })
  .strict();
export const serviceWindow = z.object({
  id: z.string(),
  centreId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
});

export const userBody = z
  .object({
    username: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^[a-z0-9._-]+$/, { message: 'lower-case letters, digits, . _ - only' }),
    displayName: text(LIMITS.name),
    password: z.string().min(10, { message: 'at least 10 characters' }).max(200),
    phone: phone.optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    districtId: id.optional(),
    departmentId: id.optional(),
    centreId: id.optional(),
    windowId: id.optional(),
  })
  .strict();
export const userPatch = userBody
  .omit({ username: true, password: true })
  .partial()
  .extend({
    active: z.boolean().optional(),
    password: z.string().min(10, { message: 'at least 10 characters' }).max(200).optional(),
  })
  .strict();
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  districtId: z.string().nullable(),
  departmentId: z.string().nullable(),
  centreId: z.string().nullable(),
  windowId: z.string().nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof user>;

export const categoryBody = z
  .object({
    parentId: id.nullable().optional(),
    code,
    name: text(LIMITS.name),
    nameEn: text(LIMITS.name).optional(),
    sort: z.number().int().default(0),
    active: z.boolean().default(true),
  })
  .strict();
export const category = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
});
export type Category = z.infer<typeof category>;

export const slaRuleBody = z
  .object({
    tier: z.enum(TIERS),
    urgent: z.boolean().default(false),
    type: z.enum(ITEM_TYPES).nullable().default(null),
    categoryId: id.nullable().default(null),
    signMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable()
      .default(null),
    signDays: z.number().int().min(0).max(30).default(1),
    contactDays: z.number().int().min(0).max(30).default(1),
    handleDays: z.number().int().min(0).max(90),
    callbackDays: z.number().int().min(0).max(30).default(2),
    ratingDays: z.number().int().min(1).max(60).default(7),
    warnRatio: z.number().min(0.1).max(0.99).default(0.75),
  })
  .strict();
export const slaRule = slaRuleBody.extend({ id: z.string() });
export type SlaRuleView = z.infer<typeof slaRule>;

export const calendarOverrideBody = z
  .object({ day, kind: z.enum(['workday', 'holiday']), note: text(LIMITS.name).optional() })
  .strict();
export const calendarYearBody = z.object({ year: z.number().int().min(2000).max(2100) }).strict();
export const calendarStatus = z.object({
  years: z.array(z.object({ year: z.number(), covered: z.boolean(), source: z.enum(['data', 'override', 'none']) })),
  missing: z.array(z.number()),
  overrides: z.array(z.object({ day: z.string(), kind: z.enum(['workday', 'holiday']), note: z.string().nullable() })),
});

export const projectBody = z
  .object({
    code,
    name: text(LIMITS.name),
    districtId: id.optional(),
    officerId: id,
    description: text(LIMITS.description).optional(),
  })
  .strict();
export const project = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  districtId: z.string().nullable(),
  officerId: z.string(),
  officerName: z.string().nullable(),
  description: z.string().nullable(),
  openItems: z.number(),
});

export const tokenBody = z
  .object({ name: text(LIMITS.name), userId: id, kind: z.enum(['api', 'open311']).default('api') })
  .strict();
export const tokenCreated = z.object({ id: z.string(), name: z.string(), token: z.string() });
export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const loginBody = z
  .object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) })
  .strict();
export const me = user.extend({ csrfToken: z.string(), permissions: z.array(z.string()) });
export type Me = z.infer<typeof me>;

export const webhookBody = z
  .object({ url: z.url({ protocol: /^https?$/ }), events: z.array(z.string().max(40)).max(50).default(['*']) })
  .strict();

// ---- Admin API views and inputs added with the organisation admin module (server/src/modules/org/). ----

/** A PATCH body: every field optional and without its create-time default, so that an absent field stays as it is. */
function patchOf<T extends z.ZodObject>(schema: T) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [
      k,
      (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional(),
    ]),
  );
  return z.object(shape).strict() as unknown as z.ZodType<Partial<z.output<T>>, Partial<z.input<T>>>;
}

const active = { active: z.boolean() };
export const districtView = district.extend(active);
export const districtPatch = districtBody.partial().strict();
export const departmentView = department.extend(active);
export const departmentPatch = z
  .object({ name: text(LIMITS.name), nameEn: text(LIMITS.name).nullable() })
  .partial()
  .strict();
export const centreView = centre.extend(active);
export const centrePatch = z
  .object({ name: text(LIMITS.name), address: text(LIMITS.place).nullable() })
  .partial()
  .strict();
export const windowView = serviceWindow.extend(active);
export const windowPatch = patchOf(windowBody);
/** Only the active centres and windows, for the intake form. */
export const centreWithWindows = centre.extend({ windows: z.array(serviceWindow) });

export const resetPasswordBody = z
  .object({ password: z.string().min(10, { message: 'at least 10 characters' }).max(200) })
  .strict();
export const userListQuery = z
  .object({
    q: z.string().trim().max(40).optional(),
    role: z.enum(ROLES).optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** Open311 service attributes are kept as given (their format belongs to the Open311 module). */
export const categoryAttributes = z.array(z.record(z.string(), z.unknown())).max(100);
export const categoryInput = categoryBody.extend({ attributes: categoryAttributes.optional() }).strict();
export const categoryPatch = z
  .object({
    name: text(LIMITS.name),
    nameEn: text(LIMITS.name).nullable(),
    sort: z.number().int(),
    attributes: categoryAttributes.nullable(),
  })
  .partial()
  .strict();
export const categoryMoveBody = z.object({ parentId: id.nullable() }).strict();
export interface CategoryNode extends Category {
  attributes: Record<string, unknown>[] | null;
  children: CategoryNode[];
}
export const categoryNode: z.ZodType<CategoryNode> = category
  .extend({
    attributes: categoryAttributes.nullable(),
    get children() {
      return z.array(categoryNode);
    },
  })
  .meta({ id: 'CategoryNode' }); // recursive: the OpenAPI document refers to it as a named component

export const slaMatrixBody = z.object({ rules: z.array(slaRuleBody).min(1).max(500) }).strict();
export const slaRulePatch = patchOf(slaRuleBody);
export const slaMatrix = z.object({ rules: z.array(slaRule) });

export const calendarStatusView = calendarStatus.extend({ warning: z.string().nullable() });

export const projectPatch = projectBody
  .partial()
  .extend({ status: z.enum(['active', 'closed']).optional() })
  .strict();
export const projectView = project.extend({ status: z.string(), createdAt: z.string() });

export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export const webhookCreated = webhookView.extend({ secret: z.string() });

export const notificationView = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationListQuery = z.object({ ...pageQuery, unread: z.enum(['true', 'false']).optional() }).strict();
export const notificationList = z.object({
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(notificationView),
});

export const publicLookups = z.object({
  districts: z.array(district),
  centres: z.array(centreWithWindows),
  categories: z.array(categoryNode),
  itemTypes: z.array(z.enum(ITEM_TYPES)),
});
export const staffLookups = publicLookups.extend({
  departments: z.array(department),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), departmentId: z.string().nullable() })),
});
/** PATCH of a user: scope fields may be cleared with null when the roles change. */
export const userUpdate = userPatch
  .extend({
    districtId: id.nullable().optional(),
    departmentId: id.nullable().optional(),
    centreId: id.nullable().optional(),
    windowId: id.nullable().optional(),
    phone: phone.nullable().optional(),
  })
  .strict();
/** A key project's page: its officer and its open items with their deadlines, scoped to the reader. */
export const projectDetail = projectView.extend({
  officer: z.object({ id: z.string(), displayName: z.string(), phone: z.string().nullable() }).nullable(),
  items: z.array(itemSummary),
  itemTotal: z.number(),
});
