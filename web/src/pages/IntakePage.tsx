// /report — raise a problem without an account (掌上办), then the receipt.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Typography } from 'antd';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ItemForm } from '../modules/intake/components/ItemForm.tsx';
import { Receipt } from '../modules/intake/components/Receipt.tsx';

export default function IntakePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [receipt, setReceipt] = useState<IntakeReceipt | null>(null);
  return (
    <PublicLayout>
      {receipt ? (
        <Receipt
          receipt={receipt}
          onTrack={() => navigate('/track', { state: { code: receipt.trackingCode, pin: receipt.accessPin } })}
          onAnother={() => setReceipt(null)}
        />
      ) : (
        <>
          <Typography.Title level={3}>{t('intake.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('intake.intro')}</Typography.Paragraph>
          <ItemForm mode="public" onDone={(r) => { setReceipt(r); window.scrollTo(0, 0); }} />
        </>
      )}
    </PublicLayout>
  );
}
