// Adapter from the chinese-days package (official holidays and 调休 make-up working days) to the pure work calendar.
import cd from 'chinese-days';
import {
  createWorkCalendar,
  parseDay,
  weekdayOf,
  type CalendarData,
  type CalendarOverride,
  type DayName,
  type WorkCalendar,
} from '@tingquan/common/calendar/index';

/** The package starts at 2004; the end is far enough ahead that a package update adding years needs no code change. */
const FIRST_YEAR = 2004;
const LAST_YEAR = 2099;

/** Days from the package's data carry "English,中文,n"; days it merely judged by weekday carry "Monday" etc. */
function festivalName(detailName: string): DayName | undefined {
  const [en, zh] = detailName.split(',');
  return zh ? { zh, en } : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Reads every day of the package's range. We pass local-noon Date objects, not strings: the package parses
 * 'YYYY-MM-DD' as UTC but formats in the process's zone, which shifts days west of Greenwich, and its range
 * helpers lose a day across daylight-saving changes. Each answer is checked against the day we asked for.
 */
export function loadChineseCalendarData(): CalendarData & { names: ReadonlyMap<string, DayName> } {
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  const names = new Map<string, DayName>();
  const coveredYears = new Set<number>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (let date = new Date(year, 0, 1, 12); date.getFullYear() === year; date.setDate(date.getDate() + 1)) {
      const day = `${year}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
      const detail = cd.getDayDetail(date);
      if (detail.date !== day) throw new Error(`chinese-days answered ${detail.date} for ${day}`);
      const name = festivalName(detail.name);
      if (!name) continue;
      (detail.work ? makeUpWorkdays : holidays).add(day);
      names.set(day, name);
      // Every year with an official arrangement has holidays (元旦, 春节 at least), so they mark the coverage.
      if (!detail.work) coveredYears.add(year);
    }
  }
  assertMakeUpDaysOnWeekends(makeUpWorkdays);
  return { holidays, makeUpWorkdays, names, coveredYears };
}

/**
 * Make-up working days are always weekend days. The package builds its tables at import time by reading dates as
 * UTC and writing them in the process's zone, so west of Greenwich every entry moves to the day before; we refuse
 * such data rather than count deadlines on the wrong days.
 */
function assertMakeUpDaysOnWeekends(makeUpWorkdays: ReadonlySet<string>): void {
  const weekdays = [...makeUpWorkdays].filter((day) => ![0, 6].includes(weekdayOf(parseDay(day))));
  if (weekdays.length > 0) {
    throw new Error(
      `chinese-days data is shifted in this process's time zone (make-up working days on weekdays: ${weekdays.slice(0, 3).join(', ')}…); ` +
        'run the server with TZ=Asia/Shanghai or TZ=UTC',
    );
  }
}

export interface CalendarAdmin {
  overrides?: readonly CalendarOverride[];
  /** Years an admin has declared complete after entering their holidays and make-up days as overrides. */
  completeYears?: readonly number[];
}

let official: CalendarData | undefined;

/** The city's calendar: official data (read once per process) with the admins' overrides on top. */
export function createCityCalendar(admin: CalendarAdmin = {}): WorkCalendar {
  official ??= loadChineseCalendarData();
  return createWorkCalendar({ ...official, overrides: admin.overrides, completeYears: admin.completeYears });
}
