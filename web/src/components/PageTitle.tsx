// A page's heading and optional introduction (plain elements: the public bundle does without Typography).
import type { ReactNode } from 'react';
import { theme } from 'antd';

export function PageTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: token.margin }}>
      <h1
        style={{
          fontSize: token.fontSizeHeading3,
          fontWeight: token.fontWeightStrong,
          color: token.colorTextHeading,
          margin: `0 0 ${token.marginXS}px`,
        }}
      >
        {children}
      </h1>
      {intro ? <p style={{ color: token.colorTextSecondary, margin: 0 }}>{intro}</p> : null}
    </div>
  );
}
