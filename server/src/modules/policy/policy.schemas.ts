// Request and response shapes of the policy module (SPEC §3). The rule, document, item and parameter shapes are the
// engine's own schemas from common/policy; these add the API's envelopes. Kept with the module (common/ is shared).
import { z } from 'zod';
import { id, pageQuery, phone, text, uscc, LIMITS } from '@tingquan/common';
import {
  BASE_FACT_KEYS,
  DELIVERY_MODES,
  FACT_SOURCES,
  FactValueSchemas,
  LegalReferenceSchema,
  POLICY_CATEGORY_IDS,
  PolicyDocumentSchema,
  PolicyItemSchema,
  RuleSchema,
  isIsoDate,
} from '@tingquan/common/policy/index';

export const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

export const documentBody = PolicyDocumentSchema.strict();
export const documentPatch = PolicyDocumentSchema.omit({ id: true }).partial().strict();
export const itemBody = PolicyItemSchema.strict();
export const itemPatch = PolicyItemSchema.omit({ id: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();
export const documentView = PolicyDocumentSchema.extend({ itemCount: z.number() });
export const itemView = PolicyItemSchema.extend({
  active: z.boolean(),
  currentRule: z.object({ version: z.number(), effectiveFrom: z.string(), hash: z.string() }).nullable(),
});
export const itemListQuery = z
  .object({
    ...pageQuery,
    category: z.enum(POLICY_CATEGORY_IDS).optional(),
    documentId: id.optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export const itemList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(itemView),
});

export const parameterVersionBody = z
  .object({ effectiveFrom: isoDate, value: z.number().finite(), reference: LegalReferenceSchema })
  .strict();
export const parameterBody = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'parameter ids are lower_snake_case'),
    label: z.string().trim().min(1).max(100),
    unit: z.enum(['yuan', 'ratio', 'persons', 'years', 'count']),
    versions: z.array(parameterVersionBody).min(1),
  })
  .strict();
export const parameterView = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  versions: z.array(
    z.object({ version: z.number(), effectiveFrom: z.string(), value: z.number(), reference: LegalReferenceSchema }),
  ),
});

/** A rule as written in the editor: the server assigns the item and the version. */
export const ruleDraft = RuleSchema.omit({
  itemId: true,
  version: true,
  status: true,
  hash: true,
  publishedAt: true,
}).strict();
export const ruleIssue = z.object({
  code: z.string(),
  severity: z.string(),
  row: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
});
export const validateResponse = z.object({ ok: z.boolean(), errors: z.array(ruleIssue), warnings: z.array(ruleIssue) });
export const ruleView = z.looseObject({
  itemId: z.string(),
  version: z.number(),
  effectiveFrom: z.string(),
  hash: z.string(),
  publishedAt: z.string(),
});

/** Facts as plain values (the calculator and the test panel): each is stamped with source 企业填报 and the date. */
const plainFactShape = Object.fromEntries(
  BASE_FACT_KEYS.map((k) => [k, (FactValueSchemas[k] as z.ZodObject<{ value: z.ZodType }>).shape.value.optional()]),
);
export const plainFacts = z.object(plainFactShape).strict();
export type PlainFacts = Record<string, unknown>;

export const ruleTestBody = z
  .object({ rule: ruleDraft.optional(), facts: plainFacts, asOf: isoDate.optional() })
  .strict();

/** The engine's explanation; its full shape is the Decision type of common/policy/engine.ts. */
export const decisionView = z.looseObject({
  itemId: z.string(),
  status: z.enum(['eligible', 'unknown', 'ineligible']),
  criteria: z.array(z.looseObject({ id: z.string(), label: z.string(), state: z.string() })),
  amount: z.looseObject({ value: z.number().nullable() }).nullable(),
  nearestMiss: z.looseObject({ text: z.string() }).nullable(),
  engineVersion: z.string(),
  ruleHash: z.string(),
  parameterSnapshotDate: z.string(),
});

export const calculatorBody = z.object({ facts: plainFacts, asOf: isoDate.optional() }).strict();
const calcEntry = z.object({
  itemId: z.string(),
  name: z.string(),
  category: z.string(),
  department: z.string(),
  delivery: z.enum(DELIVERY_MODES),
  status: z.enum(['eligible', 'unknown', 'ineligible']),
  amount: z.number().nullable(),
  missingFacts: z.array(z.string()),
  nearestMiss: z.string().nullable(),
  explanation: decisionView,
});
export const calculatorResponse = z.object({
  asOf: z.string(),
  eligible: z.array(calcEntry),
  needsData: z.array(calcEntry),
  nearMisses: z.array(calcEntry),
  totalAmount: z.number(),
  ineligibleCount: z.number(),
});

export const importQuery = z.object({ source: z.enum(FACT_SOURCES).optional(), asOf: isoDate }).strict();
export const importReport = z.object({
  id: z.string(),
  format: z.enum(['csv', 'xlsx']),
  total: z.number(),
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      uscc: z.string().nullable(),
      ok: z.boolean(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
});

export const enterpriseView = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  districtCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  facts: z.record(z.string(), z.object({ value: z.unknown(), source: z.string(), asOf: z.string() })),
  history: z
    .array(
      z.object({ fact: z.string(), value: z.unknown(), source: z.string(), asOf: z.string(), recordedAt: z.string() }),
    )
    .optional(),
});
export const enterpriseListQuery = z
  .object({
    ...pageQuery,
    q: z.string().trim().max(100).optional(),
    districtCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export const enterpriseList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(enterpriseView.omit({ facts: true, history: true })),
});

export const runBody = z
  .object({
    scope: z.enum(['all', 'item', 'enterprise']).default('all'),
    itemId: id.optional(),
    enterpriseId: id.optional(),
    asOf: isoDate.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.scope === 'item' && !b.itemId)
      ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'required for scope item' });
    if (b.scope === 'enterprise' && !b.enterpriseId)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'required for scope enterprise' });
  });
export const runView = z.object({
  id: z.string(),
  scope: z.string(),
  itemId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  asOf: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number(),
  done: z.number(),
  progress: z.number(),
  candidates: z.number(),
  attempts: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const CANDIDATE_STATUSES = [
  'candidate',
  'confirmed',
  'rejected',
  'publicity',
  'notified',
  'consented',
  'disbursed',
  'paid',
  'failed',
] as const;
export const candidateListQuery = z
  .object({ ...pageQuery, status: z.enum(CANDIDATE_STATUSES).optional(), asOf: isoDate.optional() })
  .strict();
export const candidateView = z.object({
  id: z.string(),
  itemId: z.string(),
  enterprise: z.object({ id: z.string(), uscc: z.string(), name: z.string(), districtCode: z.string().nullable() }),
  asOf: z.string(),
  amount: z.number().nullable(),
  status: z.enum(CANDIDATE_STATUSES),
  delivery: z.enum(DELIVERY_MODES),
  ruleVersion: z.number(),
  ruleHash: z.string(),
  engineVersion: z.string(),
  parameterSnapshotDate: z.string(),
  publicityUntil: z.string().nullable(),
  paidAmount: z.number().nullable(),
  paymentRef: z.string().nullable(),
  failureReason: z.string().nullable(),
  reason: z.string().nullable(),
  abilities: z.array(z.string()),
  explanation: decisionView.optional(),
  history: z
    .array(
      z.object({
        action: z.string(),
        from: z.string(),
        to: z.string(),
        actorId: z.string().nullable(),
        at: z.string(),
        data: z.unknown(),
      }),
    )
    .optional(),
});
export const candidateList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(candidateView),
  aggregates: z
    .object({
      runId: z.string(),
      asOf: z.string(),
      population: z.number(),
      eligible: z.number(),
      unknown: z.number(),
      ineligible: z.number(),
      totalAmount: z.number(),
      criteria: z.array(
        z.object({ id: z.string(), label: z.string(), kind: z.string(), fail: z.number(), unknown: z.number() }),
      ),
    })
    .nullable(),
});

export const rejectBody = z.object({ reason: text(LIMITS.reason) }).strict();
export const confirmBody = z
  .object({ note: text(LIMITS.note).optional(), publicityDays: z.number().int().min(1).max(30).optional() })
  .strict()
  .default({});
export const bulkBody = z
  .object({
    ids: z.array(id).min(1).max(500),
    action: z.enum(['confirm', 'reject']),
    reason: text(LIMITS.reason).optional(),
    publicityDays: z.number().int().min(1).max(30).optional(),
  })
  .strict();
export const objectionBody = z.object({ reason: text(LIMITS.reason) }).strict();
export const disburseBody = z.object({ amount: z.number().positive().max(1e10), paymentRef: text(64) }).strict();
export const reconcileBody = z
  .object({ result: z.enum(['paid', 'failed']), reason: text(LIMITS.reason).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.result === 'failed' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required when the payment failed' });
  });
export const consentBody = z.object({ token: z.string().trim().min(16).max(128) }).strict();
export const consentResponse = z.object({
  itemId: z.string(),
  itemName: z.string(),
  enterpriseName: z.string(),
  amount: z.number().nullable(),
  status: z.string(),
});
export const consentPreview = consentResponse.extend({ asOf: z.string(), explanation: decisionView });

export const fastApplicationBody = z
  .object({ itemId: id, enterpriseId: id, supplement: z.record(z.string(), z.string().max(2000)).optional() })
  .strict();
export const fastDecisionBody = z.object({ approve: z.boolean(), note: text(LIMITS.note).optional() }).strict();
export const fastApplicationView = z.object({
  id: z.string(),
  itemId: z.string(),
  enterpriseId: z.string(),
  status: z.enum(['submitted', 'approved', 'rejected']),
  prefilled: z.record(z.string(), z.unknown()),
  supplement: z.record(z.string(), z.string()).nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export const fastApplicationList = z.object({ items: z.array(fastApplicationView) });

export const complaintBody = z
  .object({
    policyItemId: id,
    uscc,
    organization: text(LIMITS.name),
    phone,
    description: text(LIMITS.description, 10),
    candidateId: id.optional(),
  })
  .strict();
export const complaintReceipt = z.object({
  itemId: z.string(),
  ledgerNo: z.string(),
  trackingCode: z.string(),
  accessPin: z.string(),
});

export const statsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
const bucket = z.object({
  key: z.string(),
  label: z.string(),
  enterprises: z.number(),
  payments: z.number(),
  amount: z.number(),
});
export const statsResponse = z.object({
  definitions: z.record(z.string(), z.string()),
  enterprisesBenefited: z.number(),
  payments: z.number(),
  amount: z.number(),
  pipeline: z.record(z.string(), z.number()),
  byItem: z.array(bucket),
  byCategory: z.array(bucket),
  byDistrict: z.array(bucket),
  byMonth: z.array(bucket),
  mostFailed: z.array(
    z.object({
      itemId: z.string(),
      name: z.string(),
      criterion: z.string(),
      label: z.string(),
      fail: z.number(),
      population: z.number(),
    }),
  ),
});
