// The enterprise's side of a notification: one-click consent with the link's token, or a complaint.
import { useMutation, useQuery } from '@tanstack/react-query';
import { post } from '../../../api/client.ts';
import type { CalculatorResult, ComplaintReceipt, ConsentPreview, ConsentResult } from '../types.ts';

export function useConsent() {
  return useMutation({ mutationFn: (token: string) => post<ConsentResult>('/api/public/policy/consent', { token }) });
}

/** The benefit behind the link, with its explanation, before the enterprise consents. */
export function useConsentPreview(token: string) {
  return useQuery({
    queryKey: ['policy', 'consent-preview', token],
    queryFn: () => post<ConsentPreview>('/api/public/policy/consent/preview', { token }),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
  });
}

export interface ComplaintBody {
  policyItemId: string;
  uscc: string;
  organization: string;
  phone: string;
  description: string;
}

export function useComplaint() {
  return useMutation({
    mutationFn: (body: ComplaintBody) => post<ComplaintReceipt>('/api/public/policy/complaints', body),
  });
}

/**
 * The public list of policy items a complaint can be about. There is no public item list: the calculator with no
 * facts answers every item whose rule needs data (name and id), which is what the picker needs.
 */
export function usePublicItems(enabled: boolean) {
  return useQuery({
    queryKey: ['policy', 'public-items'],
    queryFn: async () => {
      const r = await post<CalculatorResult>('/api/public/policy/calculator', { facts: {} });
      const all = [...r.eligible, ...r.needsData, ...r.nearMisses];
      const seen = new Map(all.map((e) => [e.itemId, { id: e.itemId, name: e.name, department: e.department }]));
      return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    },
    enabled,
    staleTime: Infinity,
  });
}
