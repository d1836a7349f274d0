// Time comes from an injected clock so that rules and tests can move it.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fakeClock(start: number | string | Date): Clock & { set(t: number | string | Date): void; advance(ms: number): void } {
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

/** ISO 8601 in the city's time zone (Asia/Shanghai, UTC+8, no DST), e.g. 2026-11-30T12:00:00.000+08:00. */
export function toIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(Number(ms) + OFFSET).toISOString().replace('Z', '+08:00');
}

/** The city-local day (YYYY-MM-DD) of an instant. */
export function localDay(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** 00:00 of a city-local day as epoch ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - OFFSET;
}
