// The ledger's filters live in the URL: parsed leniently from it (unknown or malformed values are dropped), written
// back canonically, and turned into the export link of exactly the same selection.
import { CHANNELS, ITEM_TYPES, STATUSES, TIERS } from '@tingquan/common/enums';
import type { ItemListQuery } from '@tingquan/common/schemas/items';

export type LedgerFilters = {
  q?: string;
  status?: string[];
  channel?: string[];
  type?: string[];
  tier?: string[];
  districtId?: string;
  departmentId?: string;
  centreId?: string;
  windowId?: string;
  categoryId?: string;
  projectId?: string;
  queue?: NonNullable<ItemListQuery['queue']>;
  overdue?: 'true';
  from?: string;
  to?: string;
  sort?: ItemListQuery['sort'];
  page?: number;
  pageSize?: number;
};

const LISTS = { status: STATUSES, channel: CHANNELS, type: ITEM_TYPES, tier: TIERS } as const;
const IDS = ['districtId', 'departmentId', 'centreId', 'windowId', 'categoryId', 'projectId'] as const;
const QUEUES = [
  'to_accept',
  'to_dispatch',
  'to_sign',
  'in_progress',
  'to_reply',
  'to_callback',
  'to_close',
  'to_approve',
  'overdue',
  'problem',
] as const;
const SORTS = ['submittedAt', '-submittedAt', 'handleDueAt', '-handleDueAt', 'ledgerNo', '-ledgerNo'] as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const PAGE_SIZES = [20, 50, 100] as const;

export function parseFilters(params: URLSearchParams): LedgerFilters {
  const f: LedgerFilters = {};
  const q = params.get('q')?.trim();
  if (q) f.q = q.slice(0, 100);
  for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const allowed: readonly string[] = LISTS[key];
    const values = (params.get(key) ?? '').split(',').filter((v) => allowed.includes(v));
    if (values.length) f[key] = values;
  }
  for (const key of IDS) {
    const v = params.get(key);
    if (v && ID.test(v)) f[key] = v;
  }
  const queue = params.get('queue');
  if (queue && (QUEUES as readonly string[]).includes(queue)) f.queue = queue as LedgerFilters['queue'];
  if (params.get('overdue') === 'true') f.overdue = 'true';
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key);
    if (v && DAY.test(v)) f[key] = v;
  }
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) f.sort = sort as LedgerFilters['sort'];
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) f.page = page;
  const size = Number(params.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(size) && size !== PAGE_SIZES[0]) f.pageSize = size;
  return f;
}

/** Canonical query string (stable key order, lists comma-joined, empty values left out). */
export function filtersToParams(f: LedgerFilters): URLSearchParams {
  const params = new URLSearchParams();
  const order: (keyof LedgerFilters)[] = [
    'q',
    'queue',
    'status',
    'channel',
    'type',
    'tier',
    'districtId',
    'departmentId',
    'centreId',
    'windowId',
    'categoryId',
    'projectId',
    'overdue',
    'from',
    'to',
    'sort',
    'page',
    'pageSize',
  ];
  for (const key of order) {
    const v = f[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    params.set(key, Array.isArray(v) ? v.join(',') : String(v));
  }
  return params;
}

/** The API query for a page of the ledger. */
export function listQuery(f: LedgerFilters): Record<string, string | number> {
  return Object.fromEntries(
    [...filtersToParams({ ...f, page: f.page ?? 1, pageSize: f.pageSize ?? PAGE_SIZES[0] }).entries()].map(([k, v]) => [
      k,
      k === 'page' || k === 'pageSize' ? Number(v) : v,
    ]),
  );
}

/** Export of exactly what is filtered, in the same order: every filter and the sort, without paging. */
export function exportHref(f: LedgerFilters): string {
  const params = filtersToParams({ ...f, page: undefined, pageSize: undefined });
  const s = params.toString();
  return `/api/items/export.xlsx${s ? `?${s}` : ''}`;
}

/** A filter change starts again at page 1. */
export function withFilter(f: LedgerFilters, patch: Partial<LedgerFilters>): LedgerFilters {
  return { ...f, ...patch, page: 'page' in patch ? patch.page : undefined };
}
