// The ledger table: one page of items, server-side sorting and paging driven by the URL filters.
import { Link } from 'react-router';
import { Table } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { ItemSummary } from '@tingquan/common/schemas/items';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { OpenClock } from '../../deadlines/components/OpenClock.tsx';
import type { ItemPage } from '../hooks/useItemList.ts';
import { useLocalNames } from '../hooks/useLocalNames.ts';
import { PAGE_SIZES, type LedgerFilters } from '../utils/filters.ts';

type SortKey = 'ledgerNo' | 'submittedAt' | 'handleDueAt';

interface Props {
  data?: ItemPage;
  loading: boolean;
  filters: LedgerFilters;
  onChange: (patch: Partial<LedgerFilters>) => void;
}

export function LedgerTable({ data, loading, filters, onChange }: Props) {
  const { t, formatDateTime } = useI18n();
  const names = useLocalNames();
  const sort = filters.sort ?? '-submittedAt';
  const orderOf = (key: SortKey): SortOrder => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  return (
    <Table<ItemSummary>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 1500 }}
      data-testid="ledger-table"
      pagination={{
        current: filters.page ?? 1,
        pageSize: filters.pageSize ?? PAGE_SIZES[0],
        total: data?.total ?? 0,
        pageSizeOptions: PAGE_SIZES.map(String),
        showSizeChanger: true,
        showTotal: (n) => t('ledger.total', { n }),
      }}
      onChange={(p, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const key = s?.columnKey as SortKey | undefined;
        const nextSort =
          key && s.order ? ((s.order === 'descend' ? `-${key}` : key) as LedgerFilters['sort']) : undefined;
        const sortChanged = (nextSort ?? '-submittedAt') !== sort;
        const sizeChanged = p.pageSize !== (filters.pageSize ?? PAGE_SIZES[0]);
        onChange({ sort: nextSort, pageSize: p.pageSize, page: sortChanged || sizeChanged ? undefined : p.current });
      }}
      columns={[
        {
          key: 'ledgerNo',
          title: t('ledger.columns.ledgerNo'),
          dataIndex: 'ledgerNo',
          sorter: true,
          sortOrder: orderOf('ledgerNo'),
          width: 150,
          render: (v: string, r) => <Link to={`/items/${r.id}`}>{v}</Link>,
        },
        {
          key: 'title',
          title: t('ledger.columns.title'),
          dataIndex: 'title',
          width: 300,
          ellipsis: true,
          render: (v: string, r) => <Link to={`/items/${r.id}`}>{v}</Link>,
        },
        {
          key: 'status',
          title: t('ledger.columns.status'),
          dataIndex: 'status',
          width: 110,
          render: (v) => <StatusTag status={v} />,
        },
        {
          key: 'type',
          title: t('ledger.columns.type'),
          dataIndex: 'type',
          width: 90,
          render: (v: string) => t(`enums.type.${v}`),
        },
        {
          key: 'channel',
          title: t('ledger.columns.channel'),
          dataIndex: 'channel',
          width: 130,
          render: (v: string) => t(`enums.channel.${v}`),
        },
        {
          key: 'category',
          title: t('ledger.columns.category'),
          dataIndex: 'categoryName',
          width: 160,
          ellipsis: true,
          render: (v: string | null, r) => names.category(r.categoryId, v),
        },
        {
          key: 'district',
          title: t('ledger.columns.district'),
          dataIndex: 'districtName',
          width: 100,
          ellipsis: true,
          render: (v: string | null, r) => names.district(r.districtId, v),
        },
        {
          key: 'department',
          title: t('ledger.columns.department'),
          dataIndex: 'mainDepartmentName',
          width: 170,
          ellipsis: true,
          render: (v: string | null, r) => names.department(r.mainDepartmentId, v),
        },
        {
          key: 'submittedAt',
          title: t('ledger.columns.submittedAt'),
          dataIndex: 'submittedAt',
          sorter: true,
          sortOrder: orderOf('submittedAt'),
          width: 150,
          render: (v: string) => formatDateTime(v),
        },
        {
          key: 'handleDueAt',
          title: t('ledger.columns.handleDueAt'),
          dataIndex: 'handleDueAt',
          sorter: true,
          sortOrder: orderOf('handleDueAt'),
          width: 170,
          render: (v: string | null) => (v ? formatDateTime(v) : null),
        },
        {
          key: 'countdown',
          title: t('ledger.columns.countdown'),
          width: 200,
          render: (_: unknown, r) => <OpenClock item={r} />,
        },
      ]}
    />
  );
}
