// An item's status as a coloured tag.
import { Tag } from 'antd';
import type { Status } from '@tingquan/common/enums';
import { useI18n } from '../i18n/I18nProvider.tsx';

const COLORS: Record<Status, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  rejected: 'default',
  dispatched: 'blue',
  in_progress: 'processing',
  parked: 'purple',
  replied: 'geekblue',
  verified: 'lime',
  closed: 'success',
  merged: 'default',
};

export function StatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`enums.status.${status}`)}</Tag>;
}
