// Every TanStack Query key comes from here, so that invalidations match what the hooks cached.
import type { Query } from './client.ts';

export const queryKeys = {
  me: ['me'] as const,
  health: ['health'] as const,
  publicLookups: ['lookups', 'public'] as const,
  staffLookups: ['lookups', 'staff'] as const,
  tracking: (code: string, pin: string) => ['tracking', code, pin] as const,
  items: {
    all: ['items'] as const,
    list: (query: Query) => ['items', 'list', query] as const,
    queueCount: (queue: string) => ['items', 'queue', queue] as const,
    detail: (id: string) => ['items', 'detail', id] as const,
  },
  stats: (kind: string, query: Query) => ['stats', kind, query] as const,
};
