// /admin — SLA matrix, working-day calendar, users and API tokens (tab kept in the URL).
import { useSearchParams } from 'react-router';
import { Tabs, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CalendarPanel } from '../modules/admin/components/CalendarPanel.tsx';
import { SlaMatrixEditor } from '../modules/admin/components/SlaMatrixEditor.tsx';
import { TokensPanel } from '../modules/admin/components/TokensPanel.tsx';
import { UsersTable } from '../modules/admin/components/UsersTable.tsx';

const TABS = ['sla', 'calendar', 'users', 'tokens'] as const;

export default function AdminPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'sla';
  const panels = { sla: <SlaMatrixEditor />, calendar: <CalendarPanel />, users: <UsersTable />, tokens: <TokensPanel /> };
  return (
    <>
      <Typography.Title level={3}>{t('admin.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={TABS.map((k) => ({ key: k, label: t(`admin.tabs.${k}`), children: panels[k] }))}
      />
    </>
  );
}
