// Shown while a lazily loaded page or its data arrives (no Spin: this is in every page's first bundle).
import { theme } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function PageLoading() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div role="status" aria-busy="true" style={{ textAlign: 'center', padding: 48, color: token.colorTextSecondary }}>
      {t('common.loading')}
    </div>
  );
}
