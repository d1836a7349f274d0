import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';
import { lookup, translateIssue } from './translate.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  it('en-US has exactly the keys of zh-CN', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });
  it('looks up nested keys and fills placeholders', () => {
    expect(lookup(zhCN, 'enums.status.closed')).toBe('已销号');
    expect(lookup(enUS, 'countdown.left', { time: '2 d' })).toBe('2 d left');
    expect(lookup(enUS, 'no.such.key')).toBe('no.such.key');
  });
  it('translates the schemas’ field messages, numbers included', () => {
    expect(translateIssue(zhCN, 'at least 10 characters')).toBe('至少 10 个字');
    expect(translateIssue(zhCN, 'not a valid phone number')).toBe('请输入有效的手机或固定电话号码');
    expect(translateIssue(zhCN, 'something new')).toBe('something new');
  });
});
