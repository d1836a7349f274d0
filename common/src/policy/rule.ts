// A policy item's versioned rule: one decision table over enterprise facts, exclusions, and an amount formula with a cap.
import { z } from 'zod';
import { isIsoDate } from './dates.ts';

const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
const id = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'ids are letters, digits and _');

/** DMN hit policies: which matching rows decide the outputs. */
export const HIT_POLICIES = ['unique', 'first', 'priority', 'collect', 'collect-sum'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const RuleInputSchema = z.object({ id, fact: z.string().min(1), label: z.string().optional() });
export const RuleOutputSchema = z.object({
  id,
  type: z.enum(['number', 'string']),
  label: z.string().optional(),
  /** For the priority hit policy: output values from most to least preferred. */
  priority: z.array(z.string()).optional(),
});
export const RuleRowSchema = z.object({
  cells: z.array(z.string()),
  outputs: z.array(z.string()).default([]),
  note: z.string().optional(),
});

export const ExclusionSchema = z.union([
  z.object({ id, label: z.string().min(1), fact: z.string().min(1), test: z.string().min(1) }),
  z.object({ id, label: z.string().min(1), receivedWithin: z.enum(['calendar-year', '12-months']) }),
]);

export const AmountSchema = z.object({
  steps: z.array(z.object({ id, label: z.string().min(1), expr: z.string().min(1) })).min(1),
  cap: z.object({ expr: z.string().min(1), label: z.string().optional() }).optional(),
});

export const RuleSchema = z.object({
  itemId: z.string().min(1),
  version: z.number().int().min(1),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  status: z.enum(['draft', 'published']).default('draft'),
  hash: z.string().optional(),
  publishedAt: z.string().optional(),
  hitPolicy: z.enum(HIT_POLICIES),
  inputs: z.array(RuleInputSchema).min(1),
  outputs: z.array(RuleOutputSchema).default([]),
  rows: z.array(RuleRowSchema).min(1),
  exclusions: z.array(ExclusionSchema).default([]),
  amount: AmountSchema.optional(),
});

export type RuleInput = z.infer<typeof RuleInputSchema>;
export type RuleOutput = z.infer<typeof RuleOutputSchema>;
export type RuleRow = z.input<typeof RuleRowSchema>;
export type Exclusion = z.infer<typeof ExclusionSchema>;
export type Rule = z.input<typeof RuleSchema>;
