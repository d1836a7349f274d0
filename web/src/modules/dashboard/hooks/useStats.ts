// One figures endpoint for the dashboard's period and scope; a wall screen asks again every `refetchInterval` ms.
import { useQuery } from '@tanstack/react-query';
import { get, type Query } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useStats<T>(
  kind: 'summary' | 'series' | 'breakdown' | 'league' | 'hotspots',
  query: Query,
  refetchInterval?: number,
) {
  return useQuery({
    queryKey: queryKeys.stats(kind, query),
    queryFn: () => get<T>(`/api/stats/${kind}`, query),
    staleTime: 60_000,
    refetchInterval,
  });
}
