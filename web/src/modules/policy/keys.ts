// Query keys of the policy pages, from one factory so that invalidations match what the hooks cached.
import type { Query } from '../../api/client.ts';

export const policyKeys = {
  all: ['policy'] as const,
  items: (query: Query) => ['policy', 'items', query] as const,
  candidates: (itemId: string, query: Query) => ['policy', 'candidates', itemId, query] as const,
};
