// A modal form of the organisation editors: fields from a list, the server's 400 issues shown at their fields and any
// other failure (a conflict, a refusal) as one message above the buttons.
import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

export type OrgField =
  | { name: string; label: string; kind: 'text'; required?: boolean; disabled?: boolean; maxLength?: number }
  | { name: string; label: string; kind: 'number'; required?: boolean }
  | {
      name: string;
      label: string;
      kind: 'select';
      required?: boolean;
      disabled?: boolean;
      options: { value: string; label: string }[];
      allowClear?: boolean;
    };

interface Props {
  title: string;
  fields: OrgField[];
  initial?: Record<string, unknown>;
  /** Sends the values; a rejection with field issues marks those fields. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
  testId: string;
  /** Fields whose change the form reacts to (e.g. a level that shows the district picker). */
  onValuesChange?: (values: Record<string, unknown>) => void;
}

/** Rendered only while open (the caller mounts it), so that it starts from `initial` every time. */
export function OrgFormModal({ title, fields, initial, onSubmit, onClose, testId, onValuesChange }: Props) {
  const { t, issue } = useI18n();
  // The organisation API's own field messages first, then the shared schemas' ones.
  const translate = (m: string) => {
    const own = t(`admin.issues.${m}`);
    return own === `admin.issues.${m}` ? issue(m) : own;
  };
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function finish(values: Record<string, unknown>) {
    setError(null);
    setBusy(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      const issues = fieldErrorsOf(e, translate).filter((f) => fields.some((x) => x.name === f.name[0]));
      if (issues.length) form.setFields(issues.map((f) => ({ name: f.name[0], errors: f.errors })));
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${testId}-save` } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        name={testId}
        initialValues={initial}
        onFinish={finish}
        data-testid={testId}
        onValuesChange={(_c, all) => onValuesChange?.(all)}
      >
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} required={f.required}>
            {f.kind === 'text' ? (
              <Input disabled={f.disabled} maxLength={f.maxLength ?? 100} />
            ) : f.kind === 'number' ? (
              <InputNumber precision={0} style={{ width: '100%' }} />
            ) : (
              <Select
                disabled={f.disabled}
                allowClear={f.allowClear}
                showSearch={{ optionFilterProp: 'label' }}
                options={f.options}
              />
            )}
          </Form.Item>
        ))}
        {error ? <ErrorAlert error={error} /> : null}
      </Form>
    </Modal>
  );
}
