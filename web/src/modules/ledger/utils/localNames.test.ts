import { describe, expect, it } from 'vitest';
import { localName, nameIndex } from './localNames.ts';

const tree = [
  {
    id: 'a',
    name: '办事效率',
    nameEn: 'Efficiency',
    children: [
      { id: 'a1', name: '排队时间长', nameEn: null, children: [{ id: 'a1x', name: '叫号', nameEn: 'Queue numbers' }] },
    ],
  },
  { id: 'b', name: '服务态度', nameEn: 'Attitude' },
];

describe('nameIndex', () => {
  it('indexes every level of the tree in English, with the Chinese name where no English one is given', () => {
    const en = nameIndex(tree, true);
    expect(en.get('a')).toBe('Efficiency');
    expect(en.get('a1')).toBe('排队时间长');
    expect(en.get('a1x')).toBe('Queue numbers');
    expect(en.size).toBe(4);
  });
  it('keeps the Chinese names in Chinese', () => {
    expect(nameIndex(tree, false).get('a1x')).toBe('叫号');
  });
});

describe('localName', () => {
  it('falls back to the name the server sent when the id is unknown or missing', () => {
    const en = nameIndex(tree, true);
    expect(localName(en, 'b', '服务态度')).toBe('Attitude');
    expect(localName(en, 'retired', '旧分类')).toBe('旧分类');
    expect(localName(en, null, null)).toBeNull();
  });
});
