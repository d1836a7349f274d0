// The compiled policy catalogue: items, parameters and rule versions read from the database, compiled once and kept
// until any of them changes (checked by a cheap stamp query), then bound to the parameters in force on a date.
import type { Kysely } from 'kysely';
import {
  type BoundRule,
  compileRule,
  type CompiledRule,
  type ParameterRegistry,
  parameterRegistry,
  type PolicyItem,
  type PublishedRule,
  ruleVersionAt,
  rulesByItem,
  snapshotParameters,
} from '@tingquan/common/policy/index';
import type { DB } from '../../db/schema.ts';
import { catalogueStamp, itemOf, listParameters, ruleOf } from './policy.repository.ts';

export interface Catalogue {
  stamp: string;
  items: Map<string, PolicyItem & { active: boolean }>;
  registry: ParameterRegistry;
  rules: Map<string, PublishedRule[]>;
  /** Active items with a rule version in force on `asOf`, bound to that day's parameters. */
  boundAt(asOf: string, only?: (itemId: string) => boolean): { item: PolicyItem; bound: BoundRule }[];
}

export function createCatalogueCache(db: Kysely<DB>) {
  let cached: Promise<Catalogue> | null = null;
  let cachedStamp = '';

  async function load(stamp: string): Promise<Catalogue> {
    const [itemRows, params, ruleRows] = await Promise.all([
      db.selectFrom('policy_item').selectAll().execute(),
      listParameters(db),
      db.selectFrom('policy_rule').selectAll().orderBy('item_id').orderBy('version').execute(),
    ]);
    const registry = parameterRegistry(params);
    const items = new Map(itemRows.map((r) => [r.id, { ...itemOf(r), active: r.active === 1 }]));
    const rules = rulesByItem(ruleRows.map(ruleOf));
    const compiled = new Map<string, CompiledRule>();
    const compiledOf = (rule: PublishedRule) => {
      const key = `${rule.itemId}@${rule.version}`;
      let c = compiled.get(key);
      if (!c) compiled.set(key, (c = compileRule(rule, registry)));
      return c;
    };
    return {
      stamp,
      items,
      registry,
      rules,
      boundAt(asOf, only) {
        const snapshot = snapshotParameters(registry, asOf);
        const out: { item: PolicyItem; bound: BoundRule }[] = [];
        for (const [itemId, versions] of rules) {
          const item = items.get(itemId);
          if (!item?.active || (only && !only(itemId))) continue;
          const v = ruleVersionAt(versions, asOf);
          if (v) out.push({ item, bound: compiledOf(v).at(snapshot) });
        }
        return out;
      },
    };
  }

  return {
    async get(): Promise<Catalogue> {
      const stamp = await catalogueStamp(db);
      if (!cached || stamp !== cachedStamp) {
        cachedStamp = stamp;
        cached = load(stamp).catch((e) => {
          cached = null;
          throw e;
        });
      }
      return cached;
    },
  };
}
export type CatalogueCache = ReturnType<typeof createCatalogueCache>;
