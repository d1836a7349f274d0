// The clock an item is running against right now: sign-for (签收) while a department has not signed, handling while it
// is being worked on, the callback (回访) after the reply; nothing once the item is done.
import type { ItemSummary } from '@tingquan/common';
import { Space, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { currentClock } from '../utils/countdown.ts';
import { Countdown } from './Countdown.tsx';

export function OpenClock({ item }: { item: ItemSummary }) {
  const { t } = useI18n();
  const clock = currentClock(item);
  if (!clock) return null;
  return (
    <Space size={4} data-clock={clock.kind}>
      <Typography.Text type="secondary">{t(`countdown.clock.${clock.kind}`)}</Typography.Text>
      <Countdown
        start={clock.start}
        due={clock.due}
        serverLevel={clock.kind === 'handle' ? item.warnLevel : undefined}
      />
    </Space>
  );
}
