// Who may see and decide an item's candidates: policy staff everywhere; staff of the department an item names (its
// 二次确认 department) may read that item's candidates and confirm or reject them. Anything else reads as not found.
import type { Kysely } from 'kysely';
import { hasPermission } from '@tingquan/common';
import type { DB, PolicyCandidateTable } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import { abilitiesOf } from './policy.delivery.ts';

export interface PolicyAccess {
  read: boolean;
  manage: boolean;
  /** The name of the actor's department when they are its handler or lead (items name their department in words). */
  department: string | null;
}

export async function accessOf(db: Kysely<DB>, actor: Actor): Promise<PolicyAccess> {
  const read = hasPermission(actor.roles, 'policy.read');
  const manage = hasPermission(actor.roles, 'policy.manage');
  let department: string | null = null;
  if (actor.departmentId && hasRole(actor, 'handler', 'dept_lead')) {
    department =
      (await db.selectFrom('department').select('name').where('id', '=', actor.departmentId).executeTakeFirst())
        ?.name ?? null;
  }
  if (!read && !department) throw new AppError('forbidden', 'missing permission policy.read');
  return { read, manage, department };
}

const ownsItem = (a: PolicyAccess, item: { department: string }) =>
  a.department !== null && a.department === item.department;
export const canReadItem = (a: PolicyAccess, item: { department: string }) => a.read || ownsItem(a, item);
export const canDecideItem = (a: PolicyAccess, item: { department: string }) => a.manage || ownsItem(a, item);

/** The buttons a reader gets: everything for policy staff, confirm / reject for the item's own department. */
export function candidateAbilities(
  a: PolicyAccess,
  item: { department: string },
  row: Pick<PolicyCandidateTable, 'status' | 'delivery' | 'publicity_until'>,
  now: number,
): string[] {
  if (a.manage) return abilitiesOf(row, now, true);
  if (ownsItem(a, item)) return abilitiesOf(row, now, true).filter((x) => x === 'confirm' || x === 'reject');
  return [];
}
