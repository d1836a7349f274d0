// Departments at city and district level: add one (a district one names its district), rename it, retire it.
import { useState } from 'react';
import { App, Button, Flex, Select, Table, Tag } from 'antd';
import { DEPARTMENT_LEVELS } from '@tingquan/common/enums';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useDepartments, useDistricts, useOrgWrite, type DepartmentView } from '../hooks/useOrg.ts';
import { changedFields, districtLabel, districtOptions as activeDistricts } from '../utils/orgEdit.ts';
import { ActiveTag } from './ActiveTag.tsx';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';

export function DepartmentsPanel() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const departments = useDepartments();
  const districts = useDistricts();
  const write = useOrgWrite();
  const [editing, setEditing] = useState<DepartmentView | 'new' | null>(null);
  const [level, setLevel] = useState<string>('city');
  const [filter, setFilter] = useState<string | undefined>();
  const districtName = (id: string | null) => districtLabel(districts.data, id, lang === 'en-US');
  const districtOptions = activeDistricts(districts.data, lang === 'en-US');
  const shown = (departments.data ?? []).filter(
    (d) => !filter || (filter === 'city' ? d.level === 'city' : d.districtId === filter),
  );

  const fields: OrgField[] =
    editing === 'new'
      ? [
          { name: 'code', label: t('admin.org.code'), kind: 'text', required: true, maxLength: 32 },
          { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
          { name: 'nameEn', label: t('admin.org.nameEn'), kind: 'text' },
          {
            name: 'level',
            label: t('admin.org.level'),
            kind: 'select',
            required: true,
            options: DEPARTMENT_LEVELS.map((l) => ({ value: l, label: t(`admin.org.levels.${l}`) })),
          },
          ...(level === 'district'
            ? [
                {
                  name: 'districtId',
                  label: t('admin.org.district'),
                  kind: 'select' as const,
                  required: true,
                  options: districtOptions,
                },
              ]
            : []),
        ]
      : [
          { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
          { name: 'nameEn', label: t('admin.org.nameEn'), kind: 'text' },
        ];

  async function save(values: Record<string, unknown>) {
    if (editing === 'new')
      await write.mutateAsync({ method: 'POST', path: '/api/admin/departments', body: dropEmpty(values) });
    else if (editing)
      await write.mutateAsync({
        method: 'PATCH',
        path: `/api/admin/departments/${editing.id}`,
        body: changedFields(editing, values, ['nameEn']),
      });
    void message.success(t('common.saved'));
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap>
        <Select
          style={{ width: 220 }}
          allowClear
          aria-label={t('admin.org.scope')}
          placeholder={t('admin.org.scope')}
          value={filter}
          onChange={setFilter}
          options={[{ value: 'city', label: t('admin.org.levels.city') }, ...districtOptions]}
        />
        <Button
          type="primary"
          onClick={() => {
            setLevel('city');
            setEditing('new');
          }}
          data-testid="department-add"
        >
          {t('admin.org.addDepartment')}
        </Button>
      </Flex>
      {departments.error ? <ErrorAlert error={departments.error} /> : null}
      <Table<DepartmentView>
        size="small"
        rowKey="id"
        loading={departments.isPending}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="departments-table"
        columns={[
          { key: 'code', title: t('admin.org.code'), dataIndex: 'code', width: 120 },
          { key: 'name', title: t('admin.org.name'), dataIndex: 'name' },
          { key: 'nameEn', title: t('admin.org.nameEn'), dataIndex: 'nameEn' },
          {
            key: 'level',
            title: t('admin.org.level'),
            width: 160,
            render: (_: unknown, d) => (
              <Tag color={d.level === 'city' ? 'blue' : 'purple'}>
                {d.level === 'city' ? t('admin.org.levels.city') : districtName(d.districtId)}
              </Tag>
            ),
          },
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
              <RowActions onEdit={() => setEditing(d)} retire={{ path: 'departments', id: d.id, active: d.active }} />
            ),
          },
        ]}
      />
      {editing ? (
        <OrgFormModal
          title={editing === 'new' ? t('admin.org.addDepartment') : t('admin.org.editOf', { name: editing.name })}
          fields={fields}
          initial={editing === 'new' ? { level: 'city' } : editing}
          onSubmit={save}
          onClose={() => setEditing(null)}
          onValuesChange={(v) => setLevel(String(v.level ?? 'city'))}
          testId="department-form"
        />
      ) : null}
    </Flex>
  );
}
