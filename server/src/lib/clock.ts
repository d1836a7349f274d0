// Time comes from an injected clock so that rules and tests can move it.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fakeClock(
  start: number | string | Date,
): Clock & { set(t: number | string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => t,
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const OFFSET = 8 * 3600_000;

const DAY = 86_400_000;
const dayText = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * ISO 8601 in the city's time zone (Asia/Shanghai, UTC+8, no DST), e.g. 2026-11-30T12:00:00.000+08:00.
 * Lists format thousands of times per answer, so the date part is cached and the clock part done with arithmetic.
 */
export function toIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const t = Number(ms) + OFFSET;
  const day = Math.floor(t / DAY);
  let date = dayText.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayText.size > 20_000) dayText.clear();
    dayText.set(day, date);
  }
  let rest = t - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${date}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest - s * 1000, 3)}+08:00`;
}

/** The city-local day (YYYY-MM-DD) of an instant. */
export function localDay(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** 00:00 of a city-local day as epoch ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - OFFSET;
}
