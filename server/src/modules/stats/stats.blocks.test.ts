// The split of a period into aligned pair-rollup blocks: every day exactly once, each block whole and aligned.
import { describe, expect, it } from 'vitest';
import { BLOCKS, coverDays } from './stats.repository.ts';

const days = (pieces: ReturnType<typeof coverDays>) =>
  pieces.flatMap((p) => {
    expect(p.from % p.size, `aligned ${JSON.stringify(p)}`).toBe(0);
    expect((p.to - p.from) % p.size, `whole ${JSON.stringify(p)}`).toBe(0);
    return Array.from({ length: p.to - p.from + p.size }, (_, i) => p.from + i);
  });

describe('coverDays', () => {
  it.each([
    [20423, 20787], // the default year
    [20422, 20422], // one day
    [20416, 20479], // exactly one 64-day block
    [20415, 20480], // one 64-day block and a day on each side
    [20420, 20426], // fewer days than a 16-day block, across a 4-day boundary
  ])('covers %i … %i with each day once', (from, to) => {
    const pieces = coverDays(from, to);
    const covered = days(pieces).sort((a, b) => a - b);
    expect(covered).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    for (const p of pieces) expect([1, ...BLOCKS]).toContain(p.size);
  });

  it('reads a year from at most 23 rows per value pair', () => {
    for (let from = 20000; from < 20064; from++) {
      const pieces = coverDays(from, from + 364);
      const rows = pieces.reduce((n, p) => n + (p.to - p.from) / p.size + 1, 0);
      expect(rows).toBeLessThanOrEqual(23);
    }
  });

  it('is empty for an empty period', () => {
    expect(coverDays(5, 4)).toEqual([]);
  });
});
