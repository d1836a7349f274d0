// Server health; the login page lists the demo accounts only when the server says it runs with demo data.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export interface Health {
  status: string;
  database: string;
  demo: boolean;
  calendar?: { missingYears: number[]; warning: string | null };
}

export function useHealth() {
  return useQuery({ queryKey: queryKeys.health, queryFn: () => get<Health>('/api/health'), staleTime: 300_000 });
}
