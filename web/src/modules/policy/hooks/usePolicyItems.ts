// Policy items for pickers (one page of up to 200, searchable by name).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type { PolicyItemSummary } from '../types.ts';

export function usePolicyItems(q: string) {
  const query = { pageSize: 200, q: q || undefined };
  return useQuery({
    queryKey: policyKeys.items(query),
    queryFn: () => get<{ total: number; items: PolicyItemSummary[] }>('/api/policy/items', query),
    placeholderData: keepPreviousData,
  });
}
