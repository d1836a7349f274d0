// Rows of the organisation tables → the admin API's shapes (camelCase, flags as booleans, ISO times; never a hash).
import { slaRuleFromRow } from '../deadlines/sla-rule.row.ts';
import type { CategoryNode, Role } from '@tingquan/common';
import type { Selectable } from 'kysely';
import type {
  CategoryTable,
  DepartmentTable,
  DistrictTable,
  NotificationTable,
  ServiceCentreTable,
  ServiceWindowTable,
  SlaRuleTable,
  WebhookTable,
} from '../../db/schema.ts';
import { toIso } from '../../lib/clock.ts';
import type { ProjectRow, UserRow } from './org.repository.ts';

export const presentDistrict = (r: Selectable<DistrictTable>) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  active: !!r.active,
});

export const presentDepartment = (r: Selectable<DepartmentTable>) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  level: r.level as 'city' | 'district',
  districtId: r.district_id,
  active: !!r.active,
});

export const presentCentre = (r: Selectable<ServiceCentreTable> & { window_count?: number | null }) => ({
  id: r.id,
  name: r.name,
  districtId: r.district_id,
  address: r.address,
  windowCount: Number(r.window_count ?? 0),
  active: !!r.active,
});

export const presentWindow = (r: Selectable<ServiceWindowTable>) => ({
  id: r.id,
  centreId: r.centre_id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  active: !!r.active,
});

export const presentUser = (r: UserRow) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as Role[],
  districtId: r.district_id,
  departmentId: r.department_id,
  centreId: r.centre_id,
  windowId: r.window_id,
  active: !!r.active,
});

/** Builds the tree in one pass; children keep the (sort, code) order of the rows. */
export function presentCategoryTree(rows: Selectable<CategoryTable>[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      sort: r.sort,
      active: !!r.active,
      attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>[]) : null,
      children: [],
    });
  }
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

export const presentSlaRule = (r: Selectable<SlaRuleTable>) => ({ id: r.id, ...slaRuleFromRow(r) });

export const presentProject = (r: ProjectRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  districtId: r.district_id,
  officerId: r.officer_id,
  officerName: r.officer_name ?? null,
  description: r.description,
  openItems: Number(r.open_items ?? 0),
  status: r.status,
  createdAt: toIso(r.created_at)!,
});

export const presentToken = (r: {
  id: string;
  name: string;
  kind: string;
  user_id: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  userId: r.user_id,
  createdAt: toIso(r.created_at)!,
  revokedAt: toIso(r.revoked_at),
  lastUsedAt: toIso(r.last_used_at),
});

export const presentWebhook = (r: Selectable<WebhookTable>) => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as string[],
  active: !!r.active,
  createdAt: toIso(r.created_at)!,
});

export const presentNotification = (r: Selectable<NotificationTable>) => ({
  id: r.id,
  itemId: r.item_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  createdAt: toIso(r.created_at)!,
  readAt: toIso(r.read_at),
});
