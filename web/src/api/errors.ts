// Turns an API error into what a form shows: field errors at their fields, the rest as one message in the user's language.
import { ApiError } from './client.ts';

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

/** "body.requester.phone" → ["requester", "phone"]; `strip` drops a wrapper such as "payload" of tracking actions. */
export function issuePathToField(path: string, strip: string[] = []): (string | number)[] {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  while (parts.length && strip.includes(parts[0])) parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function fieldErrorsOf(err: unknown, translate: (m: string) => string, strip: string[] = []): FieldError[] {
  if (!(err instanceof ApiError)) return [];
  return err.issues.map((i) => ({ name: issuePathToField(i.path, strip), errors: [translate(i.message)] }));
}

/** The i18n key of the message for an error (by code; the server's own text is kept for unknown codes). */
export function errorKeyOf(err: unknown): string {
  if (err instanceof ApiError) return `errors.${err.code}`;
  return 'errors.network';
}
