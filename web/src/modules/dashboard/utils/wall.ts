// The wall-screen (大屏) layout: every size follows from the viewport height (1080 px is the reference screen), so
// that the whole dashboard fits one screen without scrolling, on a wall or on a laptop. Pure, tested without a
// browser; the view applies the numbers as pixels.

/** Sizes on the 1080 px reference screen, in CSS pixels. */
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

/** Font sizes on the reference screen: title bar, card titles, list text, tile labels, tile values, chart text. */
const FONTS = { title: 30, subtitle: 22, heading: 22, list: 20, label: 18, value: 42, chart: 16 } as const;

export type WallLayout = { [K in keyof typeof WALL]: number } & {
  /** Height of each of the two rows of cards under the headline figures. */
  rowHeight: number;
  /** Height of a chart inside such a card. */
  chartHeight: number;
  /** How many rows a list (league, hotspots) shows. */
  listRows: number;
  /** How many bars a horizontal bar chart shows. */
  bars: number;
  fonts: { [K in keyof typeof FONTS]: number };
};

/** The wall's sizes for a viewport this tall: scaled from the 1080 px screen, never below 12 px type. */
export function wallLayout(viewportHeight: number): WallLayout {
  const scale = Math.min(2, Math.max(0.6, viewportHeight / 1080));
  const size = Object.fromEntries(Object.entries(WALL).map(([k, v]) => [k, Math.round(v * scale)])) as {
    [K in keyof typeof WALL]: number;
  };
  const fonts = Object.fromEntries(
    Object.entries(FONTS).map(([k, v]) => [k, Math.max(12, Math.round(v * scale))]),
  ) as WallLayout['fonts'];
  const fixed = size.padding * 2 + size.titleBar + size.tile * 2 + size.gap * 4;
  const rowHeight = Math.floor((Math.max(viewportHeight, 1080 * 0.6) - fixed) / 2);
  const chartHeight = rowHeight - size.cardHead - size.cardPadding;
  return {
    ...size,
    rowHeight,
    chartHeight,
    listRows: Math.max(1, Math.floor((chartHeight - size.listHeader) / size.listRow)),
    bars: Math.max(3, Math.min(15, Math.floor(chartHeight / (fonts.chart * 2.2)))),
    fonts,
  };
}
