// The spot-check sample as a pure function: reproducible for a seed, independent of row order, stratified.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, sampleSize } from './spot-check.service.ts';

const rows = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([dept, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${dept}-${String(i).padStart(4, '0')}`, main_department_id: dept })),
  );

describe('sampleSize', () => {
  it.each([
    [1, 0.1, 1],
    [9, 0.1, 1],
    [15, 0.1, 2],
    [100, 0.1, 10],
    [6, 0.5, 3],
    [3, 1, 3],
  ])('%i closed at %f → %i', (n, rate, expected) => expect(sampleSize(n, rate)).toBe(expected));
});

describe('drawSample', () => {
  it('gives the same sample for the same seed whatever the row order, and a different one for another seed', () => {
    const all = rows({ a: 200, b: 50, c: 1 });
    const one = drawSample(all, 'seed-1', 0.1).map((r) => r.id);
    expect(
      drawSample([...all].reverse(), 'seed-1', 0.1)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...one].sort());
    expect(drawSample(all, 'seed-2', 0.1).map((r) => r.id)).not.toEqual(one);
  });

  it('takes the rounded rate from every department, at least one each', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 1, max: 60 })),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.string(),
        (counts, rate, seed) => {
          const sample = drawSample(rows(counts), seed, rate);
          for (const [dept, n] of Object.entries(counts)) {
            expect(sample.filter((r) => r.main_department_id === dept).length).toBe(sampleSize(n, rate));
          }
          expect(new Set(sample.map((r) => r.id)).size).toBe(sample.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
