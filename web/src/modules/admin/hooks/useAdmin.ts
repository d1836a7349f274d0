// Admin API reads and writes: the SLA matrix, the working-day calendar, users and tokens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { calendarStatusView, slaMatrix, tokenCreated, tokenView, User } from '@tingquan/common/schemas/org';
import { api, get, post } from '../../../api/client.ts';

export type SlaMatrix = z.infer<typeof slaMatrix>;
export type CalendarStatus = z.infer<typeof calendarStatusView>;
export type TokenView = z.infer<typeof tokenView>;

const keys = {
  sla: ['admin', 'sla'] as const,
  calendar: ['admin', 'calendar'] as const,
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
};

export const useSlaMatrix = () =>
  useQuery({ queryKey: keys.sla, queryFn: () => get<SlaMatrix>('/api/admin/sla-rules') });
export const useCalendar = () =>
  useQuery({ queryKey: keys.calendar, queryFn: () => get<CalendarStatus>('/api/admin/calendar') });
export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: () => get<User[]>('/api/admin/users') });
export const useTokens = () =>
  useQuery({ queryKey: keys.tokens, queryFn: () => get<TokenView[]>('/api/admin/tokens') });

export function usePatchSlaRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> }) =>
      api<unknown>('PATCH', `/api/admin/sla-rules/${encodeURIComponent(id)}`, patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.sla }),
  });
}

export function useCalendarMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: keys.calendar });
  return {
    addOverride: useMutation({
      mutationFn: (body: { day: string; kind: 'workday' | 'holiday'; note?: string }) =>
        post('/api/admin/calendar/overrides', body),
      onSuccess: done,
    }),
    removeOverride: useMutation({
      mutationFn: (day: string) => api('DELETE', `/api/admin/calendar/overrides/${day}`),
      onSuccess: done,
    }),
    declareYear: useMutation({
      mutationFn: (year: number) => post('/api/admin/calendar/years', { year }),
      onSuccess: done,
    }),
  };
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; userId: string }) =>
      post<z.infer<typeof tokenCreated>>('/api/admin/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}
