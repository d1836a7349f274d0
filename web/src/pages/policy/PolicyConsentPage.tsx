// /policy/consent?token=… — public, no account: the page behind the link in the notification (SMS) an enterprise gets
// when a benefit was confirmed for it. One click consents (POST /api/public/policy/consent with the link's token); an
// enterprise that disagrees raises a complaint instead (POST /api/public/policy/complaints), which becomes a ledger
// item it can track. Kept small: plain elements and the form controls the public pages already load.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Flex, Form, Input, Select } from 'antd';
import { fieldErrorsOf } from '../../api/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PublicLayout } from '../../components/PublicLayout.tsx';
import { Section } from '../../components/Section.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ExplanationView } from '../../modules/policy/components/ExplanationView.tsx';
import {
  useComplaint,
  useConsent,
  useConsentPreview,
  usePublicItems,
  type ComplaintBody,
} from '../../modules/policy/hooks/useConsent.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';

function ComplaintForm({ itemId }: { itemId?: string }) {
  const { t } = usePolicyText();
  const { issue } = useI18n();
  const items = usePublicItems(true);
  const complain = useComplaint();
  const [form] = Form.useForm<ComplaintBody>();
  const preselected = itemId && items.data?.some((i) => i.id === itemId) ? itemId : undefined;
  const errors = Object.fromEntries(
    fieldErrorsOf(complain.error, issue).map((e) => [String(e.name[0]), e.errors.join('; ')]),
  );
  const at = (name: keyof ComplaintBody) =>
    errors[name] ? { validateStatus: 'error' as const, help: errors[name] } : {};
  if (complain.data)
    return (
      <Alert
        type="success"
        showIcon
        title={t('consent.receipt', { ...complain.data })}
        description={<Link to="/track">{t('consent.track')}</Link>}
        data-testid="complaint-receipt"
      />
    );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ policyItemId: preselected }}
      onFinish={(v) => complain.mutate({ ...v, uscc: v.uscc.trim().toUpperCase() })}
      data-testid="complaint-form"
    >
      <Form.Item
        name="policyItemId"
        label={t('consent.policyItem')}
        rules={[{ required: true }]}
        {...at('policyItemId')}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={items.isLoading}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.department}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="organization"
        label={t('consent.organization')}
        rules={[{ required: true, whitespace: true }]}
        {...at('organization')}
      >
        <Input autoComplete="organization" />
      </Form.Item>
      <Form.Item name="uscc" label={t('consent.uscc')} rules={[{ required: true, len: 18 }]} {...at('uscc')}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="phone" label={t('consent.phone')} rules={[{ required: true }]} {...at('phone')}>
        <Input type="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('consent.description')}
        rules={[{ required: true, min: 10 }]}
        {...at('description')}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      {complain.error && !Object.keys(errors).length ? <ErrorAlert error={complain.error} /> : null}
      <Button type="primary" htmlType="submit" loading={complain.isPending}>
        {t('consent.submit')}
      </Button>
    </Form>
  );
}

export default function PolicyConsentPage() {
  const { t, formatNumber } = usePolicyText();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const consent = useConsent();
  const preview = useConsentPreview(token);
  const [complaining, setComplaining] = useState(false);
  const r = consent.data;
  const p = preview.data;
  return (
    <PublicLayout>
      <PageTitle intro={t('consent.intro')}>{t('consent.title')}</PageTitle>
      {!token ? <Alert type="warning" showIcon title={t('consent.noToken')} /> : null}
      {token && !r ? (
        <Section data-testid="consent-offer">
          <p style={{ marginTop: 0 }}>{t('consent.what')}</p>
          {preview.error ? <ErrorAlert error={preview.error} /> : null}
          {p ? (
            <div data-testid="consent-preview">
              <p style={{ fontSize: 16, fontWeight: 600 }}>
                {t('consent.offer', { enterprise: p.enterpriseName, item: p.itemName })}
              </p>
              <p>
                {p.amount === null
                  ? t('consent.amountUnknown')
                  : t('consent.amount', { amount: formatNumber(p.amount) })}
              </p>
              <p style={{ marginBottom: 8 }}>{t('consent.why', { asOf: p.asOf })}</p>
              <div style={{ overflowX: 'auto' }}>
                <ExplanationView decision={p.explanation} />
              </div>
            </div>
          ) : null}
          {consent.error ? <ErrorAlert error={consent.error} /> : null}
          {preview.error ? null : (
            <Button
              type="primary"
              size="large"
              block
              loading={consent.isPending}
              onClick={() => consent.mutate(token)}
              data-testid="consent-button"
              style={{ marginTop: 12 }}
            >
              {t('consent.button')}
            </Button>
          )}
        </Section>
      ) : null}
      {r ? (
        <Section title={t('consent.done')} data-testid="consent-done">
          <p style={{ marginTop: 0, fontSize: 16 }}>
            {t('consent.doneText', { enterprise: r.enterpriseName, item: r.itemName })}
          </p>
          <p>
            {r.amount === null ? t('consent.amountUnknown') : t('consent.amount', { amount: formatNumber(r.amount) })}
          </p>
          <p style={{ marginBottom: 0 }}>{t('consent.status', { status: t(`candidates.statuses.${r.status}`) })}</p>
        </Section>
      ) : null}
      <Flex vertical gap={8}>
        {complaining ? (
          <Section title={t('consent.complaintTitle')}>
            <ComplaintForm itemId={r?.itemId ?? p?.itemId} />
          </Section>
        ) : (
          <Button
            type="link"
            onClick={() => setComplaining(true)}
            style={{ alignSelf: 'flex-start', padding: 0 }}
            data-testid="complain-link"
          >
            {t('consent.complain')}
          </Button>
        )}
      </Flex>
    </PublicLayout>
  );
}
