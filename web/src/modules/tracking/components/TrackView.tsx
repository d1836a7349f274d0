// What the requester sees of their problem: status, progress in plain words, the reply, and rating / appeal / adding info.
import { Alert, Descriptions, Flex, Timeline, Typography } from 'antd';
import { Section } from '../../../components/Section.tsx';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ActionForm } from '../../actions/components/ActionForm.tsx';
import { ACTION_SPECS } from '../../actions/utils/actionFields.ts';
import { useTrackingAction, type TrackingAuth } from '../hooks/useTracking.ts';
import { publicTimeline } from '../utils/publicTimeline.ts';

export function TrackView({ auth, item }: { auth: TrackingAuth; item: ItemDetail }) {
  const { t, formatDateTime } = useI18n();
  const rate = useTrackingAction(auth, 'rate');
  const appeal = useTrackingAction(auth, 'appeal');
  const addInfo = useTrackingAction(auth, 'add_info');
  const v = item.verification;
  return (
    <Flex vertical gap={12}>
      <Section title={item.title} extra={<StatusTag status={item.status} />} data-testid="track-view">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('intake.ledgerNo')}>{item.ledgerNo}</Descriptions.Item>
          <Descriptions.Item label={t('fields.category')}>{item.categoryName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('intake.submittedAt')}>{formatDateTime(item.submittedAt)}</Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('track.progress')}>
        <Timeline
          items={publicTimeline(item.events).map((s) => ({
            key: s.key,
            content: (
              <div>
                <div>{t(s.textKey)}</div>
                <Typography.Text type="secondary">{formatDateTime(s.at)}</Typography.Text>
              </div>
            ),
          }))}
        />
      </Section>
      <Section title={t('track.reply')}>
        {item.rejectReason ? (
          <Alert type="warning" title={t('item.rejectReason')} description={item.rejectReason} />
        ) : null}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="track-reply">
          {item.reply ?? t('track.noReply')}
        </Typography.Paragraph>
        {v.satisfaction ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('track.yourRating')}: {t(`enums.satisfaction.${v.satisfaction}`)}
          </Typography.Paragraph>
        ) : null}
      </Section>
      {item.abilities.includes('rate') ? (
        <Section title={t('track.rateTitle')}>
          <Typography.Paragraph>{t('track.rateIntro')}</Typography.Paragraph>
          <ActionForm
            action="rate"
            spec={ACTION_SPECS.rate}
            submit={(body) => rate.mutateAsync(body)}
            issuePrefix={['payload']}
            submitLabel={t('track.rateSubmit')}
            labels={{ contacted: t('track.q1'), solved: t('track.q2'), satisfaction: t('track.q3') }}
          />
        </Section>
      ) : null}
      {item.abilities.includes('appeal') ? (
        <Section title={t('track.appealTitle')}>
          <ActionForm
            action="appeal"
            spec={ACTION_SPECS.appeal}
            submit={(body) => appeal.mutateAsync(body)}
            issuePrefix={['payload']}
            submitLabel={t('track.appealSubmit')}
          />
        </Section>
      ) : null}
      {item.abilities.includes('add_info') ? (
        <Section title={t('track.addInfoTitle')}>
          <ActionForm
            action="add_info"
            spec={ACTION_SPECS.add_info}
            submit={(body) => addInfo.mutateAsync(body)}
            issuePrefix={['payload']}
            submitLabel={t('track.addInfoSubmit')}
          />
        </Section>
      ) : null}
    </Flex>
  );
}
