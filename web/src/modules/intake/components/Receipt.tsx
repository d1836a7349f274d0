// The receipt after raising a problem: ledger number, tracking code and the PIN (shown only this once).
import { Alert, Button, Descriptions, Flex } from 'antd';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { CheckCircleFilled } from '@ant-design/icons';
import type { IntakeReceipt } from '@tingquan/common/schemas/items';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { WARN_COLORS } from '../../../theme/theme.ts';
import type { PhotoOutcome } from '../hooks/useUploadPhotos.ts';

export function Receipt({
  receipt,
  onTrack,
  onAnother,
}: {
  receipt: IntakeReceipt & { photos?: PhotoOutcome };
  onTrack?: () => void;
  onAnother: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <Flex vertical gap={16} align="stretch" role="status">
      <Flex vertical align="center" gap={4}>
        <CheckCircleFilled style={{ fontSize: 56, color: WARN_COLORS.none }} aria-hidden />
        <div style={{ textAlign: 'center' }}>
          <PageTitle intro={t('intake.receiptHint')}>{t('intake.receiptTitle')}</PageTitle>
        </div>
      </Flex>
      <Descriptions column={1} bordered size="small" data-testid="receipt">
        <Descriptions.Item label={t('intake.ledgerNo')}>
          <strong data-testid="receipt-ledger">{receipt.ledgerNo}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.trackingCode')}>
          <strong data-testid="receipt-code" style={{ fontSize: 18, letterSpacing: 1 }}>
            {receipt.trackingCode}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.accessPin')}>
          <strong data-testid="receipt-pin" style={{ fontSize: 18, letterSpacing: 1 }}>
            {receipt.accessPin}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.submittedAt')}>{formatDateTime(receipt.submittedAt)}</Descriptions.Item>
      </Descriptions>
      {receipt.photos?.uploaded ? (
        <Alert
          type="success"
          showIcon
          title={t('intake.photosUploaded', { n: receipt.photos.uploaded })}
          data-testid="receipt-photos"
        />
      ) : null}
      {receipt.photos?.failed.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('intake.photosFailed', { n: receipt.photos.failed.length, names: receipt.photos.failed.join(', ') })}
          data-testid="receipt-photos-failed"
        />
      ) : null}
      <Flex gap={8} wrap justify="center">
        {onTrack ? (
          <Button type="primary" onClick={onTrack} data-testid="receipt-track">
            {t('intake.trackNow')}
          </Button>
        ) : null}
        <Button onClick={onAnother}>{t('intake.another')}</Button>
      </Flex>
    </Flex>
  );
}
