// API tokens: the list, and creating one (its secret is shown once).
import { useState } from 'react';
import { Alert, Button, Flex, Input, Select, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useCreateToken, useTokens, useUsers, type TokenView } from '../hooks/useAdmin.ts';

export function TokensPanel() {
  const { t, formatDateTime } = useI18n();
  const tokens = useTokens();
  const users = useUsers();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [userId, setUserId] = useState<string>();
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input
          style={{ width: 220 }}
          placeholder={t('admin.tokens.name')}
          aria-label={t('admin.tokens.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Select
          style={{ width: 220 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('admin.tokens.user')}
          value={userId}
          onChange={setUserId}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        />
        <Button
          type="primary"
          disabled={!name.trim() || !userId}
          loading={create.isPending}
          onClick={() => create.mutate({ name: name.trim(), userId: userId! })}
        >
          {t('admin.tokens.create')}
        </Button>
      </Flex>
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {create.data ? (
        <Alert
          type="success"
          showIcon
          title={t('admin.tokens.once')}
          description={
            <Typography.Text copyable code>
              {create.data.token}
            </Typography.Text>
          }
        />
      ) : null}
      {tokens.error ? <ErrorAlert error={tokens.error} /> : null}
      <Table<TokenView>
        size="small"
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        pagination={false}
        columns={[
          { key: 'name', title: t('admin.tokens.name'), dataIndex: 'name' },
          { key: 'kind', title: t('admin.tokens.kind'), dataIndex: 'kind' },
          {
            key: 'createdAt',
            title: t('intake.submittedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            key: 'lastUsedAt',
            title: t('admin.tokens.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            key: 'revokedAt',
            title: t('admin.tokens.revoked'),
            dataIndex: 'revokedAt',
            render: (v: string | null) => formatDateTime(v),
          },
        ]}
      />
    </Flex>
  );
}
