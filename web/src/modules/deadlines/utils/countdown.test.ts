import { describe, expect, it } from 'vitest';
import { countdownState, currentClock, durationParts } from './countdown.ts';

const start = '2026-11-30T09:00:00+08:00';
const due = '2026-11-30T13:00:00+08:00'; // four hours
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);

describe('countdownState', () => {
  it('is green before 75% of the time is used', () => {
    expect(countdownState(at('11:59'), start, due).level).toBe('none');
  });
  it('turns yellow at 75% used', () => {
    expect(countdownState(at('12:00'), start, due).level).toBe('yellow');
  });
  it('turns red once past due, with a negative remainder', () => {
    const s = countdownState(at('13:01'), start, due);
    expect(s.level).toBe('red');
    expect(s.remainingMs).toBe(-60_000);
  });
  it('never shows better than the server recorded', () => {
    expect(countdownState(at('10:00'), start, due, 'yellow').level).toBe('yellow');
    expect(countdownState(at('10:00'), start, due, 'red').level).toBe('red');
  });
  it('honours a configured warning share', () => {
    expect(countdownState(at('11:00'), start, due, 'none', 0.5).level).toBe('yellow');
  });
});

describe('durationParts', () => {
  it('keeps the two most significant units', () => {
    expect(durationParts((2 * 24 + 3) * 3_600_000 + 5 * 60_000)).toEqual([
      { unit: 'days', n: 2 },
      { unit: 'hours', n: 3 },
    ]);
    expect(durationParts(-(5 * 60 + 10) * 60_000)).toEqual([
      { unit: 'hours', n: 5 },
      { unit: 'minutes', n: 10 },
    ]);
    expect(durationParts(30_000)).toEqual([{ unit: 'minutes', n: 0 }]);
  });
});

describe('currentClock', () => {
  const base = { submittedAt: start, acceptedAt: start, handleDueAt: due, signDueAt: null, callbackDueAt: null };
  it('runs the sign-for clock while a dispatched item is not signed, then the handling clock', () => {
    expect(currentClock({ ...base, status: 'dispatched', signDueAt: '2026-11-30T10:00:00+08:00' })).toEqual({
      kind: 'sign',
      start: null,
      due: '2026-11-30T10:00:00+08:00',
    });
    expect(currentClock({ ...base, status: 'in_progress' })).toEqual({ kind: 'handle', start, due });
  });
  it('runs the callback clock after the reply, and none once the item is done', () => {
    const callbackDueAt = '2026-12-02T18:00:00+08:00';
    expect(currentClock({ ...base, status: 'replied', callbackDueAt })?.kind).toBe('callback');
    expect(currentClock({ ...base, status: 'closed', callbackDueAt })).toBeNull();
    expect(currentClock({ ...base, status: 'submitted', handleDueAt: null })).toBeNull();
  });
});
