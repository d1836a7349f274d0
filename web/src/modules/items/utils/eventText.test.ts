import { describe, expect, it } from 'vitest';
import { ITEM_ACTIONS } from '@tingquan/common/lifecycle';
import { eventLabelKey, eventTexts } from './eventText.ts';

describe('event text', () => {
  it('keeps only non-empty text fields, in a fixed order', () => {
    expect(eventTexts({ note: '已联系', reason: ' ', tier: 'simple', reply: '已修好' })).toEqual([
      { field: 'note', text: '已联系' },
      { field: 'reply', text: '已修好' },
    ]);
  });
  it('labels actions, known steps, and anything else generically', () => {
    expect(eventLabelKey('dispatch', ITEM_ACTIONS, ['submit'])).toBe('actions.dispatch');
    expect(eventLabelKey('submit', ITEM_ACTIONS, ['submit'])).toBe('events.submit');
    expect(eventLabelKey('escalation_overdue', ITEM_ACTIONS, ['submit'])).toBe('events.other');
  });
});
