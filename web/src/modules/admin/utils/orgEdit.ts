// Pure helpers of the organisation editors: what a PATCH sends, where a category may move, the tree as table rows.
import type { CategoryNode } from '@tingquan/common/schemas/org';

/**
 * The fields of `values` that differ from `original`: only those are sent, so a concurrent edit of another field
 * survives. A cleared optional text ('' or undefined) of a field listed in `nullable` is sent as null (cleared on the
 * server); a cleared required one is sent as '' so the server reports it at the field.
 */
export function changedFields(
  original: Record<string, unknown>,
  values: Record<string, unknown>,
  nullable: readonly string[] = [],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(values)) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    const cleared = v === '' || v === undefined || v === null;
    const next = cleared ? (nullable.includes(k) ? null : '') : v;
    const before = original[k] ?? (nullable.includes(k) ? null : '');
    if (next !== before) patch[k] = next;
  }
  return patch;
}

export type CategoryRow = {
  key: string;
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string | null;
  label: string;
  sort: number;
  active: boolean;
  children?: CategoryRow[];
};

const bySort = (a: CategoryNode, b: CategoryNode) => a.sort - b.sort || a.code.localeCompare(b.code);

/** The tree as table rows, sorted like the intake shows it; leaves carry no `children` (no expand button). */
export function categoryRows(nodes: readonly CategoryNode[], english: boolean): CategoryRow[] {
  return [...nodes].sort(bySort).map((n) => {
    const children = categoryRows(n.children, english);
    const row: CategoryRow = {
      key: n.id,
      id: n.id,
      parentId: n.parentId,
      code: n.code,
      name: n.name,
      nameEn: n.nameEn,
      label: english && n.nameEn ? n.nameEn : n.name,
      sort: n.sort,
      active: n.active,
    };
    return children.length ? { ...row, children } : row;
  });
}

/** Where `movingId` may go: every category but itself and its own descendants, with its path for a label. */
export function moveTargets(
  nodes: readonly CategoryNode[],
  movingId: string,
  english: boolean,
  path: string[] = [],
): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const n of [...nodes].sort(bySort)) {
    if (n.id === movingId) continue;
    const here = [...path, english && n.nameEn ? n.nameEn : n.name];
    out.push({ value: n.id, label: here.join(' / ') });
    out.push(...moveTargets(n.children, movingId, english, here));
  }
  return out;
}

/** Windows across the city: the sum of every centre's count (active centres only when asked). */
export function windowTotal(centres: readonly { windowCount: number; active?: boolean }[], activeOnly = false): number {
  return centres.filter((c) => !activeOnly || c.active !== false).reduce((n, c) => n + c.windowCount, 0);
}

/** A district's name in the UI language (Chinese when it has no English one); '' for none. */
export function districtLabel(
  districts: readonly { id: string; name: string; nameEn: string | null }[] | undefined,
  id: string | null,
  english: boolean,
): string {
  const d = districts?.find((x) => x.id === id);
  return d ? (english && d.nameEn ? d.nameEn : d.name) : '';
}

/** The active districts as select options, in the UI language. */
export function districtOptions(
  districts: readonly { id: string; name: string; nameEn: string | null; active: boolean }[] | undefined,
  english: boolean,
) {
  return (districts ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: english && d.nameEn ? d.nameEn : d.name }));
}
