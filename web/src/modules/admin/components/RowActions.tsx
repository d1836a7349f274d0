// The actions of an organisation row: any extra links, edit, and retire / reactivate.
import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { RetireButton } from './RetireButton.tsx';

interface Props {
  onEdit: () => void;
  retire?: { path: 'districts' | 'departments' | 'centres' | 'windows' | 'categories'; id: string; active: boolean };
  before?: ReactNode;
  after?: ReactNode;
  editLabel?: string;
  editTestId?: string;
}

export function RowActions({ onEdit, retire, before, after, editLabel, editTestId }: Props) {
  const { t } = useI18n();
  return (
    <Space size={0} wrap>
      {before}
      <Button size="small" type="link" onClick={onEdit} data-testid={editTestId}>
        {editLabel ?? t('admin.org.edit')}
      </Button>
      {retire ? <RetireButton path={retire.path} id={retire.id} active={retire.active} /> : null}
      {after}
    </Space>
  );
}
