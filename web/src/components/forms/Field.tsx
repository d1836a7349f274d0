// A labelled form field with its error underneath, for the forms that do without Ant Design's Form (the public intake,
// where Form and its validator would cost ~30 KB gzipped; the shared Zod schema does the checking instead).
import type { ReactNode } from 'react';
import { theme } from 'antd';

interface Props {
  id: string;
  label: ReactNode;
  required?: boolean;
  error?: string;
  help?: ReactNode;
  children: ReactNode;
}

export function Field({ id, label, required, error, help, children }: Props) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: token.marginMD }} data-field={id}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: token.marginXXS, color: token.colorTextHeading }}>
        {label}
        {required ? (
          <span aria-hidden style={{ color: token.colorError, marginInlineStart: 4 }}>
            *
          </span>
        ) : null}
      </label>
      {children}
      {help ? (
        <div style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM, marginTop: token.marginXXS }}>
          {help}
        </div>
      ) : null}
      {error ? (
        <div
          id={`${id}-error`}
          role="alert"
          style={{ color: token.colorError, fontSize: token.fontSizeSM, marginTop: token.marginXXS }}
        >
          {error}
        </div>
      ) : null}
    </div>
  );
}
