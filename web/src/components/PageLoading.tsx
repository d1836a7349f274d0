// Shown while a lazily loaded page or its data arrives.
import { Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin description={t('common.loading')} />
    </div>
  );
}
