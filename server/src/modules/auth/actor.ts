// Who is acting: a signed-in user, an integration token's user, or a requester holding a tracking code.
import type { Role } from '@tingquan/common';
import type { AppUserTable } from '../../db/schema.ts';

export interface Actor {
  kind: 'user' | 'token' | 'tracking' | 'system';
  id: string | null;
  displayName: string;
  roles: Role[];
  districtId: string | null;
  departmentId: string | null;
  centreId: string | null;
  windowId: string | null;
  /** For a tracking-code requester: the one item they may act on. */
  itemId?: string;
  sessionId?: string;
}

export function actorFromUser(u: AppUserTable, kind: 'user' | 'token' = 'user', sessionId?: string): Actor {
  return {
    kind,
    id: u.id,
    displayName: u.display_name,
    roles: JSON.parse(u.roles) as Role[],
    districtId: u.district_id,
    departmentId: u.department_id,
    centreId: u.centre_id,
    windowId: u.window_id,
    sessionId,
  };
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  displayName: 'system',
  roles: [],
  districtId: null,
  departmentId: null,
  centreId: null,
  windowId: null,
};

export function trackingActor(itemId: string): Actor {
  return { ...SYSTEM_ACTOR, kind: 'tracking', displayName: 'requester', roles: ['requester'], itemId };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
