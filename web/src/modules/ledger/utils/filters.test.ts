import { describe, expect, it } from 'vitest';
import { itemListQuery } from '@tingquan/common/schemas/items';
import { exportHref, filtersToParams, listQuery, parseFilters, withFilter } from './filters.ts';

describe('ledger filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const search =
      'q=空调&queue=overdue&status=submitted,accepted&channel=web&type=complaint&tier=general&districtId=d-210103&departmentId=dept-scjg&categoryId=cat-x&overdue=true&from=2026-11-01&to=2026-11-30&sort=handleDueAt&page=3&pageSize=50';
    const f = parseFilters(new URLSearchParams(search));
    expect(f).toMatchObject({
      q: '空调',
      status: ['submitted', 'accepted'],
      districtId: 'd-210103',
      overdue: 'true',
      page: 3,
      pageSize: 50,
      sort: 'handleDueAt',
    });
    expect(parseFilters(filtersToParams(f))).toEqual(f);
  });
  it('drops values the API would refuse instead of failing the page', () => {
    const f = parseFilters(
      new URLSearchParams('status=bogus,closed&districtId=%27%3B drop&from=yesterday&sort=title&page=-2&pageSize=7'),
    );
    expect(f).toEqual({ status: ['closed'] });
  });
  it('builds API queries the shared schema accepts', () => {
    const q = listQuery(parseFilters(new URLSearchParams('status=closed,replied&tier=simple&page=2')));
    const r = itemListQuery.safeParse(q);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ status: ['closed', 'replied'], tier: ['simple'], page: 2, pageSize: 20 });
  });
  it('exports exactly the current filters and sort, without paging', () => {
    const f = parseFilters(new URLSearchParams('status=closed&districtId=d-210103&sort=-ledgerNo&page=4'));
    expect(exportHref(f)).toBe('/api/items/export.xlsx?status=closed&districtId=d-210103&sort=-ledgerNo');
    expect(exportHref({})).toBe('/api/items/export.xlsx');
  });
  it('goes back to page 1 when a filter changes', () => {
    expect(withFilter({ page: 5, status: ['closed'] }, { tier: ['simple'] }).page).toBeUndefined();
    expect(withFilter({ page: 5 }, { page: 6 }).page).toBe(6);
  });
});
