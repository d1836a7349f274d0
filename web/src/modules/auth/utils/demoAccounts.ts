// The demo accounts the seed creates (README.md): shown on the login page in demo mode only.
import type { Role } from '@tingquan/common/enums';

export const DEMO_PASSWORD = 'Tingquan#2026';

export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'dispatcher', role: 'dispatcher' },
  { username: 'dispatcher.shenhe', role: 'dispatcher' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'supervisor.shenhe', role: 'supervisor' },
  { username: 'clerk', role: 'window_clerk' },
  { username: 'clerk.shenhe', role: 'window_clerk' },
  { username: 'handler', role: 'handler' },
  { username: 'handler.tax', role: 'handler' },
  { username: 'handler.power', role: 'handler' },
  { username: 'lead', role: 'dept_lead' },
  { username: 'inspector', role: 'inspector' },
  { username: 'officer', role: 'officer' },
  { username: 'policy', role: 'policy_admin' },
  { username: 'citizen', role: 'requester' },
];
