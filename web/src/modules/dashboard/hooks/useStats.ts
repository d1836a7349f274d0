// One figures endpoint for the dashboard's period and scope.
import { useQuery } from '@tanstack/react-query';
import { get, type Query } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useStats<T>(kind: 'summary' | 'series' | 'breakdown' | 'league' | 'hotspots', query: Query) {
  return useQuery({ queryKey: queryKeys.stats(kind, query), queryFn: () => get<T>(`/api/stats/${kind}`, query), staleTime: 60_000 });
}
