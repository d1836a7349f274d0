// The category tree: add a top-level or sub-category, rename it (zh / en), move it, retire it, delete an unused one.
import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Table } from 'antd';
import type { CategoryNode } from '@tingquan/common/schemas/org';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useAdminCategories, useOrgWrite } from '../hooks/useOrg.ts';
import { categoryRows, changedFields, moveTargets, type CategoryRow } from '../utils/orgEdit.ts';
import { ActiveTag } from './ActiveTag.tsx';
import { OrgFormModal, type OrgField } from './OrgFormModal.tsx';
import { RowActions } from './RowActions.tsx';

type Editing =
  | { mode: 'new'; parent: CategoryRow | null }
  | { mode: 'rename'; row: CategoryRow }
  | { mode: 'move'; row: CategoryRow };
const ROOT = '__root__';

export function CategoriesPanel() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const categories = useAdminCategories();
  const write = useOrgWrite();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const english = lang === 'en-US';
  const tree: CategoryNode[] = categories.data ?? [];

  const nameFields: OrgField[] = [
    { name: 'name', label: t('admin.org.name'), kind: 'text', required: true },
    { name: 'nameEn', label: t('admin.org.nameEn'), kind: 'text' },
  ];
  const fields: OrgField[] =
    editing?.mode === 'new'
      ? [
          { name: 'code', label: t('admin.org.code'), kind: 'text', required: true, maxLength: 32 },
          ...nameFields,
          { name: 'sort', label: t('admin.org.sort'), kind: 'number' },
        ]
      : editing?.mode === 'rename'
        ? [...nameFields, { name: 'sort', label: t('admin.org.sort'), kind: 'number' }]
        : editing?.mode === 'move'
          ? [
              {
                name: 'parentId',
                label: t('admin.org.moveTo'),
                kind: 'select',
                required: true,
                options: [{ value: ROOT, label: t('admin.org.root') }, ...moveTargets(tree, editing.row.id, english)],
              },
            ]
          : [];

  async function save(values: Record<string, unknown>) {
    if (!editing) return;
    if (editing.mode === 'new')
      await write.mutateAsync({
        method: 'POST',
        path: '/api/admin/categories',
        body: { ...dropEmpty(values), parentId: editing.parent?.id ?? null },
      });
    if (editing.mode === 'rename')
      await write.mutateAsync({
        method: 'PATCH',
        path: `/api/admin/categories/${editing.row.id}`,
        body: changedFields(editing.row, values, ['nameEn']),
      });
    if (editing.mode === 'move')
      await write.mutateAsync({
        method: 'POST',
        path: `/api/admin/categories/${editing.row.id}/move`,
        body: { parentId: values.parentId === ROOT ? null : values.parentId },
      });
    void message.success(t('common.saved'));
  }
  async function remove(row: CategoryRow) {
    setDeleteError(null);
    try {
      await write.mutateAsync({ method: 'DELETE', path: `/api/admin/categories/${row.id}` });
      void message.success(t('admin.org.deleted'));
    } catch (e) {
      setDeleteError(e);
    }
  }

  const title =
    editing?.mode === 'new'
      ? editing.parent
        ? t('admin.org.addChildOf', { name: editing.parent.label })
        : t('admin.org.addCategory')
      : editing
        ? t(editing.mode === 'move' ? 'admin.org.moveOf' : 'admin.org.editOf', { name: editing.row.label })
        : '';
  const initial =
    editing?.mode === 'new'
      ? { sort: 0 }
      : editing?.mode === 'rename'
        ? editing.row
        : editing?.mode === 'move'
          ? { parentId: editing.row.parentId ?? ROOT }
          : {};

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => setEditing({ mode: 'new', parent: null })} data-testid="category-add">
          {t('admin.org.addCategory')}
        </Button>
      </Flex>
      {categories.error ? <ErrorAlert error={categories.error} /> : null}
      {deleteError ? <ErrorAlert error={deleteError} /> : null}
      <Table<CategoryRow>
        size="small"
        rowKey="id"
        loading={categories.isPending}
        dataSource={categoryRows(tree, english)}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="categories-table"
        columns={[
          { key: 'label', title: t('ledger.columns.category'), dataIndex: 'label', width: 260 },
          { key: 'code', title: t('admin.org.code'), dataIndex: 'code', width: 150, ellipsis: true },
          {
            key: english ? 'name' : 'nameEn',
            title: english ? t('admin.org.name') : t('admin.org.nameEn'),
            dataIndex: english ? 'name' : 'nameEn',
            ellipsis: true,
          },
          {
            key: 'active',
            title: t('admin.org.state'),
            width: 80,
            render: (_: unknown, c) => <ActiveTag active={c.active} />,
          },
          {
            key: 'actions',
            title: t('admin.org.actions'),
            width: 420,
            render: (_: unknown, c) => (
              <RowActions
                onEdit={() => setEditing({ mode: 'rename', row: c })}
                editLabel={t('admin.org.rename')}
                editTestId={`category-rename-${c.code}`}
                retire={{ path: 'categories', id: c.id, active: c.active }}
                before={
                  <Button size="small" type="link" onClick={() => setEditing({ mode: 'new', parent: c })}>
                    {t('admin.org.addChild')}
                  </Button>
                }
                after={
                  <>
                    <Button size="small" type="link" onClick={() => setEditing({ mode: 'move', row: c })}>
                      {t('admin.org.move')}
                    </Button>
                    <Popconfirm
                      title={t('admin.org.deleteConfirm')}
                      okText={t('admin.remove')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(c)}
                    >
                      <Button size="small" type="link" danger>
                        {t('admin.remove')}
                      </Button>
                    </Popconfirm>
                  </>
                }
              />
            ),
          },
        ]}
      />
      {editing ? (
        <OrgFormModal
          title={title}
          fields={fields}
          initial={initial}
          onSubmit={save}
          onClose={() => setEditing(null)}
          testId="category-form"
        />
      ) : null}
    </Flex>
  );
}
