// The main figures of the period, each with its exact definition (from the server) in a tooltip.
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { formatFigure } from '../utils/format.ts';
import type { Figures } from '../utils/types.ts';

export const HEADLINE = [
  'received',
  'accepted',
  'closed',
  'closureRate',
  'onTimeClosureRate',
  'overdueOpen',
  'responseRate',
  'solutionRate',
  'satisfactionRate',
  'badReviews',
  'handlingHoursP50',
  'handlingHoursP90',
] as const;

export function FigureCards({ figures }: { figures: Figures }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {HEADLINE.map((key) => {
        const f = figures[key];
        return (
          <Col key={key} xs={12} md={8} xl={6} xxl={4}>
            <Card size="small" data-testid={`figure-${key}`}>
              <Statistic
                title={
                  <Tooltip title={f?.definition[lang] ?? ''}>
                    <span>
                      {t(`dashboard.figures.${key}`)} <InfoCircleOutlined aria-label={t('dashboard.definition')} />
                    </span>
                  </Tooltip>
                }
                value={formatFigure(f, lang)}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
