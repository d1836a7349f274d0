// Asks for the tracking code and PIN.
import { Button, Form, Input } from 'antd';
import { trackingQuery } from '@tingquan/common/schemas/items';
import { validateWith } from '../../../components/forms/zodFieldErrors.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { TrackingAuth } from '../hooks/useTracking.ts';

export function TrackLookup({
  initial,
  onLookUp,
  loading,
}: {
  initial?: TrackingAuth | null;
  onLookUp: (auth: TrackingAuth) => void;
  loading: boolean;
}) {
  const { t, issue } = useI18n();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial ?? undefined}
      onFinish={(values) => {
        const r = validateWith(trackingQuery, values, issue);
        if (!r.ok) form.setFields(r.errors);
        else onLookUp(r.data);
      }}
    >
      <Form.Item name="code" label={t('fields.code')} required>
        <Input autoComplete="off" style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Form.Item name="pin" label={t('fields.pin')} required>
        <Input.Password autoComplete="off" inputMode="numeric" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading} data-testid="track-submit">
        {t('track.lookUp')}
      </Button>
    </Form>
  );
}
