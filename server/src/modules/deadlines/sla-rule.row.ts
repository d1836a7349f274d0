// The SLA matrix's rows as stored and as the deadline rules read them: one mapping both ways.
import type { ItemType, SlaRule, Tier } from '@tingquan/common/calendar/index';
import type { Selectable } from 'kysely';
import type { SlaRuleTable } from '../../db/schema.ts';

export function slaRuleFromRow(r: Selectable<SlaRuleTable>): SlaRule {
  return {
    tier: r.tier as Tier,
    urgent: !!r.urgent,
    type: (r.type as ItemType | null) ?? null,
    categoryId: r.category_id,
    signMinutes: r.sign_minutes,
    signDays: r.sign_days,
    contactDays: r.contact_days,
    handleDays: r.handle_days,
    callbackDays: r.callback_days,
    ratingDays: r.rating_days,
    warnRatio: Number(r.warn_ratio),
  };
}

export function slaRuleToRow(id: string, r: SlaRule, now: number): SlaRuleTable {
  return {
    id,
    tier: r.tier,
    urgent: r.urgent ? 1 : 0,
    type: r.type,
    category_id: r.categoryId,
    sign_minutes: r.signMinutes,
    sign_days: r.signDays,
    contact_days: r.contactDays,
    handle_days: r.handleDays,
    callback_days: r.callbackDays,
    rating_days: r.ratingDays,
    warn_ratio: r.warnRatio,
    updated_at: now,
  };
}
