// The accounts and their roles (read-only here; changes go through the admin API).
import { Table, Tag } from 'antd';
import type { User } from '@tingquan/common/schemas/org';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useUsers } from '../hooks/useAdmin.ts';

export function UsersTable() {
  const { t } = useI18n();
  const users = useUsers();
  if (users.error) return <ErrorAlert error={users.error} />;
  return (
    <Table<User>
      size="small"
      rowKey="id"
      loading={users.isPending}
      dataSource={users.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { key: 'username', title: t('fields.username'), dataIndex: 'username' },
        { key: 'displayName', title: t('fields.name'), dataIndex: 'displayName' },
        {
          key: 'roles',
          title: t('login.role'),
          render: (_: unknown, u) => u.roles.map((r) => <Tag key={r}>{t(`enums.role.${r}`)}</Tag>),
        },
        {
          key: 'active',
          title: t('admin.active'),
          render: (_: unknown, u) =>
            u.active ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
        },
      ]}
    />
  );
}
