// /policy/items/:id — one policy item: what the document says, its rule versions (published ones frozen and read-only,
// the draft editable by policy administrators), the parameters the rule uses with their history, a live test panel,
// validation at the cell, publishing as a new version with its effective date, and the item's delivery status.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  App as AntApp,
  Button,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Row,
  Segmented,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Section } from '../../components/Section.tsx';
import { useMe } from '../../modules/auth/hooks/useMe.ts';
import { DeliveryPanel } from '../../modules/policy/components/DeliveryPanel.tsx';
import { ParameterList } from '../../modules/policy/components/ParameterList.tsx';
import { RuleEditor } from '../../modules/policy/components/RuleEditor.tsx';
import { TestPanel } from '../../modules/policy/components/TestPanel.tsx';
import {
  usePolicyDocuments,
  usePolicyItem,
  usePolicyParameters,
  usePublishRule,
  useRuleVersions,
  useValidateRule,
} from '../../modules/policy/hooks/useLibrary.ts';
import { useIssueKind, usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';
import type { RuleDraft, RuleIssueView } from '../../modules/policy/types.ts';
import { dropDraft, loadDraft, saveDraft } from '../../modules/policy/utils/draftStore.ts';
import {
  draftBody,
  draftFrom,
  issueLine,
  issuesElsewhere,
  issuesFromPaths,
  parametersUsed,
} from '../../modules/policy/utils/ruleDraft.ts';
import type { Decision } from '@tingquan/common/policy/engine';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export default function PolicyItemPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = usePolicyText();
  const issueKind = useIssueKind();
  const { message } = AntApp.useApp();
  const me = useMe().data;
  const canManage = !!me?.permissions.includes('policy.manage');
  const [params, setParams] = useSearchParams();
  const item = usePolicyItem(id);
  const docs = usePolicyDocuments();
  const versions = useRuleVersions(id);
  const parameters = usePolicyParameters();
  const validate = useValidateRule(id);
  const publish = usePublishRule(id);

  const latest = versions.data?.at(-1);
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [issues, setIssues] = useState<RuleIssueView[]>([]);
  const [testIssues, setTestIssues] = useState<RuleIssueView[]>([]);
  const [matchedRows, setMatchedRows] = useState<number[]>([]);
  const [asOf, setAsOf] = useState(today());
  const [publishing, setPublishing] = useState(false);
  const [effectiveFrom, setEffectiveFrom] = useState('');

  // The draft starts as a copy of the newest version, taking effect today or with that version, whichever is later.
  const resetDraft = useCallback(() => {
    if (!latest) return;
    dropDraft(localStorage, id);
    setRestored(false);
    setDraft(draftFrom(latest, latest.effectiveFrom > today() ? latest.effectiveFrom : today()));
    setIssues([]);
    validate.reset();
  }, [latest, id]);
  // An unpublished draft left in this browser (on top of the newest version) is taken up again after a reload.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (!latest || draft || !me) return;
    const kept = canManage ? loadDraft(localStorage, id, latest.version) : null;
    if (kept) {
      setDraft(kept);
      setRestored(true);
    } else setDraft(draftFrom(latest, latest.effectiveFrom > today() ? latest.effectiveFrom : today()));
  }, [latest, draft, me, canManage, id]);

  const versionParam = params.get('version');
  const selected =
    versionParam && versions.data?.some((v) => String(v.version) === versionParam)
      ? versionParam
      : canManage && draft
        ? 'draft'
        : latest
          ? String(latest.version)
          : 'draft';
  const published = selected === 'draft' ? undefined : versions.data?.find((v) => String(v.version) === selected);
  const shown: RuleDraft | null = published ? draftFrom(published, published.effectiveFrom) : draft;
  const tested = useMemo(() => (shown ? draftBody(shown) : null), [JSON.stringify(shown)]);
  const editing = selected === 'draft' && canManage && !!draft;

  const onDecision = useCallback((decision: Decision | null, error: unknown) => {
    setMatchedRows(decision?.table.matchedRows ?? []);
    setTestIssues(
      error instanceof ApiError ? issuesFromPaths(error.issues.filter((i) => /^(body\.)?rule/.test(i.path))) : [],
    );
  }, []);

  const shownIssues = editing
    ? [...issues, ...testIssues.filter((i) => !issues.some((j) => j.message === i.message))]
    : [];
  const change = (next: RuleDraft) => {
    setDraft(next);
    if (latest) saveDraft(localStorage, id, latest.version, next);
    setIssues([]);
    validate.reset();
  };
  const runValidate = () =>
    draft && validate.mutate(draftBody(draft), { onSuccess: (r) => setIssues([...r.errors, ...r.warnings]) });
  const runPublish = () =>
    draft &&
    publish.mutate(draftBody({ ...draft, effectiveFrom }), {
      onSuccess: (r) => {
        setPublishing(false);
        dropDraft(localStorage, id);
        setRestored(false);
        void message.success(t('rules.published', { version: r.version }));
        // The next draft continues from the version just published (the list of versions is still being refetched).
        setDraft(draftFrom(r, r.effectiveFrom > today() ? r.effectiveFrom : today()));
        setIssues([]);
        validate.reset();
        const next = new URLSearchParams(params);
        next.set('version', String(r.version));
        setParams(next, { replace: true });
      },
      onError: (e) => {
        if (e instanceof ApiError && e.issues.some((i) => /^(body\.)?rule/.test(i.path))) {
          setIssues(issuesFromPaths(e.issues));
          setPublishing(false);
        }
      },
    });
  const select = (v: string) => {
    const next = new URLSearchParams(params);
    next.set('version', v);
    setParams(next, { replace: true });
  };
  const tab = params.get('tab') ?? 'rules';

  if (item.error) return <ErrorAlert error={item.error} />;
  const i = item.data;
  const doc = docs.data?.find((d) => d.id === i?.documentId);
  const elsewhere = shown ? issuesElsewhere(shownIssues, shown) : [];
  const errorsCount = shownIssues.filter((x) => x.severity === 'error').length;

  return (
    <>
      <Link to="/policy">
        <ArrowLeftOutlined /> {t('item.back')}
      </Link>
      <Typography.Title level={3} style={{ marginTop: 8 }} data-testid="policy-item-title">
        {i?.name ?? id}
      </Typography.Title>
      {i ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('item.document')}>
            {doc ? `${doc.number} ${doc.title}` : i.documentId}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.department')}>{i.department}</Descriptions.Item>
          <Descriptions.Item label={t('library.category')}>{t(`library.categories.${i.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('library.delivery')}>
            {t(`calculator.deliveryMode.${i.delivery}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('item.subject')}>{i.subject}</Descriptions.Item>
          <Descriptions.Item label={t('item.amountText')}>{i.amountText}</Descriptions.Item>
          <Descriptions.Item label={t('item.conditions')} span={{ xs: 1, md: 2 }}>
            {i.conditions}
          </Descriptions.Item>
          <Descriptions.Item label={t('item.timeLimit')}>
            {i.timeLimit.from} – {i.timeLimit.to ?? t('library.openEnded')} {i.timeLimit.note ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('item.basis')}>
            {i.basis.document} {i.basis.article ?? ''}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'rules',
            label: t('item.tabs.rules'),
            children: (
              <>
                {versions.error ? <ErrorAlert error={versions.error} /> : null}
                {versions.data && !versions.data.length ? (
                  <Alert type="info" showIcon title={t('item.noVersions')} />
                ) : null}
                {versions.data?.length ? (
                  <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
                    <span>{t('item.versions')}</span>
                    <Segmented
                      value={selected}
                      onChange={(v) => select(String(v))}
                      options={[
                        ...versions.data.map((v) => ({
                          value: String(v.version),
                          label: t('item.version', { version: v.version }),
                        })),
                        ...(canManage ? [{ value: 'draft', label: t('item.draft') }] : []),
                      ]}
                      data-testid="rule-versions"
                    />
                  </Flex>
                ) : null}
                <Row gutter={[16, 16]}>
                  <Col xs={24} xxl={14}>
                    <Section
                      title={published ? t('item.version', { version: published.version }) : t('item.draft')}
                      extra={
                        editing ? (
                          <Flex gap={8} wrap>
                            <Button size="small" onClick={resetDraft}>
                              {t('rules.reset')}
                            </Button>
                            <Button
                              size="small"
                              loading={validate.isPending}
                              onClick={runValidate}
                              data-testid="validate-rule"
                            >
                              {t('rules.validate')}
                            </Button>
                            <Button
                              size="small"
                              type="primary"
                              onClick={() => {
                                setEffectiveFrom(draft!.effectiveFrom);
                                setPublishing(true);
                              }}
                              data-testid="publish-rule"
                            >
                              {t('rules.publish')}
                            </Button>
                          </Flex>
                        ) : null
                      }
                      data-testid="rule-section"
                    >
                      {published ? (
                        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
                          <Tag>{t('item.frozen')}</Tag>
                          <Typography.Text type="secondary">
                            {t('item.effectiveFrom', { from: published.effectiveFrom })}
                          </Typography.Text>
                          <Typography.Text type="secondary">
                            {t('item.publishedAt', { at: formatDateTime(published.publishedAt) })}
                          </Typography.Text>
                          <Typography.Text type="secondary" code>
                            {t('item.hash', { hash: published.hash })}
                          </Typography.Text>
                        </Flex>
                      ) : null}
                      {editing && restored ? (
                        <Alert
                          type="info"
                          showIcon
                          title={t('item.draftRestored')}
                          style={{ marginBottom: 8 }}
                          data-testid="draft-restored"
                        />
                      ) : null}
                      {editing && validate.data?.ok ? (
                        <Alert
                          type="success"
                          showIcon
                          title={t('rules.valid')}
                          style={{ marginBottom: 8 }}
                          data-testid="rule-valid"
                        />
                      ) : null}
                      {validate.error ? <ErrorAlert error={validate.error} /> : null}
                      {publish.error && !(publish.error instanceof ApiError && publish.error.issues.length) ? (
                        <ErrorAlert error={publish.error} />
                      ) : null}
                      {elsewhere.length ? (
                        <Alert
                          type={errorsCount ? 'error' : 'warning'}
                          showIcon
                          style={{ marginBottom: 8 }}
                          title={t('rules.issuesElsewhere')}
                          description={elsewhere.map((x, n) => <div key={n}>{issueLine(x, issueKind)}</div>)}
                          data-testid="rule-issues"
                        />
                      ) : null}
                      {shown ? (
                        <RuleEditor
                          rule={shown}
                          onChange={editing ? change : undefined}
                          issues={shownIssues}
                          matchedRows={matchedRows}
                        />
                      ) : null}
                    </Section>
                  </Col>
                  <Col xs={24} xxl={10}>
                    <Section title={t('rules.parameters')}>
                      {shown ? (
                        <ParameterList ids={parametersUsed(shown)} parameters={parameters.data ?? []} asOf={asOf} />
                      ) : null}
                    </Section>
                  </Col>
                </Row>
                <Section title={t('test.title')}>
                  <TestPanel itemId={id} draft={tested} asOf={asOf} onAsOf={setAsOf} onDecision={onDecision} />
                </Section>
              </>
            ),
          },
          { key: 'delivery', label: t('item.tabs.delivery'), children: <DeliveryPanel itemId={id} /> },
        ]}
      />
      <Modal
        open={publishing}
        title={t('rules.publish')}
        onCancel={() => setPublishing(false)}
        onOk={runPublish}
        okButtonProps={
          {
            loading: publish.isPending,
            disabled: !/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom),
            'data-testid': 'publish-ok',
          } as never
        }
      >
        <Flex vertical gap={8}>
          <span>{t('rules.publishEffective')}</span>
          <Input
            type="date"
            value={effectiveFrom}
            min={latest?.effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
            data-testid="publish-effective"
          />
          {publish.error ? <ErrorAlert error={publish.error} /> : null}
        </Flex>
      </Modal>
    </>
  );
}
