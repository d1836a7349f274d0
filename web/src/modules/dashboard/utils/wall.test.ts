import { describe, expect, it } from 'vitest';
import { WALL, wallLayout } from './wall.ts';

describe('wallLayout', () => {
  it('fills a 1920×1080 screen exactly: title bar, two rows of tiles and two rows of cards', () => {
    const l = wallLayout(1080);
    const used = WALL.padding * 2 + WALL.titleBar + WALL.tile * 2 + WALL.gap * 4 + l.rowHeight * 2;
    expect(used).toBeLessThanOrEqual(1080);
    expect(used).toBeGreaterThan(1080 - 2);
    expect(l.chartHeight).toBe(l.rowHeight - WALL.cardHead - WALL.cardPadding);
    expect(l.chartHeight).toBeGreaterThanOrEqual(280);
  });
  it('shows at least the five departments of each list and ten bars on a 1080 px screen, in a large font', () => {
    const l = wallLayout(1080);
    expect(l.listRows).toBeGreaterThanOrEqual(5);
    expect(l.bars).toBeGreaterThanOrEqual(8);
    expect(l.chartFont).toBeGreaterThanOrEqual(16);
  });
  it('grows the charts with a taller screen and never shrinks them below a 720 px screen', () => {
    expect(wallLayout(2160).chartHeight).toBeGreaterThan(wallLayout(1080).chartHeight);
    expect(wallLayout(400)).toEqual(wallLayout(720));
    expect(wallLayout(720).listRows).toBeGreaterThanOrEqual(1);
  });
});
