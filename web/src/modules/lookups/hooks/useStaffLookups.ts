// Staff lookups: everything public plus departments and users (for dispatching and filtering).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { staffLookups } from '@tingquan/common/schemas/org';
import { get } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export type StaffLookups = z.infer<typeof staffLookups>;

export function useStaffLookups() {
  return useQuery({
    queryKey: queryKeys.staffLookups,
    queryFn: () => get<StaffLookups>('/api/lookups'),
    staleTime: 10 * 60_000,
  });
}
