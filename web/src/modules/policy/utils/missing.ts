// "What am I missing", summed up: for the items that need more data, how many each missing fact would settle.
export function missingFactCounts(
  entries: readonly { missingFacts: readonly string[] }[],
): { fact: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) for (const f of new Set(e.missingFacts)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts]
    .map(([fact, count]) => ({ fact, count }))
    .sort((a, b) => b.count - a.count || a.fact.localeCompare(b.fact));
}
