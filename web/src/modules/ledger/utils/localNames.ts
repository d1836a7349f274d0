// Names of categories, districts and departments in the UI language: the ledger API sends the Chinese name only, the
// look-ups carry the English one.
export interface Named {
  id: string;
  name: string;
  nameEn: string | null;
  children?: readonly Named[];
}

/** id → name in the UI language (Chinese when there is no English name), across a whole tree. */
export function nameIndex(
  nodes: readonly Named[],
  english: boolean,
  into = new Map<string, string>(),
): Map<string, string> {
  for (const n of nodes) {
    into.set(n.id, english && n.nameEn ? n.nameEn : n.name);
    if (n.children?.length) nameIndex(n.children, english, into);
  }
  return into;
}

/** The looked-up name, or the server's own (e.g. a retired category the look-ups leave out). */
export function localName(
  index: ReadonlyMap<string, string>,
  id: string | null,
  fallback: string | null,
): string | null {
  return (id && index.get(id)) || fallback;
}
