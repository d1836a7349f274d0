// /login — staff sign-in; the demo accounts are listed when the server runs the demo.
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Flex, Form, Input, Table, Typography } from 'antd';
import { loginBody } from '@tingquan/common/schemas/org';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PublicLayout } from '../components/PublicLayout.tsx';
import { validateWith } from '../components/forms/zodFieldErrors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLogin } from '../modules/auth/hooks/useAuthMutations.ts';
import { useHealth } from '../modules/auth/hooks/useHealth.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/auth/utils/demoAccounts.ts';

export default function LoginPage() {
  const { t, issue } = useI18n();
  const [form] = Form.useForm();
  const login = useLogin();
  const health = useHealth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  // Only same-site paths: an open redirect would let a link send a fresh session elsewhere.
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  const demo = health.data?.demo === true;

  async function onFinish(values: unknown) {
    const r = validateWith(loginBody, values, issue);
    if (!r.ok) return form.setFields(r.errors);
    try {
      await login.mutateAsync(r.data);
      navigate(target, { replace: true });
    } catch {
      // shown below
    }
  }

  return (
    <PublicLayout>
      <Flex vertical gap={16} style={{ maxWidth: 420, margin: '0 auto' }}>
        <Card title={t('login.title')}>
          <Form form={form} layout="vertical" onFinish={onFinish}>
            <Form.Item name="username" label={t('fields.username')} required>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('fields.password')} required>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {login.error ? (
              <div style={{ marginBottom: 12 }}>
                <ErrorAlert error={login.error} />
              </div>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {demo ? (
          <Card size="small" title={t('login.demoTitle')}>
            <Typography.Paragraph type="secondary">
              {t('login.demoHint')} <Typography.Text code>{DEMO_PASSWORD}</Typography.Text>
            </Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="username"
              dataSource={DEMO_ACCOUNTS}
              columns={[
                { dataIndex: 'username', title: t('fields.username') },
                { dataIndex: 'role', title: t('login.role'), render: (r: string) => t(`enums.role.${r}`) },
                {
                  key: 'use',
                  render: (_: unknown, a) => (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => form.setFieldsValue({ username: a.username, password: DEMO_PASSWORD })}
                    >
                      {t('login.useAccount')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        ) : null}
      </Flex>
    </PublicLayout>
  );
}
