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

export type CandidateStatus = 'candidate' | 'confirmed' | 'rejected' | 'publicity' | 'notified' | 'consented' | 'disbursed' | 'paid' | 'failed';

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
