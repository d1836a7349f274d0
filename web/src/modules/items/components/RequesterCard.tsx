// The requester, masked by default; those allowed may reveal it with a reason (the server logs every reveal).
import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { revealBody } from '@tingquan/common/schemas/items';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ActionForm } from '../../actions/components/ActionForm.tsx';
import { useItemAction } from '../hooks/useItem.ts';
import { useMe } from '../../auth/hooks/useMe.ts';

const REVEAL_SPEC = { fields: [{ name: 'reason', kind: 'longText' as const, required: true }], schema: revealBody };

export function RequesterCard({ item }: { item: ItemDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const act = useItemAction(item.id);
  const r = item.requester;
  const canReveal = useMe().data?.permissions.includes('item.reveal') ?? false;
  return (
    <Card
      size="small"
      title={t('item.requester')}
      extra={
        r.hidden ? null : r.masked ? (
          // The server leaves reveal out of `abilities`; the permission decides, and the server checks again (and logs).
          canReveal ? (
            <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-button">
              {t('item.reveal')}
            </Button>
          ) : (
            <Tag>{t('item.masked')}</Tag>
          )
        ) : (
          <Tag color="orange">{t('item.revealed')}</Tag>
        )
      }
    >
      {r.hidden ? (
        <Typography.Text type="secondary">{t('item.hidden')}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small" data-testid="requester">
          <Descriptions.Item label={t('fields.requesterKind')}>{t(`enums.requesterKind.${r.kind}`)}</Descriptions.Item>
          {r.organization ? (
            <Descriptions.Item label={t('fields.organization')}>{r.organization}</Descriptions.Item>
          ) : null}
          {r.uscc ? <Descriptions.Item label={t('fields.uscc')}>{r.uscc}</Descriptions.Item> : null}
          <Descriptions.Item label={t('fields.name')}>{r.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.phone')}>{r.phone ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Modal open={open} title={t('item.revealTitle')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {/* Reveal is not one of the lifecycle forms, but its body is just as simple: a reason. */}
        <ActionForm
          action="reveal"
          spec={REVEAL_SPEC}
          submitLabel={t('item.reveal')}
          submit={(body) => act.mutateAsync({ action: 'reveal', body })}
          onDone={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        />
      </Modal>
    </Card>
  );
}
