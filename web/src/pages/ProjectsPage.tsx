// /projects — key projects with their chief service officer and open problems; each links to its own page.
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { projectView } from '@tingquan/common/schemas/org';
import { get } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

type Project = z.infer<typeof projectView>;

export default function ProjectsPage() {
  const { t } = useI18n();
  const projects = useQuery({ queryKey: ['projects'], queryFn: () => get<Project[]>('/api/projects') });
  return (
    <>
      <Typography.Title level={3}>{t('projects.title')}</Typography.Title>
      {projects.error ? <ErrorAlert error={projects.error} /> : null}
      <Table<Project>
        size="small"
        rowKey="id"
        loading={projects.isPending}
        dataSource={projects.data ?? []}
        pagination={false}
        columns={[
          { key: 'code', title: t('projects.code'), dataIndex: 'code', width: 140 },
          {
            key: 'name',
            title: t('projects.name'),
            dataIndex: 'name',
            render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link>,
          },
          { key: 'officer', title: t('enums.role.officer'), dataIndex: 'officerName' },
          {
            key: 'status',
            title: t('ledger.columns.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`projects.status.${s}`)}</Tag>,
          },
          {
            key: 'open',
            title: t('projects.openItems'),
            render: (_: unknown, p) => <Link to={`/items?projectId=${p.id}`}>{p.openItems}</Link>,
          },
        ]}
      />
    </>
  );
}
