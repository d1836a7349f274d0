// Case clues and undercover checks (纪委监委). Their shapes live in server/src/modules/discipline/discipline.schemas.ts
// (not in common yet), so they are declared here as the server sends them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventView } from '@tingquan/common/schemas/items';
import { get, post } from '../../../api/client.ts';

export interface ClueView {
  id: string;
  itemId: string | null;
  ledgerNo: string | null;
  itemTitle: string | null;
  itemStatus: string | null;
  departmentName: string | null;
  rule: string;
  reason: string;
  status: 'open' | 'following' | 'closed';
  createdAt: string;
}
export interface ClueDetail extends ClueView {
  notes: { at: string; by: string | null; action: 'follow' | 'close'; note: string }[];
  events: EventView[];
}
export interface UndercoverView {
  id: string;
  districtName: string | null;
  centreName: string | null;
  departmentName: string | null;
  checkedOn: string;
  findings: string;
  itemId: string | null;
  ledgerNo: string | null;
  createdAt: string;
}
interface Page<T> {
  total: number;
  items: T[];
}

export const useClues = (status?: string) =>
  useQuery({
    queryKey: ['clues', status ?? ''],
    queryFn: () => get<Page<ClueView>>('/api/clues', { status, pageSize: 100 }),
  });
export const useClue = (id: string | null) =>
  useQuery({ queryKey: ['clue', id], queryFn: () => get<ClueDetail>(`/api/clues/${id}`), enabled: !!id });
export const useUndercoverChecks = () =>
  useQuery({
    queryKey: ['undercover'],
    queryFn: () => get<Page<UndercoverView>>('/api/undercover-checks', { pageSize: 100 }),
  });

export function useClueAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note }: { action: 'follow' | 'close'; note: string }) =>
      post(`/api/clues/${id}/${action}`, { note }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['clues'] });
      void qc.invalidateQueries({ queryKey: ['clue', id] });
    },
  });
}

export function useRecordUndercover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => post('/api/undercover-checks', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['undercover'] }),
  });
}
