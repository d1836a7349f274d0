import { describe, expect, it } from 'vitest';
import { dropDraft, loadDraft, saveDraft } from './draftStore.ts';
import type { RuleDraft } from '../types.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}
const draft = {
  effectiveFrom: '2026-12-01',
  hitPolicy: 'first',
  inputs: [{ id: 'growth', fact: 'revenueGrowth' }],
  outputs: [],
  rows: [{ cells: ['>= 30%'], outputs: [] }],
} as unknown as RuleDraft;

describe('draft store', () => {
  it('gives back the draft of an item on top of the same version, and nothing on top of another', () => {
    const store = memory();
    saveDraft(store, 'gazelle', 1, draft);
    expect(loadDraft(store, 'gazelle', 1)).toEqual(draft);
    expect(loadDraft(store, 'gazelle', 2)).toBeNull();
    expect(loadDraft(store, 'other-item', 1)).toBeNull();
  });
  it('forgets a dropped draft and ignores what it cannot read', () => {
    const store = memory();
    saveDraft(store, 'gazelle', 1, draft);
    dropDraft(store, 'gazelle');
    expect(loadDraft(store, 'gazelle', 1)).toBeNull();
    store.setItem('tingquan.policy.draft.gazelle', '{not json');
    expect(loadDraft(store, 'gazelle', 1)).toBeNull();
  });
});
