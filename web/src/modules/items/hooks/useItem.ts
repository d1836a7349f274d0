// One item with what this user may do to it now, and the mutations that act on it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import type { ItemAction } from '@tingquan/common/lifecycle';
import { get, post } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useItem(id: string) {
  return useQuery({
    queryKey: queryKeys.items.detail(id),
    queryFn: () => get<ItemDetail>(`/api/items/${encodeURIComponent(id)}`),
  });
}

/** Any action (reveal included): the answer is the item as it now stands, and every list may have changed. */
export function useItemAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: ItemAction; body: unknown }) =>
      post<ItemDetail>(`/api/items/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: (detail) => {
      qc.setQueryData(queryKeys.items.detail(id), detail);
      void qc.invalidateQueries({ queryKey: ['items', 'list'] });
    },
  });
}
