// One candidate's delivery (status, payment, failure reason, history) and the staff's delivery steps.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type { CandidateDetail } from '../types.ts';

export function useCandidateDetail(id: string | null) {
  return useQuery({
    queryKey: policyKeys.candidate(id ?? ''),
    queryFn: () => get<CandidateDetail>(`/api/policy/candidates/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export type DeliveryAction = 'notify' | 'disburse' | 'reconcile' | 'retry';

export function useDeliveryAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: DeliveryAction; body?: object }) =>
      post<CandidateDetail>(`/api/policy/candidates/${encodeURIComponent(id)}/${action}`, body ?? {}),
    onSuccess: () => client.invalidateQueries({ queryKey: policyKeys.all }),
  });
}
