// /discipline — the discipline inspection view: case clues with their evidence, and undercover checks.
import { Tabs, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMe } from '../modules/auth/hooks/useMe.ts';
import { CluesPanel } from '../modules/discipline/components/CluesPanel.tsx';
import { UndercoverPanel } from '../modules/discipline/components/UndercoverPanel.tsx';

export default function DisciplinePage() {
  const { t } = useI18n();
  const me = useMe().data!;
  return (
    <>
      <Typography.Title level={3}>{t('discipline.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'clues',
            label: t('discipline.clues'),
            children: <CluesPanel canManage={me.permissions.includes('clue.manage')} />,
          },
          {
            key: 'undercover',
            label: t('discipline.undercover'),
            children: <UndercoverPanel canRecord={me.permissions.includes('undercover.manage')} />,
          },
        ]}
      />
    </>
  );
}
