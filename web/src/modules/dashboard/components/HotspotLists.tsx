// Hotspots: the top categories, places and rising topics, each with its definition.
import { Col, List, Row, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { Hotspots } from '../utils/types.ts';

const LISTS = ['topCategories', 'topDistricts', 'topCentres', 'rising'] as const;

export function HotspotLists({ hotspots }: { hotspots: Hotspots }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {LISTS.map((key) => (
        <Col key={key} xs={24} md={12} xl={6}>
          <List
            size="small"
            bordered
            header={
              <Tooltip title={hotspots.definitions[key]?.[lang]}>
                <Typography.Text strong>
                  {t(`dashboard.hotspots.${key}`)} <InfoCircleOutlined aria-label={t('dashboard.definition')} />
                </Typography.Text>
              </Tooltip>
            }
            dataSource={hotspots[key].slice(0, 8)}
            renderItem={(r) => (
              <List.Item extra={key === 'rising' ? `+${r.growth}` : r.received}>
                <Typography.Text ellipsis>{(lang === 'en-US' && r.nameEn) || r.name || r.key}</Typography.Text>
              </List.Item>
            )}
          />
        </Col>
      ))}
    </Row>
  );
}
