// The dashboard for one period and scope: headline figures, trends, breakdowns, overdue by district, league, hotspots.
import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { figuresCsv } from '../utils/csv.ts';
import type { Query } from '../../../api/client.ts';
import { EChart } from '../../../components/EChart.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useStats } from '../hooks/useStats.ts';
import { formatPercent } from '../utils/format.ts';
import { breakdownOption, trendOption, type ChartText } from '../utils/options.ts';
import type { Breakdown, BreakdownRow, Hotspots, League, Series, Summary } from '../utils/types.ts';
import { FigureCards, HEADLINE } from './FigureCards.tsx';
import { HotspotLists } from './HotspotLists.tsx';
import { LeagueTable } from './LeagueTable.tsx';

const BY = ['channel', 'category', 'district', 'type', 'tier'] as const;

export function DashboardView({ scope }: { scope: Query }) {
  const { t, lang } = useI18n();
  const [by, setBy] = useState<(typeof BY)[number]>('channel');
  const summary = useStats<Summary>('summary', scope);
  const series = useStats<Series>('series', { ...scope, interval: 'month' });
  const breakdown = useStats<Breakdown>('breakdown', { ...scope, by });
  const districts = useStats<Breakdown>('breakdown', { ...scope, by: 'district' });
  const league = useStats<League>('league', scope);
  const hotspots = useStats<Hotspots>('hotspots', scope);

  const text: ChartText = useMemo(
    () => ({
      names: Object.fromEntries([...HEADLINE, 'overdueOpen'].map((k) => [k, t(`dashboard.figures.${k}`)])),
      percent: (r) => formatPercent(r, lang),
    }),
    [t, lang],
  );
  const labelOf = (kind: string) => (r: BreakdownRow) =>
    (lang === 'en-US' && r.nameEn) ||
    r.name ||
    (kind === 'channel' || kind === 'type' || kind === 'tier' ? t(`enums.${kind}.${r.key}`) : r.key);
  const trend = useMemo(
    () =>
      series.data
        ? trendOption(series.data, ['received', 'accepted', 'closed'], ['closureRate', 'satisfactionRate'], text)
        : null,
    [series.data, text],
  );
  const bars = useMemo(
    () => (breakdown.data ? breakdownOption(breakdown.data.rows, 'received', labelOf(by), text) : null),
    [breakdown.data, text, by],
  );
  const overdue = useMemo(
    () => (districts.data ? breakdownOption(districts.data.rows, 'overdueOpen', labelOf('district'), text) : null),
    [districts.data, text],
  );

  function downloadCsv(data: Summary) {
    const keys = Object.keys(data.figures);
    const csv = figuresCsv(
      data.figures,
      keys,
      Object.fromEntries(keys.map((k) => [k, t(`dashboard.figures.${k}`)])),
      lang,
      t('dashboard.csvHeader').split(','),
    );
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `tingquan-${data.period.from}-${data.period.to}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  if (summary.isPending) return <PageLoading />;
  if (summary.error) return <ErrorAlert error={summary.error} />;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">
            {summary.data.period.from} – {summary.data.period.to} ·{' '}
            {t(
              summary.data.settings.countBasicallySatisfied
                ? 'dashboard.basicallyCounts'
                : 'dashboard.basicallyNotCounted',
            )}
          </Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => downloadCsv(summary.data)} data-testid="figures-export">
            {t('dashboard.export')}
          </Button>
        </Flex>
      </Col>
      <Col span={24}>
        <FigureCards figures={summary.data.figures} />
      </Col>
      <Col xs={24} xxl={12}>
        <Card size="small" title={t('dashboard.trend')}>
          {trend ? <EChart option={trend} label={t('dashboard.trend')} /> : <PageLoading />}
        </Card>
      </Col>
      <Col xs={24} xxl={12}>
        <Card
          size="small"
          title={t('dashboard.breakdown')}
          extra={
            <Segmented
              size="small"
              value={by}
              onChange={(v) => setBy(v as typeof by)}
              options={BY.map((b) => ({ value: b, label: t(`dashboard.by.${b}`) }))}
            />
          }
        >
          {bars ? <EChart option={bars} label={t('dashboard.breakdown')} /> : <PageLoading />}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('dashboard.overdueByDistrict')}>
          {!overdue ? (
            <PageLoading />
          ) : overdue.series[0].data.length === 0 ? (
            <Empty description={t('dashboard.noOverdue')} />
          ) : (
            <EChart option={overdue} label={t('dashboard.overdueByDistrict')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={16}>
        <Card size="small" title={t('dashboard.league')}>
          {league.data ? (
            <LeagueTable league={league.data} />
          ) : league.error ? (
            <ErrorAlert error={league.error} />
          ) : (
            <PageLoading />
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('dashboard.hotspotsTitle')}>
          {hotspots.data ? <HotspotLists hotspots={hotspots.data} /> : <PageLoading />}
        </Card>
      </Col>
    </Row>
  );
}
