// Request and response shapes of /api/stats (kept beside the module until the web needs them from common/).
import { z } from 'zod';
import { CHANNELS, ITEM_TYPES, TIERS, day, id } from '@tingquan/common';
import { DIMENSIONS, FIGURE_KEYS } from './stats.figures.ts';

export const statsQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    districtId: id.optional(),
    departmentId: id.optional(),
    centreId: id.optional(),
    windowId: id.optional(),
    categoryId: id.optional(),
    channel: z.enum(CHANNELS).optional(),
    type: z.enum(ITEM_TYPES).optional(),
    tier: z.enum(TIERS).optional(),
  })
  .strict();

export const breakdownQuery = statsQuery.extend({ by: z.enum(DIMENSIONS) }).strict();
export const seriesQuery = statsQuery.extend({ interval: z.enum(['day', 'week', 'month']).default('month') }).strict();
export const leagueQuery = statsQuery
  .extend({
    minVolume: z.coerce.number().int().min(0).max(1_000_000).default(10),
    top: z.coerce.number().int().min(1).max(50).default(5),
  })
  .strict();
export const hotspotsQuery = statsQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) }).strict();

const definition = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const figure = z.object({
  key: z.enum(FIGURE_KEYS),
  unit: z.enum(['count', 'ratio', 'hours']),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  definition,
  setting: z.object({ countBasicallySatisfied: z.boolean() }).optional(),
});
export const figures = z.object(
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, figure])) as Record<(typeof FIGURE_KEYS)[number], typeof figure>,
);

const head = {
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.object({
    kind: z.enum(['city', 'district', 'department']),
    districtId: z.string().nullable(),
    departmentId: z.string().nullable(),
  }),
  settings: z.object({ countBasicallySatisfied: z.boolean() }),
  computedAt: z.string(),
};
const named = { key: z.string().nullable(), name: z.string().nullable(), nameEn: z.string().nullable() };

export const summaryResponse = z.object({ ...head, figures });
export const breakdownResponse = z.object({
  ...head,
  by: z.enum(DIMENSIONS),
  rows: z.array(z.object({ ...named, figures })),
});
export const seriesResponse = z.object({
  ...head,
  interval: z.enum(['day', 'week', 'month']),
  points: z.array(z.object({ start: z.string(), figures })),
});
const leagueRow = z.object({
  rank: z.number().int(),
  departmentId: z.string(),
  name: z.string().nullable(),
  nameEn: z.string().nullable(),
  figures,
});
export const leagueResponse = z.object({
  ...head,
  minVolume: z.number().int(),
  ranked: z.array(leagueRow),
  red: z.array(leagueRow),
  black: z.array(leagueRow),
});
const spot = z.object({
  key: z.string(),
  name: z.string().nullable(),
  nameEn: z.string().nullable(),
  received: z.number().int(),
});
export const hotspotsResponse = z.object({
  ...head,
  topCategories: z.array(spot),
  topCentres: z.array(spot),
  topDistricts: z.array(spot),
  rising: z.array(
    z.object({
      key: z.string(),
      name: z.string().nullable(),
      nameEn: z.string().nullable(),
      last30: z.number().int(),
      previous30: z.number().int(),
      growth: z.number().int(),
      windowEnd: z.string(),
    }),
  ),
  definitions: z.record(z.string(), definition),
});
