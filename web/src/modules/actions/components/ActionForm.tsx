// One form for any item action, built from its field list; checked with the shared schema, server issues at the fields.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { ItemAction } from '@tingquan/common/lifecycle';
import { LIMITS } from '@tingquan/common/schemas/primitives';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { dropEmpty, validateWith } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { ActionSpec, FieldSpec } from '../utils/actionFields.ts';

interface Props {
  action: ItemAction;
  spec: ActionSpec;
  submit: (body: Record<string, unknown>) => Promise<unknown>;
  onDone?: () => void;
  onCancel?: () => void;
  /** Issue paths of public tracking actions carry the body under "payload". */
  issuePrefix?: string[];
  departments?: { value: string; label: string }[];
  submitLabel?: string;
  /** Field labels to use instead of fields.<name> (the tracking page asks the three questions in full). */
  labels?: Record<string, string>;
}

/** Form.Item hands its child value, onChange and id: they are passed on to the actual control. */
function FieldInput({
  field,
  departments,
  ...control
}: {
  field: FieldSpec;
  departments?: Props['departments'];
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const c = control as Record<string, never>;
  switch (field.kind) {
    case 'text':
      return <Input maxLength={64} {...c} />;
    case 'longText':
      return <Input.TextArea rows={3} maxLength={LIMITS.description} {...c} />;
    case 'number':
      return <InputNumber min={field.min} max={field.max} precision={0} {...c} />;
    case 'date':
      return <DatePicker {...c} />;
    case 'boolean':
      return (
        <Radio.Group
          {...c}
          optionType="button"
          options={[
            { value: true, label: t(field.yes ?? 'common.yes') },
            { value: false, label: t(field.no ?? 'common.no') },
          ]}
        />
      );
    case 'enum':
      return field.values.length <= 5 ? (
        <Radio.Group {...c} options={field.values.map((v) => ({ value: v, label: t(`${field.labels}.${v}`) }))} />
      ) : (
        <Select {...c} options={field.values.map((v) => ({ value: v, label: t(`${field.labels}.${v}`) }))} />
      );
    case 'department':
      return <Select {...c} showSearch={{ optionFilterProp: 'label' }} options={departments ?? []} />;
    case 'departments':
      return <Select {...c} mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={departments ?? []} />;
  }
}

export function ActionForm({
  action,
  spec,
  submit,
  onDone,
  onCancel,
  issuePrefix = [],
  departments,
  submitLabel,
  labels,
}: Props) {
  const { t, issue } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onFinish(raw: Record<string, unknown>) {
    setError(null);
    const values = dropEmpty(
      Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [
          k,
          v && typeof v === 'object' && 'format' in v
            ? (v as { format: (f: string) => string }).format('YYYY-MM-DD')
            : v,
        ]),
      ),
    );
    let body: Record<string, unknown> = values;
    if (spec.schema) {
      const checked = validateWith(spec.schema, values, issue);
      if (!checked.ok) {
        form.setFields(checked.errors);
        return;
      }
      body = checked.data as Record<string, unknown>;
    }
    setBusy(true);
    try {
      await submit(body);
      form.resetFields();
      onDone?.();
    } catch (e) {
      const fields = fieldErrorsOf(e, issue, issuePrefix);
      if (fields.length) form.setFields(fields);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      form={form}
      name={action}
      layout="vertical"
      onFinish={onFinish}
      requiredMark="optional"
      data-testid={`action-form-${action}`}
    >
      {spec.fields.map((f) => (
        <Form.Item key={f.name} name={f.name} label={labels?.[f.name] ?? t(`fields.${f.name}`)} required={f.required}>
          <FieldInput field={f} departments={departments} />
        </Form.Item>
      ))}
      {error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Space wrap>
        <Button type="primary" danger={spec.danger} htmlType="submit" loading={busy} data-testid={`submit-${action}`}>
          {submitLabel ?? t(`actions.${action}`)}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
