import { describe, expect, it } from 'vitest';
import { publicIntakeBody } from '@tingquan/common/schemas/items';
import { dropEmpty, validateWith } from './zodFieldErrors.ts';

describe('validateWith (shared schema on the client)', () => {
  const good = {
    type: 'complaint',
    categoryId: 'cat-facilities-office',
    title: '窗口空调坏了',
    description: '市民中心二楼窗口的空调坏了一周，无人维修。',
    requester: { kind: 'person', name: '张三', phone: '13800138000' },
  };
  it('accepts a valid intake and fills the defaults', () => {
    const r = validateWith(publicIntakeBody, good, (m) => m);
    expect(r.ok).toBe(true);
  });
  it('reports each bad field at its path, like the server', () => {
    const r = validateWith(
      publicIntakeBody,
      { ...good, title: '短', requester: { kind: 'enterprise', phone: '123', uscc: '91210100MA0XXXXXX0' } },
      (m) => m,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const names = r.errors.map((e) => e.name.join('.'));
    expect(names).toEqual(
      expect.arrayContaining(['title', 'requester.phone', 'requester.uscc', 'requester.organization']),
    );
    expect(r.errors.find((e) => e.name[0] === 'title')!.errors[0]).toBe('at least 4 characters');
  });
  it('drops cleared inputs so optional fields stay optional', () => {
    expect(dropEmpty({ a: '', b: 'x', c: { d: undefined, e: 1 } })).toEqual({ b: 'x', c: { e: 1 } });
  });
});
