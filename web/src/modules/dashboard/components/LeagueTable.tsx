// The department league table (红黑榜): ranked by the server, with the red and black lists marked.
import { Table, Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { formatFigure } from '../utils/format.ts';
import type { League, LeagueRow } from '../utils/types.ts';

const COLUMNS = [
  'received',
  'closureRate',
  'onTimeClosureRate',
  'satisfactionRate',
  'returnRate',
  'overdueOpen',
] as const;

export function LeagueTable({ league }: { league: League }) {
  const { t, lang } = useI18n();
  const red = new Set(league.red.map((r) => r.departmentId));
  const black = new Set(league.black.map((r) => r.departmentId));
  return (
    <Table<LeagueRow>
      size="small"
      rowKey="departmentId"
      dataSource={league.ranked}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 960 }}
      data-testid="league-table"
      columns={[
        { key: 'rank', title: '#', dataIndex: 'rank', width: 48 },
        {
          key: 'name',
          title: t('ledger.columns.department'),
          width: 260,
          render: (_: unknown, r) => (
            <span>
              {lang === 'en-US' && r.nameEn ? r.nameEn : r.name}{' '}
              {red.has(r.departmentId) ? <Tag color="red">{t('dashboard.redList')}</Tag> : null}
              {black.has(r.departmentId) ? <Tag color="black">{t('dashboard.blackList')}</Tag> : null}
            </span>
          ),
        },
        ...COLUMNS.map((k) => ({
          key: k,
          title: t(`dashboard.figures.${k}`),
          width: 110,
          render: (_: unknown, r: LeagueRow) => formatFigure(r.figures[k], lang),
        })),
      ]}
    />
  );
}
