// Request and response shapes of the ledger API (/api/items): used by Fastify for validation and by the web for forms.
import { z } from 'zod';
import {
  CHANNELS,
  ITEM_TYPES,
  TIERS,
  STATUSES,
  SATISFACTION,
  SOLVED,
  REQUESTER_KINDS,
  RECTIFICATIONS,
  RATING_SOURCES,
  PENDING_KINDS,
  ESCALATION_STEPS,
} from '../enums.ts';
import { ITEM_ACTIONS } from '../lifecycle.ts';
import { LIMITS, id, isoInstant, pageQuery, phone, text, uscc, day } from './primitives.ts';

export const requesterInput = z
  .object({
    kind: z.enum(REQUESTER_KINDS).default('person'),
    name: text(LIMITS.name).optional(),
    phone: phone.optional(),
    organization: text(LIMITS.name).optional(),
    uscc: uscc.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.kind === 'enterprise' && !r.organization) {
      ctx.addIssue({ code: 'custom', path: ['organization'], message: 'required for an enterprise' });
    }
    if (r.kind !== 'anonymous' && !r.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'required unless anonymous' });
    }
  });

const placeFields = {
  districtId: id.optional(),
  centreId: id.optional(),
  windowId: id.optional(),
  placeText: text(LIMITS.place).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
};

/** What anyone may submit through the public intake (no account). */
export const publicIntakeBody = z
  .object({
    type: z.enum(ITEM_TYPES),
    categoryId: id,
    title: text(LIMITS.title, 4),
    description: text(LIMITS.description, 10),
    ...placeFields,
    requester: requesterInput,
    confidential: z.boolean().default(false),
    channel: z.enum(['web', 'mobile']).default('web'),
  })
  .strict();
export type PublicIntakeBody = z.infer<typeof publicIntakeBody>;

/** What staff register on someone's behalf (window, hotline, letter, undercover check, callback finding). */
export const registerItemBody = publicIntakeBody
  .omit({ channel: true })
  .extend({
    channel: z.enum(CHANNELS),
    projectId: id.optional(),
    tier: z.enum(TIERS).optional(),
    urgent: z.boolean().optional(),
    submittedAt: isoInstant.optional(),
  })
  .strict();
export type RegisterItemBody = z.infer<typeof registerItemBody>;

export const intakeReceipt = z.object({
  id: z.string(),
  ledgerNo: z.string(),
  trackingCode: z.string(),
  /** Shown once on the receipt; with the tracking code it lets the requester follow the item. */
  accessPin: z.string(),
  submittedAt: z.string(),
});
export type IntakeReceipt = z.infer<typeof intakeReceipt>;

export const trackingQuery = z.object({
  code: z.string().trim().min(8).max(32),
  pin: z.string().trim().min(4).max(12),
});

// ---- action bodies ----
export const reasonBody = z.object({ reason: text(LIMITS.reason) }).strict();
export const noteBody = z.object({ note: text(LIMITS.note) }).strict();
export const emptyBody = z.object({}).strict().default({});

export const acceptBody = z
  .object({ tier: z.enum(TIERS).optional(), urgent: z.boolean().optional(), note: text(LIMITS.note).optional() })
  .strict()
  .default({});
export const triageBody = z
  .object({ tier: z.enum(TIERS), urgent: z.boolean().optional(), reason: text(LIMITS.reason).optional() })
  .strict();
export const dispatchBody = z
  .object({
    mainDepartmentId: id,
    coDepartmentIds: z.array(id).max(10).default([]),
    tier: z.enum(TIERS).optional(),
    note: text(LIMITS.note).optional(),
  })
  .strict()
  .refine((b) => !b.coDepartmentIds.includes(b.mainDepartmentId), {
    path: ['coDepartmentIds'],
    message: 'the main department cannot also be a co-department',
  });
export const resolveOnSpotBody = z.object({ reply: text(LIMITS.description), tier: z.enum(TIERS).optional() }).strict();
export const contactBody = z
  .object({ method: z.enum(['phone', 'visit', 'sms', 'other']), note: text(LIMITS.note) })
  .strict();
export const extensionRequestBody = z
  .object({ days: z.number().int().min(1).max(30), reason: text(LIMITS.reason) })
  .strict();
export const decisionBody = z.object({ approve: z.boolean(), note: text(LIMITS.note).optional() }).strict();
export const replyBody = z
  .object({ reply: text(LIMITS.description, 5), solved: z.enum(SOLVED).default('solved') })
  .strict();

export const threeQuestions = {
  contacted: z.boolean(),
  solved: z.enum(SOLVED),
  satisfaction: z.enum(SATISFACTION),
  comment: text(LIMITS.note).optional(),
};
export const rateBody = z.object(threeQuestions).strict();
export const callbackBody = z.object({ ...threeQuestions, reached: z.boolean().default(true) }).strict();
export const rectifyBody = z
  .object({ kind: z.enum(RECTIFICATIONS), note: text(LIMITS.note), dueDate: day.optional() })
  .strict()
  .refine((b) => b.kind !== 'scheduled' || !!b.dueDate, {
    path: ['dueDate'],
    message: 'required for a scheduled rectification',
  });
export const spotCheckBody = z
  .object({ ...threeQuestions, falseClosure: z.boolean(), note: text(LIMITS.note).optional() })
  .strict();
export const mergeBody = z.object({ primaryId: id, note: text(LIMITS.note).optional() }).strict();
export const revealBody = z.object({ reason: text(LIMITS.reason) }).strict();
export const addInfoBody = z.object({ note: text(LIMITS.description) }).strict();

/** Public tracking actions carry the tracking code and PIN instead of a session. */
export const trackingAuth = z.object({ code: z.string().trim().min(8).max(32), pin: z.string().trim().min(4).max(12) });

// ---- responses ----
export const deadlineView = z.object({
  kind: z.enum(['sign', 'contact', 'handle', 'callback', 'rating']),
  due: z.string().nullable(),
  met: z.boolean().nullable(),
});

export const itemSummary = z.object({
  id: z.string(),
  ledgerNo: z.string(),
  channel: z.enum(CHANNELS),
  type: z.enum(ITEM_TYPES),
  categoryId: z.string(),
  categoryName: z.string().nullable(),
  title: z.string(),
  status: z.enum(STATUSES),
  tier: z.enum(TIERS),
  urgent: z.boolean(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  mainDepartmentId: z.string().nullable(),
  mainDepartmentName: z.string().nullable(),
  requesterName: z.string().nullable(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  /** The sign-for deadline while the department has not signed (签收时限), else null. */
  signDueAt: z.string().nullable(),
  /** The callback deadline while the callback is not done (回访时限), else null. */
  callbackDueAt: z.string().nullable(),
  warnLevel: z.enum(['none', 'yellow', 'red']),
  escalation: z.enum(ESCALATION_STEPS),
  problem: z.boolean(),
  satisfaction: z.enum(SATISFACTION).nullable(),
  closedAt: z.string().nullable(),
});
export type ItemSummary = z.infer<typeof itemSummary>;

export const eventView = z.object({
  seq: z.number(),
  action: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type EventView = z.infer<typeof eventView>;

export const itemDetail = itemSummary.extend({
  description: z.string(),
  placeText: z.string().nullable(),
  centreId: z.string().nullable(),
  centreName: z.string().nullable(),
  windowId: z.string().nullable(),
  windowName: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  confidential: z.boolean(),
  requester: z.object({
    kind: z.enum(REQUESTER_KINDS),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    organization: z.string().nullable(),
    uscc: z.string().nullable(),
    masked: z.boolean(),
    hidden: z.boolean(),
  }),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  departments: z.array(
    z.object({
      departmentId: z.string(),
      name: z.string(),
      role: z.enum(['main', 'co']),
      state: z.enum(['dispatched', 'signed', 'returned', 'replied']),
      dispatchedAt: z.string(),
      signedAt: z.string().nullable(),
    }),
  ),
  dispatchCount: z.number(),
  returnCount: z.number(),
  redoCount: z.number(),
  designated: z.boolean(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  verification: z.object({
    contacted: z.boolean().nullable(),
    solved: z.enum(SOLVED).nullable(),
    satisfaction: z.enum(SATISFACTION).nullable(),
    source: z.enum(RATING_SOURCES).nullable(),
    at: z.string().nullable(),
    badReview: z.boolean(),
    rectification: z.enum(RECTIFICATIONS).nullable(),
    excluded: z.boolean(),
  }),
  pending: z
    .object({ kind: z.enum(PENDING_KINDS), data: z.record(z.string(), z.unknown()), requestedAt: z.string() })
    .nullable(),
  primaryId: z.string().nullable(),
  mergedIds: z.array(z.string()),
  deadlines: z.array(deadlineView),
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number() })),
  events: z.array(eventView),
  abilities: z.array(z.enum(ITEM_ACTIONS)),
  version: z.number(),
});
export type ItemDetail = z.infer<typeof itemDetail>;

const csv = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(inner).max(50)).optional();

export const itemListQuery = z
  .object({
    ...pageQuery,
    status: csv(z.enum(STATUSES)),
    districtId: id.optional(),
    departmentId: id.optional(),
    centreId: id.optional(),
    windowId: id.optional(),
    channel: csv(z.enum(CHANNELS)),
    type: csv(z.enum(ITEM_TYPES)),
    categoryId: id.optional(),
    tier: csv(z.enum(TIERS)),
    projectId: id.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    queue: z
      .enum([
        'to_accept',
        'to_dispatch',
        'to_sign',
        'in_progress',
        'to_reply',
        'to_callback',
        'to_close',
        'to_approve',
        'overdue',
        'problem',
      ])
      .optional(),
    from: day.optional(),
    to: day.optional(),
    q: z.string().trim().max(100).optional(),
    sort: z
      .enum(['submittedAt', '-submittedAt', 'handleDueAt', '-handleDueAt', 'ledgerNo', '-ledgerNo'])
      .default('-submittedAt'),
  })
  .strict();
export type ItemListQuery = z.infer<typeof itemListQuery>;

export const itemListResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(itemSummary),
});
