// / — the signed-in user's work queues.
import { Col, Empty, Row, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMe } from '../modules/auth/hooks/useMe.ts';
import { QueueCard } from '../modules/workbench/components/QueueCard.tsx';
import { queuesFor } from '../modules/workbench/utils/queues.ts';

export default function WorkbenchPage() {
  const { t } = useI18n();
  const me = useMe().data!;
  const queues = queuesFor(me.roles);
  return (
    <>
      <Typography.Title level={3}>{t('workbench.hello', { name: me.displayName })}</Typography.Title>
      {queues.length === 0 ? <Empty description={t('workbench.noQueues')} /> : null}
      <Row gutter={[16, 16]}>
        {queues.map((q) => (
          <Col key={q} xs={24} lg={12} xxl={8}>
            <QueueCard queue={q} />
          </Col>
        ))}
      </Row>
    </>
  );
}
