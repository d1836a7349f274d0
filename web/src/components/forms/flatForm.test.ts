import { describe, expect, it } from 'vitest';
import { errorsByName, nest } from './flatForm.ts';

describe('flat form values', () => {
  it('nests dotted names', () => {
    expect(nest({ title: 'x', 'requester.kind': 'person', 'requester.phone': '1' })).toEqual({
      title: 'x',
      requester: { kind: 'person', phone: '1' },
    });
  });
  it('keys errors by dotted name, first message wins', () => {
    expect(
      errorsByName([
        { name: ['requester', 'phone'], errors: ['a'] },
        { name: ['requester', 'phone'], errors: ['b'] },
      ]),
    ).toEqual({ 'requester.phone': 'a' });
  });
});
