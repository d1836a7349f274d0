// Shapes of the policy API's answers that these pages read (the server's response schemas are the reference).
import type { Decision, DecisionStatus } from '@tingquan/common/policy/engine';

export type DeliveryMode = 'no-application' | 'confirm' | 'fast-application';

export interface CalculatorEntry {
  itemId: string;
  name: string;
  category: string;
  department: string;
  delivery: DeliveryMode;
  status: DecisionStatus;
  amount: number | null;
  missingFacts: string[];
  nearestMiss: string | null;
  explanation: Decision;
}

export interface CalculatorResult {
  asOf: string;
  eligible: CalculatorEntry[];
  needsData: CalculatorEntry[];
  nearMisses: CalculatorEntry[];
  totalAmount: number;
  ineligibleCount: number;
}

export interface PolicyItemSummary {
  id: string;
  name: string;
  category: string;
  department: string;
  delivery: DeliveryMode;
  active: boolean;
}

export type CandidateStatus =
  | 'candidate'
  | 'confirmed'
  | 'rejected'
  | 'publicity'
  | 'notified'
  | 'consented'
  | 'disbursed'
  | 'paid'
  | 'failed';

export interface Candidate {
  id: string;
  itemId: string;
  enterprise: { id: string; uscc: string; name: string; districtCode: string | null };
  asOf: string;
  amount: number | null;
  status: CandidateStatus;
  delivery: DeliveryMode;
  abilities: string[];
  explanation?: Decision;
}

export interface CandidateAggregates {
  runId: string;
  asOf: string;
  population: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  totalAmount: number;
  criteria: { id: string; label: string; kind: string; fail: number; unknown: number }[];
}

export interface CandidatePage {
  total: number;
  page: number;
  pageSize: number;
  items: Candidate[];
  aggregates: CandidateAggregates | null;
}

// ── library, rules, runs, figures, consent (the staff pages of issue 5) ──────────────────────────────────────
export interface LegalReference {
  document: string;
  article?: string;
}

export interface PolicyDocumentView {
  id: string;
  number: string;
  title: string;
  issuer: string;
  category: string;
  level: 'national' | 'provincial' | 'city' | 'district';
  issuedOn: string;
  effectiveFrom: string;
  effectiveTo?: string;
  text: string;
  itemCount: number;
}

export interface PolicyItemView extends PolicyItemSummary {
  documentId: string;
  subject: string;
  conditions: string;
  amountText: string;
  timeLimit: { from: string; to?: string; note?: string };
  basis: LegalReference;
  currentRule: { version: number; effectiveFrom: string; hash: string } | null;
}

export interface PolicyItemList {
  total: number;
  page: number;
  pageSize: number;
  items: PolicyItemView[];
}

export interface ParameterView {
  id: string;
  label: string;
  unit: string;
  versions: { version: number; effectiveFrom: string; value: number; reference: LegalReference }[];
}

export type HitPolicy = 'unique' | 'first' | 'priority' | 'collect' | 'collect-sum';

export type ExclusionDraft =
  | { id: string; label: string; fact: string; test: string }
  | { id: string; label: string; receivedWithin: 'calendar-year' | '12-months' };

/** A rule as the editor holds it: the server's draft body (item and version are assigned on publishing). */
export interface RuleDraft {
  effectiveFrom: string;
  effectiveTo?: string;
  hitPolicy: HitPolicy;
  inputs: { id: string; fact: string; label?: string }[];
  outputs: { id: string; type: 'number' | 'string'; label?: string; priority?: string[] }[];
  rows: { cells: string[]; outputs: string[]; note?: string }[];
  exclusions: ExclusionDraft[];
  amount?: { steps: { id: string; label: string; expr: string }[]; cap?: { expr: string; label?: string } };
}

export interface PublishedRuleView extends RuleDraft {
  itemId: string;
  version: number;
  status: 'published';
  hash: string;
  publishedAt: string;
}

export interface RuleIssueView {
  code: string;
  severity: string;
  /** 1-based table row. */
  row?: number;
  /** Input or output column id, or a place in the rule (exclusions.x, amount.step). */
  column?: string;
  message: string;
}

export interface ValidateResult {
  ok: boolean;
  errors: RuleIssueView[];
  warnings: RuleIssueView[];
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface RunView {
  id: string;
  scope: string;
  itemId: string | null;
  enterpriseId: string | null;
  asOf: string;
  status: RunStatus;
  total: number;
  done: number;
  progress: number;
  candidates: number;
  attempts: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnterpriseSummary {
  id: string;
  uscc: string;
  name: string;
  districtCode: string | null;
  industryCode: string | null;
}

export interface StatsBucket {
  key: string;
  label: string;
  enterprises: number;
  payments: number;
  amount: number;
}

export interface PolicyStats {
  definitions: Record<string, string>;
  enterprisesBenefited: number;
  payments: number;
  amount: number;
  pipeline: Record<string, number>;
  byItem: StatsBucket[];
  byCategory: StatsBucket[];
  byDistrict: StatsBucket[];
  byMonth: StatsBucket[];
  mostFailed: { itemId: string; name: string; criterion: string; label: string; fail: number; population: number }[];
}

export interface CandidateDetail extends Candidate {
  ruleVersion: number;
  publicityUntil: string | null;
  paidAmount: number | null;
  paymentRef: string | null;
  failureReason: string | null;
  reason: string | null;
  history?: { action: string; from: string; to: string; actorId: string | null; at: string; data: unknown }[];
}

export interface ConsentResult {
  itemId: string;
  itemName: string;
  enterpriseName: string;
  amount: number | null;
  status: string;
}

/** What a consent link is for, read before consenting (the token is not used up). */
export interface ConsentPreview extends ConsentResult {
  asOf: string;
  explanation: Decision;
}

export interface ComplaintReceipt {
  itemId: string;
  ledgerNo: string;
  trackingCode: string;
  accessPin: string;
}
