// Frame of the public pages (intake, tracking, login): mobile-first, one narrow column.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Flex, Layout, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', padding: '0 12px', height: 'auto', lineHeight: '48px', borderBottom: '1px solid #f0f0f0' }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ maxWidth: 760, margin: '0 auto' }}>
          <Link to="/report">
            <Typography.Text strong style={{ fontSize: 18, color: '#b71c1c' }}>
              {t('app.name')}
            </Typography.Text>
          </Link>
          <Flex gap={4} align="center" wrap>
            <Link to="/report">{t('nav.report')}</Link>
            <Typography.Text type="secondary">·</Typography.Text>
            <Link to="/track">{t('nav.track')}</Link>
            <LanguageSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 12px 48px' }}>
        <main style={{ maxWidth: 760, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
