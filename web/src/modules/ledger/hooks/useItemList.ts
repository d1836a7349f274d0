// A page of the ledger for a query (filters, sort, page), kept while the next page loads.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ItemSummary } from '@tingquan/common/schemas/items';
import { get, type Query } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export interface ItemPage {
  total: number;
  page: number;
  pageSize: number;
  items: ItemSummary[];
}

export function useItemList(query: Query, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.items.list(query),
    queryFn: () => get<ItemPage>('/api/items', query),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}
