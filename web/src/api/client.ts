// The one fetch client: JSON in and out, the CSRF header on every non-GET request, error bodies turned into ApiError.
import type { ErrorBody, ErrorCode, FieldIssue } from '@tingquan/common/errors';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly issues: FieldIssue[];
  readonly allowedActions?: string[];

  constructor(status: number, body: Omit<Partial<ErrorBody>, 'code'> & { code: ErrorCode | 'network' }) {
    super(body.message ?? body.code);
    this.status = status;
    this.code = body.code;
    this.issues = body.issues ?? [];
    this.allowedActions = body.allowedActions;
  }
}

let csrfToken: string | null = null;
/** Set from the session (login or /api/auth/me); sent as x-csrf-token on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (file upload) sets its own multipart content type.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: (e as Error).message });
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (
      data && typeof data === 'object' && 'code' in data
        ? data
        : { code: res.status >= 500 ? 'internal' : 'bad_request', message: text }
    ) as ErrorBody;
    throw new ApiError(res.status, err);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
