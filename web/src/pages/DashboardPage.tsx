// /dashboard — the figures for a period and scope (kept in the URL), loaded on demand with ECharts.
import { useSearchParams } from 'react-router';
import { DatePicker, Flex, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { DashboardView } from '../modules/dashboard/components/DashboardView.tsx';
import { usePublicLookups } from '../modules/lookups/hooks/usePublicLookups.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const lookups = usePublicLookups();
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const districtId = params.get('districtId') || undefined;
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
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
            options={(lookups.data?.districts ?? []).map((d) => ({ value: d.id, label: lang === 'en-US' && d.nameEn ? d.nameEn : d.name }))}
          />
        </Flex>
      </Flex>
      <DashboardView scope={{ from, to, districtId }} />
    </>
  );
}
