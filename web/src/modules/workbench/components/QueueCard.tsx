// One work queue: its count and its most urgent items with live countdowns.
import { Link } from 'react-router';
import { Badge, Card, Empty, List, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { OpenClock } from '../../deadlines/components/OpenClock.tsx';
import { useItemList } from '../../ledger/hooks/useItemList.ts';
import { queueSort, type Queue } from '../utils/queues.ts';

const PREVIEW = 6;

export function QueueCard({ queue }: { queue: Queue }) {
  const { t } = useI18n();
  const sort = queueSort(queue);
  const list = useItemList({ queue, sort, pageSize: PREVIEW }, { refetchInterval: 60_000 });
  return (
    <Card
      size="small"
      data-testid={`queue-${queue}`}
      title={
        <span>
          {t(`workbench.queues.${queue}`)}{' '}
          <Badge
            count={list.data?.total ?? 0}
            showZero
            overflowCount={99999}
            color={queue === 'overdue' || queue === 'problem' ? 'red' : 'blue'}
            data-testid={`queue-count-${queue}`}
          />
        </span>
      }
      extra={<Link to={`/items?queue=${queue}&sort=${sort}`}>{t('workbench.viewAll')}</Link>}
    >
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.empty')} />
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <List
          size="small"
          dataSource={list.data.items}
          renderItem={(item) => (
            <List.Item key={item.id} extra={<OpenClock item={item} />}>
              <List.Item.Meta
                title={
                  <Link to={`/items/${item.id}`}>
                    <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                      {item.title}
                    </Typography.Text>
                  </Link>
                }
                description={
                  <span>
                    {item.ledgerNo} <StatusTag status={item.status} />
                  </span>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
