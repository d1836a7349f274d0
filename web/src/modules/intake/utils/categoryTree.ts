// The category tree as Ant Design's TreeSelect wants it, in the user's language, inactive branches left out.
import type { CategoryNode } from '@tingquan/common/schemas/org';

export interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

export function categoryTreeOptions(nodes: readonly CategoryNode[], english: boolean): TreeOption[] {
  return [...nodes]
    .filter((n) => n.active)
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    .map((n) => {
      const children = categoryTreeOptions(n.children, english);
      const title = english && n.nameEn ? n.nameEn : n.name;
      return children.length ? { value: n.id, title, children } : { value: n.id, title };
    });
}

/** Ids from the root down to `id` (empty when not found): the selections of a level-by-level picker. */
export function categoryPath(nodes: readonly TreeOption[], id: string | undefined): string[] {
  if (!id) return [];
  for (const n of nodes) {
    if (n.value === id) return [id];
    const below = categoryPath(n.children ?? [], id);
    if (below.length) return [n.value, ...below];
  }
  return [];
}

/** The options at each level of a level-by-level picker, given the path chosen so far. */
export function categoryLevels(nodes: readonly TreeOption[], path: readonly string[]): TreeOption[][] {
  const levels: TreeOption[][] = [nodes as TreeOption[]];
  let current = nodes;
  for (const id of path) {
    const next = current.find((n) => n.value === id)?.children;
    if (!next?.length) break;
    levels.push(next);
    current = next;
  }
  return levels;
}
