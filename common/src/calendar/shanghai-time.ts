// Local days of the city (Asia/Shanghai) from instants and back, by fixed-offset arithmetic: China has kept UTC+8
// without daylight saving since 1991, and Intl time-zone data differs between runtimes, so we do not depend on it.

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A local day as a whole number of days since 1970-01-01 (a Thursday): cheap to compare, add and hash. */
export type DayNumber = number;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toMs(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  return ms;
}

export function dayNumberOf(instant: Date | number): DayNumber {
  return Math.floor((toMs(instant) + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** 00:00 Asia/Shanghai of the day, in epoch ms. */
export function dayStartMs(day: DayNumber): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Parses 'YYYY-MM-DD', refusing impossible dates such as 2026-02-30 instead of rolling them over. */
export function parseDay(day: string): DayNumber {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const n = ms / DAY_MS;
    if (formatDay(n) === day) return n;
  }
  throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
}

export function formatDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The local day ('YYYY-MM-DD') an instant falls on. */
export function localDayOf(instant: Date | number): string {
  return formatDay(dayNumberOf(instant));
}

/** 00:00 Asia/Shanghai of a local day. */
export function startOfLocalDay(day: string): Date {
  return new Date(dayStartMs(parseDay(day)));
}

/** Reads 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm' as Asia/Shanghai wall-clock time; for tests, seeds and admin input. */
export function shanghaiTime(wallClock: string): Date {
  const [day, time = '00:00'] = wallClock.trim().split(/[ T]/);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const [hours, minutes] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  // 24:00 is allowed because deadlines are spoken of as the end of a day.
  if (!(hours * 60 + minutes <= 24 * 60 && minutes <= 59)) throw new RangeError(`not a wall-clock time: ${wallClock}`);
  return new Date(dayStartMs(parseDay(day)) + (hours * 60 + minutes) * MINUTE_MS);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai: the inverse of shanghaiTime, for messages and test tables. */
export function formatShanghaiTime(instant: Date | number): string {
  return new Date(toMs(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
