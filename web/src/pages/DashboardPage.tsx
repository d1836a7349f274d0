// /dashboard — the figures (loaded on demand with ECharts).
import { Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function DashboardPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dashboard.comingSoon')}</Typography.Paragraph>
    </>
  );
}
