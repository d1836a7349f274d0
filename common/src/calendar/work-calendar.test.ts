import { describe, expect, it } from 'vitest';
import { OFFICIAL_2026 } from './official-2026.fixture.ts';
import { DAY_MS, formatShanghaiTime as fmt, shanghaiTime as at } from './shanghai-time.ts';
import { createWorkCalendar, type CalendarOverride } from './work-calendar.ts';

const HOUR_MS = 3_600_000;
const calendar = createWorkCalendar(OFFICIAL_2026);

describe('isWorkday on the official 2026 calendar', () => {
  it.each([
    ['2026-01-01', false, 'New Year holiday (Thursday)'],
    ['2026-01-04', true, 'New Year make-up Sunday'],
    ['2026-02-13', true, 'Friday before the Spring Festival'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-15', false, 'first day of the Spring Festival holiday'],
    ['2026-02-17', false, 'Spring Festival (Tuesday)'],
    ['2026-02-23', false, 'last day of the Spring Festival holiday (Monday)'],
    ['2026-02-24', true, 'first working day after the Spring Festival'],
    ['2026-02-28', true, 'Spring Festival make-up Saturday'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-04-06', false, 'Qingming (Monday)'],
    ['2026-05-05', false, 'Labour Day (Tuesday)'],
    ['2026-05-09', true, 'Labour Day make-up Saturday'],
    ['2026-06-19', false, 'Dragon Boat (Friday)'],
    ['2026-09-20', true, 'National Day make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-10-07', false, 'last day of National Day (Wednesday)'],
    ['2026-10-08', true, 'first working day after National Day'],
    ['2026-10-10', true, 'National Day make-up Saturday'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(calendar.isWorkday(day)).toBe(expected);
  });

  it('describes a day with its festival name and why it is (not) a working day', () => {
    expect(calendar.describeDay('2026-02-14')).toEqual({
      day: '2026-02-14',
      workday: true,
      kind: 'make_up_workday',
      name: { zh: '春节', en: 'Spring Festival' },
      covered: true,
    });
    expect(calendar.describeDay('2026-10-03')).toMatchObject({
      workday: false,
      kind: 'holiday',
      name: { zh: '国庆节' },
    });
    expect(calendar.describeDay('2026-03-07')).toEqual({
      day: '2026-03-07',
      workday: false,
      kind: 'weekend',
      covered: true,
    });
  });
});

describe('addWorkingDays: the deadline N working days after a start', () => {
  it.each([
    // On a working day: same clock time on the Nth working day after.
    ['Friday afternoon, 1 day', '2026-03-13 15:30', 1, '2026-03-16 15:30'],
    ['Friday afternoon, 3 days', '2026-03-13 15:30', 3, '2026-03-18 15:30'],
    ['the day before the Spring Festival counts the make-up Saturday', '2026-02-13 10:00', 1, '2026-02-14 10:00'],
    ['the day before the Spring Festival, 3 days', '2026-02-13 10:00', 3, '2026-02-25 10:00'],
    [
      'the day before the Spring Festival, 7 days (28 Feb make-up Saturday is day 6)',
      '2026-02-13 10:00',
      7,
      '2026-03-02 10:00',
    ],
    ['on the make-up Saturday itself, 1 day', '2026-02-14 16:00', 1, '2026-02-24 16:00'],
    ['on the make-up Saturday itself, 7 days', '2026-02-14 16:00', 7, '2026-03-03 16:00'],
    ['the day before National Day, 1 day', '2026-09-30 17:00', 1, '2026-10-08 17:00'],
    [
      'the day before National Day, 3 days (10 Oct make-up Saturday is day 3)',
      '2026-09-30 17:00',
      3,
      '2026-10-10 17:00',
    ],
    ['the day before National Day, 7 days', '2026-09-30 17:00', 7, '2026-10-15 17:00'],
    ['Friday before the National Day make-up Sunday', '2026-09-18 14:00', 1, '2026-09-20 14:00'],
    ['Thursday before Mid-Autumn, 1 day', '2026-09-24 15:00', 1, '2026-09-28 15:00'],
    ['Thursday before Mid-Autumn, 3 days', '2026-09-24 15:00', 3, '2026-09-30 15:00'],
    ['Friday before Qingming', '2026-04-03 16:00', 1, '2026-04-07 16:00'],
    ['Thursday before Labour Day, 3 days', '2026-04-30 11:00', 3, '2026-05-08 11:00'],
    ['Thursday before Labour Day, 4 days lands on the make-up Saturday', '2026-04-30 11:00', 4, '2026-05-09 11:00'],
    ['Thursday before Dragon Boat', '2026-06-18 09:00', 1, '2026-06-22 09:00'],
    ['on the New Year make-up Sunday', '2026-01-04 09:00', 1, '2026-01-05 09:00'],
    ['at 00:00 of a working day', '2026-03-16 00:00', 1, '2026-03-17 00:00'],
    // On a non-working day: counting starts at 00:00 of the next working day; the deadline is the end of the Nth.
    ['inside the Spring Festival holiday, 1 day', '2026-02-18 09:00', 1, '2026-02-24 24:00'],
    ['inside the Spring Festival holiday, 3 days', '2026-02-18 09:00', 3, '2026-02-26 24:00'],
    ['inside the Spring Festival holiday, 7 days (28 Feb counts)', '2026-02-18 09:00', 7, '2026-03-03 24:00'],
    ['inside National Day, 3 days', '2026-10-03 20:00', 3, '2026-10-10 24:00'],
    ['New Year holiday, the make-up Sunday is the first working day', '2026-01-01 10:00', 1, '2026-01-04 24:00'],
    ['ordinary Saturday', '2026-03-07 10:00', 1, '2026-03-09 24:00'],
    ['ordinary Sunday night, 5 days', '2026-03-08 23:59', 5, '2026-03-13 24:00'],
    // n = 0: the end of the current working day, or of the next one.
    ['0 days on a working day', '2026-03-13 15:30', 0, '2026-03-13 24:00'],
    ['0 days on the make-up Saturday', '2026-02-14 08:00', 0, '2026-02-14 24:00'],
    ['0 days inside a holiday', '2026-02-18 09:00', 0, '2026-02-24 24:00'],
  ])('%s: %s + %i → %s', (_case, start, n, expected) => {
    expect(fmt(calendar.addWorkingDays(at(start), n))).toBe(fmt(at(expected)));
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    expect(() => calendar.addWorkingDays(at('2026-03-13 10:00'), n)).toThrow(RangeError);
  });

  it('adds plain minutes for urgent limits, holidays included', () => {
    expect(fmt(calendar.addMinutes(at('2026-02-17 23:45'), 30))).toBe('2026-02-18 00:15');
    expect(() => calendar.addMinutes(at('2026-02-17 23:45'), -1)).toThrow(RangeError);
  });

  it('gives back, as working time, exactly the working days it added', () => {
    for (const start of ['2026-02-13 10:00', '2026-02-18 09:00', '2026-09-30 17:00', '2026-10-03 20:00']) {
      for (const n of [1, 3, 7]) {
        expect(calendar.workingMsBetween(at(start), calendar.addWorkingDays(at(start), n))).toBe(n * DAY_MS);
      }
    }
  });
});

describe('working time between two instants', () => {
  it.each([
    ['Friday afternoon to Monday morning', '2026-03-13 15:00', '2026-03-16 09:00', 18],
    ['across the Spring Festival with its make-up Saturday', '2026-02-13 12:00', '2026-02-24 12:00', 12 + 24 + 12],
    ['inside the holiday', '2026-02-16 08:00', '2026-02-20 18:00', 0],
    ['across National Day', '2026-09-30 12:00', '2026-10-08 12:00', 24],
    ['same working day', '2026-03-16 09:00', '2026-03-16 17:30', 8.5],
    ['backwards is negative', '2026-03-16 09:00', '2026-03-13 15:00', -18],
  ])('%s: %s → %s = %s h', (_case, a, b, hours) => {
    expect(calendar.workingMsBetween(at(a), at(b))).toBe(hours * HOUR_MS);
  });

  it.each([
    ['due at the end of Friday, Wednesday 10:00', '2026-03-13 24:00', '2026-03-18 10:00', 2],
    ['due before the Spring Festival, a day into the holiday', '2026-02-14 24:00', '2026-02-20 12:00', 0],
    ['due before the Spring Festival, first day back', '2026-02-13 24:00', '2026-02-24 23:00', 1],
    ['not yet due', '2026-03-18 10:00', '2026-03-13 24:00', -2],
  ])('whole working days overdue, %s: %i', (_case, due, now, days) => {
    expect(calendar.workingDaysBetween(at(due), at(now))).toBe(days);
  });

  it.each([
    ['Friday before the Spring Festival → the make-up Saturday', '2026-02-13 15:00', '2026-02-14'],
    ['the make-up Saturday → after the holiday', '2026-02-14 10:00', '2026-02-24'],
    ['the day before National Day → after it', '2026-09-30 09:00', '2026-10-08'],
    ['Friday after National Day → the make-up Saturday', '2026-10-09 23:59', '2026-10-10'],
    ['inside Mid-Autumn', '2026-09-26 00:00', '2026-09-28'],
  ])('nextWorkdayStart, %s', (_case, instant, day) => {
    expect(fmt(calendar.nextWorkdayStart(at(instant)))).toBe(`${day} 00:00`);
  });

  it('finds the instant at which an amount of working time has elapsed', () => {
    expect(fmt(calendar.addWorkingMs(at('2026-02-13 10:00'), 54 * HOUR_MS))).toBe('2026-02-24 16:00');
    // Reached exactly at the end of a working day: the end of that day, not the start of the next working one.
    expect(fmt(calendar.addWorkingMs(at('2026-02-13 10:00'), 38 * HOUR_MS))).toBe('2026-02-15 00:00');
    expect(fmt(calendar.addWorkingMs(at('2026-02-18 10:00'), 0))).toBe('2026-02-18 10:00');
  });
});

describe('years without data, and admin overrides', () => {
  const newYear2027: CalendarOverride[] = [
    { day: '2027-01-01', kind: 'holiday', note: '元旦' },
    { day: '2027-01-02', kind: 'holiday', note: '元旦' },
    { day: '2027-01-03', kind: 'holiday', note: '元旦' },
  ];

  it('reports 2027 as missing while still counting its weekends', () => {
    expect(calendar.coverage(2026)).toEqual({ covered: true, source: 'data' });
    expect(calendar.coverage(2027)).toEqual({ covered: false, source: 'none' });
    expect(calendar.missingYears(at('2026-12-28 10:00'), at('2027-01-08 10:00'))).toEqual([2027]);
    expect(calendar.missingYears(at('2026-03-01 10:00'), at('2026-12-31 23:59'))).toEqual([]);
    expect(calendar.missingYears(at('2028-01-08 10:00'), at('2026-12-28 10:00'))).toEqual([2027, 2028]);
    expect(calendar.describeDay('2027-01-01')).toMatchObject({ workday: true, kind: 'workday', covered: false });
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
    expect(fmt(calendar.addWorkingDays(at('2026-12-31 10:00'), 1))).toBe('2027-01-01 10:00');
  });

  it('counts admin holidays in 2027 but still reports the year until it is declared complete', () => {
    const partial = createWorkCalendar({ ...OFFICIAL_2026, overrides: newYear2027 });
    expect(fmt(partial.addWorkingDays(at('2026-12-31 10:00'), 1))).toBe('2027-01-04 10:00');
    expect(partial.missingYears(at('2026-12-28 10:00'), at('2027-01-08 10:00'))).toEqual([2027]);

    const complete = createWorkCalendar({ ...OFFICIAL_2026, overrides: newYear2027, completeYears: [2027] });
    expect(complete.coverage(2027)).toEqual({ covered: true, source: 'override' });
    expect(complete.missingYears(at('2026-12-28 10:00'), at('2027-01-08 10:00'))).toEqual([]);
    expect(complete.describeDay('2027-01-01')).toMatchObject({
      workday: false,
      kind: 'override_holiday',
      note: '元旦',
      covered: true,
    });
  });

  it('lets overrides win over the official data, the later of two for a day winning', () => {
    const overridden = createWorkCalendar({
      ...OFFICIAL_2026,
      overrides: [
        { day: '2026-02-24', kind: 'holiday', note: 'snowstorm' },
        { day: '2026-02-22', kind: 'workday', note: 'emergency duty' },
        { day: '2026-02-22', kind: 'holiday', note: 'emergency duty cancelled' },
        { day: '2026-03-07', kind: 'workday', note: 'extra Saturday' },
      ],
    });
    expect(overridden.isWorkday('2026-02-24')).toBe(false);
    expect(overridden.isWorkday('2026-02-22')).toBe(false);
    expect(overridden.describeDay('2026-03-07')).toMatchObject({
      workday: true,
      kind: 'override_workday',
      note: 'extra Saturday',
    });
    expect(fmt(overridden.addWorkingDays(at('2026-02-14 16:00'), 1))).toBe('2026-02-25 16:00');
    expect(fmt(overridden.addWorkingDays(at('2026-03-06 09:00'), 1))).toBe('2026-03-07 09:00');
  });

  it('refuses malformed days in its input instead of ignoring them', () => {
    expect(() => createWorkCalendar({ ...OFFICIAL_2026, overrides: [{ day: '2027-02-30', kind: 'holiday' }] })).toThrow(
      RangeError,
    );
  });

  it('gives up rather than loop forever when no working day is left', () => {
    const holidaysEverywhere = Array.from({ length: 5 * 366 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1) + i * DAY_MS).toISOString().slice(0, 10),
    );
    const broken = createWorkCalendar({ holidays: holidaysEverywhere, makeUpWorkdays: [], coveredYears: [2026] });
    expect(() => broken.addWorkingDays(at('2026-01-01 10:00'), 1)).toThrow(RangeError);
  });
});
