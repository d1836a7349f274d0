// Use cases of policy direct delivery (SPEC §3): the policy library, the rule editor (validate, publish, test), the
// enterprise file, matching runs, candidate lists and delivery, fast applications, complaints, figures, the calculator.
import {
  BASE_FACTS,
  type Decision,
  type Enterprise,
  formatIssue,
  type PolicyDocument,
  type PolicyItem,
  POLICY_CATEGORIES,
  publishRule,
  type Rule,
  snapshotParameters,
  compileRule,
  validateRule,
  viewEnterprise,
} from '@tingquan/common/policy/index';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Transaction } from 'kysely';
import type { DB, PolicyCandidateTable } from '../../db/schema.ts';
import { appendAudit } from '../ledger/event.repository.ts';
import type { Clock } from '../../lib/clock.ts';
import { dayStart, localDay, toIso } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { DeadlineService } from '../deadlines/deadline.service.ts';
import type { ItemService } from '../items/item.service.ts';
import { createCatalogueCache } from './policy.catalogue.ts';
import { createDelivery } from './policy.delivery.ts';
import { accessOf, canDecideItem, canReadItem, candidateAbilities, type PolicyAccess } from './policy.policy.ts';
import { createEnterpriseImport } from './policy.import.ts';
import { createMatching, type MatchingOptions } from './policy.matching.ts';
import { documentOf, documentRow, enterpriseOf, itemOf, itemRow, ruleOf } from './policy.repository.ts';
import type {
  candidateListQuery,
  enterpriseListQuery,
  itemListQuery,
  parameterBody,
  parameterVersionBody,
  ruleDraft,
} from './policy.schemas.ts';

export const FAST_APPLICATION_WORKING_DAYS = 60;

/** Plain values from a form, stamped as the enterprise's own statement (企业填报) on the date asked about. */
export function enterpriseFromPlainFacts(
  facts: Record<string, unknown>,
  asOf: string,
  uscc = '',
  name = '试算企业',
): Enterprise {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts))
    if (v !== undefined && v !== null && k in BASE_FACTS) out[k] = { value: v, source: 'self', asOf };
  return { uscc, name, facts: out as Enterprise['facts'], receipts: [] };
}

function ruleIssuesError(errors: { row?: number; column?: string; message: string }[]) {
  const issues = errors.map((e) => ({
    path: ['rule', e.row !== undefined ? `rows.${e.row}` : '', e.column ?? ''].filter(Boolean).join('.'),
    message: formatIssue(e as never),
  }));
  return new AppError('validation', `the rule is invalid: ${issues[0]?.message ?? ''}`, { issues });
}

export function createPolicyService(deps: {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  items: ItemService;
  publicUrl?: string;
  matching?: MatchingOptions;
}) {
  const { database, clock } = deps;
  const db = database.db;
  const catalogue = createCatalogueCache(db);
  const matching = createMatching({ database, clock, catalogue, ...deps.matching });
  const delivery = createDelivery({ database, clock });
  const importer = createEnterpriseImport({ database, clock });
  const today = () => localDay(clock.now());
  /** Rule and parameter changes decide who gets money: each is an audit event in the same transaction. */
  const audit = (trx: Transaction<DB>, actor: Actor, at: number, action: string, data: Record<string, unknown>) =>
    appendAudit(trx, database.dialect, { action, actorId: actor.id, actorRole: 'policy_admin', at, data });

  // ── library ────────────────────────────────────────────────────────────────────────────────────────────
  async function listDocuments() {
    const rows = await db
      .selectFrom('policy_document')
      .selectAll()
      .orderBy('effective_from', 'desc')
      .orderBy('id')
      .execute();
    const counts = new Map(
      (
        await db
          .selectFrom('policy_item')
          .select(['document_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('document_id')
          .execute()
      ).map((r) => [r.document_id, Number(r.n)]),
    );
    return rows.map((r) => ({ ...documentOf(r), itemCount: counts.get(r.id) ?? 0 }));
  }

  async function getDocument(id: string) {
    const row = await db.selectFrom('policy_document').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('policy document');
    const n = await db
      .selectFrom('policy_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...documentOf(row), itemCount: Number(n.n) };
  }

  async function createDocument(doc: PolicyDocument) {
    if (await db.selectFrom('policy_document').select('id').where('id', '=', doc.id).executeTakeFirst())
      throw invalidField('id', 'already exists');
    await db.insertInto('policy_document').values(documentRow(doc, clock.now())).execute();
    return getDocument(doc.id);
  }

  async function updateDocument(id: string, patch: Partial<PolicyDocument>) {
    const row = await db.selectFrom('policy_document').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('policy document');
    const next = { ...documentOf(row), ...patch, id };
    await db
      .updateTable('policy_document')
      .set({ ...documentRow(next, clock.now()), created_at: row.created_at })
      .where('id', '=', id)
      .execute();
    return getDocument(id);
  }

  async function itemViews(rows: Awaited<ReturnType<typeof itemRows>>) {
    const cat = await catalogue.get();
    return rows.map((r) => {
      const versions = cat.rules.get(r.id) ?? [];
      const current = versions.filter((v) => v.effectiveFrom <= today()).at(-1) ?? null;
      return {
        ...itemOf(r),
        active: r.active === 1,
        currentRule: current
          ? { version: current.version, effectiveFrom: current.effectiveFrom, hash: current.hash }
          : null,
      };
    });
  }
  const itemRows = (ids?: string[]) => {
    let q = db.selectFrom('policy_item').selectAll();
    if (ids) q = q.where('id', 'in', ids);
    return q.execute();
  };

  /**
   * Policy staff see every item; a department's staff (who confirm candidates, 二次确认) see the items that name their
   * department, e.g. for the candidates page's item picker. Anyone else: 403.
   */
  async function listItems(actor: Actor, q: z.output<typeof itemListQuery>) {
    const access = await accessOf(db, actor);
    let base = db.selectFrom('policy_item');
    if (!access.read) base = base.where('department', '=', access.department!);
    if (q.category) base = base.where('category', '=', q.category);
    if (q.documentId) base = base.where('document_id', '=', q.documentId);
    if (q.q) base = base.where((eb) => eb.or([eb('name', 'like', `%${q.q}%`), eb('id', '=', q.q!)]));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('category')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total, page: q.page, pageSize: q.pageSize, items: await itemViews(rows) };
  }

  async function getItem(id: string) {
    const rows = await itemRows([id]);
    if (!rows.length) throw notFound('policy item');
    return (await itemViews(rows))[0];
  }

  /** An item as its reader may see it: another department's item reads as not found. */
  async function readItem(actor: Actor, id: string) {
    await readableItem(await accessOf(db, actor), id);
    return getItem(id);
  }

  async function createItem(item: PolicyItem) {
    if (!(await db.selectFrom('policy_document').select('id').where('id', '=', item.documentId).executeTakeFirst()))
      throw invalidField('documentId', 'unknown policy document');
    if (await db.selectFrom('policy_item').select('id').where('id', '=', item.id).executeTakeFirst())
      throw invalidField('id', 'already exists');
    await db.insertInto('policy_item').values(itemRow(item, clock.now())).execute();
    return getItem(item.id);
  }

  async function updateItem(id: string, patch: Partial<PolicyItem> & { active?: boolean }) {
    const row = (await itemRows([id]))[0];
    if (!row) throw notFound('policy item');
    if (
      patch.documentId &&
      !(await db.selectFrom('policy_document').select('id').where('id', '=', patch.documentId).executeTakeFirst())
    )
      throw invalidField('documentId', 'unknown policy document');
    const { active, ...fields } = patch;
    const next = itemRow({ ...itemOf(row), ...fields, id }, clock.now());
    await db
      .updateTable('policy_item')
      .set({ ...next, created_at: row.created_at, active: active === undefined ? row.active : active ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    return getItem(id);
  }

  // ── parameters ─────────────────────────────────────────────────────────────────────────────────────────
  async function listParameters() {
    const cat = await catalogue.get();
    return [...cat.registry.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async function createParameter(actor: Actor, body: z.output<typeof parameterBody>) {
    if (await db.selectFrom('policy_parameter').select('id').where('id', '=', body.id).executeTakeFirst())
      throw invalidField('id', 'already exists');
    body.versions.forEach((v, i) => {
      if (i > 0 && v.effectiveFrom <= body.versions[i - 1].effectiveFrom)
        throw invalidField(`versions.${i}.effectiveFrom`, 'each version must take effect after the previous one');
    });
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('policy_parameter')
        .values({ id: body.id, label: body.label, unit: body.unit, created_at: now })
        .execute();
      await trx
        .insertInto('policy_parameter_version')
        .values(
          body.versions.map((v, i) => ({
            parameter_id: body.id,
            version: i + 1,
            effective_from: v.effectiveFrom,
            value: v.value,
            reference: JSON.stringify(v.reference),
            created_by: actor.id,
            created_at: now,
          })),
        )
        .execute();
      await audit(trx, actor, now, 'policy.parameter_created', {
        parameterId: body.id,
        versions: body.versions.length,
      });
    });
    return (await listParameters()).find((p) => p.id === body.id)!;
  }

  /** A new value from a date on: the earlier versions stay, so past decisions remain reproducible. */
  async function addParameterVersion(actor: Actor, id: string, body: z.output<typeof parameterVersionBody>) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom('policy_parameter').select('id').where('id', '=', id).executeTakeFirst()))
        throw notFound('parameter');
      const last = await trx
        .selectFrom('policy_parameter_version')
        .selectAll()
        .where('parameter_id', '=', id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last && body.effectiveFrom <= last.effective_from)
        throw invalidField(
          'effectiveFrom',
          `must be after ${last.effective_from}, when version ${last.version} took effect`,
        );
      const version = Number(last?.version ?? 0) + 1;
      await trx
        .insertInto('policy_parameter_version')
        .values({
          parameter_id: id,
          version,
          effective_from: body.effectiveFrom,
          value: body.value,
          reference: JSON.stringify(body.reference),
          created_by: actor.id,
          created_at: now,
        })
        .execute();
      await audit(trx, actor, now, 'policy.parameter_changed', {
        parameterId: id,
        version,
        value: body.value,
        effectiveFrom: body.effectiveFrom,
        reference: body.reference,
      });
    });
    return (await listParameters()).find((p) => p.id === id)!;
  }

  // ── rules ──────────────────────────────────────────────────────────────────────────────────────────────
  async function listRules(itemId: string) {
    await getItem(itemId);
    const rows = await db
      .selectFrom('policy_rule')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('version')
      .execute();
    return rows.map(ruleOf);
  }

  async function validate(itemId: string, draft: z.output<typeof ruleDraft>) {
    await getItem(itemId);
    const cat = await catalogue.get();
    const r = validateRule({ ...draft, itemId, version: 1 }, cat.registry);
    const view = (i: (typeof r.errors)[number]) => ({
      code: i.code,
      severity: i.severity,
      ...(i.row !== undefined ? { row: i.row } : {}),
      ...(i.column !== undefined ? { column: i.column } : {}),
      message: formatIssue(i),
    });
    return { ok: r.ok, errors: r.errors.map(view), warnings: r.warnings.map(view) };
  }

  /** Freezes a new version (the next number) under its content hash; the versions before it are never touched. */
  async function publish(actor: Actor, itemId: string, draft: z.output<typeof ruleDraft>) {
    await getItem(itemId);
    const cat = await catalogue.get();
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('policy_rule')
        .select(['version', 'effective_from'])
        .where('item_id', '=', itemId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last && draft.effectiveFrom < last.effective_from)
        throw invalidField(
          'effectiveFrom',
          `must not be before ${last.effective_from}, when version ${last.version} took effect`,
        );
      const rule: Rule = { ...draft, itemId, version: Number(last?.version ?? 0) + 1, status: 'draft' };
      const checked = validateRule(rule, cat.registry);
      if (!checked.ok) throw ruleIssuesError(checked.errors);
      const published = publishRule(rule, cat.registry, toIso(now)!);
      await trx
        .insertInto('policy_rule')
        .values({
          item_id: itemId,
          version: published.version,
          effective_from: published.effectiveFrom,
          effective_to: published.effectiveTo ?? null,
          hash: published.hash,
          body: JSON.stringify(published),
          published_at: now,
          published_by: actor.id,
        })
        .execute();
      await audit(trx, actor, now, 'policy.rule_published', {
        itemId,
        version: published.version,
        hash: published.hash,
        effectiveFrom: published.effectiveFrom,
      });
      return published;
    });
  }

  /** The live test panel: facts in, the full explanation out, for a draft or the version in force. */
  async function testRule(
    itemId: string,
    body: { rule?: z.output<typeof ruleDraft>; facts: Record<string, unknown>; asOf?: string },
  ): Promise<Decision> {
    await getItem(itemId);
    const asOf = body.asOf ?? today();
    const cat = await catalogue.get();
    let compiled: ReturnType<typeof compileRule>;
    if (body.rule) {
      const rule: Rule = { ...body.rule, itemId, version: 0 + 1 };
      const checked = validateRule(rule, cat.registry);
      if (!checked.ok) throw ruleIssuesError(checked.errors);
      compiled = compileRule(rule, cat.registry);
    } else {
      const bound = cat.boundAt(asOf, (id) => id === itemId)[0];
      if (!bound) throw new AppError('conflict', `no published rule of ${itemId} is in force on ${asOf}`);
      compiled = bound.bound.compiled;
    }
    return compiled.at(snapshotParameters(cat.registry, asOf)).explain(enterpriseFromPlainFacts(body.facts, asOf));
  }

  // ── calculator ─────────────────────────────────────────────────────────────────────────────────────────
  async function calculate(body: { facts: Record<string, unknown>; asOf?: string }) {
    const asOf = body.asOf ?? today();
    const cat = await catalogue.get();
    const view = viewEnterprise(enterpriseFromPlainFacts(body.facts, asOf), asOf);
    const eligible = [];
    const needsData = [];
    const misses = [];
    let ineligibleCount = 0;
    let totalAmount = 0;
    for (const { item, bound } of cat.boundAt(asOf)) {
      const d = bound.explain(view);
      const entry = {
        itemId: item.id,
        name: item.name,
        category: item.category,
        department: item.department,
        delivery: item.delivery,
        status: d.status,
        amount: d.amount?.value ?? null,
        missingFacts: d.missingFacts as string[],
        nearestMiss: d.nearestMiss?.text ?? null,
        explanation: d as never,
      };
      if (d.status === 'eligible') {
        eligible.push(entry);
        totalAmount += entry.amount ?? 0;
      } else if (d.status === 'unknown') needsData.push(entry);
      else {
        ineligibleCount++;
        if (d.nearestMiss) misses.push({ entry, gap: d.nearestMiss.gap ?? Infinity });
      }
    }
    eligible.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
    misses.sort((a, b) => a.gap - b.gap);
    return {
      asOf,
      eligible,
      needsData,
      nearMisses: misses.slice(0, 10).map((m) => m.entry),
      totalAmount,
      ineligibleCount,
    };
  }

  // ── enterprises ────────────────────────────────────────────────────────────────────────────────────────
  async function listEnterprises(q: z.output<typeof enterpriseListQuery>) {
    let base = db.selectFrom('enterprise');
    if (q.districtCode) base = base.where('district_code', '=', q.districtCode);
    if (q.q) base = base.where((eb) => eb.or([eb('name', 'like', `%${q.q}%`), eb('uscc', '=', q.q!.toUpperCase())]));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select(['id', 'uscc', 'name', 'district_code', 'industry_code'])
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => ({
        id: r.id,
        uscc: r.uscc,
        name: r.name,
        districtCode: r.district_code,
        industryCode: r.industry_code,
      })),
    };
  }

  async function getEnterprise(id: string) {
    const row = await db.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('enterprise');
    const history = await db
      .selectFrom('enterprise_fact_history')
      .selectAll()
      .where('enterprise_id', '=', id)
      .orderBy('fact')
      .orderBy('as_of')
      .execute();
    return {
      id: row.id,
      uscc: row.uscc,
      name: row.name,
      districtCode: row.district_code,
      industryCode: row.industry_code,
      facts: JSON.parse(row.facts),
      history: history.map((h) => ({
        fact: h.fact,
        value: JSON.parse(h.value),
        source: h.source,
        asOf: h.as_of,
        recordedAt: toIso(h.recorded_at)!,
      })),
    };
  }

  // ── candidates ─────────────────────────────────────────────────────────────────────────────────────────
  function candidateView(
    r: PolicyCandidateTable & { uscc: string; name: string; district_code: string | null },
    access: PolicyAccess,
    item: { department: string },
    full = false,
  ) {
    return {
      id: r.id,
      itemId: r.item_id,
      enterprise: { id: r.enterprise_id, uscc: r.uscc, name: r.name, districtCode: r.district_code },
      asOf: r.as_of,
      amount: r.amount === null ? null : Number(r.amount),
      status: r.status as never,
      delivery: r.delivery as PolicyItem['delivery'],
      ruleVersion: Number(r.rule_version),
      ruleHash: r.rule_hash,
      engineVersion: r.engine_version,
      parameterSnapshotDate: r.parameter_snapshot_date,
      publicityUntil: toIso(r.publicity_until),
      paidAmount: r.paid_amount === null ? null : Number(r.paid_amount),
      paymentRef: r.payment_ref,
      failureReason: r.failure_reason,
      reason: r.reason,
      abilities: candidateAbilities(access, item, r, clock.now()),
      ...(full ? { explanation: JSON.parse(r.explanation) } : {}),
    };
  }

  const candidateRows = () =>
    db
      .selectFrom('policy_candidate as c')
      .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
      .selectAll('c')
      .select(['e.uscc', 'e.name', 'e.district_code']);

  async function aggregatesFor(itemId: string, asOf?: string) {
    let q = db
      .selectFrom('policy_run_item as ri')
      .innerJoin('policy_run as r', 'r.id', 'ri.run_id')
      .selectAll('ri')
      .select(['r.as_of', 'r.finished_at'])
      .where('ri.item_id', '=', itemId)
      .where('r.status', '=', 'done')
      .where('r.scope', '!=', 'enterprise');
    if (asOf) q = q.where('r.as_of', '=', asOf);
    const a = await q.orderBy('r.finished_at', 'desc').limit(1).executeTakeFirst();
    if (!a) return null;
    return {
      runId: a.run_id,
      asOf: a.as_of,
      population: Number(a.population),
      eligible: Number(a.eligible),
      unknown: Number(a.unknown),
      ineligible: Number(a.ineligible),
      totalAmount: Number(a.total_amount),
      criteria: JSON.parse(a.criteria),
    };
  }

  /** The item behind a candidate list or decision, if the reader may see it (else: not found). */
  async function readableItem(access: PolicyAccess, itemId: string) {
    const item = await db
      .selectFrom('policy_item')
      .select(['id', 'department'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item || !canReadItem(access, item)) throw notFound('policy item');
    return item;
  }

  async function listCandidates(actor: Actor, itemId: string, q: z.output<typeof candidateListQuery>) {
    const access = await accessOf(db, actor);
    const item = await readableItem(access, itemId);
    let base = db.selectFrom('policy_candidate').where('item_id', '=', itemId);
    if (q.status) base = base.where('status', '=', q.status);
    if (q.asOf) base = base.where('as_of', '=', q.asOf);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let rows = candidateRows().where('c.item_id', '=', itemId);
    if (q.status) rows = rows.where('c.status', '=', q.status);
    if (q.asOf) rows = rows.where('c.as_of', '=', q.asOf);
    const page = await rows
      .orderBy('c.as_of', 'desc')
      .orderBy('c.amount', 'desc')
      .orderBy('c.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: page.map((r) => candidateView(r, access, item, true)),
      aggregates: await aggregatesFor(itemId, q.asOf),
    };
  }

  async function getCandidate(actor: Actor, id: string, access?: PolicyAccess) {
    access ??= await accessOf(db, actor);
    const row = await candidateRows().where('c.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('candidate');
    const item = await readableItem(access, row.item_id).catch(() => {
      throw notFound('candidate');
    });
    return { ...candidateView(row, access, item, true), history: await delivery.history(id) };
  }

  /** A department may decide its own items' candidates; every later step is the policy staff's. */
  async function assertMayAct(access: PolicyAccess, id: string, action: string) {
    const row = await db
      .selectFrom('policy_candidate as c')
      .innerJoin('policy_item as i', 'i.id', 'c.item_id')
      .select(['i.department'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!row || !canReadItem(access, row)) throw notFound('candidate');
    const decide = action === 'confirm' || action === 'reject';
    if (decide ? !canDecideItem(access, row) : !access.manage)
      throw new AppError('forbidden', `only policy staff may ${action}`);
  }

  const consentUrl = (token: string) => `${deps.publicUrl ?? ''}/policy/consent?token=${token}`;

  async function act(
    actor: Actor,
    id: string,
    action: 'confirm' | 'reject' | 'notify' | 'disburse' | 'reconcile' | 'retry',
    body: any,
  ) {
    const access = await accessOf(db, actor);
    await assertMayAct(access, id, action);
    switch (action) {
      case 'confirm':
        await delivery.confirm(actor, id, body ?? {});
        break;
      case 'reject':
        await delivery.reject(actor, id, body.reason);
        break;
      case 'notify':
        await delivery.notify(actor, id, consentUrl);
        break;
      case 'disburse':
      case 'retry':
        await delivery.disburse(actor, id, body, action);
        break;
      case 'reconcile':
        await delivery.reconcile(actor, id, body);
        break;
    }
    return getCandidate(actor, id, access);
  }

  /** Confirms or rejects many candidates; each is its own transition, so one that moved meanwhile is reported, not fatal. */
  async function bulk(
    actor: Actor,
    body: { ids: string[]; action: 'confirm' | 'reject'; reason?: string; publicityDays?: number },
  ) {
    if (body.action === 'reject' && !body.reason) throw invalidField('reason', 'required to reject');
    const access = await accessOf(db, actor);
    const results: { id: string; ok: boolean; status?: string; error?: string }[] = [];
    for (const id of body.ids) {
      try {
        await assertMayAct(access, id, body.action);
        const row =
          body.action === 'confirm'
            ? await delivery.confirm(actor, id, { publicityDays: body.publicityDays })
            : await delivery.reject(actor, id, body.reason!);
        results.push({ id, ok: true, status: row.status });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ id, ok: false, error: e.message });
      }
    }
    return { results };
  }

  // ── fast applications (快申快享) ────────────────────────────────────────────────────────────────────────
  function fastView(r: {
    id: string;
    item_id: string;
    enterprise_id: string;
    status: string;
    prefilled: string;
    supplement: string | null;
    due_at: number;
    decided_at: number | null;
    decision_note: string | null;
    created_at: number;
  }) {
    return {
      id: r.id,
      itemId: r.item_id,
      enterpriseId: r.enterprise_id,
      status: r.status as 'submitted' | 'approved' | 'rejected',
      prefilled: JSON.parse(r.prefilled),
      supplement: r.supplement ? JSON.parse(r.supplement) : null,
      dueAt: toIso(r.due_at)!,
      overdue: r.status === 'submitted' && clock.now() > Number(r.due_at),
      decidedAt: toIso(r.decided_at),
      decisionNote: r.decision_note,
      createdAt: toIso(r.created_at)!,
    };
  }

  /** Pre-fills an application from the enterprise file and the engine's explanation; due in 60 working days. */
  async function createFastApplication(
    actor: Actor,
    body: { itemId: string; enterpriseId: string; supplement?: Record<string, string> },
  ) {
    const item = await db
      .selectFrom('policy_item')
      .select(['id', 'active'])
      .where('id', '=', body.itemId)
      .executeTakeFirst();
    if (!item || !item.active) throw invalidField('itemId', 'unknown or inactive policy item');
    const ent = await db.selectFrom('enterprise').selectAll().where('id', '=', body.enterpriseId).executeTakeFirst();
    if (!ent) throw invalidField('enterpriseId', 'unknown enterprise');
    const asOf = today();
    const cat = await catalogue.get();
    const target = cat.boundAt(asOf, (id) => id === body.itemId)[0];
    const decision = target?.bound.explain(enterpriseOf(ent)) ?? null;
    if (decision?.status === 'ineligible')
      throw new AppError(
        'conflict',
        `the enterprise does not qualify: ${decision.nearestMiss?.text ?? 'a criterion fails'}`,
      );
    const facts = JSON.parse(ent.facts) as Record<string, unknown>;
    const used = new Set((target?.bound.compiled.criteria ?? []).map((c) => c.fact).filter(Boolean) as string[]);
    const prefilled = {
      enterprise: { uscc: ent.uscc, name: ent.name },
      facts: Object.fromEntries(Object.entries(facts).filter(([k]) => used.has(k))),
      missingFacts: decision?.missingFacts ?? [],
      decision,
    };
    const dl = await deps.deadlines.snapshot();
    const now = clock.now();
    const row = {
      id: newId(now),
      item_id: body.itemId,
      enterprise_id: body.enterpriseId,
      status: 'submitted',
      prefilled: JSON.stringify(prefilled),
      supplement: body.supplement ? JSON.stringify(body.supplement) : null,
      due_at: dl.addWorkingDays(now, FAST_APPLICATION_WORKING_DAYS),
      decided_at: null,
      decision_note: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('policy_fast_application').values(row).execute();
    return fastView(row);
  }

  async function listFastApplications(itemId?: string) {
    let q = db.selectFrom('policy_fast_application').selectAll();
    if (itemId) q = q.where('item_id', '=', itemId);
    return { items: (await q.orderBy('created_at', 'desc').limit(200).execute()).map(fastView) };
  }

  async function decideFastApplication(actor: Actor, id: string, body: { approve: boolean; note?: string }) {
    const now = clock.now();
    const res = await db
      .updateTable('policy_fast_application')
      .set({
        status: body.approve ? 'approved' : 'rejected',
        decided_at: now,
        decision_note: body.note ?? null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    const row = await db.selectFrom('policy_fast_application').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('fast application');
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('invalid_transition', `the application is already ${row.status}`);
    return fastView(row);
  }

  // ── complaints ─────────────────────────────────────────────────────────────────────────────────────────
  /** An enterprise's complaint about a benefit: a ledger item (政策兑现 · 兑现不及时) linked to the policy item. */
  async function complain(body: {
    policyItemId: string;
    uscc: string;
    organization: string;
    phone: string;
    description: string;
    candidateId?: string;
  }) {
    const item = await db
      .selectFrom('policy_item')
      .select(['id', 'name'])
      .where('id', '=', body.policyItemId)
      .executeTakeFirst();
    if (!item) throw invalidField('policyItemId', 'unknown policy item');
    const ent = await db.selectFrom('enterprise').select('id').where('uscc', '=', body.uscc).executeTakeFirst();
    if (body.candidateId) {
      const c = await db
        .selectFrom('policy_candidate')
        .select(['item_id', 'enterprise_id'])
        .where('id', '=', body.candidateId)
        .executeTakeFirst();
      if (!c || c.item_id !== item.id || c.enterprise_id !== ent?.id)
        throw invalidField('candidateId', 'not a decision of this enterprise on this item');
    }
    const receipt = await deps.items.intake(null, {
      type: 'complaint',
      categoryId: 'cat-policy-late',
      channel: 'web',
      title: `政策兑现：${item.name}`.slice(0, 120),
      description: body.description,
      confidential: false,
      requester: { kind: 'enterprise', organization: body.organization, uscc: body.uscc, phone: body.phone },
    });
    await db
      .insertInto('policy_complaint')
      .values({
        item_id: receipt.id,
        policy_item_id: item.id,
        enterprise_id: ent?.id ?? null,
        candidate_id: body.candidateId ?? null,
        created_at: clock.now(),
      })
      .execute();
    return {
      itemId: receipt.id,
      ledgerNo: receipt.ledgerNo,
      trackingCode: receipt.trackingCode,
      accessPin: receipt.accessPin,
    };
  }

  // ── figures ────────────────────────────────────────────────────────────────────────────────────────────
  async function stats(q: { from?: string; to?: string }) {
    let paid = db
      .selectFrom('policy_candidate as c')
      .innerJoin('policy_item as i', 'i.id', 'c.item_id')
      .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
      .select(['c.item_id', 'c.enterprise_id', 'c.paid_amount', 'c.paid_at', 'i.name', 'i.category', 'e.district_code'])
      .where('c.status', '=', 'paid');
    if (q.from) paid = paid.where('c.paid_at', '>=', dayStart(q.from));
    if (q.to) paid = paid.where('c.paid_at', '<', dayStart(q.to) + 86_400_000);
    const rows = await paid.execute();
    const districts = new Map(
      (await db.selectFrom('district').select(['code', 'name']).execute()).map((d) => [d.code, d.name]),
    );
    const categories = new Map<string, string>(POLICY_CATEGORIES.map((c) => [c.id, c.label]));
    const group = (
      keyOf: (r: (typeof rows)[number]) => string,
      labelOf: (key: string, r: (typeof rows)[number]) => string,
    ) => {
      const m = new Map<string, { key: string; label: string; ents: Set<string>; payments: number; amount: number }>();
      for (const r of rows) {
        const key = keyOf(r);
        let b = m.get(key);
        if (!b) m.set(key, (b = { key, label: labelOf(key, r), ents: new Set(), payments: 0, amount: 0 }));
        b.ents.add(r.enterprise_id);
        b.payments++;
        b.amount += Number(r.paid_amount ?? 0);
      }
      return [...m.values()].map((b) => ({
        key: b.key,
        label: b.label,
        enterprises: b.ents.size,
        payments: b.payments,
        amount: Math.round(b.amount * 100) / 100,
      }));
    };
    const byAmount = <T extends { amount: number }>(a: T[]) => a.sort((x, y) => y.amount - x.amount);
    const pipeline = Object.fromEntries(
      (
        await db
          .selectFrom('policy_candidate')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('status')
          .execute()
      ).map((r) => [r.status, Number(r.n)]),
    );
    const mostFailed = [];
    const latest = await db
      .selectFrom('policy_run')
      .select('id')
      .where('status', '=', 'done')
      .where('scope', '=', 'all')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest) {
      const items = await db
        .selectFrom('policy_run_item as ri')
        .innerJoin('policy_item as i', 'i.id', 'ri.item_id')
        .select(['ri.item_id', 'ri.criteria', 'ri.population', 'i.name'])
        .where('ri.run_id', '=', latest.id)
        .execute();
      for (const it of items) {
        const criteria = JSON.parse(it.criteria) as { id: string; label: string; fail: number }[];
        const worst = criteria.reduce<(typeof criteria)[number] | null>(
          (m, c) => (!m || c.fail > m.fail ? c : m),
          null,
        );
        if (worst)
          mostFailed.push({
            itemId: it.item_id,
            name: it.name,
            criterion: worst.id,
            label: worst.label,
            fail: worst.fail,
            population: Number(it.population),
          });
      }
      mostFailed.sort((a, b) => b.fail - a.fail);
    }
    return {
      definitions: {
        enterprisesBenefited:
          'distinct enterprises with at least one payment reconciled as paid in the period (by payment date)',
        amount: 'sum of reconciled paid amounts in 元',
        pipeline: 'current number of decisions in each delivery status, all dates',
        mostFailed:
          'per item, the criterion most enterprises fail in the latest complete matching run over all enterprises',
      },
      enterprisesBenefited: new Set(rows.map((r) => r.enterprise_id)).size,
      payments: rows.length,
      amount: Math.round(rows.reduce((s, r) => s + Number(r.paid_amount ?? 0), 0) * 100) / 100,
      pipeline,
      byItem: byAmount(
        group(
          (r) => r.item_id,
          (_k, r) => r.name,
        ),
      ),
      byCategory: byAmount(
        group(
          (r) => r.category,
          (k) => categories.get(k) ?? k,
        ),
      ),
      byDistrict: byAmount(
        group(
          (r) => r.district_code ?? '',
          (k) => districts.get(k) ?? (k || '未知'),
        ),
      ),
      byMonth: group(
        (r) => localDay(Number(r.paid_at)).slice(0, 7),
        (k) => k,
      ).sort((a, b) => a.key.localeCompare(b.key)),
      mostFailed: mostFailed.slice(0, 50),
    };
  }

  return {
    catalogue,
    matching,
    delivery,
    listDocuments,
    getDocument,
    createDocument,
    updateDocument,
    listItems,
    readItem,
    getItem,
    createItem,
    updateItem,
    listParameters,
    createParameter,
    addParameterVersion,
    listRules,
    validate,
    publish,
    testRule,
    calculate,
    importEnterprises: importer.importFile,
    listEnterprises,
    getEnterprise,
    listCandidates,
    getCandidate,
    act,
    bulk,
    consent: delivery.consent,
    consentPreview: delivery.consentPreview,
    createFastApplication,
    listFastApplications,
    decideFastApplication,
    complain,
    stats,
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
