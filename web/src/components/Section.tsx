// A titled panel for the public pages: looks like a small Card but without Card's tabs (and their menu and dropdown),
// which would add ~25 KB gzipped to the intake bundle.
import type { ReactNode } from 'react';
import { theme } from 'antd';

interface Props {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

export function Section({ title, extra, children, ...rest }: Props) {
  const { token } = theme.useToken();
  return (
    <section
      data-testid={rest['data-testid']}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        marginBottom: 12,
      }}
    >
      {title || extra ? (
        <header
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
            padding: `${token.paddingXS}px ${token.padding}px`,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            fontWeight: token.fontWeightStrong,
            fontSize: token.fontSize,
            minHeight: 38,
          }}
        >
          <h2 style={{ margin: 0, fontSize: 'inherit', fontWeight: 'inherit', overflowWrap: 'anywhere' }}>{title}</h2>
          {extra}
        </header>
      ) : null}
      <div style={{ padding: token.padding }}>{children}</div>
    </section>
  );
}
