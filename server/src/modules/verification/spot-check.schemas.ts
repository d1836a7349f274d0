// Request and response shapes of the spot checks (抽查回访). Kept with the module because common/ is not this
// module's to edit; they can move to common/src/schemas/ when the web needs them.
import { z } from 'zod';
import { id, isoInstant, pageQuery } from '@tingquan/common';

export const spotCheckCreateBody = z
  .object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month as YYYY-MM' }),
    rate: z.number().gt(0).max(1).default(0.1),
    seed: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'letters, digits, . _ : -' })
      .optional(),
    districtId: id.optional(),
  })
  .strict();
export type SpotCheckCreateBody = z.output<typeof spotCheckCreateBody>;

export const spotCheckListQuery = z
  .object({
    ...pageQuery,
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  })
  .strict();

const progress = z.object({ total: z.number(), pending: z.number(), confirmed: z.number(), falseClosure: z.number() });

export const spotCheckSummary = z.object({
  id: z.string(),
  period: z.string(),
  seed: z.string(),
  rate: z.number(),
  districtId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoInstant,
  size: z.number(),
  progress,
});

export const spotCheckDetail = spotCheckSummary.extend({
  strata: z.array(
    z.object({
      departmentId: z.string().nullable(),
      departmentName: z.string().nullable(),
      sampled: z.number(),
      checked: z.number(),
    }),
  ),
  entries: z.array(
    z.object({
      itemId: z.string(),
      ledgerNo: z.string(),
      title: z.string(),
      departmentId: z.string().nullable(),
      departmentName: z.string().nullable(),
      closedAt: isoInstant.nullable(),
      result: z.enum(['pending', 'confirmed', 'false_closure']),
      answers: z.record(z.string(), z.unknown()).nullable(),
      checkedAt: isoInstant.nullable(),
    }),
  ),
});
export type SpotCheckDetail = z.infer<typeof spotCheckDetail>;

export const spotCheckList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(spotCheckSummary),
});
