// Switches between Chinese and English; the choice is remembered by the i18n provider.
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('nav.languageLabel')}
      onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
      data-testid="lang-switch"
    >
      {t('nav.language')}
    </Button>
  );
}
