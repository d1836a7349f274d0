// An item's candidates (with explanations and failure counts) and the department's confirm / reject decisions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, type Query } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type { CandidatePage } from '../types.ts';

export function useCandidates(itemId: string | null, query: Query) {
  return useQuery({
    queryKey: policyKeys.candidates(itemId ?? '', query),
    queryFn: () => get<CandidatePage>(`/api/policy/items/${encodeURIComponent(itemId!)}/candidates`, query),
    enabled: !!itemId,
    placeholderData: keepPreviousData,
  });
}

export interface BulkDecision {
  ids: string[];
  action: 'confirm' | 'reject';
  reason?: string;
  publicityDays?: number;
}

export function useDecideCandidates() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkDecision) =>
      post<{ results: { id: string; ok: boolean; status?: string; error?: string }[] }>(
        '/api/policy/candidates/bulk',
        body,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: policyKeys.all }),
  });
}
