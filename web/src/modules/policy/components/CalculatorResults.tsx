// The calculator's answer: what the enterprise can get (and how much), what needs more data, and the near misses.
import { useState } from 'react';
import { Button, Collapse, Flex, Tag, Typography } from 'antd';
import { Section } from '../../../components/Section.tsx';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { CalculatorEntry, CalculatorResult } from '../types.ts';
import { ExplanationView } from './ExplanationView.tsx';
import { missingFactCounts } from '../utils/missing.ts';

const SHOWN = 20;

function EntryList({ entries: all, testId }: { entries: CalculatorEntry[]; testId: string }) {
  const { t, formatNumber } = usePolicyText();
  const [showAll, setShowAll] = useState(false);
  if (!all.length) return <Typography.Text type="secondary">{t('calculator.none')}</Typography.Text>;
  const entries = showAll ? all : all.slice(0, SHOWN);
  return (
    <>
      <Collapse
        data-testid={testId}
        size="small"
        items={entries.map((e) => ({
          key: e.itemId,
          label: (
            <Flex justify="space-between" wrap gap={8}>
              <span>
                {e.name} <Tag>{t(`calculator.deliveryMode.${e.delivery}`)}</Tag>
              </span>
              <span>
                {e.status === 'eligible'
                  ? e.amount === null
                    ? t('calculator.amountUnknown')
                    : t('calculator.yuan', { amount: formatNumber(e.amount) })
                  : null}
                {e.status === 'unknown'
                  ? t('calculator.missing', { facts: e.missingFacts.map((f) => t(`factLabels.${f}`)).join('、') })
                  : null}
                {e.status === 'ineligible' ? e.nearestMiss : null}
              </span>
            </Flex>
          ),
          children: <ExplanationView decision={e.explanation} />,
        }))}
      />
      {all.length > SHOWN && !showAll ? (
        <Button type="link" onClick={() => setShowAll(true)}>
          {t('calculator.showAll', { n: all.length })}
        </Button>
      ) : null}
    </>
  );
}

export function CalculatorResults({ result }: { result: CalculatorResult }) {
  const { t, formatNumber } = usePolicyText();
  return (
    <div data-testid="calculator-results">
      <Section
        title={t('calculator.eligible', { n: result.eligible.length })}
        extra={<span>{t('calculator.totalAmount', { amount: formatNumber(Math.round(result.totalAmount)) })}</span>}
      >
        <EntryList entries={result.eligible} testId="eligible-list" />
      </Section>
      <Section title={t('calculator.needsData', { n: result.needsData.length })}>
        {result.needsData.length ? (
          <Typography.Paragraph data-testid="missing-summary">
            {missingFactCounts(result.needsData)
              .slice(0, 5)
              .map((m) => t('calculator.fillToSettle', { fact: t(`factLabels.${m.fact}`), n: m.count }))
              .join(t('calculator.separator'))}
          </Typography.Paragraph>
        ) : null}
        <EntryList entries={result.needsData} testId="needs-data-list" />
      </Section>
      <Section title={t('calculator.nearMisses', { n: result.nearMisses.length })}>
        <EntryList entries={result.nearMisses} testId="near-miss-list" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('calculator.ineligibleCount', { n: result.ineligibleCount })}
        </Typography.Paragraph>
      </Section>
    </div>
  );
}
