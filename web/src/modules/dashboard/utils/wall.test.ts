import { describe, expect, it } from 'vitest';
import { wallLayout, type WallLayout } from './wall.ts';

const used = (l: WallLayout) => l.padding * 2 + l.titleBar + l.tile * 2 + l.gap * 4 + l.rowHeight * 2;

describe('wallLayout', () => {
  it('fills a 1920×1080 screen exactly: title bar, two rows of tiles and two rows of cards', () => {
    const l = wallLayout(1080);
    expect(used(l)).toBeLessThanOrEqual(1080);
    expect(used(l)).toBeGreaterThan(1080 - 2);
    expect(l.chartHeight).toBe(l.rowHeight - l.cardHead - l.cardPadding);
    expect(l.chartHeight).toBeGreaterThanOrEqual(280);
  });
  it('shows at least the five departments of each list and eight bars on a 1080 px screen, in type readable from afar', () => {
    const l = wallLayout(1080);
    expect(l.listRows).toBeGreaterThanOrEqual(5);
    expect(l.bars).toBeGreaterThanOrEqual(8);
    expect(l.fonts.chart).toBeGreaterThanOrEqual(16);
    expect(l.fonts.list).toBeGreaterThanOrEqual(20);
    expect(l.fonts.value).toBeGreaterThanOrEqual(40);
  });
  it('scales everything down to a 768 px laptop screen so that it still fits, keeping type at 12 px or more', () => {
    const l = wallLayout(768);
    expect(used(l)).toBeLessThanOrEqual(768);
    expect(used(l)).toBeGreaterThan(768 - 2);
    expect(l.listRows).toBeGreaterThanOrEqual(5);
    expect(l.chartHeight).toBeGreaterThanOrEqual(180);
    expect(Math.min(...Object.values(l.fonts))).toBeGreaterThanOrEqual(12);
  });
  it('grows the charts with a taller screen and stops shrinking below 648 px', () => {
    expect(wallLayout(2160).chartHeight).toBeGreaterThan(wallLayout(1080).chartHeight);
    expect(wallLayout(400)).toEqual(wallLayout(648));
    expect(wallLayout(648).listRows).toBeGreaterThanOrEqual(1);
  });
});
