// Delivery status of an item's decisions: confirmed → notified → consented → disbursed → paid, or failed with its
// reason → retried; each row's history on demand and the policy staff's next step (what the API says is possible).
import { useState } from 'react';
import {
  Button,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCandidates } from '../hooks/useCandidates.ts';
import { useCandidateDetail, useDeliveryAction, type DeliveryAction } from '../hooks/useDelivery.ts';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { Candidate, CandidateDetail } from '../types.ts';

const STATUSES = [
  'confirmed',
  'publicity',
  'notified',
  'consented',
  'disbursed',
  'paid',
  'failed',
  'candidate',
  'rejected',
] as const;
const STATUS_COLORS: Record<string, string> = {
  confirmed: 'blue',
  publicity: 'purple',
  notified: 'cyan',
  consented: 'geekblue',
  disbursed: 'gold',
  paid: 'success',
  failed: 'error',
  rejected: 'default',
  candidate: 'default',
};
const STAFF_STEPS: DeliveryAction[] = ['notify', 'disburse', 'reconcile', 'retry'];

function History({ id }: { id: string }) {
  const { t, formatDateTime, formatNumber } = usePolicyText();
  const detail = useCandidateDetail(id);
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  if (!d) return null;
  return (
    <Flex gap={24} wrap data-testid={`delivery-history-${id}`}>
      <Descriptions size="small" column={1} style={{ minWidth: 260 }}>
        {d.paidAmount !== null ? (
          <Descriptions.Item label={t('delivery.paidAmount')}>{formatNumber(d.paidAmount)}</Descriptions.Item>
        ) : null}
        {d.paymentRef ? <Descriptions.Item label={t('delivery.paymentRef')}>{d.paymentRef}</Descriptions.Item> : null}
        {d.failureReason ? (
          <Descriptions.Item label={t('delivery.failureReason')}>{d.failureReason}</Descriptions.Item>
        ) : null}
        {d.reason ? <Descriptions.Item label={t('delivery.reason')}>{d.reason}</Descriptions.Item> : null}
        {d.publicityUntil ? (
          <Descriptions.Item label={t('delivery.publicityUntil')}>{formatDateTime(d.publicityUntil)}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <Timeline
        style={{ minWidth: 260 }}
        items={(d.history ?? []).map((h) => ({
          color: h.to === 'failed' || h.to === 'rejected' ? 'red' : h.to === 'paid' ? 'green' : 'blue',
          content: (
            <>
              <Typography.Text strong>
                {t(`delivery.actions.${h.action}`).replace(/^delivery\.actions\./, h.action)}
              </Typography.Text>{' '}
              → {t(`candidates.statuses.${h.to}`)}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at)}
                </Typography.Text>
              </div>
            </>
          ),
        }))}
      />
    </Flex>
  );
}

export function DeliveryPanel({ itemId }: { itemId: string }) {
  const { t, formatNumber } = usePolicyText();
  const [status, setStatus] = useState<string>('all');
  const [page, setPage] = useState(1);
  const list = useCandidates(itemId, { status: status === 'all' ? undefined : status, page, pageSize: 20 });
  const act = useDeliveryAction();
  const [paying, setPaying] = useState<{ c: Candidate; action: 'disburse' | 'retry' } | null>(null);
  const [reconciling, setReconciling] = useState<Candidate | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [reconcileForm] = Form.useForm();
  const run = (id: string, action: DeliveryAction, body?: object) =>
    act.mutate(
      { id, action, body },
      {
        onSuccess: (c: CandidateDetail) => {
          setDone(`${t('delivery.ok')}: ${c.enterprise.name} → ${t(`candidates.statuses.${c.status}`)}`);
          setPaying(null);
          setReconciling(null);
        },
      },
    );
  const start = (c: Candidate, action: DeliveryAction) => {
    if (action === 'notify') run(c.id, 'notify');
    else if (action === 'reconcile') {
      reconcileForm.resetFields();
      setReconciling(c);
    } else {
      form.setFieldsValue({ amount: c.amount ?? undefined, paymentRef: '' });
      setPaying({ c, action });
    }
  };
  return (
    <div data-testid="delivery-panel">
      <Typography.Paragraph type="secondary">{t('delivery.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Select
          style={{ minWidth: 180 }}
          value={status}
          onChange={(v: string) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('candidates.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`candidates.statuses.${s}`) })),
          ]}
          data-testid="delivery-status-filter"
        />
        {done ? (
          <Tag color="blue" data-testid="delivery-summary">
            {done}
          </Tag>
        ) : null}
      </Flex>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {act.error ? <ErrorAlert error={act.error} /> : null}
      <Table<Candidate>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{ expandedRowRender: (c) => <History id={c.id} /> }}
        columns={[
          { title: t('candidates.enterprise'), key: 'name', render: (_: unknown, c) => c.enterprise.name },
          {
            title: t('candidates.uscc'),
            key: 'uscc',
            responsive: ['lg'],
            render: (_: unknown, c) => c.enterprise.uscc,
          },
          {
            title: t('candidates.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (a: number | null) => (a === null ? '—' : formatNumber(a)),
          },
          {
            title: t('candidates.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`candidates.statuses.${s}`)}</Tag>,
          },
          {
            title: t('candidates.actions'),
            key: 'actions',
            render: (_: unknown, c) => (
              <Space>
                {STAFF_STEPS.filter((a) => c.abilities.includes(a)).map((a) => (
                  <Button
                    key={a}
                    size="small"
                    loading={act.isPending && act.variables?.id === c.id}
                    onClick={() => start(c, a)}
                    data-testid={`${a}-${c.id}`}
                  >
                    {t(`delivery.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!paying}
        title={paying ? `${t(`delivery.${paying.action}`)} · ${paying.c.enterprise.name}` : ''}
        onCancel={() => setPaying(null)}
        okButtonProps={{ loading: act.isPending }}
        onOk={() =>
          form
            .validateFields()
            .then(
              (v: { amount: number; paymentRef: string }) =>
                paying && run(paying.c.id, paying.action, { amount: v.amount, paymentRef: v.paymentRef.trim() }),
            )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="amount" label={t('delivery.paidAmount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={paying?.c.amount ?? undefined} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="paymentRef"
            label={t('delivery.paymentRef')}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input maxLength={64} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!reconciling}
        title={reconciling ? `${t('delivery.reconcile')} · ${reconciling.enterprise.name}` : ''}
        onCancel={() => setReconciling(null)}
        okButtonProps={{ loading: act.isPending }}
        onOk={() =>
          reconcileForm
            .validateFields()
            .then(
              (v: { result: 'paid' | 'failed'; reason?: string }) =>
                reconciling &&
                run(
                  reconciling.id,
                  'reconcile',
                  v.result === 'paid' ? { result: 'paid' } : { result: 'failed', reason: v.reason?.trim() },
                ),
            )
        }
        destroyOnHidden
      >
        <Form form={reconcileForm} layout="vertical" initialValues={{ result: 'paid' }}>
          <Form.Item name="result">
            <Radio.Group
              options={[
                { value: 'paid', label: t('delivery.paid') },
                { value: 'failed', label: t('delivery.failed') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['result']}>
            {({ getFieldValue }) =>
              getFieldValue('result') === 'failed' ? (
                <Form.Item
                  name="reason"
                  label={t('delivery.failureReason')}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
