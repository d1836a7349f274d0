// Frame of the public pages (intake, tracking, login): mobile-first, one narrow column.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { theme } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: token.colorBgLayout,
        color: token.colorText,
        fontFamily: token.fontFamily,
        fontSize: token.fontSize,
      }}
    >
      <header
        style={{
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          padding: '4px 12px',
        }}
      >
        <nav
          style={{
            maxWidth: 760,
            margin: '0 auto',
            display: 'flex',
            flexWrap: 'wrap',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
          }}
        >
          <Link to="/report" style={{ fontSize: 18, fontWeight: 600, color: token.colorPrimary }}>
            {t('app.name')}
          </Link>
          <span style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
            <Link to="/report">{t('nav.report')}</Link>
            <Link to="/track">{t('nav.track')}</Link>
            <Link to="/policy/calculator">{t('nav.policyCalculator')}</Link>
            <LanguageSwitch />
          </span>
        </nav>
      </header>
      <main style={{ maxWidth: 760, margin: '0 auto', padding: '16px 12px 48px' }}>{children}</main>
    </div>
  );
}
