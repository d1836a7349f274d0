// Figures as text: counts with grouping, ratios as percentages with one decimal, hours as hours; "—" when undefined.
import type { Figure } from './types.ts';

export function formatFigure(f: Figure | undefined, lang: string): string {
  if (!f || f.value === null || f.value === undefined) return '—';
  if (f.unit === 'ratio')
    return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      f.value,
    );
  if (f.unit === 'hours') return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(f.value)} h`;
  return new Intl.NumberFormat(lang).format(f.value);
}

export function formatPercent(ratio: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}
