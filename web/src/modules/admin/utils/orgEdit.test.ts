import { describe, expect, it } from 'vitest';
import type { CategoryNode } from '@tingquan/common/schemas/org';
import { categoryRows, changedFields, districtLabel, districtOptions, moveTargets, windowTotal } from './orgEdit.ts';

const node = (
  id: string,
  name: string,
  nameEn: string | null,
  sort: number,
  children: CategoryNode[] = [],
  parentId: string | null = null,
): CategoryNode => ({
  id,
  parentId,
  code: id,
  name,
  nameEn,
  sort,
  active: true,
  attributes: null,
  children,
});
const tree = [
  node('b', '服务态度', 'Attitude', 2),
  node('a', '办事效率', 'Efficiency', 1, [
    node('a2', '排队', null, 2, [], 'a'),
    node('a1', '超时', 'Overdue', 1, [node('a1x', '深层', 'Deep', 0, [], 'a1')], 'a'),
  ]),
];

describe('changedFields', () => {
  it('sends only what changed, trimmed', () => {
    expect(
      changedFields(
        { name: '沈河区', nameEn: 'Shenhe', code: 'SH' },
        { name: ' 沈河区 ', nameEn: 'Shenhe District', code: 'SH' },
        ['nameEn'],
      ),
    ).toEqual({ nameEn: 'Shenhe District' });
  });
  it('clears an optional field with null and leaves an already empty one alone', () => {
    expect(changedFields({ name: 'x', nameEn: 'X' }, { name: 'x', nameEn: '' }, ['nameEn'])).toEqual({ nameEn: null });
    expect(changedFields({ name: 'x', nameEn: null }, { name: 'x', nameEn: undefined }, ['nameEn'])).toEqual({});
  });
  it('sends a cleared required field as empty text, for the server to refuse at the field', () => {
    expect(changedFields({ name: 'x' }, { name: '  ' })).toEqual({ name: '' });
  });
  it('compares non-text values as they are', () => {
    expect(changedFields({ sort: 1, kind: 'service' }, { sort: 2, kind: 'service' })).toEqual({ sort: 2 });
  });
});

describe('categoryRows', () => {
  it('sorts each level, labels in the UI language with the Chinese name as fallback, and leaves no empty children', () => {
    const rows = categoryRows(tree, true);
    expect(rows.map((r) => r.label)).toEqual(['Efficiency', 'Attitude']);
    expect(rows[0].children!.map((r) => r.label)).toEqual(['Overdue', '排队']);
    expect(rows[0].children![1].children).toBeUndefined();
    expect(rows[1].children).toBeUndefined();
    expect(categoryRows(tree, false)[0].label).toBe('办事效率');
  });
});

describe('moveTargets', () => {
  it('offers every category but the moved one and its descendants, labelled with the path', () => {
    const targets = moveTargets(tree, 'a1', false);
    expect(targets.map((t) => t.value)).toEqual(['a', 'a2', 'b']);
    expect(targets.find((t) => t.value === 'a2')!.label).toBe('办事效率 / 排队');
  });
  it('offers the whole tree when moving a leaf of another branch', () => {
    expect(moveTargets(tree, 'b', true).map((t) => t.value)).toEqual(['a', 'a1', 'a1x', 'a2']);
  });
});

describe('windowTotal', () => {
  it('sums the windows of the centres, optionally only the active ones', () => {
    const centres = [
      { windowCount: 10, active: true },
      { windowCount: 5, active: false },
      { windowCount: 0, active: true },
    ];
    expect(windowTotal(centres)).toBe(15);
    expect(windowTotal(centres, true)).toBe(10);
    expect(windowTotal([])).toBe(0);
  });
});

describe('district names', () => {
  const districts = [
    { id: 'd1', name: '沈河区', nameEn: 'Shenhe', active: true },
    { id: 'd2', name: '和平区', nameEn: null, active: true },
    { id: 'd3', name: '旧区', nameEn: 'Old', active: false },
  ];
  it('names a district in the UI language, falling back to Chinese, and nothing for an unknown id', () => {
    expect(districtLabel(districts, 'd1', true)).toBe('Shenhe');
    expect(districtLabel(districts, 'd2', true)).toBe('和平区');
    expect(districtLabel(districts, 'd1', false)).toBe('沈河区');
    expect(districtLabel(districts, null, true)).toBe('');
    expect(districtLabel(undefined, 'd1', true)).toBe('');
  });
  it('offers only the active districts', () => {
    expect(districtOptions(districts, true)).toEqual([
      { value: 'd1', label: 'Shenhe' },
      { value: 'd2', label: '和平区' },
    ]);
  });
});
