// Retire or reactivate a district, department, centre, window or category (rows that point to it keep it).
import { App, Button } from 'antd';
import { errorKeyOf } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useOrgWrite } from '../hooks/useOrg.ts';

export function RetireButton({
  path,
  id,
  active,
  testId,
}: {
  path: 'districts' | 'departments' | 'centres' | 'windows' | 'categories';
  id: string;
  active: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const write = useOrgWrite();
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      type="link"
      danger={active}
      loading={write.isPending}
      data-testid={testId}
      onClick={() =>
        write.mutate(
          {
            method: 'POST',
            path: `/api/admin/${path}/${encodeURIComponent(id)}/${active ? 'deactivate' : 'activate'}`,
          },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (e) => void message.error(t(errorKeyOf(e))),
          },
        )
      }
    >
      {active ? t('admin.org.deactivate') : t('admin.org.activate')}
    </Button>
  );
}
