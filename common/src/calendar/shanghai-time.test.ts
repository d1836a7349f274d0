import { describe, expect, it } from 'vitest';
import {
  dayNumberOf,
  formatShanghaiTime,
  localDayOf,
  parseDay,
  shanghaiTime,
  startOfLocalDay,
  weekdayOf,
} from './shanghai-time.ts';

describe('Asia/Shanghai days by fixed UTC+8 arithmetic', () => {
  it.each([
    ['2026-02-13T15:59:59.999Z', '2026-02-13'],
    ['2026-02-13T16:00:00.000Z', '2026-02-14'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
  ])('%s falls on local day %s', (iso, day) => {
    expect(localDayOf(new Date(iso))).toBe(day);
  });

  it.each([
    ['2026-02-14', 6],
    ['2026-02-15', 0],
    ['2026-10-01', 4],
    ['2026-09-20', 0],
    ['1970-01-01', 4],
    ['1969-12-28', 0],
  ])('%s is weekday %i', (day, weekday) => {
    expect(weekdayOf(parseDay(day))).toBe(weekday);
  });

  it('starts a local day at 16:00 UTC of the day before', () => {
    expect(startOfLocalDay('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(dayNumberOf(startOfLocalDay('2026-10-01'))).toBe(parseDay('2026-10-01'));
  });

  it('reads and writes wall-clock times, 24:00 being the end of the day', () => {
    expect(formatShanghaiTime(shanghaiTime('2026-02-13 15:30'))).toBe('2026-02-13 15:30');
    expect(formatShanghaiTime(shanghaiTime('2026-02-13 24:00'))).toBe('2026-02-14 00:00');
    expect(formatShanghaiTime(shanghaiTime('2026-02-13'))).toBe('2026-02-13 00:00');
  });

  it.each(['2026-02-30', '2026-2-3', '26-02-03', '2026-13-01', ''])('refuses the day %j', (day) => {
    expect(() => parseDay(day)).toThrow(RangeError);
  });

  it.each(['2026-02-13 24:01', '2026-02-13 7:00', '2026-02-13 10:60'])('refuses the wall-clock time %j', (time) => {
    expect(() => shanghaiTime(time)).toThrow(RangeError);
  });
});
