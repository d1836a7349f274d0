// The rule editor's test panel: enterprise facts typed on the left, the decision for the draft (or the version in
// force) on the right, recomputed a moment after each change by POST /api/policy/items/:id/rules/test.
import { useEffect, useState } from 'react';
import { Alert, Col, Flex, Input, Radio, Row, Spin, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useRuleTest } from '../hooks/useLibrary.ts';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { RuleDraft } from '../types.ts';
import { toFacts, type FormValues } from '../utils/facts.ts';
import { ExplanationView } from './ExplanationView.tsx';
import { FactsForm } from './FactsForm.tsx';
import type { Decision } from '@tingquan/common/policy/engine';

const STATUS_COLORS = { eligible: 'success', unknown: 'warning', ineligible: 'error' } as const;

/** The value after it stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface Props {
  itemId: string;
  /** The draft being edited; null when there is none (then only the version in force is tested). */
  draft: RuleDraft | null;
  asOf: string;
  onAsOf: (day: string) => void;
  /** Reports the decision (matched rows are highlighted in the table) and the draft's issues from a 400. */
  onDecision?: (decision: Decision | null, error: unknown) => void;
}

export function TestPanel({ itemId, draft, asOf, onAsOf, onDecision }: Props) {
  const { t, formatNumber } = usePolicyText();
  const [values, setValues] = useState<FormValues>({});
  const { issue } = useI18n();
  const [chosen, setMode] = useState<'draft' | 'current'>('draft');
  const mode = draft ? chosen : 'current';
  const facts = toFacts(values);
  const request = useSettled({ facts, asOf, rule: mode === 'draft' && draft ? draft : undefined }, 350);
  const test = useRuleTest(itemId, Object.keys(request.facts).length ? request : null);
  const decision = test.data && !test.error ? test.data : null;
  useEffect(() => onDecision?.(decision, test.error), [decision, test.error, onDecision]);
  const fieldErrors = Object.fromEntries(
    fieldErrorsOf(test.error, issue, ['facts'])
      .filter((e) => e.name.length === 1)
      .map((e) => [String(e.name[0]), e.errors.join('; ')]),
  );
  return (
    <div data-testid="test-panel">
      <Typography.Paragraph type="secondary">{t('test.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        {draft ? (
          <Radio.Group
            size="small"
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[
              { value: 'draft', label: t('test.useDraft') },
              { value: 'current', label: t('test.useCurrent') },
            ]}
            optionType="button"
            data-testid="test-mode"
          />
        ) : null}
        <Flex gap={4} align="center">
          <span>{t('test.asOf')}</span>
          <Input
            size="small"
            type="date"
            value={asOf}
            onChange={(e) => e.target.value && onAsOf(e.target.value)}
            style={{ width: 150 }}
            data-testid="test-as-of"
          />
        </Flex>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <FactsForm onChange={setValues} fieldErrors={fieldErrors} />
        </Col>
        <Col xs={24} xl={14}>
          <Spin spinning={test.isFetching} delay={300}>
            <div data-testid="test-result" aria-live="polite">
              {!Object.keys(request.facts).length ? (
                <Typography.Text type="secondary">{t('test.empty')}</Typography.Text>
              ) : null}
              {test.error ? <ErrorAlert error={test.error} /> : null}
              {decision ? (
                <>
                  <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                    <Tag
                      color={STATUS_COLORS[decision.status]}
                      style={{ fontSize: 14, padding: '2px 8px' }}
                      data-testid="test-status"
                    >
                      {t(`test.status.${decision.status}`)}
                    </Tag>
                    {decision.amount?.value != null ? (
                      <Typography.Text strong>
                        {t('test.amount', { amount: formatNumber(decision.amount.value) })}
                      </Typography.Text>
                    ) : null}
                    <Typography.Text type="secondary">
                      {decision.table.matchedRows.length
                        ? t('test.matchedRows', { rows: decision.table.matchedRows.join(', ') })
                        : t('test.noRow', { row: decision.table.decisiveRow })}
                    </Typography.Text>
                  </Flex>
                  {decision.table.conflict ? (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('test.matchedRows', { rows: decision.table.matchedRows.join(', ') })}
                      style={{ marginBottom: 8 }}
                    />
                  ) : null}
                  <ExplanationView decision={decision} />
                </>
              ) : null}
            </div>
          </Spin>
        </Col>
      </Row>
    </div>
  );
}
