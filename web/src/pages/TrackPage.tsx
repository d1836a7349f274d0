// /track — follow a problem with its tracking code and PIN (never put in the URL: the PIN is a secret).
import { useState } from 'react';
import { useLocation } from 'react-router';
import { Flex, Typography } from 'antd';
import { Section } from '../components/Section.tsx';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { TrackLookup } from '../modules/tracking/components/TrackLookup.tsx';
import { TrackView } from '../modules/tracking/components/TrackView.tsx';
import { useTracking, type TrackingAuth } from '../modules/tracking/hooks/useTracking.ts';

export default function TrackPage() {
  const { t } = useI18n();
  const location = useLocation();
  const [auth, setAuth] = useState<TrackingAuth | null>((location.state as TrackingAuth | null) ?? null);
  const tracking = useTracking(auth);
  const notFound =
    tracking.error instanceof ApiError && (tracking.error.status === 404 || tracking.error.status === 401);
  return (
    <PublicLayout>
      <Flex vertical gap={12}>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('track.title')}
        </Typography.Title>
        <Section>
          <Typography.Paragraph type="secondary">{t('track.intro')}</Typography.Paragraph>
          <TrackLookup initial={auth} onLookUp={setAuth} loading={tracking.isFetching} />
        </Section>
        {notFound ? (
          <Typography.Text type="danger" role="alert">
            {t('track.notFound')}
          </Typography.Text>
        ) : tracking.error ? (
          <ErrorAlert error={tracking.error} />
        ) : null}
        {auth && tracking.data ? <TrackView auth={auth} item={tracking.data} /> : null}
      </Flex>
    </PublicLayout>
  );
}
