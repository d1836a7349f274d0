// What changed in one SLA row: only the edited fields are sent (PATCH), so a concurrent edit of another field survives.
import type { SlaRuleView } from '@tingquan/common/schemas/org';

export const SLA_FIELDS = [
  'signMinutes',
  'signDays',
  'contactDays',
  'handleDays',
  'callbackDays',
  'ratingDays',
  'warnRatio',
] as const;
export type SlaField = (typeof SLA_FIELDS)[number];

export function slaPatch(
  original: SlaRuleView,
  edited: Partial<Pick<SlaRuleView, SlaField>>,
): Partial<Pick<SlaRuleView, SlaField>> {
  const patch: Partial<Record<SlaField, number | null>> = {};
  for (const f of SLA_FIELDS) if (f in edited && edited[f] !== original[f]) patch[f] = edited[f] ?? null;
  return patch as Partial<Pick<SlaRuleView, SlaField>>;
}
