// Everything configured once: i18n, Ant Design (theme and locale), TanStack Query.
import { type ReactNode, useState } from 'react';
import { ConfigProvider } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { I18nProvider, useI18n } from '../i18n/I18nProvider.tsx';
import { theme } from '../theme/theme.ts';

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider theme={theme} locale={lang === 'zh-CN' ? zh_CN : en_US}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // A 4xx will not get better by asking again.
            retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
            refetchOnWindowFocus: false,
          },
        },
      }),
  );
  return (
    <I18nProvider>
      <QueryClientProvider client={client}>
        <Localized>{children}</Localized>
      </QueryClientProvider>
    </I18nProvider>
  );
}
