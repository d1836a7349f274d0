// A button for every action the server says this user may take now — and none for the others; each opens its form.
import { useState } from 'react';
import { App, Button, Card, Flex, Modal, Typography } from 'antd';
import type { ItemAction } from '@tingquan/common/lifecycle';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ActionForm } from '../../actions/components/ActionForm.tsx';
import { ACTION_SPECS } from '../../actions/utils/actionFields.ts';
import { useStaffLookups } from '../../lookups/hooks/useStaffLookups.ts';
import { useItemAction } from '../hooks/useItem.ts';

type FormAction = Exclude<ItemAction, 'reveal'>;

export function ActionPanel({ item }: { item: ItemDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState<FormAction | null>(null);
  const act = useItemAction(item.id);
  const actions = item.abilities.filter((a): a is FormAction => a !== 'reveal');
  const needsDepartments = actions.includes('dispatch');
  const lookups = useStaffLookups();
  const departments = needsDepartments
    ? (lookups.data?.departments ?? []).map((d) => ({
        value: d.id,
        label: lang === 'en-US' && d.nameEn ? d.nameEn : d.name,
      }))
    : undefined;
  return (
    <Card size="small" title={t('item.actions')} data-testid="action-panel">
      {actions.length === 0 ? <Typography.Text type="secondary">{t('item.noActions')}</Typography.Text> : null}
      <Flex wrap gap={8}>
        {actions.map((a) => (
          <Button
            key={a}
            type={ACTION_SPECS[a].danger ? 'default' : 'primary'}
            danger={ACTION_SPECS[a].danger}
            onClick={() => setOpen(a)}
            data-testid={`action-${a}`}
          >
            {t(`actions.${a}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={open !== null}
        title={open ? t(`actions.${open}`) : ''}
        footer={null}
        onCancel={() => setOpen(null)}
        destroyOnHidden
        width={560}
      >
        {open ? (
          <ActionForm
            key={open}
            action={open}
            spec={ACTION_SPECS[open]}
            departments={departments}
            submit={(body) => act.mutateAsync({ action: open, body })}
            onDone={() => {
              setOpen(null);
              void message.success(t('common.done'));
            }}
            onCancel={() => setOpen(null)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
