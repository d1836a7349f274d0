// The city's working-day calendar: official holidays and make-up working days (调休), admin overrides, and
// deadline arithmetic on it. Pure: the data comes in (server/src/lib/calendar-source.ts loads it), time zone fixed UTC+8.
import {
  DAY_MS,
  MINUTE_MS,
  type DayNumber,
  dayNumberOf,
  dayStartMs,
  formatDay,
  parseDay,
  toMs,
  weekdayOf,
  yearOfDay,
} from './shanghai-time.ts';

export type CalendarOverrideKind = 'workday' | 'holiday';

/** An admin's decision about one day; it wins over the official data (same shape as `calendarOverrideBody`). */
export interface CalendarOverride {
  day: string;
  kind: CalendarOverrideKind;
  note?: string | null;
}

export interface DayName {
  zh: string;
  en?: string;
}

/** The official calendar as data: statutory holidays, make-up working days and the years it is complete for. */
export interface CalendarData {
  holidays: Iterable<string>;
  makeUpWorkdays: Iterable<string>;
  /** Festival names of holidays and make-up days, where known. */
  names?: ReadonlyMap<string, DayName>;
  coveredYears: Iterable<number>;
}

export interface WorkCalendarInput extends CalendarData {
  overrides?: readonly CalendarOverride[];
  /** Years an admin has declared complete after entering their holidays as overrides. */
  completeYears?: Iterable<number>;
}

export type CoverageSource = 'data' | 'override' | 'none';
export interface YearCoverage {
  covered: boolean;
  source: CoverageSource;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday' | 'override_workday' | 'override_holiday';
export interface DayInfo {
  day: string;
  workday: boolean;
  kind: DayKind;
  name?: DayName;
  note?: string;
  /** False when the year has no official data: the day was judged by its weekday only. */
  covered: boolean;
}

export interface WorkCalendar {
  isWorkday(day: string): boolean;
  describeDay(day: string): DayInfo;
  coverage(year: number): YearCoverage;
  /** Years touched by [from, to] that have no calendar data: the caller must show a warning. */
  missingYears(from: Date, to: Date): number[];
  /**
   * The deadline n working days after start.
   * - start on a working day, n ≥ 1: the same local clock time on the nth working day after start's day;
   * - start on a non-working day: counting starts at 00:00 of the next working day, so the deadline is the end
   *   (24:00, returned as 00:00 of the following day) of the nth working day counting that one as the first;
   * - n = 0: the end of start's day if it is a working day, else the end of the next working day
   *   (so on a non-working day n = 0 and n = 1 coincide).
   */
  addWorkingDays(start: Date, n: number): Date;
  /** Plain elapsed minutes, for urgent limits (e.g. sign-for within 30 minutes, nights and holidays included). */
  addMinutes(start: Date, minutes: number): Date;
  /** The earliest instant at which `ms` of working time has elapsed since start. */
  addWorkingMs(start: Date, ms: number): Date;
  /** Time between a and b that falls on working days (each working day counts its whole 24 h); negative if b < a. */
  workingMsBetween(a: Date, b: Date): number;
  /** Whole working days between a and b (truncated toward zero), e.g. how long an item is overdue. */
  workingDaysBetween(a: Date, b: Date): number;
  /** 00:00 Asia/Shanghai of the first working day after the instant's local day. */
  nextWorkdayStart(instant: Date): Date;
}

/** Longest run of non-working days we search through before deciding the calendar data is broken. */
const MAX_SEARCH_DAYS = 3 * 366;

export function addMinutes(start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0: ${minutes}`);
  return new Date(toMs(start) + minutes * MINUTE_MS);
}

function assertWholeDays(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
}

function daySet(days: Iterable<string>): Set<DayNumber> {
  return new Set(Array.from(days, parseDay));
}

export function createWorkCalendar(input: WorkCalendarInput): WorkCalendar {
  const holidays = daySet(input.holidays);
  const makeUpWorkdays = daySet(input.makeUpWorkdays);
  const names = new Map(Array.from(input.names ?? [], ([day, name]) => [parseDay(day), name] as const));
  const dataYears = new Set(input.coveredYears);
  const completeYears = new Set(input.completeYears ?? []);
  // A later override of the same day replaces an earlier one, as an admin's edit would.
  const overrides = new Map((input.overrides ?? []).map((o) => [parseDay(o.day), o] as const));

  function coverage(year: number): YearCoverage {
    if (dataYears.has(year)) return { covered: true, source: 'data' };
    if (completeYears.has(year)) return { covered: true, source: 'override' };
    return { covered: false, source: 'none' };
  }

  function kindOf(day: DayNumber): DayKind {
    const override = overrides.get(day);
    if (override) return override.kind === 'workday' ? 'override_workday' : 'override_holiday';
    if (makeUpWorkdays.has(day)) return 'make_up_workday';
    if (holidays.has(day)) return 'holiday';
    const weekday = weekdayOf(day);
    return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
  }

  const WORKING_KINDS: ReadonlySet<DayKind> = new Set(['workday', 'make_up_workday', 'override_workday']);
  const isWorking = (day: DayNumber): boolean => WORKING_KINDS.has(kindOf(day));

  /** The nth working day after `day` (n ≥ 1), not counting `day` itself. */
  function nthWorkdayAfter(day: DayNumber, n: number): DayNumber {
    let current = day;
    for (let found = 0, scanned = 0; found < n; scanned++) {
      if (scanned > MAX_SEARCH_DAYS + n * 7) throw new RangeError(`no working day found after ${formatDay(day)}`);
      current += 1;
      if (isWorking(current)) found += 1;
    }
    return current;
  }

  function addWorkingDays(start: Date, n: number): Date {
    assertWholeDays(n);
    const startMs = toMs(start);
    const startDay = dayNumberOf(startMs);
    if (isWorking(startDay)) {
      if (n === 0) return new Date(dayStartMs(startDay + 1));
      const clockTime = startMs - dayStartMs(startDay);
      return new Date(dayStartMs(nthWorkdayAfter(startDay, n)) + clockTime);
    }
    const lastDay = nthWorkdayAfter(startDay, Math.max(n, 1));
    return new Date(dayStartMs(lastDay + 1));
  }

  function workingMsBetween(a: Date, b: Date): number {
    const [from, to] = [toMs(a), toMs(b)];
    if (to < from) return -workingMsBetween(b, a);
    let total = 0;
    for (let day = dayNumberOf(from); dayStartMs(day) < to; day++) {
      if (!isWorking(day)) continue;
      total += Math.min(to, dayStartMs(day + 1)) - Math.max(from, dayStartMs(day));
    }
    return total;
  }

  function addWorkingMs(start: Date, ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be ≥ 0: ${ms}`);
    let at = toMs(start);
    let remaining = ms;
    for (let day = dayNumberOf(at), scanned = 0; remaining > 0; day++, scanned++) {
      if (scanned > MAX_SEARCH_DAYS + (ms / DAY_MS) * 7) throw new RangeError('no working time found');
      if (!isWorking(day)) continue;
      at = Math.max(at, dayStartMs(day));
      const step = Math.min(remaining, dayStartMs(day + 1) - at);
      at += step;
      remaining -= step;
    }
    return new Date(at);
  }

  function missingYears(from: Date, to: Date): number[] {
    const [first, last] = [yearOfDay(dayNumberOf(from)), yearOfDay(dayNumberOf(to))].sort((x, y) => x - y);
    const missing: number[] = [];
    for (let year = first; year <= last; year++) if (!coverage(year).covered) missing.push(year);
    return missing;
  }

  function describeDay(day: string): DayInfo {
    const n = parseDay(day);
    const kind = kindOf(n);
    const name = names.get(n);
    const note = overrides.get(n)?.note ?? undefined;
    return {
      day,
      workday: WORKING_KINDS.has(kind),
      kind,
      ...(name && { name }),
      ...(note && { note }),
      covered: coverage(yearOfDay(n)).covered,
    };
  }

  return {
    isWorkday: (day) => isWorking(parseDay(day)),
    describeDay,
    coverage,
    missingYears,
    addWorkingDays,
    addMinutes,
    addWorkingMs,
    workingMsBetween,
    // `+ 0` turns the -0 of a short negative span into 0.
    workingDaysBetween: (a, b) => Math.trunc(workingMsBetween(a, b) / DAY_MS) + 0,
    nextWorkdayStart: (instant) => new Date(dayStartMs(nthWorkdayAfter(dayNumberOf(instant), 1))),
  };
}
