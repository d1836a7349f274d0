// /dashboard — the figures for a period and scope (kept in the URL), loaded on demand with ECharts. `?wall=1` is the
// wall-screen mode (大屏模式) over the whole viewport, so that a wall PC can open it directly.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { Button, DatePicker, Flex, Select, Typography } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { DashboardView } from '../modules/dashboard/components/DashboardView.tsx';
import { WallView } from '../modules/dashboard/components/WallView.tsx';
import { usePublicLookups } from '../modules/lookups/hooks/usePublicLookups.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const lookups = usePublicLookups();
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const districtId = params.get('districtId') || undefined;
  const wall = params.get('wall') === '1';
  const update = useCallback(
    (patch: Record<string, string | undefined>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch))
          if (v) next.set(k, v);
          else next.delete(k);
        return next;
      }),
    [setParams],
  );
  const exitWall = useCallback(() => update({ wall: undefined }), [update]);
  const districts = lookups.data?.districts ?? [];
  if (wall) {
    const district = districts.find((d) => d.id === districtId);
    const scopeName = district ? (lang === 'en-US' && district.nameEn) || district.name : t('dashboard.wholeCity');
    return <WallView scope={{ from, to, districtId }} scopeName={scopeName} onExit={exitWall} />;
  }
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <DatePicker.RangePicker
            aria-label={t('dashboard.period')}
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('dashboard.wholeCity')}
            value={districtId}
            onChange={(v?: string) => update({ districtId: v })}
            options={districts.map((d) => ({ value: d.id, label: lang === 'en-US' && d.nameEn ? d.nameEn : d.name }))}
          />
          <Button icon={<FullscreenOutlined />} onClick={() => update({ wall: '1' })} data-testid="wall-enter">
            {t('dashboard.wall.enter')}
          </Button>
        </Flex>
      </Flex>
      <DashboardView scope={{ from, to, districtId }} />
    </>
  );
}
