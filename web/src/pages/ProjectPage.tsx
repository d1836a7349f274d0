// /projects/:id — one key project: its chief service officer (首席服务官) and its open items with their deadlines.
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { ItemSummary } from '@tingquan/common/schemas/items';
import type { projectDetail } from '@tingquan/common/schemas/org';
import { get } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Countdown } from '../modules/deadlines/components/Countdown.tsx';
import { HANDLING_STATUSES } from '../modules/deadlines/utils/countdown.ts';
import { useLocalNames } from '../modules/ledger/hooks/useLocalNames.ts';

type ProjectDetail = z.infer<typeof projectDetail>;

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const names = useLocalNames();
  const project = useQuery({
    queryKey: ['projects', id],
    queryFn: () => get<ProjectDetail>(`/api/projects/${encodeURIComponent(id)}`),
  });
  const back = (
    <Link to="/projects">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('projects.back')}
      </Button>
    </Link>
  );
  if (project.error)
    return (
      <>
        {back}
        <ErrorAlert error={project.error} />
      </>
    );
  if (!project.data) return <PageLoading />;
  const p = project.data;
  return (
    <Flex vertical gap={16} data-testid="project-page">
      {back}
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.name}
        </Typography.Title>
        <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`projects.status.${p.status}`)}</Tag>
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('projects.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('enums.role.officer')}>
            <span data-testid="project-officer">{p.officer?.displayName ?? p.officerName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.officerPhone')}>{p.officer?.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.district')}>
            {names.district(p.districtId, null) ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.openItems')}>{p.openItems}</Descriptions.Item>
          {p.description ? (
            <Descriptions.Item label={t('projects.description')} span={3}>
              {p.description}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('projects.openTitle')}
        extra={
          <Link to={`/items?projectId=${encodeURIComponent(p.id)}`}>
            {t('projects.inLedger')} · {t('projects.openTotal', { n: p.itemTotal })}
          </Link>
        }
      >
        <Table<ItemSummary>
          size="small"
          rowKey="id"
          dataSource={p.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('projects.noOpen') }}
          data-testid="project-items"
          columns={[
            {
              key: 'ledgerNo',
              title: t('ledger.columns.ledgerNo'),
              dataIndex: 'ledgerNo',
              width: 150,
              render: (v: string, r) => <Link to={`/items/${r.id}`}>{v}</Link>,
            },
            { key: 'title', title: t('ledger.columns.title'), dataIndex: 'title', ellipsis: true },
            {
              key: 'status',
              title: t('ledger.columns.status'),
              dataIndex: 'status',
              width: 110,
              render: (v) => <StatusTag status={v} />,
            },
            {
              key: 'category',
              title: t('ledger.columns.category'),
              width: 140,
              ellipsis: true,
              render: (_: unknown, r) => names.category(r.categoryId, r.categoryName),
            },
            {
              key: 'department',
              title: t('ledger.columns.department'),
              width: 150,
              ellipsis: true,
              render: (_: unknown, r) => names.department(r.mainDepartmentId, r.mainDepartmentName),
            },
            {
              key: 'due',
              title: t('ledger.columns.handleDueAt'),
              width: 170,
              render: (_: unknown, r) =>
                HANDLING_STATUSES.includes(r.status) ? (
                  <Countdown start={r.acceptedAt ?? r.submittedAt} due={r.handleDueAt} serverLevel={r.warnLevel} />
                ) : r.handleDueAt ? (
                  formatDateTime(r.handleDueAt)
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
