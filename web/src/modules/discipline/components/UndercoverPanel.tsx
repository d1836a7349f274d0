// Undercover checks (暗访): the record, and registering a new one.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, DatePicker, Flex, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { usePublicLookups } from '../../lookups/hooks/usePublicLookups.ts';
import { useRecordUndercover, useUndercoverChecks, type UndercoverView } from '../hooks/useDiscipline.ts';

export function UndercoverPanel({ canRecord }: { canRecord: boolean }) {
  const { t, formatDateTime } = useI18n();
  const checks = useUndercoverChecks();
  const record = useRecordUndercover();
  const lookups = usePublicLookups();
  const [day, setDay] = useState<Dayjs | null>(null);
  const [centreId, setCentreId] = useState<string>();
  const [findings, setFindings] = useState('');
  return (
    <Flex vertical gap={12}>
      {canRecord ? (
        <Flex gap={8} wrap align="flex-start">
          <DatePicker
            value={day}
            onChange={setDay}
            aria-label={t('discipline.checkedOn')}
            placeholder={t('discipline.checkedOn')}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            placeholder={t('fields.centre')}
            value={centreId}
            onChange={setCentreId}
            options={(lookups.data?.centres ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Input.TextArea
            style={{ flex: '1 1 320px' }}
            rows={2}
            aria-label={t('discipline.findings')}
            placeholder={t('discipline.findings')}
            value={findings}
            onChange={(e) => setFindings(e.target.value)}
          />
          <Button
            type="primary"
            disabled={!day || !findings.trim()}
            loading={record.isPending}
            onClick={() =>
              record.mutate(
                { checkedOn: day!.format('YYYY-MM-DD'), centreId, findings: findings.trim() },
                {
                  onSuccess: () => {
                    setFindings('');
                    setDay(null);
                  },
                },
              )
            }
          >
            {t('discipline.record')}
          </Button>
        </Flex>
      ) : null}
      {record.error ? <ErrorAlert error={record.error} /> : null}
      {checks.error ? <ErrorAlert error={checks.error} /> : null}
      <Table<UndercoverView>
        size="small"
        rowKey="id"
        loading={checks.isPending}
        dataSource={checks.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { key: 'checkedOn', title: t('discipline.checkedOn'), dataIndex: 'checkedOn', width: 120 },
          {
            key: 'place',
            title: t('item.place'),
            render: (_: unknown, c) =>
              [c.districtName, c.centreName, c.departmentName].filter(Boolean).join(' · ') || '—',
          },
          { key: 'findings', title: t('discipline.findings'), dataIndex: 'findings', ellipsis: true },
          {
            key: 'item',
            title: t('ledger.columns.ledgerNo'),
            render: (_: unknown, c) => (c.itemId ? <Link to={`/items/${c.itemId}`}>{c.ledgerNo}</Link> : '—'),
            width: 150,
          },
          {
            key: 'createdAt',
            title: t('intake.submittedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
            width: 150,
          },
        ]}
      />
    </Flex>
  );
}
