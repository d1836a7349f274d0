// Key projects and their chief service officer (首席服务官): add one, change its officer, name or status.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Flex, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useUsers } from '../hooks/useAdmin.ts';
import { useDistricts, useOrgWrite, useProjectList, type ProjectView } from '../hooks/useOrg.ts';
import { changedFields, districtOptions } from '../utils/orgEdit.ts';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';

export function ProjectsPanel() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const projects = useProjectList();
  const users = useUsers();
  const districts = useDistricts();
  const write = useOrgWrite();
  const [editing, setEditing] = useState<ProjectView | 'new' | null>(null);
  const officers = (users.data ?? [])
    .filter((u) => u.active && u.roles.includes('officer'))
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  const fields: OrgField[] = [
    { name: 'code', label: t('projects.code'), kind: 'text', required: true, maxLength: 32 },
    { name: 'name', label: t('projects.name'), kind: 'text', required: true },
    { name: 'officerId', label: t('enums.role.officer'), kind: 'select', required: true, options: officers },
    {
      name: 'districtId',
      label: t('admin.org.district'),
      kind: 'select',
      allowClear: true,
      options: districtOptions(districts.data, lang === 'en-US'),
    },
    { name: 'description', label: t('projects.description'), kind: 'text', maxLength: 2000 },
    ...(editing !== 'new'
      ? [
          {
            name: 'status',
            label: t('admin.org.state'),
            kind: 'select' as const,
            required: true,
            options: ['active', 'closed'].map((s) => ({ value: s, label: t(`projects.status.${s}`) })),
          },
        ]
      : []),
  ];
  async function save(values: Record<string, unknown>) {
    if (editing === 'new') await write.mutateAsync({ method: 'POST', path: '/api/projects', body: dropEmpty(values) });
    else if (editing) {
      // A project's district and description cannot be cleared through the API (no null): only a new value is sent.
      const patch = changedFields(editing, values);
      for (const k of ['districtId', 'description']) if (patch[k] === '') delete patch[k];
      await write.mutateAsync({ method: 'PATCH', path: `/api/projects/${editing.id}`, body: patch });
    }
    void message.success(t('common.saved'));
  }
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => setEditing('new')} data-testid="project-add">
          {t('admin.org.addProject')}
        </Button>
      </Flex>
      {projects.error ? <ErrorAlert error={projects.error} /> : null}
      <Table<ProjectView>
        size="small"
        rowKey="id"
        loading={projects.isPending}
        dataSource={projects.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="projects-admin-table"
        columns={[
          { key: 'code', title: t('projects.code'), dataIndex: 'code', width: 140 },
          {
            key: 'name',
            title: t('projects.name'),
            dataIndex: 'name',
            render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link>,
          },
          { key: 'officer', title: t('enums.role.officer'), dataIndex: 'officerName', width: 160 },
          {
            key: 'status',
            title: t('admin.org.state'),
            width: 100,
            render: (_: unknown, p) => (
              <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`projects.status.${p.status}`)}</Tag>
            ),
          },
          {
            key: 'actions',
            title: t('admin.org.actions'),
            width: 100,
            render: (_: unknown, p) => <RowActions onEdit={() => setEditing(p)} />,
          },
        ]}
      />
      {editing ? (
        <OrgFormModal
          title={editing === 'new' ? t('admin.org.addProject') : t('admin.org.editOf', { name: editing.name })}
          fields={fields}
          initial={editing === 'new' ? {} : editing}
          onSubmit={save}
          onClose={() => setEditing(null)}
          testId="project-form"
        />
      ) : null}
    </Flex>
  );
}
