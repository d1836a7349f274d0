// Staff pages need a session: signed-out visitors are sent to the login page and come back afterwards.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../modules/auth/hooks/useMe.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PageLoading } from './PageLoading.tsx';

export function RequireStaff({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.error) return <ErrorAlert error={me.error} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
