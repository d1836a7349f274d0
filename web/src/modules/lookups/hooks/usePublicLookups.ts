// Districts, service centres with their windows, the category tree and item types, for the intake forms.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicLookups } from '@tingquan/common/schemas/org';
import { get } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export type PublicLookups = z.infer<typeof publicLookups>;

export function usePublicLookups() {
  return useQuery({
    queryKey: queryKeys.publicLookups,
    queryFn: () => get<PublicLookups>('/api/public/lookups'),
    staleTime: 10 * 60_000,
  });
}
