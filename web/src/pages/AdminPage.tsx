// /admin — organisation, users, categories, SLA matrix, calendar and tokens.
import { Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function AdminPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('admin.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.comingSoon')}</Typography.Paragraph>
    </>
  );
}
