// The item's full event history for staff: who did what when, with the reasons and notes given.
import { Timeline, Typography } from 'antd';
import { ITEM_ACTIONS } from '@tingquan/common/lifecycle';
import type { EventView } from '@tingquan/common/schemas/items';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { eventLabelKey, eventTexts } from '../utils/eventText.ts';

const KNOWN_STEPS = ['submit', 'close_with_primary'];

export function EventTimeline({ events }: { events: EventView[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Timeline
      data-testid="event-timeline"
      items={[...events]
        .sort((a, b) => a.seq - b.seq)
        .map((e) => {
          const label = eventLabelKey(e.action, ITEM_ACTIONS, KNOWN_STEPS);
          return {
            key: e.seq,
            content: (
              <div>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                <br />
                <Typography.Text strong>
                  {label === 'events.other' ? `${t(label)} · ${e.action}` : t(label)}
                </Typography.Text>
                {e.actorName ? (
                  <Typography.Text type="secondary">
                    {' '}
                    — {e.actorName}
                    {e.actorRole ? ` (${t(`enums.role.${e.actorRole}`)})` : ''}
                  </Typography.Text>
                ) : null}
                {typeof e.data.satisfaction === 'string' ? (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {t('fields.satisfaction')}: {t(`enums.satisfaction.${e.data.satisfaction}`)}
                  </Typography.Paragraph>
                ) : null}
                {eventTexts(e.data).map((x) => (
                  <Typography.Paragraph key={x.field} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                    {t(`fields.${x.field}`)}: {x.text}
                  </Typography.Paragraph>
                ))}
              </div>
            ),
          };
        })}
    />
  );
}
