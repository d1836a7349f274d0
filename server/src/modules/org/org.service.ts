// Use cases of the organisation's structure: districts, departments, service centres and windows, the category
// tree, and the look-up lists of the intake form and the staff pickers. Each change is audited in its transaction.
import {
  ITEM_TYPES,
  type CategoryNode,
  type Role,
  type categoryInput,
  type categoryPatch,
  type centreBody,
  type centrePatch,
  type departmentBody,
  type departmentPatch,
  type districtBody,
  type districtPatch,
  type windowBody,
  type windowPatch,
} from '@tingquan/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { changes, createAdminWriter, type AdminDeps } from './admin-write.ts';
import {
  categoryUses,
  findCategory,
  findCentre,
  findDepartment,
  findDistrict,
  findWindow,
  listCategories,
  listCentres,
  listDepartments,
  listDistricts,
  listUserNames,
  listWindows,
  maxDistrictSort,
} from './org.repository.ts';
import {
  presentCategoryTree,
  presentCentre,
  presentDepartment,
  presentDistrict,
  presentWindow,
} from './org.presenter.ts';

type Out<S extends z.ZodType> = z.output<S>;
const JURISDICTION_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'inspector'];

/** Tables whose rows are retired with an `active` flag rather than deleted (items keep pointing at them). */
const RETIRABLE = {
  district: 'district',
  department: 'department',
  centre: 'service_centre',
  window: 'service_window',
  category: 'category',
} as const;
export type Retirable = keyof typeof RETIRABLE;

export async function assertDistrict(db: Kysely<DB>, id: string | null | undefined, path = 'districtId') {
  if (id && !(await findDistrict(db, id))) throw invalidField(path, 'unknown district');
}

export function createOrgStructureService(deps: AdminDeps) {
  const db = deps.database.db;
  const write = createAdminWriter(deps);

  async function mustFind<T>(row: Promise<T | undefined>, what: string): Promise<T> {
    const found = await row;
    if (!found) throw notFound(what);
    return found;
  }

  // ---- districts ----
  async function createDistrict(actor: Actor, b: Out<typeof districtBody>) {
    const sort = (await maxDistrictSort(db)) + 1;
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, audit }) => {
        await trx
          .insertInto('district')
          .values({ id, code: b.code, name: b.name, name_en: b.nameEn ?? null, sort })
          .execute();
        await audit('admin.district.create', { id, ...b });
        return presentDistrict((await findDistrict(trx, id))!);
      },
      { uniqueField: 'code' },
    );
  }

  async function updateDistrict(actor: Actor, id: string, b: Out<typeof districtPatch>) {
    await mustFind(findDistrict(db, id), 'district');
    return write(
      actor,
      async ({ trx, audit }) => {
        const set = changes({ code: b.code, name: b.name, name_en: b.nameEn });
        if (Object.keys(set).length) await trx.updateTable('district').set(set).where('id', '=', id).execute();
        await audit('admin.district.update', { id, ...b });
        return presentDistrict((await findDistrict(trx, id))!);
      },
      { uniqueField: 'code' },
    );
  }

  // ---- departments ----
  async function createDepartment(actor: Actor, b: Out<typeof departmentBody>) {
    await assertDistrict(db, b.districtId);
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, audit }) => {
        await trx
          .insertInto('department')
          .values({
            id,
            code: b.code,
            name: b.name,
            name_en: b.nameEn ?? null,
            level: b.level,
            district_id: b.districtId ?? null,
            active: 1,
          })
          .execute();
        await audit('admin.department.create', { id, ...b });
        return presentDepartment((await findDepartment(trx, id))!);
      },
      { uniqueField: 'code' },
    );
  }

  async function updateDepartment(actor: Actor, id: string, b: Out<typeof departmentPatch>) {
    await mustFind(findDepartment(db, id), 'department');
    return write(actor, async ({ trx, audit }) => {
      const set = changes({ name: b.name, name_en: b.nameEn });
      if (Object.keys(set).length) await trx.updateTable('department').set(set).where('id', '=', id).execute();
      await audit('admin.department.update', { id, ...b });
      return presentDepartment((await findDepartment(trx, id))!);
    });
  }

  // ---- service centres and windows ----
  async function createCentre(actor: Actor, b: Out<typeof centreBody>) {
    await assertDistrict(db, b.districtId);
    const id = newId(deps.clock.now());
    return write(actor, async ({ trx, audit }) => {
      await trx
        .insertInto('service_centre')
        .values({ id, name: b.name, district_id: b.districtId ?? null, address: b.address ?? null })
        .execute();
      await audit('admin.centre.create', { id, ...b });
      return presentCentre({ ...(await findCentre(trx, id))!, window_count: 0 });
    });
  }

  async function centreView(trx: Kysely<DB>, id: string) {
    const row = (await listCentres(trx)).find((c) => c.id === id);
    if (!row) throw notFound('service centre');
    return presentCentre(row);
  }

  async function updateCentre(actor: Actor, id: string, b: Out<typeof centrePatch>) {
    await mustFind(findCentre(db, id), 'service centre');
    return write(actor, async ({ trx, audit }) => {
      const set = changes({ name: b.name, address: b.address });
      if (Object.keys(set).length) await trx.updateTable('service_centre').set(set).where('id', '=', id).execute();
      await audit('admin.centre.update', { id, ...b });
      return centreView(trx, id);
    });
  }

  async function createWindow(actor: Actor, centreId: string, b: Out<typeof windowBody>) {
    await mustFind(findCentre(db, centreId), 'service centre');
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, audit }) => {
        await trx
          .insertInto('service_window')
          .values({ id, centre_id: centreId, code: b.code, name: b.name, kind: b.kind })
          .execute();
        await audit('admin.window.create', { id, centreId, ...b });
        return presentWindow((await findWindow(trx, id))!);
      },
      { uniqueField: 'code' },
    );
  }

  async function updateWindow(actor: Actor, id: string, b: Out<typeof windowPatch>) {
    await mustFind(findWindow(db, id), 'window');
    return write(
      actor,
      async ({ trx, audit }) => {
        const set = changes({ code: b.code, name: b.name, kind: b.kind });
        if (Object.keys(set).length) await trx.updateTable('service_window').set(set).where('id', '=', id).execute();
        await audit('admin.window.update', { id, ...b });
        return presentWindow((await findWindow(trx, id))!);
      },
      { uniqueField: 'code' },
    );
  }

  /** Deactivate or reactivate a row of a retirable table; answers the row as the entity's list shows it. */
  async function setActive(actor: Actor, entity: Retirable, id: string, active: boolean) {
    const table = RETIRABLE[entity];
    const found = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound(entity);
    return write(actor, async ({ trx, audit }) => {
      await trx
        .updateTable(table)
        .set({ active: active ? 1 : 0 })
        .where('id', '=', id)
        .execute();
      await audit(`admin.${entity}.${active ? 'activate' : 'deactivate'}`, { id });
      return { id, active };
    });
  }

  // ---- categories ----
  async function categoryTree(opts: { activeOnly: boolean }): Promise<CategoryNode[]> {
    const tree = presentCategoryTree(await listCategories(db));
    // An inactive category hides its whole branch from the intake form.
    const prune = (nodes: CategoryNode[]): CategoryNode[] =>
      nodes.filter((n) => n.active).map((n) => ({ ...n, children: prune(n.children) }));
    return opts.activeOnly ? prune(tree) : tree;
  }

  async function categoryNode(trx: Kysely<DB>, id: string): Promise<CategoryNode> {
    const find = (nodes: CategoryNode[]): CategoryNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const deeper = find(n.children);
        if (deeper) return deeper;
      }
      return undefined;
    };
    const node = find(presentCategoryTree(await listCategories(trx)));
    if (!node) throw notFound('category');
    return node;
  }

  async function assertParent(trx: Kysely<DB>, id: string | null | undefined, moving?: string) {
    if (!id) return;
    const parents = new Map((await listCategories(trx)).map((c) => [c.id, c.parent_id]));
    if (!parents.has(id)) throw invalidField('parentId', 'unknown category');
    // Walk up from the new parent: meeting the moved category means the move would make a cycle.
    for (let c: string | null | undefined = id, n = 0; c && n < 100; c = parents.get(c), n++) {
      if (c === moving) throw invalidField('parentId', 'a category cannot move under itself or its own sub-category');
    }
  }

  async function createCategory(actor: Actor, b: Out<typeof categoryInput>) {
    await assertParent(db, b.parentId);
    const id = newId(deps.clock.now());
    return write(
      actor,
      async ({ trx, audit }) => {
        await trx
          .insertInto('category')
          .values({
            id,
            parent_id: b.parentId ?? null,
            code: b.code,
            name: b.name,
            name_en: b.nameEn ?? null,
            sort: b.sort,
            active: b.active ? 1 : 0,
            attributes: b.attributes ? JSON.stringify(b.attributes) : null,
          })
          .execute();
        await audit('admin.category.create', { id, ...b });
        return categoryNode(trx, id);
      },
      { uniqueField: 'code' },
    );
  }

  async function updateCategory(actor: Actor, id: string, b: Out<typeof categoryPatch>) {
    await mustFind(findCategory(db, id), 'category');
    return write(actor, async ({ trx, audit }) => {
      const set = changes({
        name: b.name,
        name_en: b.nameEn,
        sort: b.sort,
        attributes: b.attributes === undefined ? undefined : b.attributes && JSON.stringify(b.attributes),
      });
      if (Object.keys(set).length) await trx.updateTable('category').set(set).where('id', '=', id).execute();
      await audit('admin.category.update', { id, ...b });
      return categoryNode(trx, id);
    });
  }

  async function moveCategory(actor: Actor, id: string, parentId: string | null) {
    const before = await mustFind(findCategory(db, id), 'category');
    return write(actor, async ({ trx, audit }) => {
      await assertParent(trx, parentId, id);
      await trx.updateTable('category').set({ parent_id: parentId }).where('id', '=', id).execute();
      await audit('admin.category.move', { id, from: before.parent_id, to: parentId });
      return categoryNode(trx, id);
    });
  }

  /** Only a category nothing points at may be deleted; one in use is deactivated instead. */
  async function deleteCategory(actor: Actor, id: string) {
    await mustFind(findCategory(db, id), 'category');
    return write(actor, async ({ trx, audit }) => {
      const uses = await categoryUses(trx, id);
      if (uses.items || uses.children || uses.slaRules) {
        throw new AppError(
          'conflict',
          `category in use (${uses.items} items, ${uses.children} sub-categories, ${uses.slaRules} SLA rules): deactivate it instead`,
        );
      }
      await trx.deleteFrom('category').where('id', '=', id).execute();
      await audit('admin.category.delete', { id });
    });
  }

  // ---- lists and look-ups ----
  const districts = async (activeOnly = false) => (await listDistricts(db, activeOnly)).map(presentDistrict);
  const departments = async (f: { districtId?: string; activeOnly?: boolean } = {}) =>
    (await listDepartments(db, f)).map(presentDepartment);
  const centres = async (f: { districtId?: string; activeOnly?: boolean } = {}) =>
    (await listCentres(db, f)).map(presentCentre);
  async function windows(centreId: string) {
    await mustFind(findCentre(db, centreId), 'service centre');
    return (await listWindows(db, { centreId })).map(presentWindow);
  }

  async function publicLookups() {
    const [ds, cs, ws, categories] = await Promise.all([
      listDistricts(db, true),
      listCentres(db, { activeOnly: true }),
      listWindows(db, { activeOnly: true }),
      categoryTree({ activeOnly: true }),
    ]);
    const strip = <T extends { active: boolean }>({ active: _a, ...rest }: T) => rest;
    return {
      districts: ds.map((d) => strip(presentDistrict(d))),
      centres: cs.map((c) => ({
        ...strip(presentCentre(c)),
        windows: ws.filter((w) => w.centre_id === c.id).map((w) => strip(presentWindow(w))),
      })),
      categories,
      itemTypes: [...ITEM_TYPES],
    };
  }

  /** Adds departments and the people the reader may assign to: names only, within the reader's own scope. */
  async function staffLookups(actor: Actor) {
    const base = await publicLookups();
    const depts = (await listDepartments(db, { activeOnly: true })).map(presentDepartment);
    let scope: { departmentIds?: string[]; districtId?: string } | null = null;
    if (actor.roles.includes('admin')) scope = {};
    else if (actor.roles.some((r) => JURISDICTION_ROLES.includes(r)))
      scope = actor.districtId ? { districtId: actor.districtId } : {};
    else if (actor.departmentId && actor.roles.some((r) => r === 'handler' || r === 'dept_lead'))
      scope = { departmentIds: [actor.departmentId] };
    const users = scope ? await listUserNames(db, scope) : [];
    return {
      ...base,
      departments: depts.map(({ active: _a, ...d }) => d),
      users: users
        .filter((u) => !(JSON.parse(u.roles) as string[]).every((r) => r === 'requester'))
        .map((u) => ({ id: u.id, displayName: u.display_name, departmentId: u.department_id })),
    };
  }

  return {
    districts,
    createDistrict,
    updateDistrict,
    departments,
    createDepartment,
    updateDepartment,
    centres,
    createCentre,
    updateCentre,
    windows,
    createWindow,
    updateWindow,
    setActive,
    categoryTree,
    createCategory,
    updateCategory,
    moveCategory,
    deleteCategory,
    publicLookups,
    staffLookups,
  };
}
export type OrgStructureService = ReturnType<typeof createOrgStructureService>;
