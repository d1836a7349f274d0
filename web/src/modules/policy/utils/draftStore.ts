// An unpublished rule draft survives a reload: it is kept in the browser's storage per item, with the version it
// started from; a draft whose version is no longer the newest is dropped rather than offered over the newer rules.
import type { RuleDraft } from '../types.ts';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (itemId: string) => `tingquan.policy.draft.${itemId}`;

export function loadDraft(store: Store, itemId: string, baseVersion: number): RuleDraft | null {
  try {
    const stored = JSON.parse(store.getItem(keyOf(itemId)) ?? 'null') as { base: number; draft: RuleDraft } | null;
    return stored && stored.base === baseVersion && Array.isArray(stored.draft?.rows) ? stored.draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(store: Store, itemId: string, baseVersion: number, draft: RuleDraft): void {
  try {
    store.setItem(keyOf(itemId), JSON.stringify({ base: baseVersion, draft }));
  } catch {
    /* storage full or disabled: the draft lives as long as the page */
  }
}

export function dropDraft(store: Store, itemId: string): void {
  try {
    store.removeItem(keyOf(itemId));
  } catch {
    /* nothing stored */
  }
}
