// /policy/candidates — policy staff: pick an item, read each candidate's explanation and the item's failure counts,
// and confirm (optionally with a publicity period) or reject with a reason. Item, status and page live in the URL.
import { useSearchParams } from 'react-router';
import { Col, Row, Select, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CandidateTable } from '../../modules/policy/components/CandidateTable.tsx';
import { FailureCounts } from '../../modules/policy/components/FailureCounts.tsx';
import { useCandidates } from '../../modules/policy/hooks/useCandidates.ts';
import { usePolicyItems } from '../../modules/policy/hooks/usePolicyItems.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';

const STATUSES = [
  'candidate',
  'confirmed',
  'rejected',
  'publicity',
  'notified',
  'consented',
  'disbursed',
  'paid',
  'failed',
] as const;

export default function PolicyCandidatesPage() {
  const { t } = usePolicyText();
  const [params, setParams] = useSearchParams();
  const itemId = params.get('item');
  const status = params.get('status') ?? 'candidate';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const items = usePolicyItems('');
  const candidates = useCandidates(itemId, { status: status === 'all' ? undefined : status, page, pageSize });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setParams(next);
  };
  return (
    <>
      <Typography.Title level={3}>{t('candidates.title')}</Typography.Title>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={24} md={14}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            placeholder={t('candidates.pickItem')}
            value={itemId ?? undefined}
            loading={items.isFetching}
            onChange={(v: string) => set({ item: v, page: null })}
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.department}）` }))}
            data-testid="item-picker"
          />
        </Col>
        <Col xs={24} md={10}>
          <Select
            style={{ width: '100%' }}
            value={status}
            onChange={(v: string) => set({ status: v, page: null })}
            options={[
              { value: 'all', label: t('candidates.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`candidates.statuses.${s}`) })),
            ]}
            data-testid="status-filter"
          />
        </Col>
      </Row>
      {items.error ? <ErrorAlert error={items.error} /> : null}
      {candidates.error ? <ErrorAlert error={candidates.error} /> : null}
      {itemId ? (
        <>
          <FailureCounts aggregates={candidates.data?.aggregates ?? null} />
          <div style={{ height: 12 }} />
          <CandidateTable
            data={candidates.data}
            loading={candidates.isFetching}
            page={page}
            onPage={(p, size) => set({ page: String(p), pageSize: String(size) })}
          />
        </>
      ) : null}
    </>
  );
}
