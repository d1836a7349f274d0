// Frame of the staff pages: navigation by permission, the signed-in user, language and sign-out.
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App as AntApp, Button, Flex, Layout, Menu, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMe } from '../modules/auth/hooks/useMe.ts';
import { useLogout } from '../modules/auth/hooks/useAuthMutations.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageLoading } from './PageLoading.tsx';
import { RequireStaff } from './RequireStaff.tsx';

const NAV: { path: string; key: string; permission?: string }[] = [
  { path: '/', key: 'nav.workbench' },
  { path: '/items', key: 'nav.ledger', permission: 'item.read' },
  { path: '/register', key: 'nav.register', permission: 'item.register' },
  { path: '/dashboard', key: 'nav.dashboard', permission: 'stats.read' },
  { path: '/discipline', key: 'nav.discipline', permission: 'clue.read' },
  { path: '/projects', key: 'nav.projects', permission: 'project.read' },
  { path: '/policy', key: 'nav.policyLibrary', permission: 'policy.read' },
  { path: '/policy/candidates', key: 'nav.policyCandidates', permission: 'policy.read' },
  { path: '/policy/runs', key: 'nav.policyRuns', permission: 'policy.read' },
  { path: '/policy/figures', key: 'nav.policyFigures', permission: 'policy.read' },
  { path: '/admin', key: 'nav.admin', permission: 'org.manage' },
];

function StaffFrame() {
  const { t } = useI18n();
  const me = useMe().data!;
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const matching = NAV.filter((n) => (n.path === '/' ? pathname === '/' : pathname.startsWith(n.path)));
  // The most specific entry only: /policy/runs is not also the library at /policy.
  const selected = matching
    .filter((n) => !matching.some((m) => m.path.length > n.path.length && m.path.startsWith(n.path)))
    .map((n) => n.path);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#fff',
          padding: '0 16px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Link to="/">
          <Typography.Text strong style={{ fontSize: 18, color: '#b71c1c', whiteSpace: 'nowrap' }}>
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={selected}
          style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
          items={NAV.filter((n) => !n.permission || me.permissions.includes(n.permission)).map((n) => ({
            key: n.path,
            label: <Link to={n.path}>{t(n.key)}</Link>,
          }))}
        />
        <Flex align="center" gap={4}>
          <Typography.Text ellipsis style={{ maxWidth: 200 }} data-testid="me-name">
            {me.displayName}
          </Typography.Text>
          <LanguageSwitch />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
          >
            {t('nav.logout')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <main style={{ maxWidth: 1600, margin: '0 auto' }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}

export function StaffLayout() {
  return (
    // Ant Design's App (message, modal, notification) is only used by staff screens: kept out of the public bundle.
    <AntApp>
      <RequireStaff>
        <StaffFrame />
      </RequireStaff>
    </AntApp>
  );
}
