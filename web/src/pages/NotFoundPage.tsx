// Any unknown address.
import { Link } from 'react-router';
import { Result } from 'antd';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <PublicLayout>
      <Result
        status="404"
        title="404"
        subTitle={t('common.notFound')}
        extra={<Link to="/">{t('common.backHome')}</Link>}
      />
    </PublicLayout>
  );
}
