// A live countdown to a deadline, coloured by the early-warning and overdue rules.
import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useNow } from '../hooks/useNow.ts';
import { countdownState, durationParts, type WarnLevel } from '../utils/countdown.ts';

const TAG_COLOR: Record<WarnLevel, string> = { none: 'green', yellow: 'gold', red: 'red' };

export function Countdown({
  start,
  due,
  serverLevel,
}: {
  start: string | null;
  due: string | null;
  serverLevel?: WarnLevel;
}) {
  const { t } = useI18n();
  const now = useNow();
  if (!due) return <span>{t('countdown.noDeadline')}</span>;
  const s = countdownState(now, start, due, serverLevel);
  const time = durationParts(s.remainingMs)
    .map((p) => t(`countdown.${p.unit}`, { n: p.n }))
    .join(' ');
  return (
    <Tag
      color={TAG_COLOR[s.level]}
      icon={<ClockCircleOutlined />}
      data-level={s.level}
      title={t(`enums.warn.${s.level}`)}
    >
      {t(s.remainingMs < 0 ? 'countdown.overdue' : 'countdown.left', { time })}
    </Tag>
  );
}
