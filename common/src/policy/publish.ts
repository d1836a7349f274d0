// Publishing freezes a rule version under its content hash; evaluation picks the version in force on a date.
import { toDay } from './dates.ts';
import { compileRule, ruleHash, type CompiledRule } from './engine.ts';
import type { ParameterRegistry } from './parameters.ts';
import type { Rule } from './rule.ts';
import { assertValidRule } from './validate.ts';

export type PublishedRule = Readonly<Rule> & {
  readonly status: 'published';
  readonly hash: string;
  readonly publishedAt: string;
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Validates, hashes and freezes a rule version; a later change must be a new version with its own effective date. */
export function publishRule(rule: Rule, registry: ParameterRegistry, publishedAt: string): PublishedRule {
  if (rule.status === 'published')
    throw new Error(`rule ${rule.itemId} v${rule.version} is already published; make a new version`);
  const checked = assertValidRule(rule, registry);
  return deepFreeze({
    ...checked.rule,
    status: 'published',
    hash: ruleHash(checked.rule),
    publishedAt,
  }) as PublishedRule;
}

/** The published version in force on `asOf` (latest effectiveFrom ≤ asOf < effectiveTo; the highest version wins a tie). */
export function ruleVersionAt<T extends Pick<Rule, 'status' | 'version' | 'effectiveFrom' | 'effectiveTo'>>(
  versions: readonly T[],
  asOf: string,
): T | undefined {
  const day = toDay(asOf);
  let found: T | undefined;
  for (const v of versions) {
    if (
      v.status !== 'published' ||
      toDay(v.effectiveFrom) > day ||
      (v.effectiveTo !== undefined && toDay(v.effectiveTo) <= day)
    )
      continue;
    if (
      !found ||
      v.effectiveFrom > found.effectiveFrom ||
      (v.effectiveFrom === found.effectiveFrom && v.version > found.version)
    )
      found = v;
  }
  return found;
}

/** Compiles every item's version in force on `asOf`; items with no version in force are left out. */
export function compileRulesAt(
  rulesByItem: ReadonlyMap<string, readonly Rule[]>,
  registry: ParameterRegistry,
  asOf: string,
): CompiledRule[] {
  return [...rulesByItem.values()].flatMap((versions) => {
    const v = ruleVersionAt(versions, asOf);
    return v ? [compileRule(v, registry)] : [];
  });
}

/** Rule versions grouped by item (Map.groupBy needs Node 21). */
export function rulesByItem<T extends Pick<Rule, 'itemId'>>(rules: readonly T[]): Map<string, T[]> {
  const byItem = new Map<string, T[]>();
  for (const r of rules) {
    const list = byItem.get(r.itemId);
    if (list) list.push(r);
    else byItem.set(r.itemId, [r]);
  }
  return byItem;
}
