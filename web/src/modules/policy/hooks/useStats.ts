// The policy platform's figures for a period (payments reconciled as paid, by payment date).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type { PolicyStats } from '../types.ts';

export function usePolicyStats(from: string | undefined, to: string | undefined) {
  const query = { from, to };
  return useQuery({
    queryKey: policyKeys.stats(query),
    queryFn: () => get<PolicyStats>('/api/policy/stats', query),
    placeholderData: keepPreviousData,
  });
}
