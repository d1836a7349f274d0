// Ant Design configured once for the whole app: brand colour and the warning colours used by countdowns.
import type { ThemeConfig } from 'antd';

export const WARN_COLORS = { none: '#389e0d', yellow: '#d48806', red: '#cf1322' } as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b71c1c',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
};
