// The ledger's filter controls; every change is written to the URL by the caller.
import { Button, DatePicker, Flex, Input, Select, Switch, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { CHANNELS, ITEM_TYPES, STATUSES, TIERS } from '@tingquan/common/enums';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { categoryTreeOptions } from '../../intake/utils/categoryTree.ts';
import { usePublicLookups } from '../../lookups/hooks/usePublicLookups.ts';
import { useStaffLookups } from '../../lookups/hooks/useStaffLookups.ts';
import type { LedgerFilters } from '../utils/filters.ts';

interface Props {
  filters: LedgerFilters;
  onChange: (patch: Partial<LedgerFilters>) => void;
  onReset: () => void;
}

export function LedgerFiltersBar({ filters, onChange, onReset }: Props) {
  const { t, lang } = useI18n();
  const en = lang === 'en-US';
  const lookups = usePublicLookups();
  const staff = useStaffLookups();
  const multi = (key: 'status' | 'channel' | 'type' | 'tier', values: readonly string[], labels: string) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      style={{ minWidth: 160, flex: '1 1 160px' }}
      placeholder={t(`ledger.columns.${key}`)}
      aria-label={t(`ledger.columns.${key}`)}
      value={filters[key] ?? []}
      onChange={(v: string[]) => onChange({ [key]: v })}
      options={values.map((v) => ({ value: v, label: t(`${labels}.${v}`) }))}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        defaultValue={filters.q}
        key={filters.q ?? ''}
        placeholder={t('ledger.searchPlaceholder')}
        aria-label={t('common.search')}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        style={{ minWidth: 240, flex: '2 1 240px' }}
        data-testid="ledger-search"
      />
      {multi('status', STATUSES, 'enums.status')}
      {multi('channel', CHANNELS, 'enums.channel')}
      {multi('type', ITEM_TYPES, 'enums.type')}
      {multi('tier', TIERS, 'enums.tier')}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 140, flex: '1 1 140px' }}
        placeholder={t('fields.district')}
        value={filters.districtId}
        onChange={(v?: string) => onChange({ districtId: v })}
        options={(lookups.data?.districts ?? []).map((d) => ({
          value: d.id,
          label: en && d.nameEn ? d.nameEn : d.name,
        }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 160, flex: '1 1 160px' }}
        placeholder={t('ledger.columns.department')}
        value={filters.departmentId}
        onChange={(v?: string) => onChange({ departmentId: v })}
        options={(staff.data?.departments ?? []).map((d) => ({
          value: d.id,
          label: en && d.nameEn ? d.nameEn : d.name,
        }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 160, flex: '1 1 160px' }}
        placeholder={t('fields.centre')}
        value={filters.centreId}
        onChange={(v?: string) => onChange({ centreId: v, windowId: undefined })}
        options={(lookups.data?.centres ?? []).map((c) => ({ value: c.id, label: c.name }))}
      />
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        style={{ minWidth: 160, flex: '1 1 160px' }}
        placeholder={t('fields.category')}
        value={filters.categoryId}
        onChange={(v?: string) => onChange({ categoryId: v })}
        treeData={categoryTreeOptions(lookups.data?.categories ?? [], en)}
      />
      <DatePicker.RangePicker
        aria-label={t('ledger.dateRange')}
        value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
        onChange={(r) => onChange({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
      />
      <Flex align="center" gap={6}>
        <Switch
          checked={filters.overdue === 'true'}
          onChange={(on) => onChange({ overdue: on ? 'true' : undefined })}
          aria-label={t('ledger.overdueOnly')}
        />
        <Typography.Text>{t('ledger.overdueOnly')}</Typography.Text>
      </Flex>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Flex>
  );
}
