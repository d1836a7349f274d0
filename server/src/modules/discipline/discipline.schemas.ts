// Request and response shapes of the discipline module (纪委监委): case clues and undercover checks. Kept with the
// module because common/ is not this module's to edit; they can move to common/src/schemas/ when the web needs them.
import { z } from 'zod';
import { ITEM_TYPES, LIMITS, day, eventView, id, isoInstant, itemSummary, pageQuery, text } from '@tingquan/common';

export const CLUE_STATUSES = ['open', 'following', 'closed'] as const;

export const clueListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(CLUE_STATUSES).optional(),
    rule: z
      .string()
      .regex(/^[a-z_]{2,40}$/)
      .optional(),
    departmentId: id.optional(),
  })
  .strict();
export type ClueListQuery = z.output<typeof clueListQuery>;

export const clueNoteBody = z.object({ note: text(LIMITS.note) }).strict();

export const clueView = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  ledgerNo: z.string().nullable(),
  itemTitle: z.string().nullable(),
  itemStatus: z.string().nullable(),
  districtId: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  rule: z.string(),
  reason: z.string(),
  status: z.enum(CLUE_STATUSES),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export const clueList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(clueView),
});

export const clueDetail = clueView.extend({
  notes: z.array(
    z.object({ at: isoInstant, by: z.string().nullable(), action: z.enum(['follow', 'close']), note: z.string() }),
  ),
  /** The item as a summary (the requester is never included) and its whole evidence timeline. */
  item: itemSummary.nullable(),
  events: z.array(eventView),
});
export type ClueDetail = z.infer<typeof clueDetail>;

export const undercoverBody = z
  .object({
    centreId: id.optional(),
    departmentId: id.optional(),
    districtId: id.optional(),
    checkedOn: day,
    findings: text(LIMITS.description, 5),
    raiseItem: z
      .object({
        type: z.enum(ITEM_TYPES),
        categoryId: id,
        title: text(LIMITS.title, 4),
        description: text(LIMITS.description, 10),
      })
      .strict()
      .optional(),
  })
  .strict();
export type UndercoverBody = z.output<typeof undercoverBody>;

export const undercoverView = z.object({
  id: z.string(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  centreId: z.string().nullable(),
  centreName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  checkedOn: z.string(),
  findings: z.string(),
  itemId: z.string().nullable(),
  ledgerNo: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoInstant,
});
export const undercoverListQuery = z.object({ ...pageQuery }).strict();
export const undercoverList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(undercoverView),
});
