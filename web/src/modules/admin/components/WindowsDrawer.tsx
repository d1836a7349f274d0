// The windows of one service centre: listed, added, renamed (code, name, kind) and retired.
import { useState } from 'react';
import { App, Button, Drawer, Flex, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useOrgWrite, useWindows, type CentreView, type WindowView } from '../hooks/useOrg.ts';
import { changedFields } from '../utils/orgEdit.ts';
import { ActiveTag } from './ActiveTag.tsx';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';

const WINDOW_KINDS = ['fault_finding', 'service', 'hotline'] as const;

export function WindowsDrawer({ centre, onClose }: { centre: CentreView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const windows = useWindows(centre?.id ?? null);
  const write = useOrgWrite();
  const [editing, setEditing] = useState<WindowView | 'new' | null>(null);
  const fields: OrgField[] = [
    { name: 'code', label: t('admin.org.code'), kind: 'text', required: true, maxLength: 32 },
    { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
    {
      name: 'kind',
      label: t('admin.org.windowKind'),
      kind: 'select',
      required: true,
      options: WINDOW_KINDS.map((k) => ({ value: k, label: t(`admin.org.windowKinds.${k}`) })),
    },
  ];
  async function save(values: Record<string, unknown>) {
    if (!centre) return;
    if (editing === 'new')
      await write.mutateAsync({
        method: 'POST',
        path: `/api/admin/centres/${centre.id}/windows`,
        body: dropEmpty(values),
      });
    else if (editing)
      await write.mutateAsync({
        method: 'PATCH',
        path: `/api/admin/windows/${editing.id}`,
        body: changedFields(editing, values),
      });
    void message.success(t('common.saved'));
  }
  return (
    <Drawer
      open={!!centre}
      onClose={onClose}
      size="large"
      title={centre ? t('admin.org.windowsOf', { name: centre.name }) : ''}
      data-testid="windows-drawer"
    >
      <Flex vertical gap={12}>
        <Flex justify="flex-end">
          <Button type="primary" onClick={() => setEditing('new')} data-testid="window-add">
            {t('admin.org.addWindow')}
          </Button>
        </Flex>
        {windows.error ? <ErrorAlert error={windows.error} /> : null}
        <Table<WindowView>
          size="small"
          rowKey="id"
          loading={windows.isPending && !!centre}
          dataSource={windows.data ?? []}
          // A centre has tens of windows, not thousands: all on one list, so a new one is seen where it lands.
          pagination={false}
          data-testid="windows-table"
          columns={[
            { key: 'code', title: t('admin.org.code'), dataIndex: 'code', width: 110 },
            { key: 'name', title: t('admin.org.name'), dataIndex: 'name' },
            {
              key: 'kind',
              title: t('admin.org.windowKind'),
              width: 110,
              render: (_: unknown, w) => <Tag>{t(`admin.org.windowKinds.${w.kind}`)}</Tag>,
            },
            {
              key: 'active',
              title: t('admin.org.state'),
              width: 80,
              render: (_: unknown, w) => <ActiveTag active={w.active} />,
            },
            {
              key: 'actions',
              title: t('admin.org.actions'),
              width: 150,
              render: (_: unknown, w) => (
                <RowActions onEdit={() => setEditing(w)} retire={{ path: 'windows', id: w.id, active: w.active }} />
              ),
            },
          ]}
        />
      </Flex>
      {editing ? (
        <OrgFormModal
          title={editing === 'new' ? t('admin.org.addWindow') : t('admin.org.editOf', { name: editing.name })}
          fields={fields}
          initial={editing === 'new' ? { kind: 'fault_finding' } : editing}
          onSubmit={save}
          onClose={() => setEditing(null)}
          testId="window-form"
        />
      ) : null}
    </Drawer>
  );
}
