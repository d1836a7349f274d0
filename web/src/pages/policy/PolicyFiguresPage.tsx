// /policy/figures — what the policy platform delivered in a period: enterprises benefited and amounts paid, by policy
// item, category, district and month; the delivery pipeline; and, per item, the criterion most enterprises fail.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Col, Flex, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { usePolicyStats } from '../../modules/policy/hooks/useStats.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';
import type { PolicyStats, StatsBucket } from '../../modules/policy/types.ts';
import { breakdownBars, monthlyTrend, mostFailedBars, type FigureText } from '../../modules/policy/utils/figures.ts';

const PIPELINE = [
  'candidate',
  'confirmed',
  'publicity',
  'notified',
  'consented',
  'disbursed',
  'paid',
  'failed',
  'rejected',
];

export default function PolicyFiguresPage() {
  const { t, formatNumber, lang } = usePolicyText();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const stats = usePolicyStats(from, to);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const text: FigureText = useMemo(() => {
    const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
    return {
      enterprises: t('figures.enterprisesBenefited'),
      amount: t('figures.amount'),
      fail: t('figures.fail'),
      number: (n: number) => formatNumber(n),
      compact: (n: number) => compact.format(n),
    };
  }, [t, formatNumber, lang]);
  const s = stats.data;
  const options = useMemo(
    () =>
      s
        ? {
            byItem: breakdownBars(s.byItem, text),
            byCategory: breakdownBars(
              s.byCategory.map((b) => ({ ...b, label: t(`library.categories.${b.key}`) })),
              text,
            ),
            byDistrict: breakdownBars(s.byDistrict, text),
            byMonth: monthlyTrend(s.byMonth, text),
            mostFailed: mostFailedBars(s.mostFailed, text),
          }
        : null,
    [s, text, t],
  );
  const chart = (key: keyof NonNullable<typeof options>, title: string, rows: unknown[], height = 320) => (
    <Section title={title} data-testid={`figure-${key}`}>
      {rows.length && options ? (
        <EChart option={options[key]} label={title} height={height} />
      ) : (
        <Typography.Text type="secondary">
          {key === 'mostFailed' ? t('candidates.noRun') : t('figures.noData')}
        </Typography.Text>
      )}
    </Section>
  );
  const definition = (key: string) =>
    s?.definitions[key] ? t('figures.definition', { text: s.definitions[key] }) : undefined;

  return (
    <>
      <Typography.Title level={3}>{t('figures.title')}</Typography.Title>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <span>{t('figures.period')}</span>
        <Input
          type="date"
          value={from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          style={{ width: 160 }}
          data-testid="figures-from"
          aria-label="from"
        />
        <span>–</span>
        <Input
          type="date"
          value={to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          style={{ width: 160 }}
          data-testid="figures-to"
          aria-label="to"
        />
      </Flex>
      {stats.error ? <ErrorAlert error={stats.error} /> : null}
      {s ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} sm={8}>
              <Section>
                <Statistic
                  title={<span title={definition('enterprisesBenefited')}>{t('figures.enterprisesBenefited')}</span>}
                  value={s.enterprisesBenefited}
                  formatter={(v) => formatNumber(Number(v))}
                  data-testid="figure-enterprises"
                />
              </Section>
            </Col>
            <Col xs={24} sm={8}>
              <Section>
                <Statistic
                  title={t('figures.payments')}
                  value={s.payments}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Section>
            </Col>
            <Col xs={24} sm={8}>
              <Section>
                <Statistic
                  title={<span title={definition('amount')}>{t('figures.amount')}</span>}
                  value={s.amount}
                  formatter={(v) => formatNumber(Number(v))}
                  data-testid="figure-amount"
                />
              </Section>
            </Col>
          </Row>
          <Section title={t('figures.pipeline')}>
            <Flex gap={8} wrap data-testid="figure-pipeline">
              {PIPELINE.filter((k) => s.pipeline[k] !== undefined).map((k) => (
                <Tag key={k}>
                  {t(`candidates.statuses.${k}`)}: {formatNumber(s.pipeline[k])}
                </Tag>
              ))}
            </Flex>
          </Section>
          <Row gutter={[12, 0]}>
            <Col xs={24} xl={12}>
              {chart('byMonth', t('figures.byMonth'), s.byMonth)}
            </Col>
            <Col xs={24} xl={12}>
              {chart('byCategory', t('figures.byCategory'), s.byCategory)}
            </Col>
            <Col xs={24} xl={12}>
              {chart('byItem', t('figures.byItem'), s.byItem, 400)}
            </Col>
            <Col xs={24} xl={12}>
              {chart('byDistrict', t('figures.byDistrict'), s.byDistrict, 400)}
            </Col>
          </Row>
          {chart('mostFailed', t('figures.mostFailed'), s.mostFailed, 420)}
          <Section title={t('figures.mostFailed')}>
            <Typography.Paragraph type="secondary">{definition('mostFailed')}</Typography.Paragraph>
            <Table<PolicyStats['mostFailed'][number]>
              rowKey="itemId"
              size="small"
              dataSource={s.mostFailed}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('figures.item'), dataIndex: 'name' },
                { title: t('figures.criterion'), dataIndex: 'label' },
                { title: t('figures.fail'), dataIndex: 'fail', align: 'right', render: (n: number) => formatNumber(n) },
                {
                  title: t('figures.population'),
                  dataIndex: 'population',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
              ]}
            />
          </Section>
          <Section title={t('figures.byDistrict')}>
            <Table<StatsBucket>
              rowKey="key"
              size="small"
              dataSource={s.byDistrict}
              pagination={false}
              columns={[
                { title: t('figures.byDistrict'), dataIndex: 'label' },
                {
                  title: t('figures.enterprisesBenefited'),
                  dataIndex: 'enterprises',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
                {
                  title: t('figures.payments'),
                  dataIndex: 'payments',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
                {
                  title: t('figures.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
              ]}
            />
          </Section>
        </>
      ) : null}
    </>
  );
}
