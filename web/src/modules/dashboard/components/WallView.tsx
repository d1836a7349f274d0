// The wall-screen mode (大屏模式) of the dashboard: the whole viewport, no navigation, large type, figures asked for
// again every minute, and everything on one 1920×1080 screen (heights from wallLayout, so nothing scrolls).
import { useEffect, useMemo, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { Button, ConfigProvider, Empty, Tooltip } from 'antd';
import { FullscreenExitOutlined } from '@ant-design/icons';
import type { Query } from '../../../api/client.ts';
import { EChart } from '../../../components/EChart.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useStats } from '../hooks/useStats.ts';
import { formatFigure, formatPercent } from '../utils/format.ts';
import { breakdownOption, trendOption, type ChartText } from '../utils/options.ts';
import type { Breakdown, BreakdownRow, Hotspots, League, Series, Summary } from '../utils/types.ts';
import { wallLayout, type WallLayout } from '../utils/wall.ts';
import { HEADLINE } from './FigureCards.tsx';

const REFRESH_MS = 60_000;
const HOTSPOTS = ['topCategories', 'topDistricts', 'topCentres', 'rising'] as const;
const BRAND = '#b71c1c';

const subscribe = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};
const useViewportHeight = () => useSyncExternalStore(subscribe, () => window.innerHeight);

const card: CSSProperties = { background: '#fff', borderRadius: 8, overflow: 'hidden', minWidth: 0 };
const oneLine: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 };

function WallCard({
  title,
  span,
  l,
  children,
}: {
  title: ReactNode;
  span: number;
  l: WallLayout;
  children: ReactNode;
}) {
  return (
    <section data-wall-card style={{ ...card, gridColumn: `span ${span}`, height: l.rowHeight }}>
      <h2
        style={{
          ...oneLine,
          margin: 0,
          height: l.cardHead,
          lineHeight: `${l.cardHead}px`,
          padding: `0 ${l.gap + 4}px`,
          fontSize: l.fonts.heading,
          fontWeight: 600,
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {title}
      </h2>
      <div
        data-wall-body
        style={{
          padding: l.cardPadding / 2,
          height: l.rowHeight - l.cardHead,
          boxSizing: 'border-box',
          overflow: 'hidden',
        }}
      >
        {children}
      </div>
    </section>
  );
}

interface ListRow {
  key: string;
  /** The place shown (a league rank); the row's position when absent. */
  rank?: number;
  name: string;
  value: string;
}
function WallList({
  title,
  color,
  rows,
  tip,
  l,
}: {
  title: string;
  color?: string;
  rows: ListRow[];
  tip?: string;
  l: WallLayout;
}) {
  return (
    <div style={{ minWidth: 0 }}>
      <Tooltip title={tip}>
        <div
          style={{
            ...oneLine,
            height: l.listHeader,
            lineHeight: `${l.listHeader}px`,
            fontSize: l.fonts.list,
            fontWeight: 600,
            color,
          }}
        >
          {title}
        </div>
      </Tooltip>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((r, i) => (
          <li
            key={r.key}
            style={{
              display: 'flex',
              gap: 8,
              alignItems: 'center',
              height: l.listRow,
              fontSize: l.fonts.list,
              borderTop: '1px solid #f0f0f0',
            }}
          >
            <span style={{ width: Math.round(l.fonts.list * 1.4), color: '#8c8c8c', flex: 'none' }}>
              {r.rank ?? i + 1}
            </span>
            <span style={{ ...oneLine, flex: 1 }} title={r.name}>
              {r.name}
            </span>
            <strong style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>{r.value}</strong>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function WallView({ scope, scopeName, onExit }: { scope: Query; scopeName: string; onExit: () => void }) {
  const { t, lang } = useI18n();
  const l = wallLayout(useViewportHeight());
  const summary = useStats<Summary>('summary', scope, REFRESH_MS);
  const series = useStats<Series>('series', { ...scope, interval: 'month' }, REFRESH_MS);
  const categories = useStats<Breakdown>('breakdown', { ...scope, by: 'category' }, REFRESH_MS);
  const districts = useStats<Breakdown>('breakdown', { ...scope, by: 'district' }, REFRESH_MS);
  const league = useStats<League>('league', scope, REFRESH_MS);
  const hotspots = useStats<Hotspots>('hotspots', scope, REFRESH_MS);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onExit();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onExit]);

  const text: ChartText = useMemo(
    () => ({
      names: Object.fromEntries([...HEADLINE, 'overdueOpen'].map((k) => [k, t(`dashboard.figures.${k}`)])),
      percent: (r) => formatPercent(r, lang),
    }),
    [t, lang],
  );
  const nameOf = (r: { name: string | null; nameEn: string | null; key?: string }) =>
    (lang === 'en-US' && r.nameEn) || r.name || r.key || '—';
  const { bars: barCount, chartHeight, rowHeight, listRows } = l;
  const chartFont = l.fonts.chart;
  const trend = useMemo(
    () =>
      series.data
        ? trendOption(
            series.data,
            ['received', 'accepted', 'closed'],
            ['closureRate', 'satisfactionRate'],
            text,
            chartFont,
          )
        : null,
    [series.data, text, chartFont],
  );
  const bars = useMemo(
    () =>
      categories.data
        ? breakdownOption(categories.data.rows, 'received', (r: BreakdownRow) => nameOf(r), text, barCount, chartFont)
        : null,
    [categories.data, text, barCount, chartFont],
  );
  const overdue = useMemo(
    () =>
      districts.data
        ? breakdownOption(districts.data.rows, 'overdueOpen', (r: BreakdownRow) => nameOf(r), text, barCount, chartFont)
        : null,
    [districts.data, text, barCount, chartFont],
  );
  const refreshed = Math.max(
    summary.dataUpdatedAt,
    series.dataUpdatedAt,
    categories.dataUpdatedAt,
    districts.dataUpdatedAt,
    league.dataUpdatedAt,
    hotspots.dataUpdatedAt,
  );
  const time = refreshed
    ? new Intl.DateTimeFormat(lang, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
        timeZone: 'Asia/Shanghai',
      }).format(refreshed)
    : '—';

  const leagueRows = (rows: League['red']): ListRow[] =>
    rows.slice(0, listRows).map((r) => ({
      key: r.departmentId,
      rank: r.rank,
      name: nameOf(r),
      value: formatFigure(r.figures.onTimeClosureRate, lang),
    }));

  return (
    <ConfigProvider theme={{ token: { fontSize: 18 } }}>
      <section
        data-testid="dashboard-wall"
        aria-label={t('dashboard.wall.title')}
        style={{
          position: 'fixed',
          inset: 0,
          zIndex: 1000,
          background: '#eef0f4',
          padding: l.padding,
          display: 'flex',
          flexDirection: 'column',
          gap: l.gap,
          overflow: 'hidden',
        }}
      >
        <header
          style={{
            height: l.titleBar,
            flex: 'none',
            display: 'flex',
            alignItems: 'center',
            gap: l.gap * 2,
            padding: `0 ${l.gap + 8}px`,
            borderRadius: 8,
            background: BRAND,
            color: '#fff',
          }}
        >
          <h1
            style={{
              ...oneLine,
              margin: 0,
              fontSize: l.fonts.title,
              fontWeight: 700,
              color: '#fff',
              flex: 'none',
              maxWidth: '45%',
            }}
          >
            {t('dashboard.wall.city')} · {t('dashboard.wall.title')}
          </h1>
          <span data-testid="wall-scope" style={{ ...oneLine, fontSize: l.fonts.subtitle, flex: 1 }}>
            {summary.data ? `${summary.data.period.from} – ${summary.data.period.to}` : ''} · {scopeName}
          </span>
          <span data-testid="wall-refreshed" style={{ ...oneLine, fontSize: l.fonts.list, flex: 'none' }}>
            {t('dashboard.wall.refreshedAt', { time })}
          </span>
          <Button
            size={l.titleBar >= 56 ? 'large' : 'middle'}
            ghost
            icon={<FullscreenExitOutlined />}
            onClick={onExit}
            data-testid="wall-exit"
            style={{ flex: 'none' }}
          >
            {t('dashboard.wall.exit')}
          </Button>
        </header>
        {summary.isPending ? (
          <PageLoading />
        ) : summary.error ? (
          <ErrorAlert error={summary.error} />
        ) : (
          <>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(6, minmax(0, 1fr))',
                gridAutoRows: l.tile,
                gap: l.gap,
                flex: 'none',
              }}
            >
              {HEADLINE.map((key) => (
                <Tooltip key={key} title={summary.data.figures[key]?.definition[lang]}>
                  <div
                    data-wall-card
                    data-testid={`wall-figure-${key}`}
                    style={{
                      ...card,
                      padding: `${Math.round(l.tile / 10)}px 14px`,
                      borderLeft: `6px solid ${key === 'overdueOpen' || key === 'badReviews' ? BRAND : '#1677ff'}`,
                    }}
                  >
                    <div style={{ ...oneLine, fontSize: l.fonts.label, color: '#595959', lineHeight: 1.5 }}>
                      {t(`dashboard.figures.${key}`)}
                    </div>
                    <div
                      style={{
                        ...oneLine,
                        fontSize: l.fonts.value,
                        fontWeight: 700,
                        lineHeight: 1.25,
                        fontVariantNumeric: 'tabular-nums',
                      }}
                    >
                      {formatFigure(summary.data.figures[key], lang)}
                    </div>
                  </div>
                </Tooltip>
              ))}
            </div>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(12, minmax(0, 1fr))',
                gridTemplateRows: `${rowHeight}px ${rowHeight}px`,
                gap: l.gap,
                flex: 'none',
              }}
            >
              <WallCard title={t('dashboard.trend')} span={5} l={l}>
                {trend ? <EChart option={trend} height={chartHeight} label={t('dashboard.trend')} /> : <PageLoading />}
              </WallCard>
              <WallCard title={`${t('dashboard.breakdown')} · ${t('dashboard.by.category')}`} span={4} l={l}>
                {bars ? (
                  <EChart option={bars} height={chartHeight} label={t('dashboard.breakdown')} />
                ) : (
                  <PageLoading />
                )}
              </WallCard>
              <WallCard title={t('dashboard.overdueByDistrict')} span={3} l={l}>
                {!overdue ? (
                  <PageLoading />
                ) : overdue.series[0].data.length === 0 ? (
                  <Empty description={t('dashboard.noOverdue')} />
                ) : (
                  <EChart option={overdue} height={chartHeight} label={t('dashboard.overdueByDistrict')} />
                )}
              </WallCard>
              <WallCard title={`${t('dashboard.league')} · ${t('dashboard.figures.onTimeClosureRate')}`} span={5} l={l}>
                {league.data ? (
                  <div
                    data-testid="wall-league"
                    style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 24 }}
                  >
                    <WallList
                      title={t('dashboard.wall.redTop', { n: Math.min(listRows, league.data.red.length) })}
                      color={BRAND}
                      rows={leagueRows(league.data.red)}
                      l={l}
                    />
                    <WallList
                      title={t('dashboard.wall.blackBottom', { n: Math.min(listRows, league.data.black.length) })}
                      color="#141414"
                      rows={leagueRows(league.data.black)}
                      l={l}
                    />
                  </div>
                ) : league.error ? (
                  <ErrorAlert error={league.error} />
                ) : (
                  <PageLoading />
                )}
              </WallCard>
              <WallCard title={t('dashboard.hotspotsTitle')} span={7} l={l}>
                {hotspots.data ? (
                  <div
                    data-testid="wall-hotspots"
                    style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 20 }}
                  >
                    {HOTSPOTS.map((key) => (
                      <WallList
                        key={key}
                        title={t(`dashboard.hotspots.${key}`)}
                        tip={hotspots.data.definitions[key]?.[lang]}
                        l={l}
                        rows={hotspots.data[key].slice(0, listRows).map((r) => ({
                          key: r.key,
                          name: nameOf(r),
                          value: key === 'rising' ? `+${r.growth}` : String(r.received ?? ''),
                        }))}
                      />
                    ))}
                  </div>
                ) : (
                  <PageLoading />
                )}
              </WallCard>
            </div>
          </>
        )}
      </section>
    </ConfigProvider>
  );
}
