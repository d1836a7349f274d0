import { describe, expect, it } from 'vitest';
import { ESCALATION_STEPS } from '../enums.ts';
import { slaRuleBody } from '../schemas/org.ts';
import {
  DEFAULT_ESCALATION_SETTINGS,
  DEFAULT_SLA_RULES,
  ESCALATION_LEVEL,
  computeDue,
  escalationSchedule,
  escalationSettingsSchema,
  nextEscalations,
  pickSlaRule,
  warningAt,
  warningLevel,
  type DeadlineKind,
  type EscalationSettings,
  type SlaScope,
} from './deadline-rules.ts';
import { OFFICIAL_2026 } from './official-2026.fixture.ts';
import { formatShanghaiTime as fmt, shanghaiTime as at } from './shanghai-time.ts';
import { createWorkCalendar } from './work-calendar.ts';

const calendar = createWorkCalendar(OFFICIAL_2026);
const rule = (input: Parameters<typeof slaRuleBody.parse>[0]) => slaRuleBody.parse(input);
const defaultRule = (scope: SlaScope) => pickSlaRule([], scope);

describe('the default SLA matrix (SPEC §2.3)', () => {
  it('has one row per tier and urgency with the specified limits', () => {
    expect(DEFAULT_SLA_RULES.map((r) => [r.tier, r.urgent, r.signMinutes, r.signDays, r.handleDays])).toEqual([
      ['simple', false, null, 1, 1],
      ['simple', true, 30, 1, 1],
      ['general', false, null, 1, 3],
      ['general', true, 30, 1, 3],
      ['complex', false, null, 1, 7],
      ['complex', true, 30, 1, 7],
    ]);
    for (const r of DEFAULT_SLA_RULES) {
      expect([r.contactDays, r.callbackDays, r.ratingDays, r.warnRatio]).toEqual([1, 2, 7, 0.75]);
    }
  });
});

describe('pickSlaRule: the most specific row wins', () => {
  const rules = [
    rule({ tier: 'general', handleDays: 4 }),
    rule({ tier: 'general', type: 'complaint', handleDays: 2 }),
    rule({ tier: 'general', categoryId: 'permits', handleDays: 5 }),
    rule({ tier: 'general', categoryId: 'fire-check', handleDays: 6 }),
    rule({ tier: 'general', categoryId: 'permits', type: 'complaint', handleDays: 8 }),
    rule({ tier: 'general', categoryId: 'permits', handleDays: 9 }),
    rule({ tier: 'complex', urgent: true, signMinutes: 20, handleDays: 5 }),
  ];

  it.each<[string, SlaScope, number]>([
    ['tier row', { tier: 'general', urgent: false, type: 'consult', categoryPath: [] }, 4],
    ['type beats tier', { tier: 'general', urgent: false, type: 'complaint' }, 2],
    ['category beats tier', { tier: 'general', urgent: false, type: 'consult', categoryPath: ['permits'] }, 5],
    [
      'an ancestor category applies to its subtree',
      { tier: 'general', urgent: false, type: 'consult', categoryPath: ['permits', 'construction'] },
      5,
    ],
    [
      'category and type beats category alone',
      { tier: 'general', urgent: false, type: 'complaint', categoryPath: ['permits', 'construction'] },
      8,
    ],
    [
      'the deepest category beats a type match',
      { tier: 'general', urgent: false, type: 'complaint', categoryPath: ['permits', 'construction', 'fire-check'] },
      6,
    ],
    [
      'another category falls back to the tier row',
      { tier: 'general', urgent: false, type: 'consult', categoryPath: ['taxes'] },
      4,
    ],
    ['urgent rows are their own', { tier: 'complex', urgent: true, type: 'help' }, 5],
    ['no admin row: the built-in default', { tier: 'simple', urgent: false }, 1],
    ['no admin row for complex non-urgent', { tier: 'complex', urgent: false }, 7],
  ])('%s', (_case, scope, handleDays) => {
    expect(pickSlaRule(rules, scope).handleDays).toBe(handleDays);
  });

  it('falls back to the default urgent row, sign-for in 30 minutes', () => {
    expect(pickSlaRule(rules, { tier: 'general', urgent: true })).toMatchObject({ signMinutes: 30, handleDays: 3 });
  });
});

describe('computeDue for each clock', () => {
  const general = defaultRule({ tier: 'general', urgent: false });
  it.each<[string, DeadlineKind, SlaScope, string, string]>([
    [
      'sign-for in 1 working day, the make-up Saturday counts',
      'sign',
      { tier: 'general', urgent: false },
      '2026-02-13 10:00',
      '2026-02-14 10:00',
    ],
    [
      'urgent sign-for in 30 minutes, even on a holiday',
      'sign',
      { tier: 'general', urgent: true },
      '2026-02-17 23:45',
      '2026-02-18 00:15',
    ],
    [
      'first contact in 1 working day',
      'contact',
      { tier: 'general', urgent: false },
      '2026-09-30 17:00',
      '2026-10-08 17:00',
    ],
    [
      'simple handling, accepted inside the holiday',
      'handle',
      { tier: 'simple', urgent: false },
      '2026-02-18 09:00',
      '2026-02-24 24:00',
    ],
    [
      'general handling across the Spring Festival',
      'handle',
      { tier: 'general', urgent: false },
      '2026-02-13 10:00',
      '2026-02-25 10:00',
    ],
    [
      'complex handling across the Spring Festival',
      'handle',
      { tier: 'complex', urgent: false },
      '2026-02-13 10:00',
      '2026-03-02 10:00',
    ],
    [
      'complex handling across National Day',
      'handle',
      { tier: 'complex', urgent: false },
      '2026-09-30 17:00',
      '2026-10-15 17:00',
    ],
    [
      'callback 2 working days after the reply',
      'callback',
      { tier: 'general', urgent: false },
      '2026-02-13 10:00',
      '2026-02-24 10:00',
    ],
    [
      'rating window: 7 calendar days, holidays included',
      'rating',
      { tier: 'general', urgent: false },
      '2026-02-13 10:00',
      '2026-02-20 10:00',
    ],
  ])('%s', (_case, kind, scope, start, due) => {
    expect(fmt(computeDue(kind, at(start), defaultRule(scope), calendar))).toBe(fmt(at(due)));
  });

  it('follows an admin row with its own limits', () => {
    const slow = { ...general, handleDays: 10, signDays: 2 };
    expect(fmt(computeDue('handle', at('2026-09-30 17:00'), slow, calendar))).toBe('2026-10-20 17:00');
    expect(fmt(computeDue('sign', at('2026-09-30 17:00'), slow, calendar))).toBe('2026-10-09 17:00');
  });
});

describe('warningLevel: yellow at 75% of the working time, red once overdue', () => {
  it.each([
    // Accepted Monday 10:00, 3 working days: 72 h, 75% = 54 h used on Wednesday 16:00.
    ['at the start', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-09 10:00', 'none'],
    ['below 74%', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-11 15:16', 'none'],
    ['at 74%', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-11 15:17', 'none'],
    ['at 75%', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-11 16:00', 'yellow'],
    ['at the due instant', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-12 10:00', 'yellow'],
    ['a minute late', '2026-03-09 10:00', '2026-03-12 10:00', '2026-03-12 10:01', 'red'],
    // Accepted the day before the Spring Festival: the holiday uses no time.
    ['inside the holiday, 53% used', '2026-02-13 10:00', '2026-02-25 10:00', '2026-02-20 12:00', 'none'],
    ['first day back, 74%', '2026-02-13 10:00', '2026-02-25 10:00', '2026-02-24 15:16', 'none'],
    ['first day back, 75%', '2026-02-13 10:00', '2026-02-25 10:00', '2026-02-24 16:00', 'yellow'],
    ['overdue after the holiday', '2026-02-13 10:00', '2026-02-25 10:00', '2026-02-25 10:01', 'red'],
  ])('%s', (_case, start, due, now, level) => {
    expect(warningLevel(at(start), at(due), at(now), calendar)).toBe(level);
  });

  it('takes a configured ratio', () => {
    expect(warningLevel(at('2026-03-09 10:00'), at('2026-03-12 10:00'), at('2026-03-10 22:00'), calendar, 0.5)).toBe(
      'yellow',
    );
    expect(warningLevel(at('2026-03-09 10:00'), at('2026-03-12 10:00'), at('2026-03-10 21:59'), calendar, 0.5)).toBe(
      'none',
    );
  });

  it.each([
    ['22:22', 'none'],
    ['22:23', 'yellow'],
    ['22:30', 'yellow'],
    ['22:31', 'red'],
  ])('measures urgent minute limits in elapsed time, even on a holiday: %s → %s', (time, level) => {
    const start = at('2026-02-16 22:00');
    const due = at('2026-02-16 22:30');
    expect(warningLevel(start, due, at(`2026-02-16 ${time}`), calendar, 0.75, 'elapsed')).toBe(level);
  });

  it('agrees to the millisecond with warningAt', () => {
    for (const [start, due] of [
      ['2026-03-09 10:00', '2026-03-12 10:00'],
      ['2026-02-13 10:00', '2026-02-25 10:00'],
      ['2026-09-30 17:00', '2026-10-15 17:00'],
      ['2026-02-18 09:00', '2026-02-24 24:00'],
    ]) {
      for (const ratio of [0.74, 0.75, 0.9]) {
        const warnAt = warningAt(at(start), at(due), calendar, ratio);
        expect(warningLevel(at(start), at(due), warnAt, calendar, ratio)).toBe('yellow');
        expect(warningLevel(at(start), at(due), new Date(warnAt.getTime() - 1), calendar, ratio)).toBe('none');
      }
    }
  });
});

describe('escalation settings are configuration', () => {
  it('defaults to 督办 after 2, 通报 after 5 and a clue after 10 working days overdue', () => {
    expect(DEFAULT_ESCALATION_SETTINGS).toEqual({
      superviseAfterWorkingDays: 2,
      listAfterWorkingDays: 5,
      clueAfterWorkingDays: 10,
    });
    expect(escalationSettingsSchema.parse({ clueAfterWorkingDays: 15 }).clueAfterWorkingDays).toBe(15);
  });

  it.each([
    { superviseAfterWorkingDays: 6 },
    { clueAfterWorkingDays: 4 },
    { listAfterWorkingDays: -1 },
    { urgeAfter: 1 },
  ])('refuses %j', (input) => {
    expect(escalationSettingsSchema.safeParse(input).success).toBe(false);
  });

  it('numbers the ladder as the stored enum does', () => {
    expect(ESCALATION_LEVEL).toEqual({ none: 0, warning: 1, overdue: 2, urge: 3, supervise: 4, listed: 5, clue: 6 });
    expect(ESCALATION_STEPS.map((step) => ESCALATION_LEVEL[step])).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('escalationSchedule: when each step falls due', () => {
  const settings = DEFAULT_ESCALATION_SETTINGS;
  it.each([
    [
      'general item accepted before National Day, due Thursday 8 Oct 10:00',
      '2026-09-28 10:00',
      '2026-10-08 10:00',
      // 督办 on the make-up Saturday; 通报 and the clue wait out the weekend in working time.
      [
        '2026-09-30 16:00',
        '2026-10-08 10:00',
        '2026-10-09 00:00',
        '2026-10-10 10:00',
        '2026-10-14 10:00',
        '2026-10-21 10:00',
      ],
    ],
    [
      'simple item accepted inside National Day, due at the end of 8 Oct',
      '2026-10-03 20:00',
      '2026-10-08 24:00',
      // 2 working days overdue are reached at the end of Saturday 10 Oct: 督办 waits for Monday.
      [
        '2026-10-08 18:00',
        '2026-10-09 00:00',
        '2026-10-09 00:00',
        '2026-10-12 00:00',
        '2026-10-15 00:00',
        '2026-10-22 00:00',
      ],
    ],
    [
      'general item accepted before the Spring Festival, due Tuesday 24 Feb 15:00',
      '2026-02-12 15:00',
      '2026-02-24 15:00',
      [
        '2026-02-14 21:00',
        '2026-02-24 15:00',
        '2026-02-25 00:00',
        '2026-02-26 15:00',
        '2026-03-02 15:00',
        '2026-03-09 15:00',
      ],
    ],
  ])('%s', (_case, start, due, expected) => {
    const schedule = escalationSchedule({ handleStart: at(start), handleDue: at(due), calendar, settings });
    expect(schedule.map((s) => s.step)).toEqual(['warning', 'overdue', 'urge', 'supervise', 'listed', 'clue']);
    expect(schedule.map((s) => fmt(s.at))).toEqual(expected);
    // "Overdue" and "more than N working days" are strict: the step is due one millisecond after the boundary.
    expect(schedule[1]!.at.getTime()).toBe(at(due).getTime() + 1);
  });

  it('moves the steps with the configured working days', () => {
    const custom: EscalationSettings = {
      superviseAfterWorkingDays: 1,
      listAfterWorkingDays: 3,
      clueAfterWorkingDays: 4,
    };
    const schedule = escalationSchedule({
      handleStart: at('2026-09-28 10:00'),
      handleDue: at('2026-10-08 10:00'),
      calendar,
      settings: custom,
    });
    expect(schedule.slice(3).map((s) => fmt(s.at))).toEqual([
      '2026-10-09 10:00',
      '2026-10-12 10:00',
      '2026-10-13 10:00',
    ]);
  });
});

describe('nextEscalations: each step exactly once as time passes across National Day', () => {
  const clock = {
    handleStart: at('2026-09-28 10:00'),
    handleDue: at('2026-10-08 10:00'),
    calendar,
    settings: DEFAULT_ESCALATION_SETTINGS,
  };

  /** A sweeper that applies what is due at each tick, as `WHERE escalation_level < n` would. */
  function sweep(ticks: Date[]): [string, string][] {
    let level = ESCALATION_LEVEL.none;
    const taken: [string, string][] = [];
    for (const now of ticks) {
      for (const step of nextEscalations({ ...clock, now, level })) {
        expect(step.level).toBeGreaterThan(level);
        level = step.level;
        taken.push([step.step, fmt(now)]);
      }
    }
    return taken;
  }
  const ticks = (from: string, count: number, stepMs: number) =>
    Array.from({ length: count }, (_, i) => new Date(at(from).getTime() + i * stepMs));

  it('day by day at 09:00', () => {
    expect(sweep(ticks('2026-09-28 09:00', 40, 86_400_000))).toEqual([
      ['warning', '2026-10-01 09:00'],
      ['overdue', '2026-10-09 09:00'],
      ['urge', '2026-10-09 09:00'],
      ['supervise', '2026-10-11 09:00'],
      ['listed', '2026-10-15 09:00'],
      ['clue', '2026-10-22 09:00'],
    ]);
  });

  it('hour by hour', () => {
    expect(sweep(ticks('2026-09-28 00:00', 40 * 24, 3_600_000))).toEqual([
      ['warning', '2026-09-30 16:00'],
      ['overdue', '2026-10-08 11:00'],
      ['urge', '2026-10-09 00:00'],
      ['supervise', '2026-10-10 11:00'],
      ['listed', '2026-10-14 11:00'],
      ['clue', '2026-10-21 11:00'],
    ]);
  });

  it('catches up in order after a sweeper outage, from the stored level', () => {
    const now = at('2026-10-22 09:00');
    expect(nextEscalations({ ...clock, now, level: ESCALATION_LEVEL.none }).map((s) => s.step)).toEqual(
      ESCALATION_STEPS.slice(1),
    );
    expect(nextEscalations({ ...clock, now, level: ESCALATION_LEVEL.overdue }).map((s) => s.step)).toEqual([
      'urge',
      'supervise',
      'listed',
      'clue',
    ]);
    expect(nextEscalations({ ...clock, now, level: ESCALATION_LEVEL.clue })).toEqual([]);
  });
});
