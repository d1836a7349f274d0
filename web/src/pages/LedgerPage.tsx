// /items — the ledger: filters in the URL, search, sorting, paging, and the Excel export of exactly this selection.
import { useSearchParams } from 'react-router';
import { Button, Flex, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMe } from '../modules/auth/hooks/useMe.ts';
import { ImportDialog } from '../modules/ledger/components/ImportDialog.tsx';
import { LedgerFiltersBar } from '../modules/ledger/components/LedgerFiltersBar.tsx';
import { LedgerTable } from '../modules/ledger/components/LedgerTable.tsx';
import { useItemList } from '../modules/ledger/hooks/useItemList.ts';
import {
  exportHref,
  filtersToParams,
  listQuery,
  parseFilters,
  withFilter,
  type LedgerFilters,
} from '../modules/ledger/utils/filters.ts';

export default function LedgerPage() {
  const { t } = useI18n();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const list = useItemList(listQuery(filters));
  const update = (patch: Partial<LedgerFilters>) => setParams(filtersToParams(withFilter(filters, patch)));
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ledger.title')}{' '}
          {filters.queue ? (
            <Tag closable onClose={() => update({ queue: undefined })}>
              {t(`workbench.queues.${filters.queue}`)}
            </Tag>
          ) : null}
        </Typography.Title>
        <Flex gap={8}>
          {me.permissions.includes('item.import') ? <ImportDialog /> : null}
          {me.permissions.includes('item.export') ? (
            <Button icon={<DownloadOutlined />} href={exportHref(filters)} data-testid="export-link">
              {t('common.exportExcel')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <div style={{ height: 12 }} />
      <LedgerFiltersBar filters={filters} onChange={update} onReset={() => setParams(new URLSearchParams())} />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <LedgerTable data={list.data} loading={list.isFetching} filters={filters} onChange={update} />
    </>
  );
}
