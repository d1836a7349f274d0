import { describe, expect, it } from 'vitest';
import { ITEM_ACTIONS } from '@tingquan/common/lifecycle';
import { ACTION_SPECS } from './actionFields.ts';

describe('ACTION_SPECS', () => {
  it('has a form for every action but reveal (which has its own dialog)', () => {
    expect(Object.keys(ACTION_SPECS).sort()).toEqual(ITEM_ACTIONS.filter((a) => a !== 'reveal').sort());
  });
  it('asks for every field its schema requires, so a filled form passes the schema', () => {
    // A form with every required field filled with a plausible value must satisfy the shared schema.
    const sample: Record<string, unknown> = {
      reason: '理由说明充分',
      note: '说明内容',
      reply: '已经处理完毕。',
      mainDepartmentId: 'dept-scjg',
      coDepartmentIds: [],
      tier: 'general',
      method: 'phone',
      days: 3,
      approve: true,
      contacted: true,
      solved: 'solved',
      satisfaction: 'satisfied',
      reached: true,
      kind: 'immediate',
      falseClosure: false,
      primaryId: 'abc',
    };
    for (const [action, spec] of Object.entries(ACTION_SPECS)) {
      if (!spec.schema) continue;
      const body = Object.fromEntries(spec.fields.filter((f) => f.required).map((f) => [f.name, sample[f.name]]));
      const r = spec.schema.safeParse(body);
      expect(r.success, `${action}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });
});
