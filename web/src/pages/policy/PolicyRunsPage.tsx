// /policy/runs — policy administrators start a matching run (all items, one item, or one enterprise) and watch its
// progress (GET /api/policy/runs/:id every second); everyone with policy.read sees the history of runs.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Descriptions, Flex, Form, Input, Progress, Radio, Select, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { fieldErrorsOf } from '../../api/errors.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../../modules/auth/hooks/useMe.ts';
import { usePolicyItems } from '../../modules/policy/hooks/usePolicyItems.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';
import {
  useEnterpriseSearch,
  useRun,
  useRuns,
  useStartRun,
  type RunRequest,
} from '../../modules/policy/hooks/useRuns.ts';
import type { RunView } from '../../modules/policy/types.ts';

const STATUS_COLORS = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

function RunProgress({ run }: { run: RunView }) {
  const { t, formatNumber } = usePolicyText();
  return (
    <Flex vertical gap={4} data-testid={`run-progress-${run.id}`}>
      <Progress
        percent={Math.floor(run.progress * 100)}
        status={run.status === 'failed' ? 'exception' : run.status === 'done' ? 'success' : 'active'}
        format={() => t('runs.counted', { done: formatNumber(run.done), total: formatNumber(run.total) })}
      />
      <Flex gap={8} wrap>
        <Tag color={STATUS_COLORS[run.status]} data-testid="run-status">
          {t(`runs.statuses.${run.status}`)}
        </Tag>
        <span>
          {t('runs.candidates')}: {formatNumber(run.candidates)}
        </span>
        {run.error ? <Typography.Text type="danger">{run.error}</Typography.Text> : null}
      </Flex>
    </Flex>
  );
}

export default function PolicyRunsPage() {
  const { t, formatDateTime } = usePolicyText();
  const { issue } = useI18n();
  const canManage = !!useMe().data?.permissions.includes('policy.manage');
  const [params, setParams] = useSearchParams();
  const current = params.get('run');
  const runs = useRuns();
  const run = useRun(current);
  const start = useStartRun();
  const [form] = Form.useForm<RunRequest>();
  const scope = Form.useWatch('scope', form) ?? 'item';
  const [enterpriseQ, setEnterpriseQ] = useState('');
  const items = usePolicyItems('');
  const enterprises = useEnterpriseSearch(enterpriseQ);
  const fieldErrors = fieldErrorsOf(start.error, issue);
  const submit = (v: RunRequest) =>
    start.mutate(
      {
        scope: v.scope,
        ...(v.scope === 'item' ? { itemId: v.itemId } : {}),
        ...(v.scope === 'enterprise' ? { enterpriseId: v.enterpriseId } : {}),
        ...(v.asOf ? { asOf: v.asOf } : {}),
      },
      {
        onSuccess: (r) => {
          const next = new URLSearchParams(params);
          next.set('run', r.id);
          setParams(next, { replace: true });
        },
      },
    );
  /** A run over several items keeps their ids as a JSON list in itemId: shown as a count. */
  const scopeText = (r: RunView) => {
    let target = r.itemId ?? r.enterpriseId ?? '';
    if (target.startsWith('[')) {
      try {
        target = t('runs.itemCount', { n: (JSON.parse(target) as unknown[]).length });
      } catch {
        /* shown as stored */
      }
    }
    return `${t(`runs.scopes.${r.scope}`)}${target ? ` · ${target}` : ''}`;
  };
  const errorAt = (name: string) => fieldErrors.find((e) => e.name[0] === name)?.errors.join('; ');

  return (
    <>
      <Typography.Title level={3}>{t('runs.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('runs.intro')}</Typography.Paragraph>
      {canManage ? (
        <Section title={t('runs.start')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ scope: 'item' }}
            onFinish={submit}
            data-testid="run-form"
          >
            <Form.Item name="scope" label={t('runs.scope')}>
              <Radio.Group
                optionType="button"
                options={(['item', 'enterprise', 'all'] as const).map((s) => ({
                  value: s,
                  label: t(`runs.scopes.${s}`),
                }))}
                data-testid="run-scope"
              />
            </Form.Item>
            {scope === 'item' ? (
              <Form.Item
                name="itemId"
                label={t('runs.item')}
                rules={[{ required: true }]}
                validateStatus={errorAt('itemId') ? 'error' : undefined}
                help={errorAt('itemId')}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('candidates.pickItem')}
                  options={(items.data?.items ?? []).map((i) => ({
                    value: i.id,
                    label: `${i.name}（${i.department}）`,
                  }))}
                  data-testid="run-item"
                />
              </Form.Item>
            ) : null}
            {scope === 'enterprise' ? (
              <Form.Item
                name="enterpriseId"
                label={t('runs.enterprise')}
                rules={[{ required: true }]}
                validateStatus={errorAt('enterpriseId') ? 'error' : undefined}
                help={errorAt('enterpriseId')}
              >
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setEnterpriseQ}
                  placeholder={t('runs.pickEnterprise')}
                  options={(enterprises.data?.items ?? []).map((e) => ({
                    value: e.id,
                    label: `${e.name}（${e.uscc}）`,
                  }))}
                  data-testid="run-enterprise"
                />
              </Form.Item>
            ) : null}
            <Flex gap={12} wrap align="end">
              <Form.Item
                name="asOf"
                label={t('runs.asOf')}
                style={{ marginBottom: 0 }}
                validateStatus={errorAt('asOf') ? 'error' : undefined}
                help={errorAt('asOf')}
              >
                <Input type="date" style={{ width: 170 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="start-run">
                {t('runs.start')}
              </Button>
            </Flex>
          </Form>
          {start.error && !fieldErrors.length ? <ErrorAlert error={start.error} /> : null}
        </Section>
      ) : null}
      {current ? (
        <Section title={t('runs.current')} data-testid="current-run">
          {run.error ? <ErrorAlert error={run.error} /> : null}
          {run.data ? (
            <>
              <RunProgress run={run.data} />
              <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('runs.scope')}>{scopeText(run.data)}</Descriptions.Item>
                <Descriptions.Item label={t('candidates.asOf')}>{run.data.asOf}</Descriptions.Item>
                <Descriptions.Item label={t('runs.createdAt')}>{formatDateTime(run.data.createdAt)}</Descriptions.Item>
              </Descriptions>
            </>
          ) : null}
        </Section>
      ) : null}
      <Section title={t('runs.history')}>
        {runs.error ? <ErrorAlert error={runs.error} /> : null}
        <div data-testid="run-history">
          <Table<RunView>
            rowKey="id"
            size="small"
            loading={runs.isLoading}
            dataSource={runs.data ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 10 }}
            onRow={(r) => ({
              onClick: () => setParams(new URLSearchParams({ run: r.id }), { replace: true }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('runs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              { title: t('runs.scope'), key: 'scope', render: (_: unknown, r) => scopeText(r) },
              { title: t('candidates.asOf'), dataIndex: 'asOf' },
              {
                title: t('runs.status'),
                dataIndex: 'status',
                render: (s: RunView['status']) => <Tag color={STATUS_COLORS[s]}>{t(`runs.statuses.${s}`)}</Tag>,
              },
              {
                title: t('runs.progress'),
                key: 'progress',
                width: 200,
                render: (_: unknown, r) => (
                  <Progress
                    size="small"
                    percent={Math.floor(r.progress * 100)}
                    status={r.status === 'failed' ? 'exception' : undefined}
                  />
                ),
              },
              { title: t('runs.candidates'), dataIndex: 'candidates', align: 'right' },
              {
                title: t('runs.finishedAt'),
                dataIndex: 'finishedAt',
                render: (v: string | null) => (v ? formatDateTime(v) : '—'),
              },
            ]}
          />
        </div>
      </Section>
    </>
  );
}
