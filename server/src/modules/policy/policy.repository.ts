// The policy module's reads and row mappers: catalogue (items, parameters, rule versions), enterprises, candidates.
import type { Kysely } from 'kysely';
import type {
  DatedParameter,
  Enterprise,
  PolicyDocument,
  PolicyItem,
  PublishedRule,
} from '@tingquan/common/policy/index';
import type { DB, EnterpriseTable, PolicyDocumentTable, PolicyItemTable, PolicyRuleTable } from '../../db/schema.ts';

export function documentOf(row: PolicyDocumentTable): PolicyDocument {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    issuer: row.issuer,
    category: row.category as PolicyDocument['category'],
    level: row.level as PolicyDocument['level'],
    issuedOn: row.issued_on,
    effectiveFrom: row.effective_from,
    ...(row.effective_to ? { effectiveTo: row.effective_to } : {}),
    text: row.text,
  };
}

export function itemOf(row: PolicyItemTable): PolicyItem {
  return {
    id: row.id,
    documentId: row.document_id,
    name: row.name,
    category: row.category as PolicyItem['category'],
    department: row.department,
    subject: row.subject,
    conditions: row.conditions,
    amountText: row.amount_text,
    timeLimit: {
      from: row.time_from,
      ...(row.time_to ? { to: row.time_to } : {}),
      ...(row.time_note ? { note: row.time_note } : {}),
    },
    basis: JSON.parse(row.basis),
    delivery: row.delivery as PolicyItem['delivery'],
  };
}

export function itemRow(item: PolicyItem, now: number): PolicyItemTable {
  return {
    id: item.id,
    document_id: item.documentId,
    name: item.name,
    category: item.category,
    department: item.department,
    subject: item.subject,
    conditions: item.conditions,
    amount_text: item.amountText,
    time_from: item.timeLimit.from,
    time_to: item.timeLimit.to ?? null,
    time_note: item.timeLimit.note ?? null,
    basis: JSON.stringify(item.basis),
    delivery: item.delivery,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

export function documentRow(doc: PolicyDocument, now: number): PolicyDocumentTable {
  return {
    id: doc.id,
    number: doc.number,
    title: doc.title,
    issuer: doc.issuer,
    category: doc.category,
    level: doc.level,
    issued_on: doc.issuedOn,
    effective_from: doc.effectiveFrom,
    effective_to: doc.effectiveTo ?? null,
    text: doc.text,
    created_at: now,
    updated_at: now,
  };
}

export function ruleOf(row: PolicyRuleTable): PublishedRule {
  return JSON.parse(row.body) as PublishedRule;
}

export function enterpriseOf(
  row: Pick<EnterpriseTable, 'uscc' | 'name' | 'facts'>,
  receipts: Enterprise['receipts'] = [],
): Enterprise {
  return { uscc: row.uscc, name: row.name, facts: JSON.parse(row.facts), receipts };
}

export async function listParameters(db: Kysely<DB>): Promise<DatedParameter[]> {
  const [params, versions] = await Promise.all([
    db.selectFrom('policy_parameter').selectAll().orderBy('id').execute(),
    db.selectFrom('policy_parameter_version').selectAll().orderBy('parameter_id').orderBy('version').execute(),
  ]);
  const byParam = new Map<string, DatedParameter['versions']>();
  for (const v of versions) {
    const list = byParam.get(v.parameter_id) ?? [];
    list.push({
      version: Number(v.version),
      effectiveFrom: v.effective_from,
      value: Number(v.value),
      reference: JSON.parse(v.reference),
    });
    byParam.set(v.parameter_id, list);
  }
  return params.map((p) => ({
    id: p.id,
    label: p.label,
    unit: p.unit as DatedParameter['unit'],
    versions: byParam.get(p.id) ?? [],
  }));
}

/** What changes the compiled catalogue: cheap to read before every calculator call or run. */
export async function catalogueStamp(db: Kysely<DB>): Promise<string> {
  const [r, p, i] = await Promise.all([
    db
      .selectFrom('policy_rule')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('published_at').as('m')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('policy_parameter_version')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('m')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('policy_item')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('m')])
      .executeTakeFirstOrThrow(),
  ]);
  return `${Number(r.n)}:${Number(r.m ?? 0)}|${Number(p.n)}:${Number(p.m ?? 0)}|${Number(i.n)}:${Number(i.m ?? 0)}`;
}

/** Benefits already paid to enterprises in an id range: the receipts behind "already received this year" exclusions. */
export async function receiptsBetween(
  db: Kysely<DB>,
  fromId: string,
  toId: string,
): Promise<Map<string, { itemId: string; paidAt: number }[]>> {
  const rows = await db
    .selectFrom('policy_candidate')
    .select(['enterprise_id', 'item_id', 'paid_at'])
    .where('status', '=', 'paid')
    .where('enterprise_id', '>=', fromId)
    .where('enterprise_id', '<=', toId)
    .execute();
  const out = new Map<string, { itemId: string; paidAt: number }[]>();
  for (const r of rows) {
    const list = out.get(r.enterprise_id) ?? [];
    list.push({ itemId: r.item_id, paidAt: Number(r.paid_at) });
    out.set(r.enterprise_id, list);
  }
  return out;
}
