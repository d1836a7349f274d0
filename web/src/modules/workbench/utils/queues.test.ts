import { describe, expect, it } from 'vitest';
import { queueSort, queuesFor } from './queues.ts';

describe('queuesFor', () => {
  it('gives each role its own queues', () => {
    expect(queuesFor(['dispatcher'])).toEqual(['to_accept', 'to_dispatch', 'overdue', 'problem']);
    expect(queuesFor(['handler'])).toEqual(['to_sign', 'to_reply', 'overdue']);
    expect(queuesFor(['supervisor'])).toContain('to_callback');
    expect(queuesFor(['requester'])).toEqual([]);
  });
  it('merges several roles without repeating a queue', () => {
    expect(queuesFor(['window_clerk', 'dispatcher'])).toEqual(['to_accept', 'to_dispatch', 'overdue', 'problem']);
  });
  it('lists new work oldest first and deadline work by due time', () => {
    expect(queueSort('to_accept')).toBe('submittedAt');
    expect(queueSort('overdue')).toBe('handleDueAt');
  });
});
