import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStart, localDay, toIso } from './clock.ts';

describe('city time', () => {
  it.each([
    [Date.parse('2026-11-30T02:00:00.000Z'), '2026-11-30T10:00:00.000+08:00'],
    [Date.parse('2026-12-31T16:00:00.000Z'), '2027-01-01T00:00:00.000+08:00'],
    [Date.parse('2026-02-28T15:59:59.999Z'), '2026-02-28T23:59:59.999+08:00'],
    [0, '1970-01-01T08:00:00.000+08:00'],
  ])('formats %d as %s', (ms, iso) => {
    expect(toIso(ms)).toBe(iso);
    expect(Date.parse(iso)).toBe(ms);
  });

  it('agrees with Date for any instant, and keeps null', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(toIso(ms)).toBe(new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00'));
      }),
      { numRuns: 5000 },
    );
    expect(toIso(null)).toBeNull();
  });

  it('knows the local day', () => {
    expect(localDay(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(dayStart('2026-12-01')).toBe(Date.parse('2026-11-30T16:00:00Z'));
  });
});
