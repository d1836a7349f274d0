import { describe, expect, it } from 'vitest';
import { publicTimeline } from './publicTimeline.ts';

const ev = (seq: number, action: string) => ({
  seq,
  action,
  at: `2026-11-30T1${seq}:00:00+08:00`,
  actorName: null,
  actorRole: null,
  data: {},
});

describe('publicTimeline', () => {
  it('orders the steps and says each in plain words, unknown ones generically', () => {
    expect(
      publicTimeline([ev(2, 'dispatch'), ev(1, 'accept'), ev(3, 'deadline_warning')]).map((s) => s.textKey),
    ).toEqual(['publicEvents.accept', 'publicEvents.dispatch', 'publicEvents.other']);
  });
});
