// Where an item stands against a deadline: early warning once the warning share of the time is used, red once past due.
export type WarnLevel = 'none' | 'yellow' | 'red';

export interface CountdownState {
  level: WarnLevel;
  /** Milliseconds left (negative once overdue). */
  remainingMs: number;
}

export const DEFAULT_WARN_RATIO = 0.75;
const LEVEL_ORDER: WarnLevel[] = ['none', 'yellow', 'red'];

/** Statuses in which the handling deadline is running (after the reply it no longer counts down). */
export const HANDLING_STATUSES: readonly string[] = ['accepted', 'dispatched', 'in_progress'];

/** The clock an item runs against now (see OpenClock), from the fields of its summary. */
export function currentClock(item: {
  status: string;
  submittedAt: string;
  acceptedAt: string | null;
  handleDueAt: string | null;
  signDueAt: string | null;
  callbackDueAt: string | null;
}): { kind: 'sign' | 'handle' | 'callback'; start: string | null; due: string } | null {
  if (item.status === 'dispatched' && item.signDueAt) return { kind: 'sign', start: null, due: item.signDueAt };
  if (HANDLING_STATUSES.includes(item.status) && item.handleDueAt)
    return { kind: 'handle', start: item.acceptedAt ?? item.submittedAt, due: item.handleDueAt };
  if (item.callbackDueAt && ['replied', 'verified'].includes(item.status))
    return { kind: 'callback', start: null, due: item.callbackDueAt };
  return null;
}

/**
 * `serverLevel` is the level the server recorded with working-day arithmetic; the clock can only make it worse,
 * so the shown level is the more severe of the two.
 */
export function countdownState(
  nowMs: number,
  startIso: string | null,
  dueIso: string,
  serverLevel: WarnLevel = 'none',
  warnRatio = DEFAULT_WARN_RATIO,
): CountdownState {
  const due = Date.parse(dueIso);
  const remainingMs = due - nowMs;
  let level: WarnLevel = 'none';
  if (remainingMs < 0) level = 'red';
  else if (startIso) {
    const start = Date.parse(startIso);
    const span = due - start;
    if (span > 0 && (nowMs - start) / span >= warnRatio) level = 'yellow';
  }
  const worst = Math.max(LEVEL_ORDER.indexOf(level), LEVEL_ORDER.indexOf(serverLevel));
  return { level: LEVEL_ORDER[worst], remainingMs };
}

/** The two most significant units of a duration, e.g. 2 d 3 h, 5 h 10 min, 12 min. */
export function durationParts(ms: number): { unit: 'days' | 'hours' | 'minutes'; n: number }[] {
  const total = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0)
    return hours > 0
      ? [
          { unit: 'days', n: days },
          { unit: 'hours', n: hours },
        ]
      : [{ unit: 'days', n: days }];
  if (hours > 0)
    return minutes > 0
      ? [
          { unit: 'hours', n: hours },
          { unit: 'minutes', n: minutes },
        ]
      : [{ unit: 'hours', n: hours }];
  return [{ unit: 'minutes', n: minutes }];
}
