// The library page's filters: category, department and text over documents and items (all loaded, ~200 items).
import type { PolicyDocumentView, PolicyItemView } from '../types.ts';

export interface LibraryFilter {
  category?: string;
  department?: string;
  q?: string;
}

const has = (text: string, q: string) => text.toLowerCase().includes(q.toLowerCase());

export function filterItems(
  items: readonly PolicyItemView[],
  docs: readonly PolicyDocumentView[],
  f: LibraryFilter,
): PolicyItemView[] {
  const q = f.q?.trim();
  const numbers = new Map(docs.map((d) => [d.id, d.number]));
  return items.filter(
    (i) =>
      (!f.category || i.category === f.category) &&
      (!f.department || i.department === f.department) &&
      (!q || has(i.name, q) || i.id === q || has(numbers.get(i.documentId) ?? '', q)),
  );
}

/** Documents that match the filter themselves (category, text) or hold a matching item (department, text). */
export function filterDocuments(
  docs: readonly PolicyDocumentView[],
  items: readonly PolicyItemView[],
  f: LibraryFilter,
): PolicyDocumentView[] {
  const q = f.q?.trim();
  const withItems = new Set(filterItems(items, docs, f).map((i) => i.documentId));
  return docs.filter((d) => {
    if (f.department) return withItems.has(d.id);
    const ownMatch =
      (!f.category || d.category === f.category) && (!q || has(d.title, q) || has(d.number, q) || has(d.issuer, q));
    return ownMatch || withItems.has(d.id);
  });
}

export function departmentsOf(items: readonly PolicyItemView[]): string[] {
  return [...new Set(items.map((i) => i.department))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}
