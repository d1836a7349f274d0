// The headline figures as CSV (figure, value, numerator, denominator, definition) for the dashboard's export button.
import type { Figures } from './types.ts';

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function figuresCsv(
  figures: Figures,
  keys: readonly string[],
  names: Record<string, string>,
  lang: 'zh-CN' | 'en-US',
  header: string[],
): string {
  const rows = keys
    .filter((k) => figures[k])
    .map((k) => {
      const f = figures[k];
      return [names[k] ?? k, f.value ?? '', f.numerator ?? '', f.denominator ?? '', f.definition[lang]]
        .map((v) => quote(String(v)))
        .join(',');
    });
  // A byte-order mark so that Excel opens the Chinese text as UTF-8.
  return `\uFEFF${header.map(quote).join(',')}\n${rows.join('\n')}\n`;
}
