// /admin — the organisation (districts, departments, centres and windows, categories, key projects), the SLA matrix,
// the working-day calendar, users and API tokens; the tab is kept in the URL.
import { useSearchParams } from 'react-router';
import { Tabs, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CalendarPanel } from '../modules/admin/components/CalendarPanel.tsx';
import { CategoriesPanel } from '../modules/admin/components/CategoriesPanel.tsx';
import { CentresPanel } from '../modules/admin/components/CentresPanel.tsx';
import { DepartmentsPanel } from '../modules/admin/components/DepartmentsPanel.tsx';
import { DistrictsPanel } from '../modules/admin/components/DistrictsPanel.tsx';
import { ProjectsPanel } from '../modules/admin/components/ProjectsPanel.tsx';
import { SlaMatrixEditor } from '../modules/admin/components/SlaMatrixEditor.tsx';
import { TokensPanel } from '../modules/admin/components/TokensPanel.tsx';
import { UsersTable } from '../modules/admin/components/UsersTable.tsx';

const TABS = [
  'sla',
  'calendar',
  'districts',
  'departments',
  'centres',
  'categories',
  'projects',
  'users',
  'tokens',
] as const;

export default function AdminPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'sla';
  const panels = {
    sla: <SlaMatrixEditor />,
    calendar: <CalendarPanel />,
    districts: <DistrictsPanel />,
    departments: <DepartmentsPanel />,
    centres: <CentresPanel />,
    categories: <CategoriesPanel />,
    projects: <ProjectsPanel />,
    users: <UsersTable />,
    tokens: <TokensPanel />,
  };
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
