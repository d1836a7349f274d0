// The decision table of a rule: hit policy, one column per input (fact) and output, one line per row, then the
// exclusions and the amount formula with its cap. Editable for the draft, plain text for a published version; the
// server's validation issues are shown at the cell (row and column) they name.
import { Button, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useIssueKind, usePolicyText } from '../hooks/usePolicyText.ts';
import type { HitPolicy, RuleDraft, RuleIssueView } from '../types.ts';
import { addRow, issueLine, issuesAt, removeRow, setCell, setRowOutput } from '../utils/ruleDraft.ts';

const HIT_POLICIES: HitPolicy[] = ['unique', 'first', 'priority', 'collect', 'collect-sum'];

interface Props {
  rule: RuleDraft;
  /** Absent for a frozen (published) version. */
  onChange?: (next: RuleDraft) => void;
  issues?: readonly RuleIssueView[];
  /** 1-based rows the test panel's enterprise matched, highlighted. */
  matchedRows?: readonly number[];
}

type Row = RuleDraft['rows'][number] & { index: number };

export function RuleEditor({ rule, onChange, issues = [], matchedRows = [] }: Props) {
  const { t } = usePolicyText();
  const codeText = useIssueKind();
  const editable = !!onChange;
  const cell = (row: number, column: string, value: string, set: (v: string) => void, testId: string) => {
    const here = issuesAt(issues, row, column);
    const errors = here.filter((i) => i.severity === 'error');
    const text = here.map((i) => issueLine(i, codeText)).join('\n');
    if (!editable)
      return (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
          {value}
        </Typography.Text>
      );
    return (
      <Tooltip title={text || undefined} open={text ? undefined : false}>
        <Input
          size="small"
          value={value}
          status={errors.length ? 'error' : here.length ? 'warning' : undefined}
          onChange={(e) => set(e.target.value)}
          style={{ minWidth: 120 }}
          aria-invalid={errors.length > 0}
          data-testid={testId}
        />
        {here.length ? (
          <div
            className="rule-cell-issue"
            style={{ color: errors.length ? '#cf1322' : '#d48806', fontSize: 12, maxWidth: 260, whiteSpace: 'normal' }}
            data-testid={`${testId}-issue`}
          >
            {text}
          </div>
        ) : null}
      </Tooltip>
    );
  };
  const rows: Row[] = rule.rows.map((r, index) => ({ ...r, index }));
  return (
    <div data-testid="rule-editor">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <span>{t('rules.hitPolicy')}</span>
        {editable ? (
          <Select<HitPolicy>
            size="small"
            value={rule.hitPolicy}
            style={{ minWidth: 140 }}
            onChange={(v) => onChange!({ ...rule, hitPolicy: v })}
            options={HIT_POLICIES.map((h) => ({ value: h, label: t(`rules.hitPolicies.${h}`) }))}
            data-testid="hit-policy"
          />
        ) : (
          <Typography.Text strong>{t(`rules.hitPolicies.${rule.hitPolicy}`)}</Typography.Text>
        )}
        {editable ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rules.cellHelp')}
          </Typography.Text>
        ) : null}
      </Flex>
      <Table<Row>
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (matchedRows.includes(r.index + 1) ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('rules.row'), key: 'n', width: 48, render: (_: unknown, r) => r.index + 1 },
          ...rule.inputs.map((input, c) => ({
            title: (
              <Tooltip title={input.fact}>
                <span>{input.label ?? t(`factLabels.${input.fact}`).replace(/^factLabels\./, '') ?? input.id}</span>
              </Tooltip>
            ),
            key: `in-${input.id}`,
            render: (_: unknown, r: Row) =>
              cell(
                r.index,
                input.id,
                r.cells[c] ?? '',
                (v) => onChange!(setCell(rule, r.index, c, v)),
                `cell-${r.index + 1}-${input.id}`,
              ),
          })),
          ...rule.outputs.map((output, o) => ({
            title: `${t('rules.outputs')}: ${output.label ?? output.id}`,
            key: `out-${output.id}`,
            render: (_: unknown, r: Row) =>
              cell(
                r.index,
                output.id,
                r.outputs[o] ?? '',
                (v) => onChange!(setRowOutput(rule, r.index, o, v)),
                `cell-${r.index + 1}-${output.id}`,
              ),
          })),
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  width: 40,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={rule.rows.length <= 1}
                      aria-label={t('rules.removeRow')}
                      onClick={() => onChange!(removeRow(rule, r.index))}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable ? (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => onChange!(addRow(rule))}
          data-testid="add-row"
        >
          {t('rules.addRow')}
        </Button>
      ) : null}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rules.exclusions')}
      </Typography.Title>
      {rule.exclusions.length ? (
        <Flex vertical gap={4}>
          {rule.exclusions.map((e, i) => (
            <Flex key={e.id} gap={8} align="center" wrap>
              <Typography.Text style={{ minWidth: 160 }}>{e.label}</Typography.Text>
              {'test' in e ? (
                <>
                  <Typography.Text type="secondary">{t('rules.exclusionTest')}</Typography.Text>
                  {cell(
                    -1,
                    `exclusions.${e.id}`,
                    e.test,
                    (v) =>
                      onChange!({
                        ...rule,
                        exclusions: rule.exclusions.map((x, j) => (j === i ? { ...x, test: v } : x)),
                      }),
                    `exclusion-${e.id}`,
                  )}
                </>
              ) : (
                <Typography.Text type="secondary">{t(`rules.receivedWithin.${e.receivedWithin}`)}</Typography.Text>
              )}
            </Flex>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rules.amount')}
      </Typography.Title>
      {rule.amount ? (
        <Flex vertical gap={4}>
          {rule.amount.steps.map((s, i) => (
            <Flex key={s.id} gap={8} align="center" wrap>
              <Typography.Text style={{ minWidth: 160 }}>{s.label}</Typography.Text>
              {cell(
                -1,
                `amount.${s.id}`,
                s.expr,
                (v) =>
                  onChange!({
                    ...rule,
                    amount: {
                      ...rule.amount!,
                      steps: rule.amount!.steps.map((x, j) => (j === i ? { ...x, expr: v } : x)),
                    },
                  }),
                `step-${s.id}`,
              )}
            </Flex>
          ))}
          {rule.amount.cap || editable ? (
            <Flex gap={8} align="center" wrap>
              <Typography.Text style={{ minWidth: 160 }}>{rule.amount.cap?.label ?? t('rules.cap')}</Typography.Text>
              {cell(
                -1,
                'amount.cap',
                rule.amount.cap?.expr ?? '',
                (v) => onChange!({ ...rule, amount: { ...rule.amount!, cap: { ...rule.amount!.cap, expr: v } } }),
                'amount-cap',
              )}
            </Flex>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('rules.noAmount')}</Typography.Text>
      )}
    </div>
  );
}
