// The CPU part of a matching run's chunk, as a pure function of plain data: bind the rules in force, sweep the chunk's
// enterprises in columns, and explain every eligible decision. It runs in a worker thread (policy.sweep.worker.ts) so a
// city-wide run leaves the event loop to API requests, or in-process where a worker cannot start (policy.sweeper.ts).
import {
  columnsFromEnterprises,
  type Enterprise,
  type EnterpriseView,
  POLICY_ENGINE_VERSION,
  prepareColumns,
  sweep,
  viewEnterprise,
} from '@tingquan/common/policy/index';
import type { EnterpriseTable } from '../../db/schema.ts';
import { localDay } from '../../lib/clock.ts';
import type { Catalogue } from './policy.catalogue.ts';
import { enterpriseOf } from './policy.repository.ts';

export interface ChunkInput {
  asOf: string;
  /** The items to evaluate (active, with a rule in force on asOf), as the main thread chose them. */
  itemIds: string[];
  rows: Pick<EnterpriseTable, 'uscc' | 'name' | 'facts'>[];
  /** Per row: benefits already paid (item, epoch ms). */
  receipts: { itemId: string; paidAt: number }[][];
}

/** A BatchResult without the per-enterprise arrays: what a run's aggregates need. */
export interface ChunkItemResult {
  itemId: string;
  ruleVersion: number;
  ruleHash: string;
  population: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  totalAmount: number;
  criteria: { id: string; label: string; kind: string }[];
  failCounts: number[];
  unknownCounts: number[];
}

/** One eligible decision: the row it is about and the explanation, already serialised (that is CPU work too). */
export interface ChunkCandidate {
  itemId: string;
  row: number;
  amount: number | null;
  ruleVersion: number;
  ruleHash: string;
  engineVersion: string;
  parameterSnapshotDate: string;
  explanation: string;
}

export interface ChunkOutput {
  results: ChunkItemResult[];
  candidates: ChunkCandidate[];
}

export function evaluateChunk(cat: Catalogue, input: ChunkInput): ChunkOutput {
  const wanted = new Set(input.itemIds);
  const targets = cat.boundAt(input.asOf, (id) => wanted.has(id));
  if (!targets.length || !input.rows.length) return { results: [], candidates: [] };
  const bounds = targets.map((t) => t.bound);
  const enterprises: Enterprise[] = input.rows.map((r, i) =>
    enterpriseOf(
      r,
      (input.receipts[i] ?? []).map((x) => ({ itemId: x.itemId, date: localDay(x.paidAt) })),
    ),
  );
  const batch = sweep(bounds, prepareColumns(columnsFromEnterprises(enterprises), input.asOf));
  const views = new Map<number, EnterpriseView>();
  const results: ChunkItemResult[] = [];
  const candidates: ChunkCandidate[] = [];
  for (const [k, r] of batch.entries()) {
    results.push({
      itemId: r.itemId,
      ruleVersion: r.ruleVersion,
      ruleHash: r.ruleHash,
      population: r.population,
      eligible: r.eligible,
      unknown: r.unknown,
      ineligible: r.ineligible,
      totalAmount: r.totalAmount,
      criteria: r.criteria.map((c) => ({ id: c.id, label: c.label, kind: c.kind })),
      failCounts: [...r.failCounts],
      unknownCounts: [...r.unknownCounts],
    });
    for (const i of r.candidates) {
      let view = views.get(i);
      if (!view) views.set(i, (view = viewEnterprise(enterprises[i], input.asOf)));
      const decision = bounds[k].explain(view);
      candidates.push({
        itemId: r.itemId,
        row: i,
        amount: decision.amount?.value ?? null,
        ruleVersion: decision.ruleVersion,
        ruleHash: decision.ruleHash,
        engineVersion: decision.engineVersion ?? POLICY_ENGINE_VERSION,
        parameterSnapshotDate: decision.parameterSnapshotDate,
        explanation: JSON.stringify(decision),
      });
    }
  }
  return { results, candidates };
}
