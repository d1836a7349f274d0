// An item's candidates: enterprise, amount, status, the explanation on demand, and the department's confirm / reject.
import { useState } from 'react';
import { Button, Flex, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useDecideCandidates, type BulkDecision } from '../hooks/useCandidates.ts';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { Candidate, CandidatePage } from '../types.ts';
import { ExplanationView } from './ExplanationView.tsx';

interface Props {
  data: CandidatePage | undefined;
  loading: boolean;
  page: number;
  onPage: (page: number, pageSize: number) => void;
}

export function CandidateTable({ data, loading, page, onPage }: Props) {
  const { t, formatNumber } = usePolicyText();
  const decide = useDecideCandidates();
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [publicityDays, setPublicityDays] = useState<number | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  const run = (body: BulkDecision) =>
    decide.mutate(body, {
      onSuccess: (r) => {
        const ok = r.results.filter((x) => x.ok).length;
        setSummary(t('candidates.done', { ok, failed: r.results.length - ok }));
        setSelected([]);
        setRejecting(null);
        setReason('');
      },
    });
  const confirmable = (c: Candidate) => c.abilities.includes('confirm');

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Button
          type="primary"
          disabled={!selected.length}
          loading={decide.isPending}
          onClick={() => run({ ids: selected, action: 'confirm', publicityDays: publicityDays ?? undefined })}
          data-testid="confirm-selected"
        >
          {t('candidates.confirmSelected', { n: selected.length })}
        </Button>
        <Space>
          <span>{t('candidates.publicityDays')}</span>
          <InputNumber min={1} max={30} value={publicityDays} onChange={(v) => setPublicityDays(v)} />
        </Space>
        {summary ? (
          <Tag color="blue" data-testid="decision-summary">
            {summary}
          </Tag>
        ) : null}
      </Flex>
      {decide.error ? <ErrorAlert error={decide.error} /> : null}
      <div data-testid="candidate-table">
        <Table<Candidate>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (c) => ({ disabled: !confirmable(c) }),
          }}
          expandable={{
            expandedRowRender: (c) => (c.explanation ? <ExplanationView decision={c.explanation} /> : null),
          }}
          pagination={{
            current: page,
            pageSize: data?.pageSize ?? 20,
            total: data?.total ?? 0,
            onChange: onPage,
            showSizeChanger: true,
          }}
          columns={[
            { title: t('candidates.enterprise'), key: 'name', render: (_: unknown, c) => c.enterprise.name },
            { title: t('candidates.uscc'), key: 'uscc', render: (_: unknown, c) => c.enterprise.uscc },
            {
              title: t('candidates.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (a: number | null) => (a === null ? '—' : formatNumber(a)),
            },
            { title: t('candidates.asOf'), dataIndex: 'asOf' },
            {
              title: t('candidates.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag>{t(`candidates.statuses.${s}`)}</Tag>,
            },
            {
              title: t('candidates.actions'),
              key: 'actions',
              render: (_: unknown, c) => (
                <Space>
                  {confirmable(c) ? (
                    <Button
                      size="small"
                      onClick={() => run({ ids: [c.id], action: 'confirm', publicityDays: publicityDays ?? undefined })}
                      data-testid={`confirm-${c.id}`}
                    >
                      {t('candidates.confirm')}
                    </Button>
                  ) : null}
                  {c.abilities.includes('reject') ? (
                    <Button size="small" danger onClick={() => setRejecting([c.id])} data-testid={`reject-${c.id}`}>
                      {t('candidates.reject')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </div>
      <Modal
        open={!!rejecting}
        title={t('candidates.rejectReason')}
        onCancel={() => setRejecting(null)}
        okButtonProps={
          { disabled: !reason.trim(), danger: true, loading: decide.isPending, 'data-testid': 'reject-ok' } as never
        }
        okText={t('candidates.reject')}
        onOk={() => rejecting && run({ ids: rejecting, action: 'reject', reason: reason.trim() })}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('candidates.rejectReasonRequired')}
          data-testid="reject-reason"
        />
      </Modal>
    </>
  );
}
