// A failed request as the user sees it: the error's meaning in their language, with the server's detail underneath.
import { Alert } from 'antd';
import { ApiError } from '../api/client.ts';
import { errorKeyOf } from '../api/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function ErrorAlert({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const detail = error instanceof ApiError && lang === 'en-US' ? error.message : undefined;
  return <Alert type="error" showIcon role="alert" title={t(errorKeyOf(error))} description={detail} />;
}
