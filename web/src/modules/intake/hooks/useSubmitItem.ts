// Sends a new item: anyone through the public intake, staff through registration; both answer with a receipt.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { post } from '../../../api/client.ts';
import { queryKeys } from '../../../api/keys.ts';

export function useSubmitItem(mode: 'public' | 'staff') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => post<IntakeReceipt>(mode === 'public' ? '/api/public/items' : '/api/items', body),
    onSuccess: () => {
      if (mode === 'staff') void qc.invalidateQueries({ queryKey: queryKeys.items.all });
    },
  });
}
