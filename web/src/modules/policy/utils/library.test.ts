import { describe, expect, it } from 'vitest';
import { departmentsOf, filterDocuments, filterItems } from './library.ts';
import type { PolicyDocumentView, PolicyItemView } from '../types.ts';

const doc = (id: string, category: string, number: string): PolicyDocumentView => ({
  id,
  number,
  title: `文件${id}`,
  issuer: '沈阳市人民政府',
  category,
  level: 'city',
  issuedOn: '2025-01-01',
  effectiveFrom: '2025-01-01',
  text: '',
  itemCount: 1,
});
const item = (id: string, documentId: string, category: string, department: string, name: string) =>
  ({
    id,
    documentId,
    category,
    department,
    name,
    delivery: 'confirm',
    active: true,
    currentRule: null,
  }) as unknown as PolicyItemView;

const docs = [doc('d1', 'tech', '沈科发〔2024〕3号'), doc('d2', 'employment', '沈人社发〔2025〕8号')];
const items = [
  item('gazelle', 'd1', 'tech', '市科技局', '瞪羚企业奖励'),
  item('jobs', 'd2', 'employment', '市人社局', '稳岗返还'),
  item('eaglet', 'd1', 'tech', '市科技局', '雏鹰企业奖励'),
];

describe('library filters', () => {
  it('filters items by category, department and text (name, id or the document number)', () => {
    expect(filterItems(items, docs, { category: 'tech' }).map((i) => i.id)).toEqual(['gazelle', 'eaglet']);
    expect(filterItems(items, docs, { department: '市人社局' }).map((i) => i.id)).toEqual(['jobs']);
    expect(filterItems(items, docs, { q: '瞪羚' }).map((i) => i.id)).toEqual(['gazelle']);
    expect(filterItems(items, docs, { q: '沈人社发' }).map((i) => i.id)).toEqual(['jobs']);
    expect(filterItems(items, docs, { category: 'tech', q: '稳岗' })).toEqual([]);
  });

  it('keeps the documents that match or hold a matching item', () => {
    expect(filterDocuments(docs, items, { department: '市科技局' }).map((d) => d.id)).toEqual(['d1']);
    expect(filterDocuments(docs, items, { q: '稳岗' }).map((d) => d.id)).toEqual(['d2']);
    expect(filterDocuments(docs, items, {}).map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('lists each department once', () => {
    expect(departmentsOf(items)).toHaveLength(2);
  });
});
