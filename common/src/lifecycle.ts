// The ledger item's state machine (SPEC §2.2) as data: which action moves an item from which states to which.
import type { Role, Status } from './enums.ts';

export const ITEM_ACTIONS = [
  'accept',
  'reject',
  'triage',
  'resolve_on_spot',
  'dispatch',
  'sign',
  'return',
  'contact',
  'progress',
  'request_extension',
  'decide_extension',
  'request_park',
  'decide_park',
  'resume',
  'reply',
  'rate',
  'callback',
  'rectify',
  'appeal',
  'decide_appeal',
  'request_unreasonable',
  'decide_unreasonable',
  'redo',
  'close_out',
  'spot_check',
  'merge',
  'urge',
  'supervise',
  'escalate',
  'transfer_clue',
  'add_info',
  'reveal',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

interface ActionRule {
  from: readonly Status[];
  /** Target status, or null when the action records something without moving the item. */
  to: Status | null;
  roles: readonly Role[];
}

const WORKING: readonly Status[] = ['dispatched', 'in_progress', 'parked'];
const LIVE: readonly Status[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'parked', 'replied', 'verified'];
const DEPT: readonly Role[] = ['handler', 'dept_lead'];

export const ACTION_RULES: Record<ItemAction, ActionRule> = {
  accept: { from: ['submitted'], to: 'accepted', roles: ['dispatcher'] },
  reject: { from: ['submitted'], to: 'rejected', roles: ['dispatcher'] },
  triage: { from: ['accepted', 'dispatched', 'in_progress'], to: null, roles: ['dispatcher'] },
  resolve_on_spot: { from: ['submitted', 'accepted'], to: 'replied', roles: ['window_clerk', 'dispatcher'] },
  dispatch: { from: ['accepted'], to: 'dispatched', roles: ['dispatcher'] },
  // A co-department (协办) signs its own part while the main department is already at work.
  sign: { from: ['dispatched', 'in_progress'], to: 'in_progress', roles: DEPT },
  return: { from: ['dispatched', 'in_progress'], to: 'accepted', roles: DEPT },
  contact: { from: ['in_progress'], to: null, roles: DEPT },
  progress: { from: ['in_progress', 'parked'], to: null, roles: DEPT },
  request_extension: { from: ['in_progress'], to: null, roles: DEPT },
  decide_extension: { from: ['in_progress'], to: null, roles: ['supervisor'] },
  request_park: { from: ['in_progress'], to: null, roles: DEPT },
  decide_park: { from: ['in_progress'], to: 'parked', roles: ['supervisor'] },
  resume: { from: ['parked'], to: 'in_progress', roles: [...DEPT, 'supervisor'] },
  reply: { from: ['in_progress'], to: 'replied', roles: DEPT },
  rate: { from: ['replied', 'verified'], to: 'verified', roles: ['requester'] },
  callback: { from: ['replied', 'verified'], to: 'verified', roles: ['supervisor'] },
  rectify: { from: ['verified', 'closed'], to: null, roles: DEPT },
  appeal: { from: ['verified', 'closed'], to: null, roles: ['requester', ...DEPT] },
  decide_appeal: { from: ['verified', 'closed'], to: null, roles: ['supervisor'] },
  request_unreasonable: { from: ['verified'], to: null, roles: [...DEPT, 'dispatcher'] },
  decide_unreasonable: { from: ['verified'], to: null, roles: ['supervisor'] },
  redo: { from: ['replied', 'verified'], to: 'in_progress', roles: ['supervisor', 'dispatcher'] },
  close_out: { from: ['verified'], to: 'closed', roles: ['supervisor'] },
  spot_check: { from: ['closed'], to: null, roles: ['supervisor'] },
  merge: { from: ['submitted', 'accepted', 'dispatched', 'in_progress'], to: 'merged', roles: ['dispatcher'] },
  urge: { from: WORKING, to: null, roles: ['supervisor'] },
  supervise: { from: WORKING, to: null, roles: ['supervisor'] },
  escalate: { from: [...WORKING, 'replied', 'verified'], to: null, roles: ['supervisor'] },
  transfer_clue: { from: [...LIVE, 'closed'], to: null, roles: ['supervisor'] },
  add_info: { from: LIVE, to: null, roles: ['requester', 'window_clerk', 'officer'] },
  // Departments reveal to contact the requester, except on confidential items (checked by the service).
  reveal: {
    from: [...LIVE, 'closed', 'rejected', 'merged'],
    to: null,
    roles: ['supervisor', 'dispatcher', 'inspector', 'window_clerk', ...DEPT],
  },
};

/** The actions whose state precondition holds for an item in `status` (roles and row access are checked elsewhere). */
export function actionsFromStatus(status: Status): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => ACTION_RULES[a].from.includes(status));
}

export function canTransition(action: ItemAction, status: Status): boolean {
  return ACTION_RULES[action].from.includes(status);
}

/** Where the action takes the item (unchanged when the action only records). */
export function nextStatus(action: ItemAction, status: Status): Status {
  return ACTION_RULES[action].to ?? status;
}
