// Sign in and out; both reset every cached query since what a user may see depends on who they are.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@tingquan/common/schemas/org';
import { post, setCsrfToken } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(queryKeys.me, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<unknown>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(queryKeys.me, null);
    },
  });
}
