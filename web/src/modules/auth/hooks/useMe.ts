// The signed-in user (null when signed out); keeps the client's CSRF token in step with the session.
import { useQuery } from '@tanstack/react-query';
import type { Me } from '@tingquan/common/schemas/org';
import { ApiError, get, setCsrfToken } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await get<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
  });
}
