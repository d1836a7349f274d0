// The wall-screen (大屏) layout: every height follows from the viewport height, so that the whole dashboard fits
// one screen without scrolling. Pure, tested without a browser; the view applies the numbers as pixels.

/** Fixed parts of the wall, in CSS pixels. */
export const WALL = {
  padding: 16,
  gap: 12,
  titleBar: 64,
  /** One headline tile: label and value; two rows of six. */
  tile: 100,
  /** A card's title bar and the padding of its body (top + bottom). */
  cardHead: 52,
  cardPadding: 24,
  /** A list's header and each of its rows. */
  listHeader: 40,
  listRow: 38,
} as const;

export interface WallLayout {
  /** Height of each of the two rows of cards under the headline figures. */
  rowHeight: number;
  /** Height of a chart inside such a card. */
  chartHeight: number;
  /** How many rows a list (league, hotspots) shows. */
  listRows: number;
  /** How many bars a horizontal bar chart shows. */
  bars: number;
  /** Font size of chart labels and legends. */
  chartFont: number;
}

/** The wall's numbers for a viewport this tall (never below what still reads: a 720 px screen scrolls instead). */
export function wallLayout(viewportHeight: number): WallLayout {
  const height = Math.max(viewportHeight, 720);
  const fixed = WALL.padding * 2 + WALL.titleBar + WALL.tile * 2 + WALL.gap * 4;
  const rowHeight = Math.floor((height - fixed) / 2);
  const chartHeight = rowHeight - WALL.cardHead - WALL.cardPadding;
  const chartFont = height >= 1000 ? 16 : 14;
  return {
    rowHeight,
    chartHeight,
    listRows: Math.max(1, Math.floor((chartHeight - WALL.listHeader) / WALL.listRow)),
    bars: Math.max(3, Math.min(15, Math.floor(chartHeight / (chartFont * 2.2)))),
    chartFont,
  };
}
