// The decision steps both evaluators share, so a single enterprise and a whole population are decided by the same code.
import { FAIL, PASS, type State, UNKNOWN } from './cell.ts';

/** A row's score is the sum of its cells' weights: 0 means it matches, below FAIL_WEIGHT means only unknowns stand in the way. */
export const FAIL_WEIGHT = 256;
export const STATE_WEIGHT = Uint16Array.of(0, 1, FAIL_WEIGHT);
/** An exclusion whose test holds is a failed criterion. */
export const INVERTED = Uint8Array.of(FAIL, UNKNOWN, PASS);

/**
 * Picks the matched row (>= 0) or, when none matches, encodes the decisive row d as -d-1: the nearest row, with the
 * fewest failing then fewest unknown cells (first on ties). With `byRank`, the matching row of lowest rank wins.
 */
export function pickRow(scores: ArrayLike<number>, ranks: ArrayLike<number>, rows: number, byRank: boolean): number {
  let best = -1;
  let bestRank = Infinity;
  let nearest = 0;
  let nearestScore = Infinity;
  for (let r = 0; r < rows; r++) {
    const s = scores[r];
    if (s === 0) {
      if (!byRank) return r;
      if (ranks[r] < bestRank) {
        best = r;
        bestRank = ranks[r];
      }
    } else if (s < nearestScore) {
      nearestScore = s;
      nearest = r;
    }
  }
  return best >= 0 ? best : -nearest - 1;
}

/** The table's state from the picked row and its score. */
export function tableState(picked: number, decisiveScore: number): State {
  return picked >= 0 ? PASS : decisiveScore < FAIL_WEIGHT ? UNKNOWN : FAIL;
}

/** Combined status: any failure makes the item ineligible; otherwise any unknown makes it "possibly eligible". */
export function combine(a: State, b: State): State {
  return a > b ? a : b;
}
