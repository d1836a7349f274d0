// /register — staff register a problem received at a window, by phone or by letter; the receipt can be handed over.
import { useState } from 'react';
import { Typography } from 'antd';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ItemForm } from '../modules/intake/components/ItemForm.tsx';
import { Receipt } from '../modules/intake/components/Receipt.tsx';
import { useNavigate } from 'react-router';

export default function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [receipt, setReceipt] = useState<IntakeReceipt | null>(null);
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      {receipt ? (
        <Receipt
          receipt={receipt}
          onTrack={() => navigate(`/items/${receipt.id}`)}
          onAnother={() => setReceipt(null)}
        />
      ) : (
        <>
          <Typography.Title level={3}>{t('register.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
          <ItemForm mode="staff" onDone={setReceipt} />
        </>
      )}
    </div>
  );
}
