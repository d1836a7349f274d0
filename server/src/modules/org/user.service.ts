// Accounts and roles, the admin side: create with an argon2id hash, change roles and scope (checked against each
// other), deactivate (ending every session), reset the password. Hashes never leave this file.
import type { Role, userBody, userListQuery, userUpdate } from '@tingquan/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { changes, conflict, createAdminWriter, type AdminDeps } from './admin-write.ts';
import {
  findCentre,
  findDepartment,
  findDistrict,
  findUser,
  findWindow,
  endSessions,
  listUsers,
} from './org.repository.ts';
import { presentUser } from './org.presenter.ts';

interface Scope {
  roles: Role[];
  districtId: string | null;
  departmentId: string | null;
  centreId: string | null;
  windowId: string | null;
}

const DEPARTMENT_ROLES: readonly Role[] = ['handler', 'dept_lead'];
/** Roles whose reach a district narrows (a district bureau, a district hall's clerk, a district's officer). */
const DISTRICT_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'inspector', 'window_clerk', 'officer'];

/** The scope must fit the roles: each field is required by some role and refused when no role uses it. */
export async function assertScope(db: Kysely<DB>, s: Scope) {
  const has = (roles: readonly Role[]) => s.roles.some((r) => roles.includes(r));
  if (has(DEPARTMENT_ROLES) && !s.departmentId)
    throw invalidField('departmentId', 'required for handler and dept_lead');
  if (s.departmentId && !has(DEPARTMENT_ROLES))
    throw invalidField('departmentId', 'only handler and dept_lead belong to a department');
  if (s.roles.includes('window_clerk') && !s.centreId) throw invalidField('centreId', 'required for window_clerk');
  if (s.centreId && !s.roles.includes('window_clerk'))
    throw invalidField('centreId', 'only window_clerk belongs to a service centre');
  if (s.windowId && !s.centreId) throw invalidField('windowId', 'a window needs its service centre');
  if (s.districtId && !has(DISTRICT_ROLES))
    throw invalidField('districtId', 'no role of this user is scoped by district');
  if (s.districtId && !(await findDistrict(db, s.districtId))) throw invalidField('districtId', 'unknown district');
  if (s.departmentId) {
    const d = await findDepartment(db, s.departmentId);
    if (!d || !d.active) throw invalidField('departmentId', 'unknown department');
  }
  if (s.centreId && !(await findCentre(db, s.centreId))) throw invalidField('centreId', 'unknown service centre');
  if (s.windowId) {
    const w = await findWindow(db, s.windowId);
    if (!w) throw invalidField('windowId', 'unknown window');
    if (w.centre_id !== s.centreId) throw invalidField('windowId', 'window is not in that service centre');
  }
}

export function createUserService(deps: AdminDeps) {
  const db = deps.database.db;
  const write = createAdminWriter(deps);

  async function list(q: z.output<typeof userListQuery>) {
    return (
      await listUsers(db, deps.database.dialect, {
        q: q.q,
        role: q.role,
        active: q.active === undefined ? undefined : q.active === 'true',
      })
    ).map(presentUser);
  }

  async function get(id: string) {
    const row = await findUser(db, id);
    if (!row) throw notFound('user');
    return presentUser(row);
  }

  async function create(actor: Actor, b: z.output<typeof userBody>) {
    const scope = {
      roles: b.roles,
      districtId: b.districtId ?? null,
      departmentId: b.departmentId ?? null,
      centreId: b.centreId ?? null,
      windowId: b.windowId ?? null,
    };
    await assertScope(db, scope);
    const passwordHash = await hashPassword(b.password);
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, now, audit }) => {
        await trx
          .insertInto('app_user')
          .values({
            id,
            username: b.username,
            display_name: b.displayName,
            password_hash: passwordHash,
            phone: b.phone ?? null,
            roles: JSON.stringify([...new Set(b.roles)]),
            district_id: scope.districtId,
            department_id: scope.departmentId,
            centre_id: scope.centreId,
            window_id: scope.windowId,
            active: 1,
            created_at: now,
            failed_logins: 0,
            locked_until: null,
          })
          .execute();
        await audit('admin.user.create', { id, username: b.username, ...scope });
        return presentUser((await findUser(trx, id))!);
      },
      { uniqueField: 'username' },
    );
  }

  async function update(actor: Actor, id: string, b: z.output<typeof userUpdate>) {
    const row = await findUser(db, id);
    if (!row) throw notFound('user');
    const roles = b.roles ? [...new Set(b.roles)] : (JSON.parse(row.roles) as Role[]);
    const pick = <K extends 'districtId' | 'departmentId' | 'centreId' | 'windowId'>(k: K, current: string | null) =>
      b[k] === undefined ? current : b[k];
    const scope = {
      roles,
      districtId: pick('districtId', row.district_id),
      departmentId: pick('departmentId', row.department_id),
      centreId: pick('centreId', row.centre_id),
      windowId: pick('windowId', row.window_id),
    };
    await assertScope(db, scope);
    if (
      actor.id === id &&
      row.active &&
      (b.active === false || !roles.includes('admin')) &&
      JSON.parse(row.roles).includes('admin')
    ) {
      throw conflict(b.active === false ? 'active' : 'roles', 'an administrator cannot lock themselves out');
    }
    const passwordHash = b.password ? await hashPassword(b.password) : undefined;
    return write(actor, async ({ trx, audit }) => {
      const set = changes({
        display_name: b.displayName,
        phone: b.phone,
        roles: b.roles ? JSON.stringify(roles) : undefined,
        district_id: b.districtId,
        department_id: b.departmentId,
        centre_id: b.centreId,
        window_id: b.windowId,
        active: b.active === undefined ? undefined : b.active ? 1 : 0,
        password_hash: passwordHash,
        ...(passwordHash ? { failed_logins: 0, locked_until: null } : {}),
      });
      if (Object.keys(set).length) await trx.updateTable('app_user').set(set).where('id', '=', id).execute();
      // A deactivated account or a changed password or scope must not live on in open sessions.
      if (b.active === false || passwordHash || b.roles || scopeChanged(row, scope)) await endSessions(trx, id);
      // The audit trail is permanent: it records that the password or phone changed, never their values.
      const { password: _p, phone, ...logged } = b;
      await audit('admin.user.update', {
        id,
        ...logged,
        ...(phone !== undefined ? { phoneChanged: true } : {}),
        ...(passwordHash ? { passwordReset: true } : {}),
      });
      return presentUser((await findUser(trx, id))!);
    });
  }

  const scopeChanged = (
    row: {
      district_id: string | null;
      department_id: string | null;
      centre_id: string | null;
      window_id: string | null;
    },
    s: Scope,
  ) =>
    row.district_id !== s.districtId ||
    row.department_id !== s.departmentId ||
    row.centre_id !== s.centreId ||
    row.window_id !== s.windowId;

  const deactivate = (actor: Actor, id: string) => update(actor, id, { active: false });
  const activate = (actor: Actor, id: string) => update(actor, id, { active: true });
  const resetPassword = (actor: Actor, id: string, password: string) => update(actor, id, { password });

  return { list, get, create, update, deactivate, activate, resetPassword };
}
export type UserService = ReturnType<typeof createUserService>;
