// The requester's view of one item by tracking code and PIN, and the actions they may take with them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { get, post } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export interface TrackingAuth {
  code: string;
  pin: string;
}

export function useTracking(auth: TrackingAuth | null) {
  return useQuery({
    queryKey: queryKeys.tracking(auth?.code ?? '', auth?.pin ?? ''),
    queryFn: () => get<ItemDetail>('/api/public/track', { code: auth!.code, pin: auth!.pin }),
    enabled: !!auth,
  });
}

export function useTrackingAction(auth: TrackingAuth, action: 'rate' | 'appeal' | 'add_info') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (payload: unknown) => post<ItemDetail>(`/api/public/track/${action}`, { ...auth, payload }),
    onSuccess: (detail) => qc.setQueryData(queryKeys.tracking(auth.code, auth.pin), detail),
  });
}
