// The policy library: documents, items (filtered), one item, the dated parameters, and an item's rule versions with
// the editor's validate / test / publish calls.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, type Query } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type {
  ParameterView,
  PolicyDocumentView,
  PolicyItemList,
  PolicyItemView,
  PublishedRuleView,
  RuleDraft,
  ValidateResult,
} from '../types.ts';
import type { Decision } from '@tingquan/common/policy/engine';

export function usePolicyDocuments() {
  return useQuery({
    queryKey: policyKeys.documents,
    queryFn: () => get<PolicyDocumentView[]>('/api/policy/documents'),
    staleTime: 60_000,
  });
}

export function usePolicyItemList(query: Query) {
  return useQuery({
    queryKey: policyKeys.items(query),
    queryFn: () => get<PolicyItemList>('/api/policy/items', query),
    placeholderData: keepPreviousData,
  });
}

/** Every item (about two hundred: two pages of the largest size), for filtering by department on the page. */
export function useAllPolicyItems() {
  return useQuery({
    queryKey: policyKeys.items({ all: true }),
    queryFn: async () => {
      const items: PolicyItemView[] = [];
      for (let page = 1; ; page++) {
        const r = await get<PolicyItemList>('/api/policy/items', { page, pageSize: 200 });
        items.push(...r.items);
        if (!r.items.length || items.length >= r.total) return items;
      }
    },
    staleTime: 30_000,
  });
}

export function usePolicyItem(id: string) {
  return useQuery({
    queryKey: policyKeys.item(id),
    queryFn: () => get<PolicyItemView>(`/api/policy/items/${encodeURIComponent(id)}`),
  });
}

export function usePolicyParameters() {
  return useQuery({
    queryKey: policyKeys.parameters,
    queryFn: () => get<ParameterView[]>('/api/policy/parameters'),
    staleTime: 60_000,
  });
}

export function useRuleVersions(itemId: string) {
  return useQuery({
    queryKey: policyKeys.rules(itemId),
    queryFn: () => get<PublishedRuleView[]>(`/api/policy/items/${encodeURIComponent(itemId)}/rules`),
  });
}

export function useValidateRule(itemId: string) {
  return useMutation({
    mutationFn: (rule: RuleDraft) =>
      post<ValidateResult>(`/api/policy/items/${encodeURIComponent(itemId)}/rules/validate`, rule),
  });
}

export function usePublishRule(itemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rule: RuleDraft) =>
      post<PublishedRuleView>(`/api/policy/items/${encodeURIComponent(itemId)}/rules`, rule),
    onSuccess: () => client.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

export interface RuleTestRequest {
  rule?: RuleDraft;
  facts: Record<string, unknown>;
  asOf?: string;
}

/** The test panel: the server decides with the same engine as the matching runs (facts in, explanation out). */
export function useRuleTest(itemId: string, request: RuleTestRequest | null) {
  return useQuery({
    queryKey: ['policy', 'rule-test', itemId, request],
    queryFn: () => post<Decision>(`/api/policy/items/${encodeURIComponent(itemId)}/rules/test`, request),
    enabled: !!request,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}
