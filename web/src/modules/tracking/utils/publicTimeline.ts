// The event history in plain words for the person who raised the problem: only what concerns them, oldest first.
import type { EventView } from '@tingquan/common/schemas/items';

const PLAIN = new Set([
  'submit',
  'accept',
  'reject',
  'dispatch',
  'sign',
  'contact',
  'reply',
  'rate',
  'callback',
  'redo',
  'close_out',
  'close_with_primary',
  'merge',
  'add_info',
  'appeal',
  'decide_appeal',
]);

export interface PublicStep {
  key: string;
  at: string;
  /** i18n key of the sentence. */
  textKey: string;
}

export function publicTimeline(events: readonly EventView[]): PublicStep[] {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      key: String(e.seq),
      at: e.at,
      textKey: `publicEvents.${PLAIN.has(e.action) ? e.action : 'other'}`,
    }));
}
