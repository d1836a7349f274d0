// Row access for ledger items: who may see an item (lists are scoped in SQL by visibleTo) and who may act on it.
import { ACTION_RULES, type ItemAction, type Role } from '@tingquan/common';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB, ItemAssignmentTable, ItemTable } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';

type ItemRow = Pick<
  ItemTable,
  'id' | 'district_id' | 'centre_id' | 'project_id' | 'requester_user_id' | 'status' | 'confidential'
>;
type Assignment = Pick<ItemAssignmentTable, 'department_id' | 'role' | 'state'>;

/** Roles that see a whole jurisdiction: the city bureau (no district) sees all, a district bureau its district. */
const JURISDICTION_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'inspector'];

const activeAssignment = (a: Assignment) => a.state !== 'returned';

export function canSee(
  actor: Actor,
  item: ItemRow,
  assignments: readonly Assignment[],
  officerProjects: readonly string[] = [],
): boolean {
  if (actor.kind === 'tracking') return actor.itemId === item.id;
  for (const role of actor.roles) {
    switch (role) {
      case 'admin':
        return true;
      case 'dispatcher':
      case 'supervisor':
      case 'inspector':
        if (!actor.districtId || actor.districtId === item.district_id) return true;
        break;
      case 'window_clerk':
        if (actor.centreId && actor.centreId === item.centre_id) return true;
        break;
      case 'handler':
      case 'dept_lead':
        if (
          actor.departmentId &&
          assignments.some((a) => a.department_id === actor.departmentId && activeAssignment(a))
        )
          return true;
        break;
      case 'officer':
        if (item.project_id && officerProjects.includes(item.project_id)) return true;
        break;
      case 'requester':
        if (actor.id && item.requester_user_id === actor.id) return true;
        break;
    }
  }
  return false;
}

/** The same rule as canSee, as SQL, for every list. */
// Literal SQL truth values: SQLite cannot bind a JavaScript boolean as a parameter.
const ALL = sql<SqlBool>`1 = 1`;
const NONE = sql<SqlBool>`1 = 0`;

export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'item'>): Expression<SqlBool> => {
    if (actor.kind === 'tracking') return eb('item.id', '=', actor.itemId ?? '');
    const ors: Expression<SqlBool>[] = [];
    for (const role of actor.roles) {
      if (role === 'admin') return ALL;
      if (JURISDICTION_ROLES.includes(role)) {
        if (!actor.districtId) return ALL;
        ors.push(eb('item.district_id', '=', actor.districtId));
      }
      if (role === 'window_clerk' && actor.centreId) ors.push(eb('item.centre_id', '=', actor.centreId));
      if ((role === 'handler' || role === 'dept_lead') && actor.departmentId) {
        const dept = actor.departmentId;
        ors.push(
          eb.exists(
            eb
              .selectFrom('item_assignment')
              .select('item_assignment.id')
              .whereRef('item_assignment.item_id', '=', 'item.id')
              .where('item_assignment.department_id', '=', dept)
              .where('item_assignment.state', '!=', 'returned'),
          ),
        );
      }
      if (role === 'officer' && actor.id) {
        ors.push(
          eb(
            'item.project_id',
            'in',
            eb.selectFrom('key_project').select('key_project.id').where('key_project.officer_id', '=', actor.id),
          ),
        );
      }
      if (role === 'requester' && actor.id) ors.push(eb('item.requester_user_id', '=', actor.id));
    }
    return ors.length ? eb.or(ors) : NONE;
  };
}

/** Department actions a co-department (协办) may take on its own assignment; the rest belong to the main one. */
const CO_DEPARTMENT_ACTIONS: readonly ItemAction[] = ['sign', 'progress'];
const DEPARTMENT_ROLES: readonly Role[] = ['handler', 'dept_lead'];

/**
 * Whether the actor holds a role that may take the action on this particular item (state is checked separately,
 * so that a wrong state answers 409 with the allowed actions while a wrong role answers 403).
 */
export function canAct(
  actor: Actor,
  action: ItemAction,
  item: ItemRow,
  assignments: readonly Assignment[],
  officerProjects: readonly string[] = [],
): boolean {
  const roles = ACTION_RULES[action].roles;
  for (const role of actor.roles) {
    if (!roles.includes(role)) continue;
    if (DEPARTMENT_ROLES.includes(role)) {
      if (!actor.departmentId) continue;
      const mine = assignments.filter((a) => a.department_id === actor.departmentId && activeAssignment(a));
      if (mine.some((a) => a.role === 'main')) return true;
      if (mine.length && CO_DEPARTMENT_ACTIONS.includes(action)) return true;
      continue;
    }
    if (role === 'requester') {
      if (actor.kind === 'tracking' ? actor.itemId === item.id : !!actor.id && actor.id === item.requester_user_id)
        return true;
      continue;
    }
    // Bureau, window and officer roles act where they can see.
    if (canSee({ ...actor, roles: [role] }, item, assignments, officerProjects)) return true;
  }
  return false;
}
