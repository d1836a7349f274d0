// The city's deadlines as configuration: the SLA matrix, the working-day calendar with admin overrides and the
// escalation settings, read from the database and cached until an admin changes them.
import {
  computeDue,
  DEFAULT_ESCALATION_SETTINGS,
  escalationSchedule,
  escalationSettingsSchema,
  pickSlaRule,
  type DeadlineKind,
  type EscalationSettings,
  type ItemType,
  type SlaRule,
  type Tier,
  type WorkCalendar,
} from '@tingquan/common/calendar/index';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createCityCalendar } from '../../lib/calendar-source.ts';
import { slaRuleFromRow } from './sla-rule.row.ts';

export interface DeadlineScope {
  tier: Tier;
  urgent: boolean;
  type: ItemType | string;
  categoryId: string;
}

interface Snapshot {
  calendar: WorkCalendar;
  rules: SlaRule[];
  parents: Map<string, string | null>;
  escalation: EscalationSettings;
}

export const ESCALATION_SETTING_KEY = 'escalation';

export function createDeadlineService(db: Kysely<DB>) {
  let snapshot: Promise<Snapshot> | null = null;

  async function load(): Promise<Snapshot> {
    const [overrides, years, rules, categories, setting] = await Promise.all([
      db.selectFrom('calendar_override').selectAll().execute(),
      db.selectFrom('calendar_year').select('year').execute(),
      db.selectFrom('sla_rule').selectAll().orderBy('id').execute(),
      db.selectFrom('category').select(['id', 'parent_id']).execute(),
      db.selectFrom('setting').select('value').where('key', '=', ESCALATION_SETTING_KEY).executeTakeFirst(),
    ]);
    return {
      calendar: createCityCalendar({
        overrides: overrides.map((o) => ({ day: o.day, kind: o.kind as 'workday' | 'holiday', note: o.note })),
        completeYears: years.map((y) => Number(y.year)),
      }),
      rules: rules.map(slaRuleFromRow),
      parents: new Map(categories.map((c) => [c.id, c.parent_id])),
      escalation: setting ? escalationSettingsSchema.parse(JSON.parse(setting.value)) : DEFAULT_ESCALATION_SETTINGS,
    };
  }

  const current = () =>
    (snapshot ??= load().catch((e) => {
      snapshot = null;
      throw e;
    }));

  function categoryPath(parents: Map<string, string | null>, id: string): string[] {
    const path: string[] = [];
    for (let c: string | null | undefined = id; c && path.length < 20; c = parents.get(c)) path.unshift(c);
    return path;
  }

  function ruleIn(s: Snapshot, scope: DeadlineScope): SlaRule {
    return pickSlaRule(s.rules, {
      tier: scope.tier,
      urgent: scope.urgent,
      type: scope.type as ItemType,
      categoryPath: categoryPath(s.parents, scope.categoryId),
    });
  }

  /** Synchronous deadline maths over one consistent snapshot: safe to use inside a transaction. */
  function view(s: Snapshot) {
    return {
      calendar: s.calendar,
      escalation: s.escalation,
      rule: (scope: DeadlineScope) => ruleIn(s, scope),
      due(kind: DeadlineKind, start: number, scope: DeadlineScope): number {
        return computeDue(kind, new Date(start), ruleIn(s, scope), s.calendar).getTime();
      },
      addWorkingDays(start: number, days: number): number {
        return s.calendar.addWorkingDays(new Date(start), days).getTime();
      },
      /** The next instant at which an escalation step above `level` falls due, or null when the ladder is done. */
      nextEscalationAt(handleStart: number, handleDue: number, level: number, scope: DeadlineScope): number | null {
        const steps = escalationSchedule({
          handleStart: new Date(handleStart),
          handleDue: new Date(handleDue),
          calendar: s.calendar,
          settings: s.escalation,
          warnRatio: ruleIn(s, scope).warnRatio,
        });
        const next = steps.find((st) => st.level > level);
        return next ? next.at.getTime() : null;
      },
    };
  }

  return {
    /** Drop the cache after an admin edits the matrix, the calendar or the settings. */
    invalidate() {
      snapshot = null;
    },
    /** Load (or reuse) the configuration; take it before opening a transaction, then compute synchronously. */
    snapshot: async () => view(await current()),
    calendar: async () => (await current()).calendar,
  };
}
export type DeadlineService = ReturnType<typeof createDeadlineService>;
export type Deadlines = Awaited<ReturnType<DeadlineService['snapshot']>>;
