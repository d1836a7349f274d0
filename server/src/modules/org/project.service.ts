// Key projects (首席服务官): who may see which project, their upkeep by admins, and a project's page with its open
// items, read through the ledger's own scoped list so that an item the reader may not see never shows.
import {
  OPEN_STATUSES,
  hasPermission,
  itemListQuery,
  type Role,
  type projectBody,
  type projectPatch,
} from '@tingquan/common';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { ItemService } from '../items/item.service.ts';
import { changes, createAdminWriter, type AdminDeps } from './admin-write.ts';
import { assertDistrict } from './org.service.ts';
import { findUser, projectsQuery } from './org.repository.ts';
import { presentProject } from './org.presenter.ts';

// SQLite cannot bind booleans, so the constant answers are literal SQL.
const ALL = sql<SqlBool>`1 = 1`;
const NONE = sql<SqlBool>`1 = 0`;

/** Bureau roles that follow every key project of their jurisdiction (the city bureau: all of them). */
const BUREAU_ROLES: readonly Role[] = ['dispatcher', 'supervisor'];

export function mayReadProjects(actor: Actor): boolean {
  return hasPermission(actor.roles, 'project.read') || actor.roles.some((r) => BUREAU_ROLES.includes(r));
}

/** Projects the actor may see, as SQL: the officer their own, the bureau its jurisdiction, the admin all. */
export function projectsVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'key_project'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const role of actor.roles) {
      if (role === 'admin') return ALL;
      if (BUREAU_ROLES.includes(role)) {
        if (!actor.districtId) return ALL;
        ors.push(eb('key_project.district_id', '=', actor.districtId));
      }
      if (role === 'officer' && actor.id) ors.push(eb('key_project.officer_id', '=', actor.id));
    }
    return ors.length ? eb.or(ors) : NONE;
  };
}

export function createProjectService(deps: AdminDeps & { items: ItemService }) {
  const db = deps.database.db;
  const write = createAdminWriter(deps);

  function assertReader(actor: Actor) {
    if (!mayReadProjects(actor)) throw forbidden('missing permission project.read');
  }

  async function list(actor: Actor) {
    assertReader(actor);
    const rows = await projectsQuery(db).where(projectsVisibleTo(actor)).orderBy('key_project.code').execute();
    return rows.map(presentProject);
  }

  async function findVisible(actor: Actor, id: string) {
    const row = await projectsQuery(db)
      .where('key_project.id', '=', id)
      .where(projectsVisibleTo(actor))
      .executeTakeFirst();
    if (!row) throw notFound('key project');
    return row;
  }

  async function get(actor: Actor, id: string) {
    assertReader(actor);
    const row = await findVisible(actor, id);
    const officer = await findUser(db, row.officer_id);
    const open = await deps.items.list(
      actor,
      itemListQuery.parse({ projectId: id, status: OPEN_STATUSES.join(','), sort: 'handleDueAt', pageSize: 200 }),
    );
    return {
      ...presentProject(row),
      officer: officer ? { id: officer.id, displayName: officer.display_name, phone: officer.phone } : null,
      items: open.items,
      itemTotal: open.total,
    };
  }

  async function assertOfficer(officerId: string | undefined) {
    if (!officerId) return;
    const u = await findUser(db, officerId);
    if (!u || !u.active) throw invalidField('officerId', 'unknown user');
    if (!(JSON.parse(u.roles) as Role[]).includes('officer'))
      throw invalidField('officerId', 'this user is not a chief service officer');
  }

  async function create(actor: Actor, b: z.output<typeof projectBody>) {
    await assertDistrict(db, b.districtId);
    await assertOfficer(b.officerId);
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, now, audit }) => {
        await trx
          .insertInto('key_project')
          .values({
            id,
            code: b.code,
            name: b.name,
            district_id: b.districtId ?? null,
            officer_id: b.officerId,
            description: b.description ?? null,
            status: 'active',
            created_at: now,
          })
          .execute();
        await audit('admin.project.create', { id, ...b });
        return presentProject((await projectsQuery(trx).where('key_project.id', '=', id).executeTakeFirst())!);
      },
      { uniqueField: 'code' },
    );
  }

  async function update(actor: Actor, id: string, b: z.output<typeof projectPatch>) {
    await findVisible(actor, id);
    await assertDistrict(db, b.districtId);
    await assertOfficer(b.officerId);
    return write(
      actor,
      async ({ trx, audit }) => {
        const set = changes({
          code: b.code,
          name: b.name,
          district_id: b.districtId,
          officer_id: b.officerId,
          description: b.description,
          status: b.status,
        });
        if (Object.keys(set).length) await trx.updateTable('key_project').set(set).where('id', '=', id).execute();
        await audit('admin.project.update', { id, ...b });
        return presentProject((await projectsQuery(trx).where('key_project.id', '=', id).executeTakeFirst())!);
      },
      { uniqueField: 'code' },
    );
  }

  return { list, get, create, update };
}
export type ProjectService = ReturnType<typeof createProjectService>;
