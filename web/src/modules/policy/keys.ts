// Query keys of the policy pages, from one factory so that invalidations match what the hooks cached.
import type { Query } from '../../api/client.ts';

export const policyKeys = {
  all: ['policy'] as const,
  items: (query: Query) => ['policy', 'items', query] as const,
  item: (id: string) => ['policy', 'item', id] as const,
  documents: ['policy', 'documents'] as const,
  parameters: ['policy', 'parameters'] as const,
  rules: (itemId: string) => ['policy', 'rules', itemId] as const,
  runs: ['policy', 'runs'] as const,
  run: (id: string) => ['policy', 'run', id] as const,
  enterprises: (q: string) => ['policy', 'enterprises', q] as const,
  stats: (query: Query) => ['policy', 'stats', query] as const,
  candidates: (itemId: string, query: Query) => ['policy', 'candidates', itemId, query] as const,
  candidate: (id: string) => ['policy', 'candidate', id] as const,
};
