import { describe, expect, it } from 'vitest';
import { slaRulePatch } from '@tingquan/common/schemas/org';
import { slaPatch } from './slaDiff.ts';

const rule = {
  id: 'sla-general',
  tier: 'general' as const,
  urgent: false,
  type: null,
  categoryId: null,
  signMinutes: null,
  signDays: 1,
  contactDays: 1,
  handleDays: 3,
  callbackDays: 2,
  ratingDays: 7,
  warnRatio: 0.75,
};

describe('slaPatch', () => {
  it('sends only the fields that changed, in a shape the server accepts', () => {
    const patch = slaPatch(rule, { handleDays: 5, signDays: 1, warnRatio: 0.8 });
    expect(patch).toEqual({ handleDays: 5, warnRatio: 0.8 });
    expect(slaRulePatch.safeParse(patch).success).toBe(true);
  });
  it('is empty when nothing changed, and can clear a minute limit', () => {
    expect(slaPatch(rule, { handleDays: 3 })).toEqual({});
    expect(slaPatch({ ...rule, signMinutes: 30 }, { signMinutes: null })).toEqual({ signMinutes: null });
  });
});
