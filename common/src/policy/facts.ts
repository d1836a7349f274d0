// The enterprise facts a policy rule may test: their types, units and usual sources, and the Zod schemas of 一企一档.
import { z } from 'zod';
import { completedYears, isIsoDate } from './dates.ts';
import { isValidUscc } from './uscc.ts';

export const FACT_SOURCES = [
  'market',
  'tax',
  'social',
  'stats',
  'science',
  'industry',
  'credit',
  'finance',
  'customs',
  'housing',
  'self',
] as const;
export type FactSource = (typeof FACT_SOURCES)[number];
export const FACT_SOURCE_LABELS: Record<FactSource, string> = {
  market: '市场监管',
  tax: '税务',
  social: '社保',
  stats: '统计',
  science: '科技',
  industry: '工信',
  credit: '信用',
  finance: '金融',
  customs: '海关',
  housing: '住建/国资',
  self: '企业填报',
};

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
  micro: '微型',
  small: '小型',
  medium: '中型',
  large: '大型',
};

export const CERTIFICATIONS = [
  '高新技术企业',
  '科技型中小企业',
  '创新型中小企业',
  '专精特新中小企业',
  '专精特新小巨人',
  '规上工业企业',
  '限上商贸企业',
  '企业技术中心',
  '瞪羚企业',
  '雏鹰企业',
  '首台套产品',
  '绿色工厂',
  '智能工厂',
  '制造业单项冠军',
] as const;

export const LISTING_STAGES = ['none', 'tutoring', 'filed', 'listed'] as const;
export const LISTING_STAGE_LABELS = {
  none: '未启动',
  tutoring: '辅导备案',
  filed: '申报受理',
  listed: '成功上市',
} as const;
export const TAX_CREDIT_GRADES = ['A', 'B', 'M', 'C', 'D'] as const;

/** GB/T 4754-2017: a section letter, optionally followed by a 2-digit division, 3-digit group or 4-digit class. */
export const INDUSTRY_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;
/** Six-digit administrative division code (GB/T 2260). */
export const DISTRICT_CODE = /^\d{6}$/;

export type FactType = 'number' | 'date' | 'code' | 'enum' | 'set' | 'boolean';
export type FactUnit = 'yuan' | 'persons' | 'ratio' | 'years';

export interface FactDefinition {
  type: FactType;
  label: string;
  source: FactSource;
  unit?: FactUnit;
  values?: readonly string[];
  pattern?: RegExp;
  /** Numbers are non-negative unless a fact says it may be negative (a growth rate). */
  signed?: boolean;
}

/** Facts held in the enterprise file. Money is in 元, ratios as fractions (0.03 = 3%). */
export const BASE_FACTS = {
  industryCode: { type: 'code', label: '国民经济行业代码', source: 'market', pattern: INDUSTRY_CODE },
  districtCode: { type: 'code', label: '注册地区县', source: 'market', pattern: DISTRICT_CODE },
  sizeClass: { type: 'enum', label: '企业规模', source: 'stats', values: SIZE_CLASSES },
  establishedOn: { type: 'date', label: '成立日期', source: 'market' },
  employees: { type: 'number', label: '参保职工人数', source: 'social', unit: 'persons' },
  revenue: { type: 'number', label: '上年度营业收入', source: 'tax', unit: 'yuan' },
  revenueGrowth: { type: 'number', label: '营业收入增长率', source: 'stats', unit: 'ratio', signed: true },
  taxPaid: { type: 'number', label: '上年度纳税总额', source: 'tax', unit: 'yuan' },
  rdSpend: { type: 'number', label: '上年度研发费用', source: 'tax', unit: 'yuan' },
  investment: { type: 'number', label: '上年度技术改造投资', source: 'stats', unit: 'yuan' },
  unemploymentInsurancePaid: { type: 'number', label: '上年度失业保险缴费', source: 'social', unit: 'yuan' },
  layoffRate: { type: 'number', label: '上年度裁员率', source: 'social', unit: 'ratio' },
  exportValue: { type: 'number', label: '上年度进出口额', source: 'customs', unit: 'yuan' },
  stateRent: { type: 'number', label: '承租国有房屋年租金', source: 'housing', unit: 'yuan' },
  guaranteedLoan: { type: 'number', label: '创业担保贷款余额', source: 'finance', unit: 'yuan' },
  certifications: { type: 'set', label: '资质认定', source: 'science', values: CERTIFICATIONS },
  hnteCertifiedOn: { type: 'date', label: '高新技术企业认定日期', source: 'science' },
  listingStage: { type: 'enum', label: '上市进程', source: 'finance', values: LISTING_STAGES },
  taxCreditGrade: { type: 'enum', label: '纳税信用等级', source: 'tax', values: TAX_CREDIT_GRADES },
  dishonestListed: { type: 'boolean', label: '列入严重失信主体名单', source: 'credit' },
} as const satisfies Record<string, FactDefinition>;

export type BaseFactKey = keyof typeof BASE_FACTS;

/** Facts computed from others as of the evaluation date; they carry the sources of their inputs. */
export const DERIVED_FACTS = {
  rdRatio: {
    type: 'number',
    label: '研发费用占营业收入比例',
    source: 'tax',
    unit: 'ratio',
    from: ['rdSpend', 'revenue'],
  },
  ageYears: { type: 'number', label: '成立年限', source: 'market', unit: 'years', from: ['establishedOn'] },
} as const satisfies Record<string, FactDefinition & { from: readonly BaseFactKey[] }>;

export type DerivedFactKey = keyof typeof DERIVED_FACTS;
export type FactKey = BaseFactKey | DerivedFactKey;

export const FACTS: Record<FactKey, FactDefinition> = { ...BASE_FACTS, ...DERIVED_FACTS };
export const BASE_FACT_KEYS = Object.keys(BASE_FACTS) as BaseFactKey[];

export function isFactKey(key: string): key is FactKey {
  return Object.hasOwn(FACTS, key);
}

type KeysOfType<T extends FactType> = {
  [K in BaseFactKey]: (typeof BASE_FACTS)[K]['type'] extends T ? K : never;
}[BaseFactKey];
export type NumberFactKey = KeysOfType<'number'>;
export type DateFactKey = KeysOfType<'date'>;
export type DictFactKey = KeysOfType<'code' | 'enum'>;
export type SetFactKey = KeysOfType<'set'>;
export type BooleanFactKey = KeysOfType<'boolean'>;

type ValueOf<K extends BaseFactKey> = (typeof BASE_FACTS)[K]['type'] extends 'number'
  ? number
  : (typeof BASE_FACTS)[K]['type'] extends 'set'
    ? string[]
    : (typeof BASE_FACTS)[K]['type'] extends 'boolean'
      ? boolean
      : string;

/** A fact's value with where it came from and the date it describes. */
export interface FactValue<T> {
  value: T;
  source: FactSource;
  asOf: string;
}

export type EnterpriseFacts = { [K in BaseFactKey]?: FactValue<ValueOf<K>> };

export interface BenefitReceipt {
  itemId: string;
  date: string;
}

export interface Enterprise {
  uscc: string;
  name: string;
  facts: EnterpriseFacts;
  /** Benefits already paid, for exclusions such as "already received this year". */
  receipts?: BenefitReceipt[];
}

const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

function valueSchema(def: FactDefinition): z.ZodType {
  switch (def.type) {
    case 'number':
      return def.signed ? z.number().finite() : z.number().finite().min(0);
    case 'date':
      return isoDate;
    case 'code':
      return z.string().regex(def.pattern ?? /.*/, `not a valid ${def.label}`);
    case 'enum':
      return z.enum(def.values as unknown as [string, ...string[]]);
    case 'set':
      return z.array(z.enum(def.values as unknown as [string, ...string[]]));
    case 'boolean':
      return z.boolean();
  }
}

export const FactValueSchemas = Object.fromEntries(
  BASE_FACT_KEYS.map((key) => [
    key,
    z.object({ value: valueSchema(BASE_FACTS[key]), source: z.enum(FACT_SOURCES), asOf: isoDate }),
  ]),
) as unknown as Record<BaseFactKey, z.ZodType>;

export const EnterpriseFactsSchema = z.object(FactValueSchemas).partial().strict();

export const EnterpriseSchema = z.object({
  uscc: z.string().refine(isValidUscc, 'not a valid 统一社会信用代码 (check character wrong)'),
  name: z.string().min(1).max(200),
  facts: EnterpriseFactsSchema,
  receipts: z.array(z.object({ itemId: z.string().min(1), date: isoDate })).optional(),
});

/** R&D spend over revenue; unknown when either is missing or revenue is not positive. */
export function rdRatioOf(rdSpend: number, revenue: number): number {
  return revenue > 0 ? rdSpend / revenue : NaN;
}

/** Completed years since establishment as of the evaluation day; NaN when the date is unknown. */
export function ageYearsOf(establishedDay: number, asOfDay: number): number {
  return establishedDay !== establishedDay ? NaN : completedYears(establishedDay, asOfDay);
}
