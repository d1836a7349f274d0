// Service centres with the city-wide count of windows; a centre's windows are listed and edited in a drawer.
import { useState } from 'react';
import { App, Button, Flex, Space, Statistic, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useCentres, useDistricts, useOrgWrite, type CentreView } from '../hooks/useOrg.ts';
import { changedFields, districtLabel, districtOptions, windowTotal } from '../utils/orgEdit.ts';
import { ActiveTag } from './ActiveTag.tsx';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';
import { WindowsDrawer } from './WindowsDrawer.tsx';

export function CentresPanel() {
  const { t, lang, formatNumber } = useI18n();
  const { message } = App.useApp();
  const centres = useCentres();
  const districts = useDistricts();
  const write = useOrgWrite();
  const [editing, setEditing] = useState<CentreView | 'new' | null>(null);
  const [windowsOf, setWindowsOf] = useState<CentreView | null>(null);
  const districtName = (id: string | null) =>
    districtLabel(districts.data, id, lang === 'en-US') || t('admin.org.levels.city');
  const list = centres.data ?? [];
  const fields: OrgField[] = [
    { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
    ...(editing === 'new'
      ? [
          {
            name: 'districtId',
            label: t('admin.org.district'),
            kind: 'select' as const,
            allowClear: true,
            options: districtOptions(districts.data, lang === 'en-US'),
          },
        ]
      : []),
    { name: 'address', label: t('admin.org.address'), kind: 'text', maxLength: 200 },
  ];
  async function save(values: Record<string, unknown>) {
    if (editing === 'new')
      await write.mutateAsync({ method: 'POST', path: '/api/admin/centres', body: dropEmpty(values) });
    else if (editing)
      await write.mutateAsync({
        method: 'PATCH',
        path: `/api/admin/centres/${editing.id}`,
        body: changedFields(editing, values, ['address']),
      });
    void message.success(t('common.saved'));
  }
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="end" gap={8} wrap>
        <Space size="large" wrap>
          <Statistic
            title={t('admin.org.windowsTotal')}
            value={formatNumber(windowTotal(list))}
            data-testid="windows-total"
          />
          <Statistic title={t('admin.org.centresTotal')} value={formatNumber(list.length)} />
        </Space>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="centre-add">
          {t('admin.org.addCentre')}
        </Button>
      </Flex>
      {centres.error ? <ErrorAlert error={centres.error} /> : null}
      <Table<CentreView>
        size="small"
        rowKey="id"
        loading={centres.isPending}
        dataSource={list}
        pagination={false}
        data-testid="centres-table"
        columns={[
          { key: 'name', title: t('admin.org.name'), dataIndex: 'name' },
          {
            key: 'district',
            title: t('admin.org.district'),
            width: 140,
            render: (_: unknown, c) => districtName(c.districtId),
          },
          { key: 'address', title: t('admin.org.address'), dataIndex: 'address', ellipsis: true },
          { key: 'windows', title: t('admin.org.windowCount'), dataIndex: 'windowCount', width: 100, align: 'right' },
          {
            key: 'active',
            title: t('admin.org.state'),
            width: 90,
            render: (_: unknown, c) => <ActiveTag active={c.active} />,
          },
          {
            key: 'actions',
            title: t('admin.org.actions'),
            width: 230,
            render: (_: unknown, c) => (
              <RowActions
                onEdit={() => setEditing(c)}
                retire={{ path: 'centres', id: c.id, active: c.active }}
                before={
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setWindowsOf(c)}
                    data-testid={`centre-windows-${c.id}`}
                  >
                    {t('admin.org.windows')}
                  </Button>
                }
              />
            ),
          },
        ]}
      />
      {editing ? (
        <OrgFormModal
          title={editing === 'new' ? t('admin.org.addCentre') : t('admin.org.editOf', { name: editing.name })}
          fields={fields}
          initial={editing === 'new' ? {} : editing}
          onSubmit={save}
          onClose={() => setEditing(null)}
          testId="centre-form"
        />
      ) : null}
      <WindowsDrawer centre={windowsOf} onClose={() => setWindowsOf(null)} />
    </Flex>
  );
}
