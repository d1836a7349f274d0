// Deadline rules (SPEC §2.3): which row of the admin-edited SLA matrix applies to an item, the due instant of each
// clock, early warning, and the escalation ladder. Pure: time and calendar come in as arguments.
import { z } from 'zod';
import { ESCALATION_STEPS, TIERS, type EscalationStep, type ItemType, type Satisfaction, type Tier } from '../enums.ts';
import { slaRuleBody } from '../schemas/org.ts';
import { DAY_MS, localDayOf, toMs } from './shanghai-time.ts';
import type { WorkCalendar } from './work-calendar.ts';

// Re-exported because they appear in this module's signatures, so callers need one import.
export type { ItemType, Tier } from '../enums.ts';

/** One row of the SLA matrix, as the admin API stores it (defaults filled in by `slaRuleBody`). */
export type SlaRule = z.output<typeof slaRuleBody>;

export const DEFAULT_HANDLE_DAYS: Readonly<Record<Tier, number>> = { simple: 1, general: 3, complex: 7 };
export const DEFAULT_URGENT_SIGN_MINUTES = 30;
/** What an item is rated when the requester lets the rating window pass (recorded with source 'default'). */
export const DEFAULT_RATING: Satisfaction = 'basically_satisfied';

/** The built-in matrix, one row per tier and urgency; it answers whenever the admin's matrix has no matching row. */
export const DEFAULT_SLA_RULES: readonly SlaRule[] = TIERS.flatMap((tier) =>
  [false, true].map((urgent) =>
    slaRuleBody.parse({
      tier,
      urgent,
      handleDays: DEFAULT_HANDLE_DAYS[tier],
      signMinutes: urgent ? DEFAULT_URGENT_SIGN_MINUTES : null,
    }),
  ),
);

export interface SlaScope {
  tier: Tier;
  urgent: boolean;
  type?: ItemType | null;
  /** Category ids from the root down to the item's own category. */
  categoryPath?: readonly string[];
}

/** How specific a matching rule is (category depth first, then type), or null when it does not apply. */
function specificity(rule: SlaRule, scope: SlaScope): number | null {
  if (rule.tier !== scope.tier || rule.urgent !== scope.urgent) return null;
  if (rule.type !== null && rule.type !== scope.type) return null;
  let categoryDepth = 0;
  if (rule.categoryId !== null) {
    categoryDepth = (scope.categoryPath ?? []).indexOf(rule.categoryId) + 1;
    if (categoryDepth === 0) return null;
  }
  return categoryDepth * 2 + (rule.type !== null ? 1 : 0);
}

/**
 * The most specific rule for an item: the deepest category ancestor, then a type match, then the tier's row.
 * Among equally specific rows the first listed wins, so the caller's order (e.g. by id) keeps the choice stable.
 */
export function pickSlaRule<R extends SlaRule>(rules: readonly R[], scope: SlaScope): R | SlaRule {
  let best: R | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const score = specificity(rule, scope);
    if (score !== null && score > bestScore) [best, bestScore] = [rule, score];
  }
  return best ?? DEFAULT_SLA_RULES.find((rule) => specificity(rule, scope) !== null)!;
}

/**
 * The clocks of an item, each started by the caller at its own moment:
 * sign (from dispatch), contact and handle (from sign-for / dispatch, as the service decides), callback and
 * rating (from the reply). Rating is in calendar days (7 × 24 h of elapsed time), the others in working days,
 * except an urgent sign-for limit in plain minutes.
 */
export const DEADLINE_KINDS = ['sign', 'contact', 'handle', 'callback', 'rating'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export function computeDue(kind: DeadlineKind, start: Date, rule: SlaRule, calendar: WorkCalendar): Date {
  switch (kind) {
    case 'sign':
      return rule.signMinutes !== null
        ? calendar.addMinutes(start, rule.signMinutes)
        : calendar.addWorkingDays(start, rule.signDays);
    case 'contact':
      return calendar.addWorkingDays(start, rule.contactDays);
    case 'handle':
      return calendar.addWorkingDays(start, rule.handleDays);
    case 'callback':
      return calendar.addWorkingDays(start, rule.callbackDays);
    case 'rating':
      return new Date(toMs(start) + rule.ratingDays * DAY_MS);
  }
}

/** Working-day limits are measured in working time; minute limits (urgent) in plain elapsed time. */
export type TimeMeasure = 'working' | 'elapsed';

function elapsed(a: Date, b: Date, calendar: WorkCalendar, measure: TimeMeasure): number {
  return measure === 'working' ? calendar.workingMsBetween(a, b) : toMs(b) - toMs(a);
}

/** Time that must be used before the warning: shared by warningLevel and warningAt so they agree to the ms. */
const warnThresholdMs = (totalMs: number, warnRatio: number): number => Math.ceil(totalMs * warnRatio);

export type WarningLevel = 'none' | 'yellow' | 'red';

/** Yellow (预警) once at least warnRatio of the allowed time is used, red once now is past the due instant. */
export function warningLevel(
  start: Date,
  due: Date,
  now: Date,
  calendar: WorkCalendar,
  warnRatio = 0.75,
  measure: TimeMeasure = 'working',
): WarningLevel {
  if (toMs(now) > toMs(due)) return 'red';
  const total = elapsed(start, due, calendar, measure);
  if (total <= 0) return 'none';
  return elapsed(start, now, calendar, measure) >= warnThresholdMs(total, warnRatio) ? 'yellow' : 'none';
}

/** The instant the warning starts, so that it can be stored and swept with an index. */
export function warningAt(
  start: Date,
  due: Date,
  calendar: WorkCalendar,
  warnRatio = 0.75,
  measure: TimeMeasure = 'working',
): Date {
  const threshold = warnThresholdMs(elapsed(start, due, calendar, measure), warnRatio);
  return measure === 'working' ? calendar.addWorkingMs(start, threshold) : new Date(toMs(start) + threshold);
}

/** The escalation ladder is configuration: how long overdue (in working days) before each step. */
export const escalationSettingsSchema = z
  .object({
    /** 督办 once overdue by more than this many working days. */
    superviseAfterWorkingDays: z.number().int().min(0).max(60).default(2),
    /** 通报 (listed) once overdue by more than this many working days. */
    listAfterWorkingDays: z.number().int().min(0).max(60).default(5),
    /** Transfer to the inspector as a case clue once overdue by more than this many working days. */
    clueAfterWorkingDays: z.number().int().min(0).max(250).default(10),
  })
  .strict()
  .refine(
    (s) => s.superviseAfterWorkingDays <= s.listAfterWorkingDays && s.listAfterWorkingDays <= s.clueAfterWorkingDays,
    {
      message: 'each step must come no earlier than the one before it',
      path: ['listAfterWorkingDays'],
    },
  );
export type EscalationSettings = z.output<typeof escalationSettingsSchema>;
export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = escalationSettingsSchema.parse({});

/**
 * A step's number on the ladder ('none' 0 … 'clue' 6). Stored with the item, a step is taken by
 * `UPDATE … SET escalation_level = n WHERE escalation_level < n`, so each happens exactly once across processes.
 */
export const ESCALATION_LEVEL = Object.fromEntries(ESCALATION_STEPS.map((step, level) => [step, level])) as Readonly<
  Record<EscalationStep, number>
>;

export interface EscalationDue {
  step: Exclude<EscalationStep, 'none'>;
  level: number;
  /** The first instant at which the step is due (now ≥ at). */
  at: Date;
}

export interface EscalationClock {
  handleStart: Date;
  handleDue: Date;
  calendar: WorkCalendar;
  settings: EscalationSettings;
  warnRatio?: number;
}

/**
 * The first instant at which more than `days` working days have passed since `from`. When that much working
 * time is reached at the end of a working day followed by days off, the step waits for the next working day.
 */
function firstInstantOverdueBeyond(from: Date, days: number, calendar: WorkCalendar): number {
  const reached = calendar.addWorkingMs(from, days * DAY_MS);
  const resumes = calendar.isWorkday(localDayOf(reached)) ? reached : calendar.nextWorkdayStart(reached);
  return toMs(resumes) + 1;
}

/**
 * When each step of the ladder falls due, in order (never earlier than the step before):
 * warning at warnRatio of the working time; overdue strictly after the deadline; 催办 at 00:00 of the next working
 * day after the day the deadline falls on (a 24:00 deadline falls on the day it ends); 督办, 通报 and the clue
 * once overdue by more than the configured working days.
 */
export function escalationSchedule({
  handleStart,
  handleDue,
  calendar,
  settings,
  warnRatio = 0.75,
}: EscalationClock): EscalationDue[] {
  const dueMs = toMs(handleDue);
  const raw: [EscalationDue['step'], number][] = [
    ['warning', toMs(warningAt(handleStart, handleDue, calendar, warnRatio))],
    ['overdue', dueMs + 1],
    ['urge', toMs(calendar.nextWorkdayStart(new Date(dueMs - 1)))],
    ['supervise', firstInstantOverdueBeyond(handleDue, settings.superviseAfterWorkingDays, calendar)],
    ['listed', firstInstantOverdueBeyond(handleDue, settings.listAfterWorkingDays, calendar)],
    ['clue', firstInstantOverdueBeyond(handleDue, settings.clueAfterWorkingDays, calendar)],
  ];
  let previous = -Infinity;
  return raw.map(([step, at]) => {
    previous = Math.max(previous, at);
    return { step, level: ESCALATION_LEVEL[step], at: new Date(previous) };
  });
}

/** The steps above `level` that are due at `now`, in ladder order: a sweeper that was down catches up in order. */
export function nextEscalations(input: EscalationClock & { now: Date; level: number }): EscalationDue[] {
  const now = toMs(input.now);
  return escalationSchedule(input).filter((s) => s.level > input.level && toMs(s.at) <= now);
}
