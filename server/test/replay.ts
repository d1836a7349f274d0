// Test helper: replays an item's events through the state machine and reports the first illegal step.
import { ACTION_RULES, canTransition, nextStatus, type ItemAction, type Status } from '@tingquan/common';

/** Events written by the system rather than an item action, with the status they lead to. */
const SYSTEM_EVENTS: Record<string, (status: Status, data: Record<string, unknown>) => Status> = {
  submit: () => 'submitted',
  close_with_primary: (s) => s,
  escalation: (s) => s,
  deadline_missed: (s) => s,
  default_rating: () => 'verified',
  attach: (s) => s,
};

export function replayStatus(events: { action: string; data: string | Record<string, unknown> }[]): {
  status: Status;
  illegal: string | null;
} {
  let status: Status = 'submitted';
  for (const [i, e] of events.entries()) {
    const data = typeof e.data === 'string' ? (JSON.parse(e.data) as Record<string, unknown>) : e.data;
    if (e.action in SYSTEM_EVENTS) {
      status = SYSTEM_EVENTS[e.action](status, data);
      continue;
    }
    if (!(e.action in ACTION_RULES)) return { status, illegal: `#${i + 1} unknown action ${e.action}` };
    const action = e.action as ItemAction;
    if (!canTransition(action, status)) return { status, illegal: `#${i + 1} ${action} from ${status}` };
    if (action === 'sign' && data.role === 'co') continue;
    if (action === 'decide_park' && data.approve === false) continue;
    if (action === 'callback' && data.reached === false) continue;
    if (action === 'spot_check') {
      if (data.falseClosure) status = 'in_progress';
      continue;
    }
    status = action === 'merge' ? 'merged' : nextStatus(action, status);
  }
  return { status, illegal: null };
}
