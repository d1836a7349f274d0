// /report — raise a problem without an account (掌上办), then the receipt.
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { PageTitle } from '../components/PageTitle.tsx';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ItemForm } from '../modules/intake/components/ItemForm.tsx';
import { PageLoading } from '../components/PageLoading.tsx';

// Loaded only once there is a receipt to show.
const Receipt = lazy(() => import('../modules/intake/components/Receipt.tsx').then((m) => ({ default: m.Receipt })));

export default function IntakePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [receipt, setReceipt] = useState<IntakeReceipt | null>(null);
  return (
    <PublicLayout>
      {receipt ? (
        <Suspense fallback={<PageLoading />}>
          <Receipt
            receipt={receipt}
            onTrack={() => navigate('/track', { state: { code: receipt.trackingCode, pin: receipt.accessPin } })}
            onAnother={() => setReceipt(null)}
          />
        </Suspense>
      ) : (
        <>
          <PageTitle intro={t('intake.intro')}>{t('intake.title')}</PageTitle>
          <ItemForm
            mode="public"
            onDone={(r) => {
              setReceipt(r);
              window.scrollTo(0, 0);
            }}
          />
        </>
      )}
    </PublicLayout>
  );
}
