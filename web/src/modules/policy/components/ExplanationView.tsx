// One decision explained: every criterion (pass / fail / no data) with the value used, its source and date, the
// requirement with its legal basis, the amount's steps and cap, and the nearest miss.
import { Descriptions, Table, Tag, Typography } from 'antd';
import type { Decision } from '@tingquan/common/policy/engine';
import { usePolicyText } from '../hooks/usePolicyText.ts';

const STATE_COLORS: Record<string, string> = { pass: 'success', fail: 'error', unknown: 'warning' };

export function ExplanationView({ decision }: { decision: Decision }) {
  const { t, formatNumber } = usePolicyText();
  const amount = decision.amount;
  return (
    <div data-testid={`explanation-${decision.itemId}`}>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={decision.criteria}
        columns={[
          { title: t('explanation.criterion'), dataIndex: 'label' },
          {
            title: t('explanation.state'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={STATE_COLORS[s]}>{t(`explanation.states.${s}`)}</Tag>,
          },
          { title: t('explanation.value'), dataIndex: 'display' },
          { title: t('explanation.requirement'), dataIndex: 'requirement' },
          {
            title: t('explanation.source'),
            key: 'source',
            render: (_: unknown, c: Decision['criteria'][number]) =>
              c.source ? `${c.source.label}${c.asOf ? ` · ${c.asOf}` : ''}` : '—',
          },
          {
            title: t('explanation.parameter'),
            key: 'parameters',
            render: (_: unknown, c: Decision['criteria'][number]) =>
              c.parameters.map((p) => (
                <div key={p.id}>
                  {p.label} <code>${p.id}</code> v{p.version} · {p.reference.document}
                  {p.reference.article ?? ''}
                </div>
              )),
          },
        ]}
      />
      {amount ? (
        <Descriptions size="small" column={1} style={{ marginTop: 8 }} title={t('explanation.amountSteps')}>
          {amount.steps.map((s) => (
            <Descriptions.Item key={s.id} label={s.label}>
              {s.formula} = {s.value === null ? '—' : formatNumber(s.value)}
            </Descriptions.Item>
          ))}
          {amount.cap ? (
            <Descriptions.Item label={t('explanation.cap')}>
              {amount.cap.formula} = {amount.cap.value === null ? '—' : formatNumber(amount.cap.value)}{' '}
              {amount.cap.applied ? <Tag>{t('explanation.capApplied')}</Tag> : null}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      {decision.nearestMiss ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('explanation.nearestMissLabel')}</Typography.Text>
          {decision.nearestMiss.text}
        </Typography.Paragraph>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('explanation.meta', {
          version: decision.ruleVersion,
          hash: decision.ruleHash,
          date: decision.parameterSnapshotDate,
          engine: decision.engineVersion,
        })}
      </Typography.Text>
    </div>
  );
}
