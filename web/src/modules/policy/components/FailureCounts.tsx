// How many enterprises fail, or lack data for, each criterion of an item in its latest matching run.
import { Table, Typography } from 'antd';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { CandidateAggregates } from '../types.ts';

export function FailureCounts({ aggregates }: { aggregates: CandidateAggregates | null }) {
  const { t, formatNumber } = usePolicyText();
  if (!aggregates) return <Typography.Text type="secondary">{t('candidates.noRun')}</Typography.Text>;
  return (
    <div data-testid="failure-counts">
      <Typography.Paragraph>
        {t('candidates.aggregates', {
          population: formatNumber(aggregates.population),
          eligible: formatNumber(aggregates.eligible),
          unknown: formatNumber(aggregates.unknown),
          ineligible: formatNumber(aggregates.ineligible),
          asOf: aggregates.asOf,
        })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        title={() => t('candidates.failCounts')}
        dataSource={[...aggregates.criteria].sort((a, b) => b.fail - a.fail)}
        columns={[
          { title: t('explanation.criterion'), dataIndex: 'label' },
          { title: t('candidates.fail'), dataIndex: 'fail', align: 'right', render: (n: number) => formatNumber(n) },
          {
            title: t('candidates.unknown'),
            dataIndex: 'unknown',
            align: 'right',
            render: (n: number) => formatNumber(n),
          },
        ]}
      />
    </div>
  );
}
