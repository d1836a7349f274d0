// The compiled policy catalogue: items, parameters and rule versions read from the database, compiled once and kept
// until any of them changes (checked by a cheap stamp query), then bound to the parameters in force on a date.
import type { Kysely } from 'kysely';
import {
  type BoundRule,
  type DatedParameter,
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

/** What a catalogue is compiled from: plain data, so a worker thread can compile the same catalogue. */
export interface CatalogueSource {
  items: (PolicyItem & { active: boolean })[];
  parameters: DatedParameter[];
  rules: PublishedRule[];
}

export interface Catalogue {
  stamp: string;
  /** Unique per loaded catalogue (stamps of two databases can be equal): what a worker caches it under. */
  key: string;
  source: CatalogueSource;
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
    const [itemRows, parameters, ruleRows] = await Promise.all([
      db.selectFrom('policy_item').selectAll().execute(),
      listParameters(db),
      db.selectFrom('policy_rule').selectAll().orderBy('item_id').orderBy('version').execute(),
    ]);
    return catalogueFrom(stamp, {
      items: itemRows.map((r) => ({ ...itemOf(r), active: r.active === 1 })),
      parameters,
      rules: ruleRows.map(ruleOf),
    });
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
let loads = 0;

/** Compiles lazily: a rule version is compiled the first time `boundAt` needs it, then kept. */
export function catalogueFrom(
  stamp: string,
  source: CatalogueSource,
  key = `${process.pid}-${++loads}-${stamp}`,
): Catalogue {
  const registry = parameterRegistry(source.parameters);
  const items = new Map(source.items.map((i) => [i.id, i]));
  const rules = rulesByItem(source.rules);
  const compiled = new Map<string, CompiledRule>();
  const compiledOf = (rule: PublishedRule) => {
    const k = `${rule.itemId}@${rule.version}`;
    let c = compiled.get(k);
    if (!c) compiled.set(k, (c = compileRule(rule, registry)));
    return c;
  };
  const cat: Catalogue = {
    stamp,
    key,
    source,
    items,
    registry,
    rules,
    boundAt(asOf, only) {
      const snapshot = snapshotParameters(registry, asOf);
      const out: { item: PolicyItem; bound: BoundRule }[] = [];
      for (const { item } of targetsAt(cat, asOf, only)) {
        out.push({ item, bound: compiledOf(ruleVersionAt(rules.get(item.id)!, asOf)!).at(snapshot) });
      }
      return out;
    },
  };
  return cat;
}

/** Active items with a rule version in force on `asOf`, without compiling anything (cheap, for the main thread). */
export function targetsAt(
  cat: Pick<Catalogue, 'items' | 'rules'>,
  asOf: string,
  only?: (itemId: string) => boolean,
): { item: PolicyItem }[] {
  const out: { item: PolicyItem }[] = [];
  for (const [itemId, versions] of cat.rules) {
    const item = cat.items.get(itemId);
    if (!item?.active || (only && !only(itemId))) continue;
    if (ruleVersionAt(versions, asOf)) out.push({ item });
  }
  return out;
}

export type CatalogueCache = ReturnType<typeof createCatalogueCache>;
