// The policy library: documents (文件), their granular items (颗粒化事项) and the default 11 categories.
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { LegalReferenceSchema } from './parameters.ts';

const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

export const POLICY_CATEGORIES = [
  { id: 'tech', label: '科技创新' },
  { id: 'industry', label: '工业振兴' },
  { id: 'digital', label: '数字经济' },
  { id: 'green', label: '绿色低碳' },
  { id: 'talent', label: '人才支持' },
  { id: 'employment', label: '就业创业' },
  { id: 'finance', label: '金融服务' },
  { id: 'listing', label: '企业上市' },
  { id: 'commerce', label: '商贸消费' },
  { id: 'trade', label: '对外开放' },
  { id: 'relief', label: '纾困减负' },
] as const;
export type PolicyCategoryId = (typeof POLICY_CATEGORIES)[number]['id'];
export const POLICY_CATEGORY_IDS = POLICY_CATEGORIES.map((c) => c.id) as [PolicyCategoryId, ...PolicyCategoryId[]];

export const POLICY_LEVELS = ['national', 'provincial', 'city', 'district'] as const;
export const POLICY_LEVEL_LABELS = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区县级',
} as const;

/** 文号 such as 沈政办发〔2026〕12号: an issuer abbreviation, the year in 〔〕 and a serial number. */
export const DOCUMENT_NUMBER = /^\S+〔\d{4}〕\d+号$/;

export const PolicyDocumentSchema = z.object({
  id: z.string().min(1),
  number: z.string().regex(DOCUMENT_NUMBER, '文号 must look like 沈政办发〔2026〕12号'),
  title: z.string().min(1).max(300),
  issuer: z.string().min(1),
  category: z.enum(POLICY_CATEGORY_IDS),
  level: z.enum(POLICY_LEVELS),
  issuedOn: isoDate,
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  text: z.string(),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

/** How a benefit reaches the enterprise: without application, by confirmation, or by a pre-filled fast application. */
export const DELIVERY_MODES = ['no-application', 'confirm', 'fast-application'] as const;

export const PolicyItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  documentId: z.string().min(1),
  name: z.string().min(1).max(200),
  category: z.enum(POLICY_CATEGORY_IDS),
  department: z.string().min(1).describe('the department that confirms candidates (二次确认)'),
  subject: z.string().min(1).describe('支持对象'),
  conditions: z.string().min(1).describe('申报条件, as written in the document'),
  amountText: z.string().min(1).describe('支持标准, as written in the document'),
  timeLimit: z.object({ from: isoDate, to: isoDate.optional(), note: z.string().optional() }),
  basis: LegalReferenceSchema,
  delivery: z.enum(DELIVERY_MODES),
});
export type PolicyItem = z.infer<typeof PolicyItemSchema>;
