// Deadline configuration as admin data: the SLA matrix, the working-day calendar's overrides and complete years,
// and the escalation settings. Every change is audited and drops the deadline cache, so new deadlines use it at
// once while items keep the deadlines they already have.
import type { calendarOverrideBody, slaRuleBody, slaRulePatch } from '@tingquan/common';
import { escalationSettingsSchema, type EscalationSettings } from '@tingquan/common/calendar/index';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { localDay } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { ESCALATION_SETTING_KEY, type DeadlineService } from '../deadlines/deadline.service.ts';
import { conflict, createAdminWriter, type AdminDeps, type AdminTx } from './admin-write.ts';
import { findSetting, findSlaRule, listCalendarOverrides, listSlaRules, upsertSetting } from './org.repository.ts';
import { presentSlaRule } from './org.presenter.ts';
import { slaRuleToRow } from '../deadlines/sla-rule.row.ts';

type RuleInput = z.output<typeof slaRuleBody>;
/** Years the status reports: this one and the next two (deadlines set late in a year reach into the next). */
const YEARS_AHEAD = 2;

const scopeKey = (r: Pick<RuleInput, 'tier' | 'urgent' | 'type' | 'categoryId'>) =>
  `${r.tier}|${r.urgent}|${r.type ?? ''}|${r.categoryId ?? ''}`;

/** An SLA row as stored (the same mapping the seed and the deadline rules use). */
export const slaRuleRow = (id: string, r: RuleInput, now: number) => slaRuleToRow(id, r, now);

export function createConfigService(deps: AdminDeps & { deadlines: DeadlineService }) {
  const { deadlines, clock } = deps;
  const db = deps.database.db;
  const write = createAdminWriter(deps);

  /** Runs an admin change and drops the deadline cache once it is committed (never before: a rollback keeps it). */
  async function change<T>(actor: Actor, work: (tx: AdminTx) => Promise<T>): Promise<T> {
    const result = await write(actor, work);
    deadlines.invalidate();
    return result;
  }

  // ---- SLA matrix ----
  const matrix = async (trx: Kysely<DB> = db) => ({ rules: (await listSlaRules(trx)).map(presentSlaRule) });

  async function assertCategories(rules: readonly RuleInput[], prefix: string) {
    const ids = [...new Set(rules.map((r) => r.categoryId).filter((c): c is string => !!c))];
    if (!ids.length) return;
    const known = new Set(
      (await db.selectFrom('category').select('id').where('id', 'in', ids).execute()).map((c) => c.id),
    );
    rules.forEach((r, i) => {
      if (r.categoryId && !known.has(r.categoryId))
        throw invalidField(`${prefix}${prefix ? `${i}.` : ''}categoryId`, 'unknown category');
    });
  }

  async function replaceMatrix(actor: Actor, rules: RuleInput[]) {
    await assertCategories(rules, 'rules.');
    const seen = new Map<string, number>();
    rules.forEach((r, i) => {
      const first = seen.get(scopeKey(r));
      if (first !== undefined) throw conflict(`rules.${i}`, `same tier, urgency, type and category as rules.${first}`);
      seen.set(scopeKey(r), i);
    });
    return change(actor, async ({ trx, now, audit }) => {
      await trx.deleteFrom('sla_rule').execute();
      // Ids in list order, so that the order the admin gave is the order the matrix is read in.
      const base = newId(now);
      await trx
        .insertInto('sla_rule')
        .values(rules.map((r, i) => slaRuleRow(`${base}-${String(i).padStart(3, '0')}`, r, now)))
        .execute();
      await audit('admin.sla.replace', { rules });
      return matrix(trx);
    });
  }

  async function assertUniqueScope(trx: Kysely<DB>, r: RuleInput, exceptId?: string) {
    const clash = (await listSlaRules(trx)).find(
      (row) => row.id !== exceptId && scopeKey(presentSlaRule(row)) === scopeKey(r),
    );
    if (clash)
      throw conflict('categoryId', `a rule for this tier, urgency, type and category exists already (${clash.id})`);
  }

  async function addRule(actor: Actor, r: RuleInput) {
    await assertCategories([r], '');
    return change(actor, async ({ trx, now, audit }) => {
      await assertUniqueScope(trx, r);
      const id = newId(now);
      await trx
        .insertInto('sla_rule')
        .values(slaRuleRow(id, r, now))
        .execute();
      await audit('admin.sla.add', { id, ...r });
      return presentSlaRule((await findSlaRule(trx, id))!);
    });
  }

  async function updateRule(actor: Actor, id: string, patch: z.output<typeof slaRulePatch>) {
    const row = await findSlaRule(db, id);
    if (!row) throw notFound('SLA rule');
    const { id: _id, ...current } = presentSlaRule(row);
    const merged = { ...current, ...patch };
    await assertCategories([merged], '');
    return change(actor, async ({ trx, now, audit }) => {
      await assertUniqueScope(trx, merged, id);
      await trx
        .updateTable('sla_rule')
        .set(slaRuleRow(id, merged, now))
        .where('id', '=', id)
        .execute();
      await audit('admin.sla.update', { id, ...patch });
      return presentSlaRule((await findSlaRule(trx, id))!);
    });
  }

  async function deleteRule(actor: Actor, id: string) {
    if (!(await findSlaRule(db, id))) throw notFound('SLA rule');
    await change(actor, async ({ trx, audit }) => {
      await trx.deleteFrom('sla_rule').where('id', '=', id).execute();
      await audit('admin.sla.delete', { id });
    });
  }

  // ---- calendar ----
  async function calendarStatus() {
    const [calendar, overrides] = await Promise.all([deadlines.calendar(), listCalendarOverrides(db)]);
    const thisYear = Number(localDay(clock.now()).slice(0, 4));
    const years = Array.from({ length: YEARS_AHEAD + 1 }, (_, i) => thisYear + i).map((year) => ({
      year,
      ...calendar.coverage(year),
    }));
    const missing = years.filter((y) => !y.covered).map((y) => y.year);
    return {
      years,
      missing,
      overrides: overrides.map((o) => ({ day: o.day, kind: o.kind as 'workday' | 'holiday', note: o.note })),
      warning: missing.length
        ? `no official holiday data for ${missing.join(', ')}: only weekends are days off until an admin enters the holidays and make-up working days as overrides and declares the year complete`
        : null,
    };
  }

  /** Sets (or replaces) the override of one day. */
  async function setOverride(actor: Actor, b: z.output<typeof calendarOverrideBody>) {
    await change(actor, async ({ trx, now, audit }) => {
      await trx
        .insertInto('calendar_override')
        .values({ day: b.day, kind: b.kind, note: b.note ?? null, created_by: actor.id, created_at: now })
        .onConflict((oc) =>
          oc.column('day').doUpdateSet({ kind: b.kind, note: b.note ?? null, created_by: actor.id, created_at: now }),
        )
        .execute();
      await audit('admin.calendar.override', { ...b });
    });
    return calendarStatus();
  }

  async function deleteOverride(actor: Actor, day: string) {
    const found = await db.selectFrom('calendar_override').select('day').where('day', '=', day).executeTakeFirst();
    if (!found) throw notFound('calendar override');
    await change(actor, async ({ trx, audit }) => {
      await trx.deleteFrom('calendar_override').where('day', '=', day).execute();
      await audit('admin.calendar.override_delete', { day });
    });
    return calendarStatus();
  }

  /** The admin vouches that every holiday and make-up day of the year is entered; the warning stops. */
  async function declareYear(actor: Actor, year: number) {
    const coverage = (await deadlines.calendar()).coverage(year);
    if (coverage.source === 'data')
      throw new AppError('conflict', `${year} is covered by the official calendar data already`);
    if (coverage.source === 'none') {
      await change(actor, async ({ trx, now, audit }) => {
        await trx.insertInto('calendar_year').values({ year, declared_by: actor.id, declared_at: now }).execute();
        await audit('admin.calendar.year_complete', { year });
      });
    }
    return calendarStatus();
  }

  // ---- escalation settings ----
  async function escalation(): Promise<EscalationSettings> {
    const row = await findSetting(db, ESCALATION_SETTING_KEY);
    return row ? escalationSettingsSchema.parse(JSON.parse(row.value)) : escalationSettingsSchema.parse({});
  }

  async function setEscalation(actor: Actor, settings: EscalationSettings) {
    await change(actor, async ({ trx, now, audit }) => {
      await upsertSetting(trx, ESCALATION_SETTING_KEY, JSON.stringify(settings), now);
      await audit('admin.settings.escalation', { ...settings });
    });
    return settings;
  }

  return {
    matrix: () => matrix(),
    replaceMatrix,
    addRule,
    updateRule,
    deleteRule,
    calendarStatus,
    setOverride,
    deleteOverride,
    declareYear,
    escalation,
    setEscalation,
  };
}
export type ConfigService = ReturnType<typeof createConfigService>;
