// The form that raises a problem: used by the public intake (no account) and by staff registering on someone's behalf.
// Validated on the client with the same shared schema as the server; the server's 400 issues land at their fields.
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { Section } from '../../../components/Section.tsx';
import { CHANNELS, ITEM_TYPES, REQUESTER_KINDS, TIERS } from '@tingquan/common/enums';
import { LIMITS } from '@tingquan/common/schemas/primitives';
import { publicIntakeBody, registerItemBody, type IntakeReceipt } from '@tingquan/common/schemas/items';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty, validateWith } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { usePublicLookups } from '../../lookups/hooks/usePublicLookups.ts';
import { useSubmitItem } from '../hooks/useSubmitItem.ts';
import { categoryTreeOptions } from '../utils/categoryTree.ts';
import { CategoryPicker } from './CategoryPicker.tsx';

interface Props {
  mode: 'public' | 'staff';
  onDone: (receipt: IntakeReceipt) => void;
}

const STAFF_CHANNELS = CHANNELS.filter((c) => c !== 'api');

export function ItemForm({ mode, onDone }: Props) {
  const { t, issue, lang } = useI18n();
  const [form] = Form.useForm();
  const lookups = usePublicLookups();
  const submit = useSubmitItem(mode);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const kind = Form.useWatch(['requester', 'kind'], form) ?? 'person';
  const districtId = Form.useWatch('districtId', form);
  const centreId = Form.useWatch('centreId', form);

  const centres = (lookups.data?.centres ?? []).filter((c) => !districtId || c.districtId === districtId);
  const windows = lookups.data?.centres.find((c) => c.id === centreId)?.windows ?? [];

  async function onFinish(raw: Record<string, unknown>) {
    setSubmitError(null);
    const values = dropEmpty({
      ...raw,
      channel: raw.channel ?? (window.matchMedia?.('(max-width: 767px)').matches ? 'mobile' : 'web'),
    });
    const checked = validateWith<unknown>(mode === 'public' ? publicIntakeBody : registerItemBody, values, issue);
    if (!checked.ok) {
      form.setFields(checked.errors);
      return;
    }
    try {
      onDone(await submit.mutateAsync(checked.data));
    } catch (e) {
      const fields = fieldErrorsOf(e, issue);
      if (fields.length) form.setFields(fields);
      setSubmitError(e);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ type: 'complaint', confidential: false, requester: { kind: 'person' }, ...(mode === 'staff' ? { channel: 'window' } : {}) }}
      requiredMark="optional"
      scrollToFirstError
      data-testid="item-form"
    >
      {lookups.error ? <ErrorAlert error={lookups.error} /> : null}
      <Section title={t('intake.sectionProblem')}>
        {mode === 'staff' ? (
          <Form.Item name="channel" label={t('fields.channel')} required>
            <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="type" label={t('fields.type')} required>
          <Radio.Group optionType="button" options={ITEM_TYPES.map((v) => ({ value: v, label: t(`enums.type.${v}`) }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('fields.category')} required>
          <CategoryPicker tree={categoryTreeOptions(lookups.data?.categories ?? [], lang === 'en-US')} loading={lookups.isPending} />
        </Form.Item>
        <Form.Item name="title" label={t('fields.title')} required>
          <Input maxLength={LIMITS.title} placeholder={t('fields.titlePlaceholder')} showCount />
        </Form.Item>
        <Form.Item name="description" label={t('fields.description')} required>
          <Input.TextArea maxLength={LIMITS.description} rows={5} placeholder={t('fields.descriptionPlaceholder')} showCount />
        </Form.Item>
        {mode === 'staff' ? (
          <Form.Item name="tier" label={t('fields.tier')}>
            <Select allowClear options={TIERS.map((v) => ({ value: v, label: t(`enums.tier.${v}`) }))} />
          </Form.Item>
        ) : null}
      </Section>

      <Section title={t('intake.sectionPlace')}>
        <Form.Item name="districtId" label={t('fields.district')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('intake.pickPlace')}
            options={(lookups.data?.districts ?? []).map((d) => ({ value: d.id, label: lang === 'en-US' && d.nameEn ? d.nameEn : d.name }))}
            onChange={() => form.setFieldsValue({ centreId: undefined, windowId: undefined })}
          />
        </Form.Item>
        <Form.Item name="centreId" label={t('fields.centre')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('intake.pickPlace')}
            options={centres.map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldsValue({ windowId: undefined })}
          />
        </Form.Item>
        <Form.Item name="windowId" label={t('fields.window')}>
          <Select allowClear placeholder={t('intake.pickPlace')} disabled={!centreId} options={windows.map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item name="placeText" label={t('fields.placeText')}>
          <Input maxLength={LIMITS.place} />
        </Form.Item>
      </Section>

      <Section title={t('intake.sectionContact')}>
        <Form.Item name={['requester', 'kind']} label={t('fields.requesterKind')} required>
          <Radio.Group optionType="button" options={REQUESTER_KINDS.map((v) => ({ value: v, label: t(`enums.requesterKind.${v}`) }))} />
        </Form.Item>
        {kind === 'enterprise' ? (
          <>
            <Form.Item name={['requester', 'organization']} label={t('fields.organization')} required>
              <Input maxLength={LIMITS.name} autoComplete="organization" />
            </Form.Item>
            <Form.Item name={['requester', 'uscc']} label={t('fields.uscc')}>
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </>
        ) : null}
        {kind !== 'anonymous' ? (
          <>
            <Form.Item name={['requester', 'name']} label={t('fields.name')}>
              <Input maxLength={LIMITS.name} autoComplete="name" />
            </Form.Item>
            <Form.Item name={['requester', 'phone']} label={t('fields.phone')} required>
              <Input inputMode="tel" maxLength={14} autoComplete="tel" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="confidential" valuePropName="checked" extra={t('fields.confidentialHelp')}>
          <Checkbox>{t('fields.confidential')}</Checkbox>
        </Form.Item>
      </Section>

      {submitError ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={submitError} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="submit-item">
        {mode === 'public' ? t('intake.submit') : t('register.submit')}
      </Button>
    </Form>
  );
}
