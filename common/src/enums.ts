// The ledger's vocabulary: every closed set of values the server stores and the web displays.
export const ROLES = [
  'requester',
  'window_clerk',
  'dispatcher',
  'handler',
  'dept_lead',
  'supervisor',
  'inspector',
  'officer',
  'policy_admin',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['window', 'web', 'mobile', 'hotline', 'letter', 'api', 'inspection', 'callback'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ITEM_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const TIERS = ['simple', 'general', 'complex'] as const;
export type Tier = (typeof TIERS)[number];

export const STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'dispatched',
  'in_progress',
  'parked',
  'replied',
  'verified',
  'closed',
  'merged',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the problem is still being worked on (counted as "open"). */
export const OPEN_STATUSES: readonly Status[] = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'parked',
  'replied',
  'verified',
];

/** The national five-level satisfaction scale (好差评); the last two are a bad review (差评). */
export const SATISFACTION = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const BAD_REVIEW: readonly Satisfaction[] = ['dissatisfied', 'very_dissatisfied'];

export const SOLVED = ['solved', 'partly', 'not'] as const;
export type Solved = (typeof SOLVED)[number];

export const RATING_SOURCES = ['requester', 'callback', 'default'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const REQUESTER_KINDS = ['person', 'enterprise', 'anonymous'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

export const RECTIFICATIONS = ['immediate', 'scheduled', 'explained'] as const;
export type Rectification = (typeof RECTIFICATIONS)[number];

export const PENDING_KINDS = ['extension', 'park', 'unreasonable', 'closeout', 'appeal'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];

export const DEPARTMENT_LEVELS = ['city', 'district'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

/** Escalation ladder (SPEC §2.3); the number is stored so that each step happens exactly once. */
export const ESCALATION_STEPS = ['none', 'warning', 'overdue', 'urge', 'supervise', 'listed', 'clue'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

export const CLUE_STATUSES = ['open', 'following', 'closed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

export const SPOT_CHECK_RESULTS = ['pending', 'confirmed', 'false_closure'] as const;
export type SpotCheckResult = (typeof SPOT_CHECK_RESULTS)[number];
