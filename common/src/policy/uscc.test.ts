import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar } from './uscc.ts';

// Published codes of real enterprises.
const VALID = [
  '91350100M000100Y43',
  '914403001922038216',
  '91440300708461136T',
  '91330100799655058B',
  '91110000100006485K',
];

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['91350100M000100Y44', 'wrong check character'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['91350100M0001O0Y43', 'letter O is not in the charset'],
    ['91350100m000100Y43', 'lower case'],
    ['91350100M000100Y34', 'two characters swapped'],
    ['914403001922038217', 'last digit changed'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('detects every single-character substitution in a valid code', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const code of VALID)
      for (let i = 0; i < 18; i++)
        for (const c of charset) {
          if (c === code[i]) continue;
          expect(isValidUscc(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
        }
  });

  it('refuses to compute a check character for a bad body', () => {
    expect(() => usccCheckChar('9135010OM000100Y4')).toThrow(RangeError);
  });
});
