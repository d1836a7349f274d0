// The calculator's form: every fact of the enterprise file, grouped; a blank stays unknown (never counted as a fail).
import { Button, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { FACT_GROUPS, inputOf, optionsOf, type FormValues } from '../utils/facts.ts';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import { Section } from '../../../components/Section.tsx';
import type { BaseFactKey } from '@tingquan/common/policy/facts';

interface Props {
  onSubmit?: (values: FormValues, asOf: string | undefined) => void;
  loading?: boolean;
  fieldErrors?: Partial<Record<string, string>>;
  /** Live use (the rule editor's test panel): every change reported, one column, no submit buttons. */
  onChange?: (values: FormValues) => void;
}

export function FactsForm({ onSubmit, loading = false, fieldErrors = {}, onChange }: Props) {
  const live = !!onChange;
  const { t } = usePolicyText();
  const [form] = Form.useForm();
  const label = (k: BaseFactKey) => t(`factLabels.${k}`);
  const optionLabel = (k: BaseFactKey, v: string) => {
    const text = t(`enums.${k}.${v}`);
    return text.startsWith('enums.') ? v : text;
  };
  const control = (k: BaseFactKey) => {
    switch (inputOf(k)) {
      case 'number':
        return <InputNumber min={0} style={{ width: '100%' }} />;
      case 'percent':
        return <InputNumber style={{ width: '100%' }} suffix="%" />;
      case 'date':
        return <Input type="date" />;
      case 'text':
        return (
          <Input
            placeholder={t(`facts.placeholders.${k}`).startsWith('facts.') ? undefined : t(`facts.placeholders.${k}`)}
          />
        );
      case 'select':
        return <Select allowClear options={optionsOf(k).map((v) => ({ value: v, label: optionLabel(k, v) }))} />;
      case 'multi':
        return (
          <Select
            mode="multiple"
            allowClear
            placeholder={t('facts.placeholders.certifications')}
            options={optionsOf(k).map((v) => ({ value: v, label: v }))}
          />
        );
      case 'boolean':
        return (
          <Select
            allowClear
            options={[
              { value: false, label: t('facts.no') },
              { value: true, label: t('facts.yes') },
            ]}
          />
        );
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      size={live ? 'small' : undefined}
      onFinish={(v: FormValues & { asOf?: string }) => onSubmit?.(v, v.asOf || undefined)}
      onValuesChange={onChange ? (_: unknown, all: FormValues) => onChange(all) : undefined}
      data-testid="facts-form"
    >
      {FACT_GROUPS.map((g) => (
        <Section key={g.id} title={t(`facts.groups.${g.id}`)}>
          <Row gutter={12}>
            {g.facts.map((k) => (
              <Col xs={24} sm={12} xxl={live ? 8 : 12} key={k}>
                <Form.Item
                  name={k}
                  label={label(k)}
                  htmlFor={`fact-${k}`}
                  validateStatus={fieldErrors[k] ? 'error' : undefined}
                  help={fieldErrors[k]}
                >
                  {control(k)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Section>
      ))}
      {live ? null : (
        <Space wrap>
          <Form.Item name="asOf" label={t('calculator.asOf')} style={{ marginBottom: 0 }}>
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="calculate">
            {t('calculator.submit')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('calculator.reset')}</Button>
        </Space>
      )}
    </Form>
  );
}
