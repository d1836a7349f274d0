// /items/:id — one item: header with deadlines, what this user may do, details, the requester and the history.
import { useParams } from 'react-router';
import { Card, Col, Row } from 'antd';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ActionPanel } from '../modules/items/components/ActionPanel.tsx';
import { EventTimeline } from '../modules/items/components/EventTimeline.tsx';
import { ItemDetails } from '../modules/items/components/ItemDetails.tsx';
import { ItemHeader } from '../modules/items/components/ItemHeader.tsx';
import { RequesterCard } from '../modules/items/components/RequesterCard.tsx';
import { useItem } from '../modules/items/hooks/useItem.ts';

export default function ItemPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const item = useItem(id);
  if (item.isPending) return <PageLoading />;
  if (item.error) return <ErrorAlert error={item.error} />;
  const d = item.data;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ItemHeader item={d} />
      </Col>
      <Col xs={24} lg={15}>
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <ActionPanel item={d} />
          </Col>
          <Col span={24}>
            <ItemDetails item={d} />
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={9}>
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <RequesterCard item={d} />
          </Col>
          <Col span={24}>
            <Card size="small" title={t('item.events')}>
              <EventTimeline events={d.events} />
            </Card>
          </Col>
        </Row>
      </Col>
    </Row>
  );
}
