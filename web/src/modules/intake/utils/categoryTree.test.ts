import { describe, expect, it } from 'vitest';
import type { CategoryNode } from '@tingquan/common/schemas/org';
import { categoryLevels, categoryPath, categoryTreeOptions } from './categoryTree.ts';

const node = (id: string, sort: number, children: CategoryNode[] = [], active = true): CategoryNode => ({
  id,
  parentId: null,
  code: id,
  name: `名${id}`,
  nameEn: id === 'b' ? null : `N${id}`,
  sort,
  active,
  attributes: null,
  children,
});

describe('categoryTreeOptions', () => {
  it('sorts, translates (falling back to Chinese) and drops inactive nodes', () => {
    const tree = [node('b', 2), node('a', 1, [node('a2', 2), node('a1', 1), node('ax', 0, [], false)])];
    expect(categoryTreeOptions(tree, true)).toEqual([
      {
        value: 'a',
        title: 'Na',
        children: [
          { value: 'a1', title: 'Na1' },
          { value: 'a2', title: 'Na2' },
        ],
      },
      { value: 'b', title: '名b' },
    ]);
    expect(categoryTreeOptions(tree, false)[0].title).toBe('名a');
  });
});

describe('level-by-level category picking', () => {
  const tree = [
    {
      value: 'a',
      title: 'A',
      children: [
        { value: 'a1', title: 'A1', children: [{ value: 'a1x', title: 'A1x' }] },
        { value: 'a2', title: 'A2' },
      ],
    },
    { value: 'b', title: 'B' },
  ];
  it('finds the path from the root to a category', () => {
    expect(categoryPath(tree, 'a1x')).toEqual(['a', 'a1', 'a1x']);
    expect(categoryPath(tree, 'b')).toEqual(['b']);
    expect(categoryPath(tree, 'zz')).toEqual([]);
    expect(categoryPath(tree, undefined)).toEqual([]);
  });
  it('offers one more level while the chosen category has children', () => {
    expect(categoryLevels(tree, []).map((l) => l.map((o) => o.value))).toEqual([['a', 'b']]);
    expect(categoryLevels(tree, ['a']).map((l) => l.map((o) => o.value))).toEqual([
      ['a', 'b'],
      ['a1', 'a2'],
    ]);
    expect(categoryLevels(tree, ['b']).length).toBe(1);
    expect(categoryLevels(tree, ['a', 'a1', 'a1x']).length).toBe(3);
  });
});
