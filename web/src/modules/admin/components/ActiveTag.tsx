// Whether an organisation row is in use (启用) or retired (停用).
import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.org.inactive')}</Tag>;
}
