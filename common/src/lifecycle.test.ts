import { describe, expect, it } from 'vitest';
import { ACTION_RULES, ITEM_ACTIONS, actionsFromStatus, canTransition, nextStatus } from './lifecycle.ts';
import { STATUSES } from './enums.ts';
import { hasPermission, permissionsOf } from './permissions.ts';

describe('the item state machine', () => {
  it.each([
    ['accept', 'submitted', 'accepted'],
    ['reject', 'submitted', 'rejected'],
    ['resolve_on_spot', 'submitted', 'replied'],
    ['dispatch', 'accepted', 'dispatched'],
    ['sign', 'dispatched', 'in_progress'],
    ['return', 'dispatched', 'accepted'],
    ['return', 'in_progress', 'accepted'],
    ['reply', 'in_progress', 'replied'],
    ['decide_park', 'in_progress', 'parked'],
    ['resume', 'parked', 'in_progress'],
    ['rate', 'replied', 'verified'],
    ['callback', 'replied', 'verified'],
    ['redo', 'verified', 'in_progress'],
    ['close_out', 'verified', 'closed'],
    ['contact', 'in_progress', 'in_progress'],
  ] as const)('%s moves %s to %s', (action, from, to) => {
    expect(canTransition(action, from)).toBe(true);
    expect(nextStatus(action, from)).toBe(to);
  });

  it.each([
    ['close_out', 'replied'],
    ['close_out', 'in_progress'],
    ['dispatch', 'submitted'],
    ['reply', 'dispatched'],
    ['sign', 'accepted'],
    ['accept', 'closed'],
    ['redo', 'closed'],
  ] as const)('refuses %s from %s', (action, from) => {
    expect(canTransition(action, from)).toBe(false);
  });

  it('has no way out of rejected or merged except revealing who raised it', () => {
    expect(actionsFromStatus('rejected')).toEqual(['reveal']);
    expect(actionsFromStatus('merged')).toEqual(['reveal']);
  });

  it('gives every action at least one role and only known statuses', () => {
    for (const a of ITEM_ACTIONS) {
      expect(ACTION_RULES[a].roles.length).toBeGreaterThan(0);
      for (const s of ACTION_RULES[a].from) expect(STATUSES).toContain(s);
    }
  });
});

describe('permissions by role', () => {
  it.each([
    [['dispatcher'], 'item.dispatch', true],
    [['handler'], 'item.dispatch', false],
    [['handler'], 'item.reply', true],
    [['supervisor'], 'item.close_out', true],
    [['window_clerk'], 'item.close_out', false],
    [['admin'], 'user.manage', true],
    [['dispatcher'], 'user.manage', false],
    [['inspector'], 'clue.manage', true],
    [['requester'], 'item.rate', true],
  ] as const)('%j → %s is %s', (roles, perm, expected) => {
    expect(hasPermission([...roles], perm)).toBe(expected);
    expect(permissionsOf([...roles]).includes(perm)).toBe(expected);
  });
});
