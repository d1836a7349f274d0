// The item's header: ledger number, title, status and complexity, the deadlines with live countdowns.
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { Countdown } from '../../deadlines/components/Countdown.tsx';

export function ItemHeader({ item }: { item: ItemDetail }) {
  const { t, formatDateTime } = useI18n();
  const open = !['closed', 'rejected', 'merged'].includes(item.status);
  return (
    <Card size="small" data-testid="item-header">
      <Flex vertical gap={8}>
        <Flex wrap gap={8} align="center">
          <Typography.Text copyable strong data-testid="item-ledger">
            {item.ledgerNo}
          </Typography.Text>
          <span data-testid="item-status">
            <StatusTag status={item.status} />
          </span>
          <Tag>{t(`enums.tier.${item.tier}`)}</Tag>
          {item.urgent ? <Tag color="red">{t('fields.urgent')}</Tag> : null}
          {item.problem ? <Tag color="volcano">{t('item.problemItem')}</Tag> : null}
          {item.escalation !== 'none' ? <Tag color="magenta">{t(`enums.escalation.${item.escalation}`)}</Tag> : null}
          {item.verification.badReview ? <Tag color="red">{t('item.badReview')}</Tag> : null}
        </Flex>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {item.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t(`enums.type.${item.type}`)} · {t(`enums.channel.${item.channel}`)} · {item.categoryName ?? '—'} ·{' '}
          {formatDateTime(item.submittedAt)}
        </Typography.Text>
        {item.deadlines.some((d) => d.due) ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            title={t('item.deadlines')}
            data-testid="deadlines"
          >
            {item.deadlines
              .filter((d) => d.due)
              .map((d) => (
                <Descriptions.Item key={d.kind} label={t(`enums.deadlineKind.${d.kind}`)}>
                  <Flex gap={4} wrap align="center">
                    <span>{formatDateTime(d.due)}</span>
                    {d.met === true ? <Tag color="green">{t('item.met')}</Tag> : null}
                    {d.met === false ? <Tag color="red">{t('item.missed')}</Tag> : null}
                    {d.met === null && open ? (
                      <Countdown
                        start={item.acceptedAt ?? item.submittedAt}
                        due={d.due}
                        serverLevel={d.kind === 'handle' ? item.warnLevel : 'none'}
                      />
                    ) : null}
                  </Flex>
                </Descriptions.Item>
              ))}
          </Descriptions>
        ) : null}
      </Flex>
    </Card>
  );
}
