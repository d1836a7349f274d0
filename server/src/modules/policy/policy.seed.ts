// Demo data of the policy platform: the demo catalogue (207 items, 27 documents, dated parameters, published rule
// versions), generated enterprises in bulk, a first matching run, and part of its candidates taken through delivery.
import { buildDemoCatalogue, type DemoCatalogue } from '@tingquan/common/policy/demo-catalogue';
import { generateEnterprises } from '@tingquan/common/policy/demo-enterprises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { localDay } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { documentRow, itemRow } from './policy.repository.ts';
import { createCatalogueCache } from './policy.catalogue.ts';
import { createMatching } from './policy.matching.ts';

async function insertSlices<T>(rows: T[], size: number, insert: (slice: T[]) => Promise<unknown>) {
  for (let s = 0; s < rows.length; s += size) await insert(rows.slice(s, s + size));
}

/** Loads a catalogue (documents, items, parameters, published rules) into empty policy tables. */
export async function seedPolicyCatalogue(
  db: Kysely<DB>,
  now: number,
  catalogue: DemoCatalogue = buildDemoCatalogue(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertSlices(
      catalogue.documents.map((d) => documentRow(d, now)),
      100,
      (s) => trx.insertInto('policy_document').values(s).execute(),
    );
    await insertSlices(
      catalogue.items.map((i) => itemRow(i, now)),
      100,
      (s) => trx.insertInto('policy_item').values(s).execute(),
    );
    await insertSlices(
      catalogue.parameters.map((p) => ({ id: p.id, label: p.label, unit: p.unit, created_at: now })),
      200,
      (s) => trx.insertInto('policy_parameter').values(s).execute(),
    );
    const versions = catalogue.parameters.flatMap((p) =>
      p.versions.map((v) => ({
        parameter_id: p.id,
        version: v.version,
        effective_from: v.effectiveFrom,
        value: v.value,
        reference: JSON.stringify(v.reference),
        created_by: null,
        created_at: now,
      })),
    );
    await insertSlices(versions, 200, (s) => trx.insertInto('policy_parameter_version').values(s).execute());
    const rules = catalogue.rules.map((r) => ({
      item_id: r.itemId,
      version: r.version,
      effective_from: r.effectiveFrom,
      effective_to: r.effectiveTo ?? null,
      hash: r.hash,
      body: JSON.stringify(r),
      published_at: Date.parse(r.publishedAt),
      published_by: null,
    }));
    await insertSlices(rules, 100, (s) => trx.insertInto('policy_rule').values(s).execute());
  });
}

/** Enterprises in the default demo (the benchmark generates 400,000 and 1,300,000). */
export const DEMO_ENTERPRISES = 20_000;

/** Generated enterprises straight into 一企一档 (one multi-row insert per slice). */
export async function seedEnterprises(
  db: Kysely<DB>,
  now: number,
  count: number,
  opts: { seed?: number; asOf?: string } = {},
): Promise<number> {
  const rows = generateEnterprises(count, { seed: opts.seed ?? 20260630, asOf: opts.asOf ?? localDay(now) });
  await db.transaction().execute(async (trx) => {
    // Each demo enterprise has a contact number (a made-up 186 range), so that a notification reaches it by SMS with
    // its consent link, as a real enterprise file from market regulation would have.
    const values = rows.map((e, i) => ({
      id: newId(now),
      uscc: e.uscc,
      name: e.name,
      district_code: e.facts.districtCode?.value ?? null,
      industry_code: e.facts.industryCode?.value ?? null,
      phone: `186${String(i).padStart(8, '0')}`,
      facts: JSON.stringify(e.facts),
      created_at: now,
      updated_at: now,
    }));
    await insertSlices(values, 500, (s) =>
      trx
        .insertInto('enterprise')
        .values(s)
        .onConflict((oc) => oc.column('uscc').doNothing())
        .execute(),
    );
  });
  return rows.length;
}

/**
 * The whole policy demo: catalogue and enterprises; a first run over every 20th item, worked here, whose candidates get
 * a realistic delivery history (paid over the past months, a few in each later state); and a run over all items, queued
 * for the workers so that a demo server starts at once and fills the remaining candidate lists in the background.
 */
export async function seedPolicyDemo(
  database: Database,
  clock: Clock,
  opts: { enterprises: number; seed?: number; log?: { info(obj: object, msg?: string): void } },
) {
  const db = database.db;
  if (await db.selectFrom('policy_item').select('id').limit(1).executeTakeFirst()) return null;
  const started = Date.now();
  const now = clock.now();
  const asOf = localDay(now);
  await seedPolicyCatalogue(db, now);
  const enterprises = await seedEnterprises(db, now, opts.enterprises, { seed: opts.seed });
  const seededAt = Date.now();
  const items = (await db.selectFrom('policy_item').select('id').orderBy('id').execute()).map((i) => i.id);
  const delivered = items.filter((_, k) => k % 20 === 0);
  const matching = createMatching({ database, clock, catalogue: createCatalogueCache(db), owner: 'seed' });
  const first = await matching.start(SYSTEM_ACTOR, { scope: 'items', itemIds: delivered, asOf });
  while (await matching.runOnce()) {
    /* works the run to the end */
  }
  const matchedAt = Date.now();
  const states = ['paid', 'paid', 'paid', 'disbursed', 'consented', 'notified', 'confirmed'] as const;
  let moved = 0;
  await db.transaction().execute(async (trx) => {
    for (const itemId of delivered) {
      const rows = await trx
        .selectFrom('policy_candidate')
        .select(['id', 'amount'])
        .where('item_id', '=', itemId)
        .orderBy('id')
        .limit(60)
        .execute();
      const events = [];
      for (const [j, c] of rows.entries()) {
        const status = states[j % states.length];
        const at = now - ((j * 7919) % 180) * 86_400_000;
        const paid = status === 'paid' || status === 'disbursed';
        await trx
          .updateTable('policy_candidate')
          .set({
            status,
            decided_by: 'u-policy',
            updated_at: at,
            ...(paid ? { paid_amount: c.amount ?? 0, payment_ref: `DEMO-${c.id.slice(-8)}`, attempts: 1 } : {}),
            ...(status === 'paid' ? { paid_at: at } : {}),
          })
          .where('id', '=', c.id)
          .execute();
        events.push({
          id: newId(now),
          candidate_id: c.id,
          action: 'seed',
          from_status: 'candidate',
          to_status: status,
          actor_id: null,
          at,
          data: JSON.stringify({ demo: true }),
        });
        moved++;
      }
      if (events.length) await trx.insertInto('policy_delivery_event').values(events).execute();
    }
  });
  const queued = await matching.start(SYSTEM_ACTOR, { scope: 'all', asOf });
  const result = {
    enterprises,
    items: items.length,
    firstRunCandidates: (await matching.get(first.id)).candidates,
    delivered: moved,
    queuedRun: queued.id,
  };
  opts.log?.info(
    { ...result, seedMs: seededAt - started, matchMs: matchedAt - seededAt, totalMs: Date.now() - started },
    'seeded policy demo',
  );
  return result;
}
