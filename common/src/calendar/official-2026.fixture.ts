// The official 2026 arrangement (国务院办公厅, as published in chinese-days 1.5.7) for tests of the pure calendar;
// server/src/lib/calendar-source.test.ts checks that it still matches what the package loads.
import type { CalendarData, DayName } from './work-calendar.ts';

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
};

const FESTIVALS: { name: DayName; holidays: string[]; makeUpWorkdays: string[] }[] = [
  {
    name: { zh: '元旦', en: "New Year's Day" },
    holidays: range('2026-01-01', '2026-01-03'),
    makeUpWorkdays: ['2026-01-04'],
  },
  {
    name: { zh: '春节', en: 'Spring Festival' },
    holidays: range('2026-02-15', '2026-02-23'),
    makeUpWorkdays: ['2026-02-14', '2026-02-28'],
  },
  { name: { zh: '清明', en: 'Tomb-sweeping Day' }, holidays: range('2026-04-04', '2026-04-06'), makeUpWorkdays: [] },
  {
    name: { zh: '劳动节', en: 'Labour Day' },
    holidays: range('2026-05-01', '2026-05-05'),
    makeUpWorkdays: ['2026-05-09'],
  },
  { name: { zh: '端午', en: 'Dragon Boat Festival' }, holidays: range('2026-06-19', '2026-06-21'), makeUpWorkdays: [] },
  { name: { zh: '中秋', en: 'Mid-autumn Festival' }, holidays: range('2026-09-25', '2026-09-27'), makeUpWorkdays: [] },
  {
    name: { zh: '国庆节', en: 'National Day' },
    holidays: range('2026-10-01', '2026-10-07'),
    makeUpWorkdays: ['2026-09-20', '2026-10-10'],
  },
];

export const OFFICIAL_2026: CalendarData & { names: ReadonlyMap<string, DayName> } = {
  holidays: new Set(FESTIVALS.flatMap((f) => f.holidays)),
  makeUpWorkdays: new Set(FESTIVALS.flatMap((f) => f.makeUpWorkdays)),
  names: new Map(FESTIVALS.flatMap((f) => [...f.holidays, ...f.makeUpWorkdays].map((day) => [day, f.name] as const))),
  coveredYears: new Set([2026]),
};
