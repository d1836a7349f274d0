// Row types of every table. Timestamps are epoch milliseconds (bigint), flags are 0/1 integers, JSON is text:
// the same on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface DistrictTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  sort: number;
}
export interface DepartmentTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  level: string;
  district_id: string | null;
  active: number;
}
export interface ServiceCentreTable {
  id: string;
  name: string;
  district_id: string | null;
  address: string | null;
}
export interface ServiceWindowTable {
  id: string;
  centre_id: string;
  code: string;
  name: string;
  kind: string;
}
export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  phone: string | null;
  roles: string;
  district_id: string | null;
  department_id: string | null;
  centre_id: string | null;
  window_id: string | null;
  active: number;
  created_at: number;
  failed_logins: number;
  locked_until: number | null;
}
export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}
export interface ApiTokenTable {
  id: string;
  name: string;
  kind: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
  use_count: number;
}
export interface CategoryTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  sort: number;
  active: number;
  attributes: string | null;
}
export interface SlaRuleTable {
  id: string;
  tier: string;
  urgent: number;
  type: string | null;
  category_id: string | null;
  sign_minutes: number | null;
  sign_days: number;
  contact_days: number;
  handle_days: number;
  callback_days: number;
  rating_days: number;
  warn_ratio: number;
  updated_at: number;
}
export interface CalendarOverrideTable {
  day: string;
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: number;
}
export interface CalendarYearTable {
  year: number;
  declared_by: string | null;
  declared_at: number;
}
export interface SettingTable {
  key: string;
  value: string;
  updated_at: number;
}
export interface CounterTable {
  name: string;
  value: number;
}
export interface KeyProjectTable {
  id: string;
  code: string;
  name: string;
  district_id: string | null;
  officer_id: string;
  description: string | null;
  status: string;
  created_at: number;
}
export interface ItemTable {
  id: string;
  ledger_no: string;
  tracking_code: string;
  tracking_pin_hash: string;
  channel: string;
  type: string;
  category_id: string;
  title: string;
  description: string;
  district_id: string | null;
  centre_id: string | null;
  window_id: string | null;
  place_text: string | null;
  lat: number | null;
  lng: number | null;
  requester_kind: string;
  requester_name: string | null;
  requester_phone: string | null;
  requester_org: string | null;
  requester_uscc: string | null;
  requester_user_id: string | null;
  confidential: number;
  tier: string;
  urgent: number;
  project_id: string | null;
  main_department_id: string | null;
  status: string;
  registered_by: string | null;
  submitted_at: number;
  accepted_at: number | null;
  rejected_at: number | null;
  reject_reason: string | null;
  dispatched_at: number | null;
  dispatch_count: number;
  return_count: number;
  designated: number;
  signed_at: number | null;
  contacted_at: number | null;
  replied_at: number | null;
  reply_text: string | null;
  reply_solved: string | null;
  verified_at: number | null;
  closed_at: number | null;
  redo_count: number;
  problem: number;
  primary_id: string | null;
  sign_due_at: number | null;
  sign_met: number | null;
  contact_due_at: number | null;
  contact_met: number | null;
  handle_start_at: number | null;
  handle_due_at: number | null;
  handle_met: number | null;
  callback_due_at: number | null;
  callback_met: number | null;
  rating_due_at: number | null;
  next_escalation_at: number | null;
  extension_days: number;
  extended: number;
  parked_at: number | null;
  parked: number;
  warn_level: number;
  escalation_level: number;
  listed: number;
  contacted: number | null;
  solved: string | null;
  satisfaction: string | null;
  rating_source: string | null;
  bad_review: number;
  rectification: string | null;
  rectification_due: string | null;
  excluded: number;
  pending_kind: string | null;
  pending_data: string | null;
  pending_by: string | null;
  pending_at: number | null;
  on_time: number | null;
  event_seq: number;
  event_hash: string;
  version: number;
  updated_at: number;
}
export interface ItemAssignmentTable {
  id: string;
  item_id: string;
  department_id: string;
  role: string;
  state: string;
  dispatched_at: number;
  signed_at: number | null;
  returned_at: number | null;
  return_reason: string | null;
}
export interface EventTable {
  id: string;
  stream: string;
  seq: number;
  item_id: string | null;
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  at: number;
  data: string;
  prev_hash: string;
  hash: string;
}
export interface ChainHeadTable {
  stream: string;
  seq: number;
  hash: string;
}
export interface AttachmentTable {
  id: string;
  item_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: number;
}
export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}
export interface OutboxTable {
  id: string;
  channel: string;
  topic: string;
  recipient: string;
  payload: string;
  status: string;
  attempts: number;
  available_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  dedupe_key: string | null;
}
export interface NotificationTable {
  id: string;
  user_id: string;
  item_id: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: number;
  read_at: number | null;
}
export interface WebhookTable {
  id: string;
  url: string;
  secret: string;
  events: string;
  active: number;
  created_at: number;
}
export interface ClueTable {
  id: string;
  item_id: string | null;
  district_id: string | null;
  department_id: string | null;
  rule: string;
  reason: string;
  status: string;
  created_at: number;
  created_by: string | null;
  notes: string | null;
  updated_at: number;
}
export interface UndercoverCheckTable {
  id: string;
  district_id: string | null;
  centre_id: string | null;
  department_id: string | null;
  checked_on: string;
  findings: string;
  item_id: string | null;
  created_by: string;
  created_at: number;
}
export interface SpotCheckTable {
  id: string;
  period: string;
  seed: string;
  rate: number;
  district_id: string | null;
  created_by: string;
  created_at: number;
  size: number;
}
export interface SpotCheckEntryTable {
  spot_check_id: string;
  item_id: string;
  department_id: string | null;
  result: string;
  answers: string | null;
  checked_by: string | null;
  checked_at: number | null;
}
export interface JobLeaseTable {
  name: string;
  owner: string | null;
  until: number;
}

export interface DB {
  district: DistrictTable;
  department: DepartmentTable;
  service_centre: ServiceCentreTable;
  service_window: ServiceWindowTable;
  app_user: AppUserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  category: CategoryTable;
  sla_rule: SlaRuleTable;
  calendar_override: CalendarOverrideTable;
  calendar_year: CalendarYearTable;
  setting: SettingTable;
  counter: CounterTable;
  key_project: KeyProjectTable;
  item: ItemTable;
  item_assignment: ItemAssignmentTable;
  event: EventTable;
  chain_head: ChainHeadTable;
  attachment: AttachmentTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
  notification: NotificationTable;
  webhook: WebhookTable;
  clue: ClueTable;
  undercover_check: UndercoverCheckTable;
  spot_check: SpotCheckTable;
  spot_check_entry: SpotCheckEntryTable;
  job_lease: JobLeaseTable;
}
export type { Generated };

// 2026_11_30_0006_org: deactivation flags (interface merging keeps the rows above untouched; the default is 1).
export interface DistrictTable {
  active: Generated<number>;
}
export interface ServiceCentreTable {
  active: Generated<number>;
}
export interface ServiceWindowTable {
  active: Generated<number>;
}

// 2026_11_30_0004_open311: what an Open311 posting carries beyond its ledger item.
export interface Open311RequestTable {
  item_id: string;
  token: string;
  api_token_id: string;
  service_code: string;
  attributes: string;
  media_url: string | null;
  address_id: string | null;
  email: string | null;
  created_at: number;
}
export interface DB {
  open311_request: Open311RequestTable;
}

// 2026_11_30_0002_sweeper: rule-based clues without an item are deduplicated by key (department and period).
export interface ClueTable {
  dedupe_key: string | null;
}

// 2026_11_30_0003_stats: per-item facts, additive rollups and the handling-time histogram behind /api/stats.
type StatsCounterColumns = {
  received: number;
  rejected: number;
  accepted: number;
  closed: number;
  closed_timed: number;
  closed_on_time: number;
  parked: number;
  extended: number;
  dispatched: number;
  returned: number;
  redone: number;
  rated: number;
  contacted: number;
  solved: number;
  sat_very: number;
  sat_ok: number;
  sat_basic: number;
  sat_bad: number;
  sat_very_bad: number;
  bad_review: number;
  rectified: number;
  handled: number;
};
export type StatsItemTable = StatsCounterColumns & {
  item_id: string;
  version: number;
  sub_day: number;
  acc_day: number | null;
  d_district: string;
  d_department: string;
  d_centre: string;
  d_window: string;
  d_channel: string;
  d_category: string;
  d_type: string;
  d_tier: string;
  bucket: number | null;
  open_due_at: number | null;
};
export type StatsRollupTable = StatsCounterColumns & { grain: string; dim_key: string; day: number };
export interface StatsHistTable {
  grain: string;
  dim_key: string;
  day: number;
  bucket: number;
  n: number;
}
export interface StatsCursorTable {
  name: string;
  value: number;
}
export interface DB {
  stats_item: StatsItemTable;
  stats_rollup: StatsRollupTable;
  stats_hist: StatsHistTable;
  stats_cursor: StatsCursorTable;
}

// 2026_11_30_0008_stats_pairs: rollups by two dimensions and day, the histogram as columns h0..h80.
export type StatsPairTable = StatsCounterColumns & { grain: string; k1: string; k2: string; day: number } & {
  [bucket: `h${number}`]: number;
};
export interface DB {
  stats_pair: StatsPairTable;
}

// 2026_11_30_0005_policy: policy library, dated parameters, frozen rule versions, 一企一档, matching runs, delivery.
export interface PolicyDocumentTable {
  id: string;
  number: string;
  title: string;
  issuer: string;
  category: string;
  level: string;
  issued_on: string;
  effective_from: string;
  effective_to: string | null;
  text: string;
  created_at: number;
  updated_at: number;
}
export interface PolicyItemTable {
  id: string;
  document_id: string;
  name: string;
  category: string;
  department: string;
  subject: string;
  conditions: string;
  amount_text: string;
  time_from: string;
  time_to: string | null;
  time_note: string | null;
  basis: string;
  delivery: string;
  active: number;
  created_at: number;
  updated_at: number;
}
export interface PolicyParameterTable {
  id: string;
  label: string;
  unit: string;
  created_at: number;
}
export interface PolicyParameterVersionTable {
  parameter_id: string;
  version: number;
  effective_from: string;
  value: number;
  reference: string;
  created_by: string | null;
  created_at: number;
}
export interface PolicyRuleTable {
  item_id: string;
  version: number;
  effective_from: string;
  effective_to: string | null;
  hash: string;
  body: string;
  published_at: number;
  published_by: string | null;
}
export interface EnterpriseTable {
  id: string;
  uscc: string;
  name: string;
  district_code: string | null;
  industry_code: string | null;
  phone: string | null;
  facts: string;
  created_at: number;
  updated_at: number;
}
export interface EnterpriseFactHistoryTable {
  id: string;
  enterprise_id: string;
  fact: string;
  value: string;
  source: string;
  as_of: string;
  import_id: string | null;
  recorded_at: number;
}
export interface EnterpriseImportTable {
  id: string;
  filename: string;
  format: string;
  source: string | null;
  as_of: string;
  total: number;
  imported: number;
  skipped: number;
  report: string;
  created_by: string | null;
  created_at: number;
}
export interface PolicyRunTable {
  id: string;
  scope: string;
  item_id: string | null;
  enterprise_id: string | null;
  as_of: string;
  status: string;
  total: number;
  done: number;
  cursor: string | null;
  candidates: number;
  attempts: number;
  owner: string | null;
  lease_until: number | null;
  error: string | null;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}
export interface PolicyRunItemTable {
  run_id: string;
  item_id: string;
  rule_version: number;
  rule_hash: string;
  population: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  total_amount: number;
  criteria: string;
}
export interface PolicyCandidateTable {
  id: string;
  item_id: string;
  enterprise_id: string;
  as_of: string;
  run_id: string | null;
  amount: number | null;
  rule_version: number;
  rule_hash: string;
  engine_version: string;
  parameter_snapshot_date: string;
  explanation: string;
  status: string;
  delivery: string;
  publicity_until: number | null;
  consent_token_hash: string | null;
  paid_amount: number | null;
  payment_ref: string | null;
  failure_reason: string | null;
  attempts: number;
  decided_by: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
}
export interface PolicyDeliveryEventTable {
  id: string;
  candidate_id: string;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: string | null;
  at: number;
  data: string;
}
export interface PolicyFastApplicationTable {
  id: string;
  item_id: string;
  enterprise_id: string;
  status: string;
  prefilled: string;
  supplement: string | null;
  due_at: number;
  decided_at: number | null;
  decision_note: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}
export interface PolicyComplaintTable {
  item_id: string;
  policy_item_id: string;
  enterprise_id: string | null;
  candidate_id: string | null;
  created_at: number;
}
export interface DB {
  policy_document: PolicyDocumentTable;
  policy_item: PolicyItemTable;
  policy_parameter: PolicyParameterTable;
  policy_parameter_version: PolicyParameterVersionTable;
  policy_rule: PolicyRuleTable;
  enterprise: EnterpriseTable;
  enterprise_fact_history: EnterpriseFactHistoryTable;
  enterprise_import: EnterpriseImportTable;
  policy_run: PolicyRunTable;
  policy_run_item: PolicyRunItemTable;
  policy_candidate: PolicyCandidateTable;
  policy_delivery_event: PolicyDeliveryEventTable;
  policy_fast_application: PolicyFastApplicationTable;
  policy_complaint: PolicyComplaintTable;
}

// 2026_12_04_0501_accounts: person accounts by phone, enterprises bound by 统一社会信用代码, members, who is acting.
export interface AccountPhoneCodeTable {
  id: string;
  phone: string;
  purpose: string;
  salt: string;
  code_hash: string;
  ip: string | null;
  attempts: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}
export interface AccountPersonTable {
  user_id: string;
  phone: string;
  created_at: number;
  last_sign_in_at: number | null;
}
export interface AccountEnterpriseTable {
  id: string;
  uscc: string;
  name: string;
  legal_rep_name: string;
  provider: string;
  confirmed_at: number;
  updated_at: number;
}
export interface AccountMemberTable {
  enterprise_id: string;
  user_id: string;
  role: string;
  granted_by: string | null;
  created_at: number;
  revoked_at: number | null;
}
export interface AccountBindingTable {
  id: string;
  user_id: string;
  uscc: string;
  name: string;
  role: string;
  provider: string;
  provider_ref: string;
  confirm_url: string | null;
  status: string;
  enterprise_id: string | null;
  created_at: number;
  decided_at: number | null;
}
export interface AccountActingTable {
  session_id: string;
  enterprise_id: string | null;
  updated_at: number;
}
export interface AccountLicenceSimTable {
  ref: string;
  uscc: string;
  enterprise_name: string;
  legal_rep_name: string;
  applicant_name: string;
  applicant_phone_masked: string;
  role: string;
  status: string;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}
export interface DB {
  account_phone_code: AccountPhoneCodeTable;
  account_person: AccountPersonTable;
  account_enterprise: AccountEnterpriseTable;
  account_member: AccountMemberTable;
  account_binding: AccountBindingTable;
  account_acting: AccountActingTable;
  account_licence_sim: AccountLicenceSimTable;
}
