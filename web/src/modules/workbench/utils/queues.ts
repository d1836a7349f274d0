// Which work queues a user sees on the workbench, from their roles, in the order they are worked.
import type { Role } from '@tingquan/common/enums';
import type { ItemListQuery } from '@tingquan/common/schemas/items';

export type Queue = NonNullable<ItemListQuery['queue']>;

const BY_ROLE: Partial<Record<Role, Queue[]>> = {
  window_clerk: ['to_accept'],
  dispatcher: ['to_accept', 'to_dispatch', 'overdue', 'problem'],
  handler: ['to_sign', 'to_reply', 'overdue'],
  dept_lead: ['to_sign', 'to_reply', 'overdue'],
  supervisor: ['to_approve', 'to_callback', 'to_close', 'overdue', 'problem'],
  inspector: ['overdue', 'problem'],
  officer: ['in_progress'],
  admin: ['overdue', 'problem'],
};

export function queuesFor(roles: readonly Role[]): Queue[] {
  const out: Queue[] = [];
  for (const role of roles) for (const q of BY_ROLE[role] ?? []) if (!out.includes(q)) out.push(q);
  return out;
}

/** Queues whose items are worked by deadline are listed most urgent first. */
export function queueSort(queue: Queue): ItemListQuery['sort'] {
  return queue === 'to_accept' || queue === 'to_dispatch' ? 'submittedAt' : 'handleDueAt';
}
