// Matching runs: the history, one run polled while it works, and starting a new one.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../../api/client.ts';
import { policyKeys } from '../keys.ts';
import type { EnterpriseSummary, RunView } from '../types.ts';

const POLL_MS = 1000;
const working = (r: RunView | undefined) => !!r && (r.status === 'queued' || r.status === 'running');

export function useRuns() {
  return useQuery({
    queryKey: policyKeys.runs,
    queryFn: () => get<RunView[]>('/api/policy/runs'),
    refetchInterval: (q) => (q.state.data?.some(working) ? POLL_MS * 3 : false),
  });
}

/** GET /api/policy/runs/:id every second until the run is done or failed. */
export function useRun(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: policyKeys.run(id ?? ''),
    queryFn: async () => {
      const run = await get<RunView>(`/api/policy/runs/${encodeURIComponent(id!)}`);
      if (!working(run)) void client.invalidateQueries({ queryKey: policyKeys.runs });
      return run;
    },
    enabled: !!id,
    refetchInterval: (q) => (!q.state.data || working(q.state.data) ? POLL_MS : false),
  });
}

export interface RunRequest {
  scope: 'all' | 'item' | 'enterprise';
  itemId?: string;
  enterpriseId?: string;
  asOf?: string;
}

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunRequest) => post<RunView>('/api/policy/runs', body),
    onSuccess: () => client.invalidateQueries({ queryKey: policyKeys.runs }),
  });
}

export function useEnterpriseSearch(q: string) {
  return useQuery({
    queryKey: policyKeys.enterprises(q),
    queryFn: () =>
      get<{ total: number; items: EnterpriseSummary[] }>('/api/policy/enterprises', {
        q: q || undefined,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}
