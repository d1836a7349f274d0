// Who may do what, by role (SPEC §1). Item transitions are in lifecycle.ts; these are the non-item permissions.
import type { Role } from './enums.ts';
import { ACTION_RULES, ITEM_ACTIONS, type ItemAction } from './lifecycle.ts';

const ROLE_PERMISSIONS: Record<Role, readonly string[]> = {
  requester: ['item.create', 'item.read'],
  window_clerk: ['item.create', 'item.register', 'item.read', 'item.export', 'item.import'],
  dispatcher: [
    'item.create',
    'item.register',
    'item.read',
    'item.export',
    'item.import',
    'stats.read',
    'org.read',
    'project.read',
  ],
  handler: ['item.read', 'item.export', 'org.read'],
  dept_lead: ['item.read', 'item.export', 'stats.read', 'org.read'],
  supervisor: ['item.read', 'item.export', 'stats.read', 'org.read', 'project.read', 'spot_check.manage', 'clue.read'],
  inspector: ['item.read', 'item.register', 'stats.read', 'org.read', 'clue.read', 'clue.manage', 'undercover.manage'],
  officer: ['item.create', 'item.register', 'item.read', 'project.read', 'org.read'],
  policy_admin: ['policy.manage', 'policy.read', 'org.read'],
  admin: [
    'item.read',
    'item.export',
    'stats.read',
    'org.read',
    'org.manage',
    'user.manage',
    'sla.manage',
    'calendar.manage',
    'category.manage',
    'project.read',
    'project.manage',
    'token.manage',
    'webhook.manage',
    'settings.manage',
    'policy.read',
  ],
};

export function permissionsOf(roles: readonly Role[]): string[] {
  const out = new Set<string>();
  for (const r of roles) {
    for (const p of ROLE_PERMISSIONS[r]) out.add(p);
    for (const a of ITEM_ACTIONS) if (ACTION_RULES[a].roles.includes(r)) out.add(`item.${a}`);
  }
  return [...out].sort();
}

export function hasPermission(roles: readonly Role[], permission: string): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission) || itemActionAllowed(r, permission));
}

function itemActionAllowed(role: Role, permission: string): boolean {
  if (!permission.startsWith('item.')) return false;
  const action = permission.slice(5) as ItemAction;
  return ACTION_RULES[action]?.roles.includes(role) ?? false;
}

export function rolesFor(action: ItemAction): readonly Role[] {
  return ACTION_RULES[action].roles;
}
