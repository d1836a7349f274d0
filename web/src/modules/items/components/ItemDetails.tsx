// The body of the item page: description, place, departments, reply, verification, pending request, merges, attachments.
import { Link } from 'react-router';
import { Card, Descriptions, Empty, Flex, Image, List, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ItemDetail } from '@tingquan/common/schemas/items';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

export function ItemDetails({ item }: { item: ItemDetail }) {
  const { t, formatDateTime } = useI18n();
  const v = item.verification;
  const place = [item.districtName, item.centreName, item.windowName, item.placeText].filter(Boolean).join(' · ');
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('item.description')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.description}</Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('item.place')}>{place || '—'}</Descriptions.Item>
          {item.projectName ? (
            <Descriptions.Item label={t('fields.project')}>{item.projectName}</Descriptions.Item>
          ) : null}
          {item.rejectReason ? (
            <Descriptions.Item label={t('item.rejectReason')}>{item.rejectReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {item.pending ? (
        <Card size="small" title={t('item.pending')}>
          <Tag color="gold">{t(`enums.pending.${item.pending.kind}`)}</Tag> {formatDateTime(item.pending.requestedAt)}
          {typeof item.pending.data.reason === 'string' ? (
            <Typography.Paragraph>{item.pending.data.reason}</Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      <Card
        size="small"
        title={t('item.departments')}
        extra={
          <Typography.Text type="secondary">
            {t('item.counts', { d: item.dispatchCount, r: item.returnCount, o: item.redoCount })}
          </Typography.Text>
        }
      >
        {item.departments.length === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : null}
        {item.departments.map((d) => (
          <div key={d.departmentId + d.dispatchedAt}>
            <Tag color={d.role === 'main' ? 'red' : 'blue'}>{t(`enums.deptRole.${d.role}`)}</Tag>
            {d.name} · {t(`enums.deptState.${d.state}`)} · {formatDateTime(d.dispatchedAt)}
          </div>
        ))}
      </Card>
      <Card size="small" title={t('item.reply')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="item-reply">
          {item.reply ?? t('track.noReply')}
        </Typography.Paragraph>
        {item.repliedAt ? <Typography.Text type="secondary">{formatDateTime(item.repliedAt)}</Typography.Text> : null}
      </Card>
      {v.at ? (
        <Card size="small" title={t('item.verification')}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('fields.contacted')}>
              {v.contacted === null ? '—' : t(v.contacted ? 'common.yes' : 'common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.solved')}>
              {v.solved ? t(`enums.solved.${v.solved}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.satisfaction')}>
              {v.satisfaction ? t(`enums.satisfaction.${v.satisfaction}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.kind')}>
              {v.rectification ? t(`enums.rectification.${v.rectification}`) : '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
      {item.primaryId || item.mergedIds.length ? (
        <Card size="small" title={t('item.merged')}>
          {item.primaryId ? (
            <div>
              {t('item.primary')}: <Link to={`/items/${item.primaryId}`}>{item.primaryId}</Link>
            </div>
          ) : null}
          {item.mergedIds.map((id) => (
            <div key={id}>
              <Link to={`/items/${id}`}>{id}</Link>
            </div>
          ))}
        </Card>
      ) : null}
      <Card size="small" title={t('item.attachments')}>
        {item.attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.noAttachments')} />
        ) : (
          <List
            size="small"
            dataSource={item.attachments}
            renderItem={(a) => {
              const href = `/api/items/${item.id}/attachments/${a.id}`;
              return (
                <List.Item key={a.id}>
                  {a.mime.startsWith('image/') ? (
                    <Image src={href} alt={a.filename} width={96} />
                  ) : (
                    <PaperClipOutlined />
                  )}{' '}
                  <a href={href} target="_blank" rel="noreferrer">
                    {a.filename}
                  </a>{' '}
                  <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
