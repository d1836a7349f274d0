// The city's districts: add one, rename it (zh / en), retire or reactivate it.
import { useState } from 'react';
import { App, Button, Flex, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useDistricts, useOrgWrite, type DistrictView } from '../hooks/useOrg.ts';
import { changedFields } from '../utils/orgEdit.ts';
import { ActiveTag } from './ActiveTag.tsx';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';

export function DistrictsPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const districts = useDistricts();
  const write = useOrgWrite();
  const [editing, setEditing] = useState<DistrictView | 'new' | null>(null);
  const fields: OrgField[] = [
    { name: 'code', label: t('admin.org.code'), kind: 'text', required: true, maxLength: 32 },
    { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
    { name: 'nameEn', label: t('admin.org.nameEn'), kind: 'text' },
  ];
  async function save(values: Record<string, unknown>) {
    if (editing === 'new')
      await write.mutateAsync({ method: 'POST', path: '/api/admin/districts', body: dropEmpty(values) });
    else if (editing)
      await write.mutateAsync({
        method: 'PATCH',
        path: `/api/admin/districts/${editing.id}`,
        body: changedFields(editing, values, ['nameEn']),
      });
    void message.success(t('common.saved'));
  }
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => setEditing('new')} data-testid="district-add">
          {t('admin.org.addDistrict')}
        </Button>
      </Flex>
      {districts.error ? <ErrorAlert error={districts.error} /> : null}
      <Table<DistrictView>
        size="small"
        rowKey="id"
        loading={districts.isPending}
        dataSource={districts.data ?? []}
        pagination={false}
        data-testid="districts-table"
        columns={[
          { key: 'code', title: t('admin.org.code'), dataIndex: 'code', width: 120 },
          { key: 'name', title: t('admin.org.name'), dataIndex: 'name' },
          { key: 'nameEn', title: t('admin.org.nameEn'), dataIndex: 'nameEn' },
          {
            key: 'active',
            title: t('admin.org.state'),
            width: 90,
            render: (_: unknown, d) => <ActiveTag active={d.active} />,
          },
          {
            key: 'actions',
            title: t('admin.org.actions'),
            width: 170,
            render: (_: unknown, d) => (
              <RowActions onEdit={() => setEditing(d)} retire={{ path: 'districts', id: d.id, active: d.active }} />
            ),
          },
        ]}
      />
      {editing ? (
        <OrgFormModal
          title={editing === 'new' ? t('admin.org.addDistrict') : t('admin.org.editOf', { name: editing.name })}
          fields={fields}
          initial={editing === 'new' ? {} : editing}
          onSubmit={save}
          onClose={() => setEditing(null)}
          testId="district-form"
        />
      ) : null}
    </Flex>
  );
}
